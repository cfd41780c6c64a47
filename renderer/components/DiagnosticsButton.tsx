import { useState } from 'react';
import type { DiagnosticsFile } from '../../preload/contract';
import { exportDiagnostics, saveInBrowser } from '../stores/diagnostics';
import { useCommand } from './useCommand';

/** What the person is told once the zip exists: where it went (desktop) or that the browser saved it (web). */
export function diagnosticsResultText(file: DiagnosticsFile, downloaded: boolean): string {
  const size = file.size < 1024 * 1024 ? `${Math.max(1, Math.round(file.size / 1024))} KB` : `${(file.size / 1024 / 1024).toFixed(1)} MB`;
  if (downloaded) return `Downloaded ${file.fileName} (${size}). A copy is also in ${file.path} on the computer that runs the app.`;
  return `Saved ${file.fileName} (${size}) to ${file.path}`;
}

/** "Export diagnostics" in the About area: a zip to attach to a problem report. */
export function DiagnosticsButton() {
  const { run, pending, error } = useCommand();
  const [result, setResult] = useState('');
  const exportNow = async () => {
    setResult('');
    const r = await run(exportDiagnostics);
    if (r?.ok) setResult(diagnosticsResultText(r.value, saveInBrowser(r.value)));
  };
  return (
    <div className="diagnostics">
      <p className="muted">
        For a problem report: a zip of the recent logs, versions, settings and each account’s history. It holds no phone numbers, QR codes, passwords, keys or
        messages.
      </p>
      <div className="actions">
        <button type="button" className="button" onClick={() => void exportNow()} disabled={pending} aria-busy={pending}>
          {pending ? 'Exporting diagnostics…' : 'Export diagnostics'}
        </button>
      </div>
      <p className="result-ok" role="status">
        {result}
      </p>
      {error ? <p className="result-error">{error}</p> : null}
    </div>
  );
}
