#!/usr/bin/env node
// `npm start` (after `npm run build`): the desktop app where Electron's binary can be had; otherwise
// one line saying why, then the very same app served to the browser by the web host.
// Arguments are passed on: `npm start -- --port 8080` (web host) or to Electron's app.
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { electronVersion, failureReason, fetchElectron, findElectron, downloadHost } from './electronBinary.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const args = process.argv.slice(2);
const webEntry = path.join(root, 'dist/main/web.cjs');
const electronEntry = path.join(root, 'dist/main/electron.cjs');

function progressPrinter() {
  const tty = process.stderr.isTTY;
  let lastStep = -1;
  let started = false;
  return {
    update({ percent = 0, transferred = 0, total }) {
      if (transferred === 0) return; // nothing has arrived yet: stay silent, the host may be unreachable
      started = true;
      const pct = Math.floor(percent * 100);
      const mb = (n) => (n / 1e6).toFixed(1);
      const text = `Downloading Electron ${electronVersion} from ${downloadHost()}: ${pct}% (${mb(transferred)}${total ? ` of ${mb(total)}` : ''} MB)`;
      if (tty) process.stderr.write(`\r${text}\x1b[K`);
      else if (Math.floor(pct / 10) !== lastStep) {
        lastStep = Math.floor(pct / 10);
        process.stderr.write(text + '\n');
      }
    },
    end() {
      if (started && tty) process.stderr.write('\n');
    },
  };
}

/** Runs a child with our terminal, forwards termination signals, and exits the way it exits. */
function run(command, commandArgs, env = process.env) {
  const child = spawn(command, commandArgs, { stdio: 'inherit', env });
  const signals = ['SIGINT', 'SIGTERM', 'SIGHUP'];
  const forward = (signal) => {
    if (child.exitCode === null && child.signalCode === null) child.kill(signal);
  };
  for (const s of signals) process.on(s, forward);
  return new Promise((resolve, reject) => {
    child.once('error', (err) => {
      for (const s of signals) process.off(s, forward);
      reject(err);
    });
    child.once('exit', (code, signal) => {
      for (const s of signals) process.off(s, forward);
      resolve({ code, signal });
    });
  });
}

function exitLike({ code, signal }) {
  if (signal) {
    // Die of the same signal, so whoever started us sees what happened to the app.
    process.kill(process.pid, signal);
    return;
  }
  process.exit(code ?? 1);
}

async function runWeb(reason) {
  console.log(`${reason}; serving the app in your browser instead.`);
  if (!existsSync(webEntry)) {
    console.error(`${path.relative(root, webEntry)} is missing: run \`npm run build\` first (npm start does).`);
    process.exit(1);
  }
  exitLike(await run(process.execPath, [webEntry, ...args]));
}

async function main() {
  if (!existsSync(electronEntry)) {
    console.error(`${path.relative(root, electronEntry)} is missing: run \`npm run build\` first (npm start does).`);
    process.exit(1);
  }

  let electron = findElectron();
  if (!electron) {
    const progress = progressPrinter();
    try {
      electron = await fetchElectron({ onProgress: (p) => progress.update(p) });
      progress.end();
    } catch (err) {
      progress.end();
      return runWeb(`Electron ${electronVersion} could not be downloaded: ${failureReason(err)}`);
    }
  }

  if (process.platform === 'linux' && !process.env.DISPLAY && !process.env.WAYLAND_DISPLAY) {
    return runWeb('No display to open a window on (DISPLAY and WAYLAND_DISPLAY are unset)');
  }

  const electronArgs = [root, ...args];
  if (process.platform === 'linux' && process.getuid?.() === 0) {
    // Chromium's sandbox refuses to start as root; run as a normal user to keep it.
    console.log('Running as root: starting Electron with --no-sandbox (run as a normal user to keep the sandbox).');
    electronArgs.unshift('--no-sandbox');
  }
  // If set, this variable makes the Electron binary behave as plain Node and ignore the app.
  const env = { ...process.env };
  delete env.ELECTRON_RUN_AS_NODE;
  try {
    exitLike(await run(electron, electronArgs, env));
  } catch (err) {
    return runWeb(`Electron could not be started: ${err.code ?? err.message}`);
  }
}

main().catch((err) => {
  console.error(`npm start failed: ${err instanceof Error ? err.message : String(err)}`);
  process.exit(1);
});
