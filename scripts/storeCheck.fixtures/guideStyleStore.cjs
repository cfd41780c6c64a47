// A good store written the way whatsapp-web.js's guide shows stores (CommonJS class, no arguments):
// save reads `<session>.zip` from the current directory, as wwebjs-mongo does.
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');

module.exports = class GuideStyleStore {
  constructor() {
    this.dir = fs.mkdtempSync(path.join(os.tmpdir(), 'guide-style-store-'));
  }
  file(session) {
    return path.join(this.dir, `${session}.zip`);
  }
  async sessionExists({ session }) {
    return fs.existsSync(this.file(session));
  }
  async save({ session }) {
    await fs.promises.copyFile(`${session}.zip`, `${this.file(session)}.part`);
    await fs.promises.rename(`${this.file(session)}.part`, this.file(session));
  }
  async extract({ session, path: target }) {
    await fs.promises.mkdir(path.dirname(target), { recursive: true });
    await fs.promises.copyFile(this.file(session), target);
  }
  async delete({ session }) {
    await fs.promises.rm(this.file(session), { force: true });
  }
  async close() {
    await fs.promises.rm(this.dir, { recursive: true, force: true });
  }
};
