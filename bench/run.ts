// `npm run bench`: every benchmark in turn (each prints its table and a JSON line). Arguments are
// passed to each, e.g. `npm run bench -- --runs 1`. Benchmarks, not tests: the machine is shared.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';

const benches = ['accounts', 'backup'];
let failed = 0;
for (const name of benches) {
  const entry = join(__dirname, name, 'run.ts');
  if (!existsSync(entry)) {
    console.log(`bench ${name}: not present (${entry})`);
    continue;
  }
  console.log(`\n=== bench ${name}`);
  const r = spawnSync(process.execPath, [require.resolve('tsx/cli'), entry, ...process.argv.slice(2)], { stdio: 'inherit' });
  if (r.status !== 0) failed += 1;
}
process.exit(failed > 0 ? 1 : 0);
