// The session machine's transitions as a Markdown table, for docs/architecture.md ("Session states").
// sessionMachine.test.ts fails when the document and the machine disagree, and prints this table.
import { CLIENT_PHASES, PHASES, type Phase } from './sessionEvents';
import { TRANSITIONS, type Transition } from './sessionMachine';

const code = (s: string) => `\`${s}\``;

function phases(from: readonly Phase[]): string {
  const alive = PHASES.filter((p) => p !== 'disposed');
  const missing = alive.filter((p) => !from.includes(p));
  if (missing.length <= 3 && !from.includes('disposed')) return ['any but', [...missing, 'disposed'].map(code).join(', ')].join(' ');
  if (!CLIENT_PHASES.every((p) => from.includes(p))) return from.map(code).join(', ');
  return ['*client*', ...from.filter((p) => !(CLIENT_PHASES as readonly Phase[]).includes(p)).map(code)].join(', ');
}

function cells(t: Transition): string[] {
  return [
    phases(t.from),
    t.on.map(code).join(', '),
    t.when.map((g) => g.text).join(' and '),
    t.to === 'same' ? '(same)' : code(t.to),
    t.does.join(', ') || '(none)',
  ];
}

export function renderTransitionTable(rows: readonly Transition[] = TRANSITIONS): string {
  const lines = [
    '| from | event | when | to | effects |',
    '|---|---|---|---|---|',
    ...rows.map((t) => `| ${cells(t).join(' | ')} |`),
  ];
  return [
    ...lines,
    '',
    `${rows.length} rows over ${PHASES.length} phases; *client* stands for ${CLIENT_PHASES.map(code).join(', ')} (a browser`,
    'of the current generation runs). Any other (phase, event) pair is ignored: the state stays as it is and the runner',
    'logs the pair. `emit x` shows the state x (AccountManager records it on the timeline); `arm t` / `clear t` set or',
    'cancel the timer t; `destroy` closes the client and clears the attempt\'s timers (all but `logout`); `linked?`',
    'happens only when the account\'s linked flag changes.',
  ].join('\n');
}
