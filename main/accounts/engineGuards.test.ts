import { expect, it } from 'vitest';
import { createLogger } from '../log';
import { installEngineGuards } from './engineGuards';

it('logs a stray rejection from the engine against the account it names, and the process carries on', async () => {
  const lines: string[] = [];
  const uninstall = installEngineGuards(createLogger((l) => lines.push(l)), () => ['acc-one', 'acc-two']);
  try {
    void Promise.reject(new Error('Protocol error: Target closed (/data/sessions/session-acc-two)'));
    void Promise.reject(new Error('auth timeout'));
    await new Promise((r) => setTimeout(r, 50));
  } finally {
    uninstall();
  }
  const logged = lines.map((l) => JSON.parse(l) as { msg: string; account: string });
  expect(logged.map((l) => [l.msg, l.account])).toEqual([
    ['unhandled rejection inside the WhatsApp engine', 'acc-two'],
    ['unhandled rejection inside the WhatsApp engine', 'unknown'],
  ]);
});
