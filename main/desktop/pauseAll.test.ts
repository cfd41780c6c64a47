import { describe, expect, it } from 'vitest';
import { createLogger } from '../log';
import { pauseRunning, resumePaused, type PauseTarget } from './pauseAll';

function target(initial: Record<string, boolean>, failing: string[] = []) {
  const running = new Map(Object.entries(initial));
  const calls: string[] = [];
  const t: PauseTarget = {
    list: () => [...running].map(([id, r]) => ({ id, running: r })),
    async stop(id) {
      calls.push(`stop ${id}`);
      if (failing.includes(id)) throw new Error('stuck');
      running.set(id, false);
    },
    async start(id) {
      calls.push(`start ${id}`);
      if (failing.includes(id)) throw new Error('no browser');
      running.set(id, true);
    },
  };
  return { t, running, calls };
}
const lines: string[] = [];
const log = createLogger((l) => lines.push(l));

describe('Pause all / Resume all', () => {
  it('pauses every running account and resumes exactly those, not the ones stopped by hand', async () => {
    const { t, running, calls } = target({ a: true, b: false, c: true });
    const paused = await pauseRunning(t, log);
    expect(paused).toEqual(['a', 'c']);
    expect([...running.values()]).toEqual([false, false, false]);
    expect(calls).not.toContain('stop b');
    calls.length = 0;
    expect(await resumePaused(t, paused, log)).toEqual(['a', 'c']);
    expect(Object.fromEntries(running)).toEqual({ a: true, b: false, c: true });
    expect(calls).toEqual(['start a', 'start c']);
  });

  it('resumes neither a removed account nor one already started again by hand', async () => {
    const { t, calls } = target({ a: true, c: false });
    expect(await resumePaused(t, ['a', 'c', 'gone'], log)).toEqual(['c']);
    expect(calls).toEqual(['start c']);
  });

  it('an account that will not stop or start is logged by id and the others go on', async () => {
    lines.length = 0;
    const { t } = target({ a: true, b: true }, ['a']);
    expect(await pauseRunning(t, log)).toEqual(['b']);
    expect(lines.join('\n')).toMatch(/pause all: an account did not stop.*"account":"a"/);
    const other = target({ a: false, b: false }, ['a']);
    expect(await resumePaused(other.t, ['a', 'b'], log)).toEqual(['b']);
  });
});
