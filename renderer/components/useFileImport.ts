// Runs "Import from a file": sends the file in pieces once (backup.upload), then asks main to import it;
// its answers that need the user (a passphrase, "import it unencrypted?") keep the upload for the retry.
import { useRef, useState } from 'react';
import type { Account } from '../../preload/contract';
import { isEnglish, t } from '../i18n';
import { useBackupStore } from '../stores/backupStore';
import { errorText } from './errors';

export type ImportPhase = 'choose' | 'sending' | 'importing' | 'ask-passphrase' | 'confirm-plain';

export function useFileImport(onImported: (account: Account) => void) {
  const upload = useBackupStore((s) => s.upload);
  const importFile = useBackupStore((s) => s.importFile);
  const [file, setFile] = useState<File | null>(null);
  const [uploadId, setUploadId] = useState<string | null>(null);
  const [sent, setSent] = useState(0);
  const [phase, setPhase] = useState<ImportPhase>('choose');
  const [passphrase, setPassphrase] = useState('');
  const [passError, setPassError] = useState<string | null>(null);
  const [plainText, setPlainText] = useState('');
  const [error, setError] = useState<string | null>(null);
  const keepRef = useRef<HTMLButtonElement>(null);
  const passRef = useRef<HTMLInputElement>(null);
  const pending = phase === 'sending' || phase === 'importing';

  async function send(): Promise<string | null> {
    if (uploadId) return uploadId;
    setPhase('sending');
    const sentFile = await upload(file!, setSent);
    if (!sentFile.ok) {
      setPhase('choose');
      setError(errorText(sentFile.error));
      return null;
    }
    setUploadId(sentFile.value.uploadId);
    return sentFile.value.uploadId;
  }

  async function run(allowPlain: boolean) {
    if (pending || !file) return;
    setError(null);
    setPassError(null);
    const id = await send();
    if (!id) return;
    setPhase('importing');
    const result = await importFile({ uploadId: id, fileName: file.name, ...(passphrase ? { passphrase } : {}), ...(allowPlain ? { allowPlain: true } : {}) });
    if (result.ok) return onImported(result.value);
    const e = result.error;
    if (e.code === 'BACKUP_NOT_ENCRYPTED' || e.code === 'BACKUP_UNVERIFIED') {
      // main's words for an old, unverifiable archive; for a plain one the question says the rest.
      setPlainText(e.code === 'BACKUP_UNVERIFIED' ? errorText(e) : t('backup:importFile.plainFile'));
      setPhase('confirm-plain');
      return void requestAnimationFrame(() => keepRef.current?.focus());
    }
    if (e.code === 'KEY_MISMATCH' || e.code === 'WRONG_PASSPHRASE') {
      setPhase('ask-passphrase');
      // Main words a wrong passphrase in English; in another language the file's own sentence says it best.
      const wrong = isEnglish() ? errorText(e, t('backup:importFile.wrongPassphrase')) : t('backup:importFile.wrongPassphrase');
      setPassError(e.code === 'WRONG_PASSPHRASE' ? wrong : t('backup:importFile.encrypted'));
      return void requestAnimationFrame(() => passRef.current?.focus());
    }
    // Any other answer used the upload up: a new try sends the file again.
    setUploadId(null);
    setPhase('choose');
    setError(errorText(e));
  }

  function choose(next: File | null) {
    setFile(next);
    setUploadId(null);
    setPhase('choose');
    setError(null);
    setPassError(null);
  }

  return {
    file, sent, phase, pending, passphrase, passError, plainText, error, keepRef, passRef, choose, run,
    setPassphrase: (v: string) => {
      setPassphrase(v);
      setPassError(null);
    },
    keep: () => setPhase('choose'),
  };
}
