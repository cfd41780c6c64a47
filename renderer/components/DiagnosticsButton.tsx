import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { DiagnosticsFile } from '../../preload/contract';
import { i18n, t } from '../i18n';
import { exportDiagnostics, saveInBrowser } from '../stores/diagnostics';
import { useCommand } from './useCommand';

/** What the person is told once the zip exists: where it went (desktop) or that the browser saved it (web). */
export function diagnosticsResultText(file: DiagnosticsFile, downloaded: boolean): string {
  const kb = file.size < 1024 * 1024;
  // The page's language decides the decimal mark ("3.0 MB", "3,0 MB"); sizes never group digits.
  const number = new Intl.NumberFormat(i18n.language, { useGrouping: false, minimumFractionDigits: kb ? 0 : 1, maximumFractionDigits: kb ? 0 : 1 });
  const size = kb ? t('app:diagnostics.kb', { size: number.format(Math.max(1, Math.round(file.size / 1024))) }) : t('app:diagnostics.mb', { size: number.format(file.size / 1024 / 1024) });
  const values = { file: file.fileName, size, path: file.path };
  return downloaded ? t('app:diagnostics.downloaded', values) : t('app:diagnostics.saved', values);
}

/** "Export diagnostics" in the About area: a zip to attach to a problem report. */
export function DiagnosticsButton() {
  const { t } = useTranslation('app');
  const { run, pending, error } = useCommand();
  const [result, setResult] = useState('');
  const exportNow = async () => {
    setResult('');
    const r = await run(exportDiagnostics);
    if (r?.ok) setResult(diagnosticsResultText(r.value, saveInBrowser(r.value)));
  };
  return (
    <div className="diagnostics">
      <p className="muted">{t('diagnostics.explain')}</p>
      <div className="actions">
        <button type="button" className="button" onClick={() => void exportNow()} disabled={pending} aria-busy={pending}>
          {pending ? t('diagnostics.exporting') : t('diagnostics.export')}
        </button>
      </div>
      <p className="result-ok" role="status">
        {result}
      </p>
      {error ? <p className="result-error">{error}</p> : null}
    </div>
  );
}
