// A diagnostics file is meant to be sent to someone else, so whatever goes into it passes here once
// more, even though the logger and the repositories already keep numbers, QR payloads and secrets out:
// an older version, or a line that slipped through, must not leak through the export.
import { cleanFields, redact } from '../log';

/** A time stamp as toISOString writes it: its digits and dashes would otherwise read as a phone number. */
const ISO_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{3})?Z$/;

/** Every string inside `value` through the logger's redaction; numbers, booleans and structure kept. */
export function scrubValue(value: unknown): unknown {
  if (typeof value === 'string') return ISO_TIME.test(value) ? value : redact(value);
  if (Array.isArray(value)) return value.map(scrubValue);
  if (value && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value as Record<string, unknown>).map(([k, v]) => [k, scrubValue(v)]));
  }
  return value;
}

/**
 * One line of the app's log file, cleaned as the logger would clean a fresh one (secret-named fields
 * blanked, strings redacted). The time stamp stays as it is: its digits would read as a number. A line
 * that is not the logger's JSON is left out rather than guessed at.
 */
export function scrubLogLine(line: string): string | null {
  if (!line.trim()) return null;
  let entry: unknown;
  try {
    entry = JSON.parse(line);
  } catch {
    return null;
  }
  if (!entry || typeof entry !== 'object' || Array.isArray(entry)) return null;
  const { t, level, ...rest } = entry as Record<string, unknown>;
  const cleaned = scrubValue(cleanFields(rest)) as Record<string, unknown>;
  return JSON.stringify({ t: typeof t === 'string' && ISO_TIME.test(t) ? t : null, level: typeof level === 'string' ? redact(level) : null, ...cleaned });
}

/** A whole log file's text, line by line; says how many lines were left out. */
export function scrubLog(text: string): string {
  const out: string[] = [];
  let dropped = 0;
  for (const line of text.split('\n')) {
    if (!line.trim()) continue;
    const clean = scrubLogLine(line);
    if (clean === null) dropped++;
    else out.push(clean);
  }
  if (dropped > 0) out.push(JSON.stringify({ t: null, level: 'info', msg: `diagnostics: ${dropped} line(s) that were not the app's log format were left out` }));
  return out.length ? out.join('\n') + '\n' : '';
}
