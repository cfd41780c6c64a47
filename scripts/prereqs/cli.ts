// `npm test`'s first step (scripts/test.mjs runs it before any test): finds what the tests need, installs
// what is missing on Debian/Ubuntu when it may (root or passwordless sudo), and otherwise stops with one
// line per missing program and its install command. Exit 0: ready; exit 1: stopped.
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { osFamily } from '../../main/browser/installCommand';
import { plan, type Machine } from './plan';
import { onPath, probeMachine, REQUIREMENTS, type Probe } from './requirements';

const root = join(__dirname, '..', '..');

function machine(): Machine {
  const isRoot = process.getuid?.() === 0;
  const sudoOk = !isRoot && !!onPath(['sudo']) && spawnSync('sudo', ['-n', 'true'], { stdio: 'ignore', timeout: 5_000 }).status === 0;
  return { family: osFamily(), elevation: isRoot ? 'root' : sudoOk ? 'sudo' : null, hasAptGet: !!onPath(['apt-get']) };
}

function runShown(argv: string[]): boolean {
  console.log(`prerequisites: ${argv.join(' ')}`);
  const r = spawnSync(argv[0]!, argv.slice(1), { stdio: 'inherit', env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' } });
  return r.status === 0;
}

export interface PrereqDeps {
  machine(): Machine;
  probe(): Probe[];
  /** Runs a command with its output shown; true when it succeeded. */
  run(argv: string[]): boolean;
  print(line: string): void;
}

/** The whole step, with the machine behind `deps` so tests can hand it a fake one. Returns the exit code. */
export function checkPrerequisites(deps: PrereqDeps): number {
  const m = deps.machine();
  let probes = deps.probe();
  let decision = plan(probes, m);
  if (decision.kind === 'install') {
    deps.print(`prerequisites: installing ${decision.packages.join(' ')}`);
    const ok = deps.run(decision.update) && deps.run(decision.command);
    if (!ok) deps.print('prerequisites: the install did not finish; checking what is there');
    probes = deps.probe();
    decision = plan(probes, m, 'after-install');
  }
  if (decision.kind === 'stop') {
    deps.print('prerequisites: npm test cannot run its tests on this machine yet:');
    for (const line of decision.lines) deps.print(line);
    return 1;
  }
  for (const p of probes) if (p.needed && p.found) deps.print(`prerequisites: ${p.id}: ${p.found}`);
  for (const note of decision.notes) deps.print(`prerequisites: ${note}`);
  const skipped = probes.filter((p) => !p.needed).map((p) => REQUIREMENTS[p.id].what.split(',')[0]);
  if (skipped.length) deps.print(`prerequisites: not needed here: ${skipped.join('; ')}`);
  return 0;
}

if (require.main === module) {
  process.exit(checkPrerequisites({ machine, probe: () => probeMachine(root), run: runShown, print: (l) => console.log(l) }));
}
