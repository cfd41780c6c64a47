import { expect, it } from 'vitest';
import { PerAccountQueue } from './perAccount';

const tick = (ms: number) => new Promise((r) => setTimeout(r, ms));

it('one account’s commands run one at a time, in order; other accounts are not held up; a failure does not block the next', async () => {
  const q = new PerAccountQueue();
  const log: string[] = [];
  const step = (name: string, ms: number, fail = false) => async () => {
    log.push(`${name} start`);
    await tick(ms);
    log.push(`${name} end`);
    if (fail) throw new Error(name);
    return name;
  };
  const a1 = q.run('a', step('a1', 30));
  const a2 = q.run('a', step('a2', 1, true));
  const a3 = q.run('a', step('a3', 1));
  const b1 = q.run('b', step('b1', 5));
  await expect(a1).resolves.toBe('a1');
  await expect(a2).rejects.toThrow('a2');
  await expect(a3).resolves.toBe('a3');
  await b1;
  expect(log.indexOf('b1 end')).toBeLessThan(log.indexOf('a1 end'));
  expect(log.filter((l) => l.startsWith('a'))).toEqual(['a1 start', 'a1 end', 'a2 start', 'a2 end', 'a3 start', 'a3 end']);
  await tick(0);
  expect(q.busy).toBe(0);
});
