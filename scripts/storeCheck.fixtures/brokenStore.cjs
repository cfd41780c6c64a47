// A deliberately broken store for `store:check`'s tests: it says every session exists, keeps only the
// last zip it was given whatever the session, extract writes nothing, delete does nothing, and save
// never notices a missing zip.
const fs = require('node:fs');

module.exports = class BrokenStore {
  constructor() {
    this.last = null;
  }
  async sessionExists() {
    return true;
  }
  async save({ session }) {
    try {
      this.last = fs.readFileSync(`${session}.zip`);
    } catch {
      // a missing zip is ignored: the bug under test
    }
  }
  async extract() {}
  async delete() {}
};
