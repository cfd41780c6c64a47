import type { BackupErrorCode, ExportFile } from '../../preload/contract';
import type { AccountRecord, AccountsForBackup } from '../accounts/AccountsPort';
import { AppError } from '../errors';
import { restoreProfile } from './archive/restore';
import type { DataKeyring } from './crypto/keys';
import type { KeyResolver } from './crypto/streamCipher';
import { BackupError } from './errors';
import { openImportFile } from './fileImport';
import type { FileTransfers } from './FileTransfers';
import { accountIdFor, clientIdOf } from './remoteListing';
import { storeError } from './StoreRegistry';

const ASK_AGAIN: BackupErrorCode[] = ['KEY_MISMATCH', 'WRONG_PASSPHRASE', 'BACKUP_NOT_ENCRYPTED', 'BACKUP_UNVERIFIED'];

export interface AccountFilesDeps {
  accounts: AccountsForBackup;
  transfers: FileTransfers;
  keyring: DataKeyring;
  /** LocalAuth's dataPath: an import puts the account's profile under it. */
  sessionsDir: string;
  workDir: string;
}

/**
 * One account to a file and back: "Export to a file" (encrypted with a passphrase, or a plain RemoteAuth
 * zip) and "Import from a file" (a RemoteAuth zip, an export, and a legacy session file explained). An
 * import is always a new account: it never replaces one that is here.
 */
export class AccountFiles {
  /** Imports run one after the other: each picks a free account id, which must still be free when it is used. */
  private importing: Promise<unknown> = Promise.resolve();

  constructor(private readonly deps: AccountFilesDeps) {}

  async exportAccount(input: { accountId: string; passphrase?: string; plain?: true }): Promise<ExportFile> {
    const account = this.deps.accounts.get(input.accountId);
    if (account.temporary) throw new AppError('INVALID_INPUT', 'This is a temporary account: its session is never saved, so it cannot be exported.');
    if (!account.linked) throw new AppError('NOT_LINKED', 'This account is not linked, so there is no session to export. Link it first.');
    if (!input.plain && !input.passphrase) throw new AppError('INVALID_INPUT', 'Choose a passphrase for the file, or export it unencrypted.', 'passphrase');
    const phoneNumber = account.session.kind === 'ready' ? account.session.phoneNumber : undefined;
    return this.deps.transfers
      .exportAccount({
      accountId: account.id,
      profileDir: this.deps.accounts.profileDir(account.id),
      ...(phoneNumber ? { phoneNumber } : {}),
      ...(input.plain ? {} : { passphrase: input.passphrase }),
      })
      .catch((err: unknown) => {
        throw storeError(err);
      });
  }

  importFile(input: { uploadId: string; fileName?: string; label?: string; passphrase?: string; allowPlain?: boolean }): Promise<AccountRecord> {
    const next = this.importing.then(() => this.importOne(input));
    this.importing = next.catch(() => undefined);
    return next;
  }

  private async importOne(input: { uploadId: string; fileName?: string; label?: string; passphrase?: string; allowPlain?: boolean }): Promise<AccountRecord> {
    const path = this.deps.transfers.uploaded(input.uploadId);
    let keep = false;
    try {
      const opened = await openImportFile({ path, workDir: this.deps.workDir, resolve: this.resolver(input.passphrase), allowPlain: input.allowPlain === true, ...(input.fileName ? { fileName: input.fileName } : {}) });
      try {
        const ids = new Set(this.deps.accounts.list().map((a) => a.id));
        const { accountId } = accountIdFor(opened.session ?? 'RemoteAuth-imported', ids, (id) => ids.has(id));
        await restoreProfile({ zipPath: opened.zipPath, zipSha256: opened.zipSha256, dataPath: this.deps.sessionsDir, accountId, ...(opened.manifest ? { manifest: opened.manifest } : {}) });
        const named = opened.session ? clientIdOf(opened.session) : '';
        return this.deps.accounts.adopt(accountId, input.label ?? (named ? `Imported ${named}`.slice(0, 64) : 'Imported account'));
      } finally {
        await opened.dispose();
      }
    } catch (err) {
      // Answers that ask the user something (a passphrase, "import it unencrypted?") keep the file for the retry.
      keep = err instanceof BackupError && ASK_AGAIN.includes(err.code);
      throw storeError(err);
    } finally {
      if (!keep) await this.deps.transfers.dropUpload(input.uploadId);
    }
  }

  /** An export carries a key of its own, sealed by its passphrase; a backup made here opens with this install's key. */
  private resolver(passphrase: string | undefined): KeyResolver {
    const own = this.deps.keyring.resolver(passphrase);
    return async (header) => {
      try {
        return await own(header);
      } catch (err) {
        if (passphrase === undefined && err instanceof BackupError && err.code === 'KEY_MISMATCH') {
          throw new BackupError('KEY_MISMATCH', 'This file is encrypted: enter the passphrase it was exported with.');
        }
        throw err;
      }
    };
  }
}
