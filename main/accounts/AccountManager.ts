import { randomBytes } from 'node:crypto';
import { EventEmitter } from 'node:events';
import type { Account } from '../../preload/contract';
import type { AccountsRepo } from '../db/AccountsRepo';
import { notFound } from '../errors';

export interface AccountManagerEvents {
  changed: [accounts: Account[]];
}

/** Owns the set of accounts: every change is stored first, then announced with the whole list. */
export class AccountManager extends EventEmitter<AccountManagerEvents> {
  constructor(
    private readonly repo: AccountsRepo,
    private readonly now: () => number = Date.now,
  ) {
    super();
  }

  list(): Account[] {
    return this.repo.list();
  }

  add(label: string): Account {
    const account: Account = { id: newAccountId(), label, createdAt: this.now() };
    this.repo.insert(account);
    this.announce();
    return account;
  }

  rename(id: string, label: string): Account {
    if (!this.repo.rename(id, label)) throw notFound('That account');
    this.announce();
    return this.repo.get(id)!;
  }

  remove(id: string): { id: string } {
    if (!this.repo.delete(id)) throw notFound('That account');
    this.announce();
    return { id };
  }

  private announce(): void {
    this.emit('changed', this.repo.list());
  }
}

/** `acc-` + 10 random base-36 characters: matches the contract's id pattern and LocalAuth's clientId rule. */
export function newAccountId(): string {
  const alphabet = 'abcdefghijklmnopqrstuvwxyz0123456789';
  const bytes = randomBytes(10);
  let id = 'acc-';
  for (const b of bytes) id += alphabet[b % alphabet.length];
  return id;
}
