// "Check for updates" (About area): one command, no state to mirror, so a function rather than a store.
import type { Result, UpdateCheck } from '../../preload/contract';
import { call } from './api';

export function checkForUpdates(): Promise<Result<UpdateCheck>> {
  return call('app.checkForUpdates');
}
