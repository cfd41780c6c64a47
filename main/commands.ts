// Every command of the contract, to the service that does it (main/index.ts builds the services).
import type { AppInfo } from '../preload/contract';
import type { AccountManager } from './accounts/AccountManager';
import type { BackupService } from './backup/BackupService';
import type { RestoreService } from './backup/RestoreService';
import type { AccountFiles } from './backup/AccountFiles';
import type { FileTransfers } from './backup/FileTransfers';
import type { StoreRegistry } from './backup/StoreRegistry';
import type { Handlers } from './ipc/CommandRegistry';
import type { SettingsCommands } from './settings/commands';
import { PerAccountQueue } from './ipc/perAccount';
import type { AccountView } from './accountView';
import type { ApiService } from './api/ApiService';
import { apiHandlers } from './api/commands';
import type { ActivityView } from './accountActivity';
import type { DiagnosticsExporter } from './diagnostics/DiagnosticsExporter';

export interface Services {
  accounts: AccountManager;
  backup: BackupService;
  restores: RestoreService;
  files: AccountFiles;
  transfers: FileTransfers;
  stores: StoreRegistry;
  view: AccountView;
  activity: ActivityView;
  api: ApiService;
  info: () => AppInfo;
  diagnostics: DiagnosticsExporter;
}

/**
 * Every command of the contract, to the service that does it; answers that are an Account carry its
 * backup status. Commands that change an account run one at a time per account (main/ipc/perAccount.ts);
 * Back up now is left out: its upload may take minutes and needs no more than its consistent copy.
 */
export function commandHandlers({ accounts, backup, restores, files, transfers, stores, view, activity, api, info, diagnostics }: Services): Omit<Handlers, 'app.checkForUpdates' | SettingsCommands> {
  const queue = new PerAccountQueue();
  const one = <T,>(id: string, work: () => Promise<T> | T) => queue.run(id, work);
  return {
    'accounts.list': () => view.list(),
    'accounts.add': ({ label, temporary }) => view.join(accounts.add(label, { temporary: temporary === true })),
    'accounts.setProxy': ({ id, proxy }) => one(id, async () => view.join(await accounts.setProxy(id, proxy))),
    'accounts.rename': ({ id, label }) => one(id, () => view.join(accounts.rename(id, label))),
    'accounts.remove': ({ id }) => one(id, () => accounts.remove(id)),
    'accounts.start': ({ id }) => one(id, () => view.join(accounts.startAccount(id))),
    'accounts.stop': ({ id }) => one(id, async () => view.join(await accounts.stopAccount(id))),
    'accounts.logout': ({ id }) => one(id, async () => view.join(await accounts.logout(id))),
    'accounts.retry': ({ id }) => one(id, () => view.join(accounts.retry(id))),
    'accounts.linkWithPhone': ({ id, phoneNumber }) => one(id, () => view.join(accounts.linkWithPhone(id, phoneNumber))),
    'accounts.timeline': ({ id }) => accounts.timeline(id),
    'accounts.takeOver': ({ id }) => one(id, () => view.join(accounts.takeOver(id))),
    'accounts.activity': () => activity.list(),
    'accounts.markRead': ({ id }) => activity.markRead(id),
    'accounts.setMessageNotice': ({ id, enabled }) => one(id, () => activity.setMessageNotice(id, enabled)),
    'accounts.openWindow': ({ id }) => one(id, async () => ({ ...(await accounts.windows.open(id)), account: view.get(id) })),
    'accounts.closeWindow': ({ id }) => one(id, async () => {
      await accounts.windows.close(id);
      return view.get(id);
    }),
    // Not queued: a picture only reads the page, every few seconds, and must not wait behind a restart.
    'accounts.picture': ({ id }) => accounts.windows.picture(id),
    'stores.list': () => stores.list(),
    'stores.save': (input) => stores.save(input),
    'stores.remove': ({ id }) => stores.remove(id),
    'stores.test': (input) => stores.test(input),
    'backup.configure': (input) =>
      one(input.accountId, async () => {
        await backup.configure(input);
        return view.get(input.accountId);
      }),
    'backup.runNow': async ({ accountId }) => {
      await backup.runNow(accountId);
      return view.get(accountId);
    },
    'backup.keyStatus': () => backup.keyStatus(),
    'backup.setPassphrase': ({ passphrase }) => backup.setPassphrase(passphrase),
    'backup.listRemote': ({ storeId }) => restores.listRemote(storeId),
    'backup.restore': (input) => one(input.accountId, async () => view.join(await restores.restore(input))),
    'backup.scanRemote': ({ storeId }) => restores.scanRemote(storeId),
    'backup.upload': ({ uploadId, data }) => transfers.upload(uploadId, data),
    'backup.importFile': async (input) => view.join(await files.importFile(input)),
    'backup.export': (input) => one(input.accountId, () => files.exportAccount(input)),
    'backup.exportRead': ({ exportId, offset }) => transfers.readExport(exportId, offset),
    'app.info': () => info(),
    'app.exportDiagnostics': () => diagnostics.export(),
    ...apiHandlers(api),
  };
}
