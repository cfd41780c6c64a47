// `npm run store:check -- ./my-store.js [--timeout-ms N]`: checks a RemoteAuth store of your own (whatsapp-web.js's
// Store interface: sessionExists, save, extract, delete) against the cases in
// main/backup/testing/remoteAuthStoreContract.ts, one line per case, then `N passed, N failed`.
// Exit 0 when every case passed, 1 when one failed, 2 when the module could not be loaded or used.
// The cases save sessions named RemoteAuth-storecheck-<random>-… (and "RemoteAuth" only when the store has
// none), delete them again, and run in a fresh temporary folder: your current directory is never written.
import { existsSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { runRemoteAuthStoreContract, storeFromModule, summaryLine, type CaseResult } from '../main/backup/testing/remoteAuthStoreContract';

const USAGE = 'usage: npm run store:check -- <path to your store module> [--timeout-ms N]';

interface Args {
  module: string;
  timeoutMs: number;
}

export function parseArgs(argv: string[]): Args | string {
  let module: string | undefined;
  let timeoutMs = 30_000;
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]!;
    if (a === '--timeout-ms') {
      const n = Number(argv[++i]);
      if (!Number.isInteger(n) || n < 100) return `--timeout-ms needs a whole number of milliseconds (at least 100).\n${USAGE}`;
      timeoutMs = n;
    } else if (a === '--help' || a === '-h') {
      return USAGE;
    } else if (a.startsWith('-')) {
      return `Unknown option ${a}.\n${USAGE}`;
    } else if (module) {
      return `Only one store module can be checked at a time.\n${USAGE}`;
    } else {
      module = a;
    }
  }
  return module ? { module, timeoutMs } : `Name the module that exports your store.\n${USAGE}`;
}

function line(r: CaseResult): string {
  const tag = r.status === 'passed' ? 'PASS' : r.status === 'failed' ? 'FAIL' : 'SKIP';
  return `  ${tag}  ${r.name} (${r.ms} ms)${r.detail ? `\n        ${r.detail}` : ''}`;
}

async function main(argv: string[]): Promise<number> {
  const args = parseArgs(argv);
  if (typeof args === 'string') {
    console.error(args);
    return 2;
  }
  // npm runs scripts in the package folder; INIT_CWD is where `npm run store:check` was typed.
  const file = resolve(process.env['INIT_CWD'] ?? process.cwd(), args.module);
  if (!existsSync(file)) {
    console.error(`store:check: ${file} does not exist.\n${USAGE}`);
    return 2;
  }
  let mod: unknown;
  try {
    mod = await import(pathToFileURL(file).href);
  } catch (err) {
    console.error(`store:check: could not load ${args.module}: ${(err as Error)?.message ?? String(err)}`);
    return 2;
  }
  const workDir = await mkdtemp(join(tmpdir(), 'store-check-'));
  try {
    let store: Awaited<ReturnType<typeof storeFromModule>>;
    try {
      store = await storeFromModule(mod, { dataPath: workDir }, args.module);
    } catch (err) {
      console.error(`store:check: ${(err as Error)?.message ?? String(err)}`);
      return 2;
    }
    console.log(`store:check ${args.module} (RemoteAuth dataPath and current directory for the cases: ${workDir})`);
    const report = await runRemoteAuthStoreContract(store, { workDir, callTimeoutMs: args.timeoutMs, trapUncaught: true, onResult: (r) => console.log(line(r)) });
    if (report.leftBehind.length) console.log(`note: could not delete the check's own sessions ${report.leftBehind.join(', ')}; delete them by hand.`);
    await closeStore(store);
    console.log(summaryLine(report.results));
    return report.results.some((r) => r.status === 'failed') ? 1 : 0;
  } finally {
    await rm(workDir, { recursive: true, force: true });
  }
}

/** Stores that hold connections (a database client) keep Node running; close them when they say how. */
async function closeStore(store: object): Promise<void> {
  const close = (store as { close?: unknown }).close;
  if (typeof close === 'function') await Promise.resolve(close.call(store)).catch(() => undefined);
}

if (require.main === module) {
  main(process.argv.slice(2)).then(
    (code) => process.exit(code),
    (err: unknown) => {
      console.error(`store:check: ${(err as Error)?.stack ?? String(err)}`);
      process.exit(2);
    },
  );
}
