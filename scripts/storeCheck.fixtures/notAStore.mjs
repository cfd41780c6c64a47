// Not a RemoteAuth store: save and delete are missing (store:check must say so and exit 2).
export default {
  async sessionExists() {
    return false;
  },
  async extract() {},
};
