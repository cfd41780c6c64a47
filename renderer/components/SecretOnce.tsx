// A key or signing secret, shown once right after it was made: main keeps only its hash (keys) or
// never sends it again (webhook secrets), so the person copies it now.
import { useState } from 'react';

export function SecretOnce({ label, secret, onDone }: { label: string; secret: string; onDone(): void }) {
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
        <strong>{label}</strong>: copy it now, it is shown only once.
      </p>
      <code className="secret-value" aria-label={`${label} value`}>
        {secret}
      </code>
      <div className="actions">
        <button type="button" className="button" onClick={() => void copy()}>
          Copy
        </button>
        <button type="button" className="button" onClick={onDone}>
          Done
        </button>
      </div>
      <p role="status" className="muted">
        {copied === 'yes' ? 'Copied to the clipboard.' : copied === 'failed' ? 'Could not copy: select the text and copy it yourself.' : ''}
      </p>
    </div>
  );
}
