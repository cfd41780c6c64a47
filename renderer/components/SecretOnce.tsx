// A key or signing secret, shown once right after it was made: main keeps only its hash (keys) or
// never sends it again (webhook secrets), so the person copies it now.
import { useState } from 'react';
import { Trans, useTranslation } from 'react-i18next';

export function SecretOnce({ label, secret, onDone }: { label: string; secret: string; onDone(): void }) {
  const { t } = useTranslation('backup');
  const [copied, setCopied] = useState<'no' | 'yes' | 'failed'>('no');
  async function copy() {
    try {
      await navigator.clipboard.writeText(secret);
      setCopied('yes');
    } catch {
      setCopied('failed');
    }
  }
  return (
    <div className="secret-once" role="group" aria-label={label}>
      <p>
        <Trans t={t} i18nKey="secretOnce.copyNow" values={{ label }} components={{ strong: <strong /> }} />
      </p>
      <code className="secret-value" aria-label={t('secretOnce.value', { label })}>
        {secret}
      </code>
      <div className="actions">
        <button type="button" className="button" onClick={() => void copy()}>
          {t('secretOnce.copy')}
        </button>
        <button type="button" className="button" onClick={onDone}>
          {t('secretOnce.done')}
        </button>
      </div>
      <p role="status" className="muted">
        {copied === 'yes' ? t('secretOnce.copied') : copied === 'failed' ? t('secretOnce.copyFailed') : ''}
      </p>
    </div>
  );
}
