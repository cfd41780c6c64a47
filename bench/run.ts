// `npm run bench`: every benchmark in turn, with its defaults (each prints its table and a JSON line).
// For options run one alone: npm run bench:sim|bench:accounts|bench:backup|bench:api -- --help-like flags in each
// file's header. Benchmarks, not tests: the machine is shared, compare within one run.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';

const benches = ['sim', 'accounts', 'backup', 'api'];
let failed = 0;
for (const name of benches) {
  const entry = join(__dirname, name, name === 'sim' ? 'timings.ts' : 'run.ts');
  if (!existsSync(entry)) {
    console.log(`bench ${name}: not present (${entry})`);
    continue;
  }
  console.log(`\n=== bench ${name}`);
  const r = spawnSync(process.execPath, [require.resolve('tsx/cli'), entry], { stdio: 'inherit' });
  if (r.status !== 0) failed += 1;
}
process.exit(failed > 0 ? 1 : 0);
