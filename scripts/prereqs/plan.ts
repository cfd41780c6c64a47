// The decision `npm test` takes before any test: go on, install what is missing, or stop with one line
// per missing program and the command that installs it. Pure, so every branch is tested with a fake
// machine (plan.test.ts).
import { installCommand, type OsFamily } from '../../main/browser/installCommand';
import { REQUIREMENTS, type Probe } from './requirements';

export interface Machine {
  family: OsFamily;
  /** Root, or passwordless sudo: how an install could run without asking anyone. */
  elevation: 'root' | 'sudo' | null;
  hasAptGet: boolean;
}

export type Plan =
  | { kind: 'ready'; notes: string[] }
  | { kind: 'install'; command: string[]; update: string[]; packages: string[]; notes: string[] }
  | { kind: 'stop'; lines: string[] };

function packagesFor(probe: Probe, family: OsFamily): string[] | null {
  return REQUIREMENTS[probe.id].packages[family] ?? null;
}

/** One line a person can act on: what is missing, and the command for this OS. */
export function missingLine(probe: Probe, family: OsFamily): string {
  const req = REQUIREMENTS[probe.id];
  if (probe.problem) return `missing: ${req.what}: ${probe.problem}`;
  const pkgs = packagesFor(probe, family);
  return `missing: ${req.what}: ${pkgs ? installCommand(family, pkgs) : 'no package known for this OS; install it by hand'}`;
}

export function plan(probes: Probe[], machine: Machine, attempt: 'first' | 'after-install' = 'first'): Plan {
  const absent = probes.filter((p) => p.needed && !p.found);
  const required = absent.filter((p) => !REQUIREMENTS[p.id].optional);
  const optional = absent.filter((p) => REQUIREMENTS[p.id].optional);
  const notes = optional.map((p) => `optional, not found: ${REQUIREMENTS[p.id].what}`);
  // A wrong CHROMIUM_PATH is the developer's to fix: installing a browser would hide it.
  const fixable = absent.filter((p) => !p.problem && packagesFor(p, machine.family));
  const canInstall = attempt === 'first' && machine.family === 'debian' && machine.hasAptGet && machine.elevation !== null;
  if (required.length === 0 && (optional.length === 0 || !canInstall || fixable.length === 0)) return { kind: 'ready', notes };
  if (canInstall && fixable.length > 0 && required.every((p) => fixable.includes(p))) {
    const sudo = machine.elevation === 'sudo' ? ['sudo', '-n'] : [];
    const packages = [...new Set(fixable.flatMap((p) => packagesFor(p, machine.family)!))];
    return {
      kind: 'install',
      update: [...sudo, 'apt-get', 'update'],
      command: [...sudo, 'apt-get', 'install', '-y', '--no-install-recommends', ...packages],
      packages,
      notes,
    };
  }
  const lines = required.map((p) => missingLine(p, machine.family));
  if (attempt === 'first' && machine.family === 'debian' && !canInstall) {
    lines.push('(npm test installs these itself when it runs as root or with passwordless sudo)');
  }
  return { kind: 'stop', lines };
}
