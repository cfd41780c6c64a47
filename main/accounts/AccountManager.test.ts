import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, expect, it } from 'vitest';
import { ACCOUNT_ID_PATTERN, type Account } from '../../preload/contract';
import { AccountsRepo } from '../db/AccountsRepo';
import { AppDatabase } from '../db/AppDatabase';
import { AccountManager, newAccountId } from './AccountManager';

let dir: string;
let db: AppDatabase;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'wa-acc-'));
  db = AppDatabase.open(dir);
});
afterEach(() => {
  db.close();
  rmSync(dir, { recursive: true, force: true });
});

it('generates distinct ids that fit the contract and LocalAuth', () => {
  const ids = new Set(Array.from({ length: 500 }, newAccountId));
  expect(ids.size).toBe(500);
  for (const id of ids) expect(id).toMatch(ACCOUNT_ID_PATTERN);
});

it('stores every change, announces the whole list, and keeps insertion order', () => {
  const seen: Account[][] = [];
  const m = new AccountManager(new AccountsRepo(db.db), () => 1000);
  m.on('changed', (l) => seen.push(l));
  const a = m.add('Work');
  const b = m.add('Home');
  m.rename(a.id, 'Office');
  m.remove(b.id);
  expect(seen.map((l) => l.map((x) => x.label))).toEqual([['Work'], ['Work', 'Home'], ['Office', 'Home'], ['Office']]);
  db.close();
  db = AppDatabase.open(dir);
  expect(new AccountManager(new AccountsRepo(db.db)).list()).toEqual([{ id: a.id, label: 'Office', createdAt: 1000 }]);
});
