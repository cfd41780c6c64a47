// "Export diagnostics" (About area): one command, no state to mirror, so a function rather than a store.
import type { DiagnosticsFile, Result } from '../../preload/contract';
import { call } from './api';

export function exportDiagnostics(): Promise<Result<DiagnosticsFile>> {
  return call('app.exportDiagnostics');
}

/**
 * Hands the web host's zip to the browser's own download (the page may run on another device than
 * the data folder). Desktop answers carry no bytes: the file is already on this computer.
 */
export function saveInBrowser(file: DiagnosticsFile): boolean {
  if (!file.data || typeof document === 'undefined') return false;
  const bytes = Uint8Array.from(atob(file.data), (c) => c.charCodeAt(0));
  const url = URL.createObjectURL(new Blob([bytes], { type: 'application/zip' }));
  const link = document.createElement('a');
  link.href = url;
  link.download = file.fileName;
  link.rel = 'noopener';
  document.body.append(link);
  link.click();
  link.remove();
  // The click has started the download; the URL is not needed after this turn.
  setTimeout(() => URL.revokeObjectURL(url), 0);
  return true;
}
