// A store that fails the way wwebjs-mongo 1.1.0 does with whatsapp-web.js 1.34.7: without a zip to
// read, save never settles, and a stream error escapes as an uncaught exception (here from extract).
// store:check must fail those cases by name, neither hang nor crash.
const fs = require('node:fs');

const saved = new Map();
module.exports = {
  async sessionExists({ session }) {
    return saved.has(session);
  },
  async save({ session }) {
    if (!fs.existsSync(`${session}.zip`)) return new Promise(() => {});
    saved.set(session, fs.readFileSync(`${session}.zip`));
  },
  async extract({ path }) {
    setImmediate(() => {
      throw new Error(`ENOENT: no such file or directory, open '${path}'`);
    });
    await new Promise(() => {});
  },
  async delete({ session }) {
    saved.delete(session);
  },
};
