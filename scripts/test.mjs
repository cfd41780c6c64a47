#!/usr/bin/env node
// `npm test`: prerequisites, typecheck, lint, build, Vitest (units, integration, packaging), Playwright e2e.
// The prerequisites step (scripts/prereqs/cli.ts) runs first and alone: when the machine lacks a program
// the tests need and it cannot install it, nothing else runs (one line per missing program, exit 1).
// Every step runs even when an earlier one failed, so one run shows everything that is wrong;
// the last line sums all runners as `N passed, N failed, N skipped`.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const results = join(root, 'test-results');
const npx = process.platform === 'win32' ? 'npx.cmd' : 'npx';
const totals = { passed: 0, failed: 0, skipped: 0 };
const lines = [];

function run(title, cmd, args, extraEnv = {}) {
  console.log(`\n=== ${title}: ${cmd} ${args.join(' ')}`);
  const started = Date.now();
  const r = spawnSync(cmd, args, { cwd: root, stdio: 'inherit', env: { ...process.env, ...extraEnv } });
  const seconds = ((Date.now() - started) / 1000).toFixed(1);
  return { ok: r.status === 0, seconds, status: r.status ?? r.signal };
}

function single(title, cmd, args) {
  const r = run(title, cmd, args);
  totals[r.ok ? 'passed' : 'failed'] += 1;
  lines.push(`${title}: ${r.ok ? 'ok' : `FAILED (exit ${r.status})`} in ${r.seconds}s`);
  return r.ok;
}

function readJson(file) {
  try {
    return JSON.parse(readFileSync(file, 'utf8'));
  } catch {
    return null;
  }
}

rmSync(results, { recursive: true, force: true });
mkdirSync(results, { recursive: true });

{
  const r = run('prerequisites', npx, ['tsx', 'scripts/prereqs/cli.ts']);
  if (!r.ok) {
    console.log(`\nnpm test stopped before the first test: install what is listed above, then run npm test again.`);
    process.exit(1);
  }
}

single('typecheck', npx, ['tsc', '-b']);
single('lint', npx, ['eslint', '.']);
const built = single('build', 'npm', ['run', 'build', '--silent']);

// Vitest
{
  const file = join(results, 'vitest.json');
  const r = run('vitest', npx, ['vitest', 'run', '--reporter=default', '--reporter=json', `--outputFile.json=${file}`]);
  const j = readJson(file);
  if (j) {
    totals.passed += j.numPassedTests;
    totals.failed += j.numFailedTests;
    totals.skipped += j.numPendingTests + (j.numTodoTests ?? 0);
    lines.push(`vitest: ${j.numPassedTests} passed, ${j.numFailedTests} failed, ${j.numPendingTests} skipped in ${r.seconds}s`);
    if (!r.ok && j.numFailedTests === 0) {
      totals.failed += 1;
      lines.push(`vitest: runner exited with ${r.status} (a file failed to load or an error outside tests)`);
    }
  } else {
    totals.failed += 1;
    lines.push(`vitest: FAILED to report (exit ${r.status})`);
  }
}

// Playwright
if (built) {
  const file = join(results, 'playwright.json');
  const r = run('playwright', npx, ['playwright', 'test']);
  const j = readJson(file);
  if (j?.stats) {
    const { expected, unexpected, flaky, skipped } = j.stats;
    totals.passed += expected + flaky;
    totals.failed += unexpected;
    totals.skipped += skipped;
    lines.push(`playwright: ${expected + flaky} passed, ${unexpected} failed, ${skipped} skipped in ${r.seconds}s${flaky ? ` (${flaky} flaky)` : ''}`);
    if (!r.ok && unexpected === 0) {
      totals.failed += 1;
      lines.push(`playwright: runner exited with ${r.status}`);
    }
  } else {
    totals.failed += 1;
    lines.push(`playwright: FAILED to report (exit ${r.status})`);
  }
} else {
  totals.failed += 1;
  lines.push('playwright: not run because the build failed');
}

console.log('\n=== summary');
for (const l of lines) console.log(l);
if (existsSync(join(results, 'playwright'))) console.log(`screenshots and traces: ${join(results, 'playwright')}`);
console.log(`${totals.passed} passed, ${totals.failed} failed, ${totals.skipped} skipped`);
process.exit(totals.failed > 0 ? 1 : 0);
