import { describe, expect, it } from 'vitest';
import { selectedAccount } from './selectionStore';
import { account } from './testing/samples';

describe('the account the detail pane shows', () => {
  const list = [account('a', 'Work'), account('b', 'Home')];

  it('is the chosen one while it exists', () => {
    expect(selectedAccount(list, 'b')?.label).toBe('Home');
  });

  it('falls back to the first when none was chosen or the chosen one was removed, and to none on an empty list', () => {
    expect(selectedAccount(list, null)?.label).toBe('Work');
    expect(selectedAccount(list, 'gone')?.label).toBe('Work');
    expect(selectedAccount([], 'a')).toBeNull();
  });
});
