// A small structured logger. Callers pass ids and codes, never secrets, phone numbers or QR payloads:
// `redact` is a last line of defence for values that slip through inside messages.

export interface Logger {
  info(msg: string, fields?: Record<string, unknown>): void;
  warn(msg: string, fields?: Record<string, unknown>): void;
  error(msg: string, fields?: Record<string, unknown>): void;
  child(fields: Record<string, unknown>): Logger;
}

export type Sink = (line: string) => void;

/** The default: one JSON line per entry on stderr, where a terminal or a service manager sees it. */
export const stderrSink: Sink = (line) => process.stderr.write(line + '\n');

/** Every line to each sink (stderr and the data folder's log file, main/logFile.ts). */
export function teeSink(...sinks: Sink[]): Sink {
  return (line) => {
    for (const sink of sinks) sink(line);
  };
}

const QR_LIKE = /\b\d@[A-Za-z0-9+/=]{10,}(,[A-Za-z0-9+/=]+){0,4}/g;
const PHONE_LIKE = /\+?\d[\d\s-]{7,}\d/g;
const SECRET_KEYS = /secret|password|passphrase|token|key|qr|phone|number/i;

export function redact(text: string): string {
  return text.replace(QR_LIKE, '[qr]').replace(PHONE_LIKE, '[number]');
}

/** What the logger does to every field; diagnostics (main/diagnostics) runs it again over what it exports. */
export function cleanFields(fields: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(fields)) {
    if (SECRET_KEYS.test(k)) out[k] = '[redacted]';
    else if (typeof v === 'string') out[k] = redact(v);
    else if (v instanceof Error) out[k] = redact(v.message);
    else out[k] = v;
  }
  return out;
}

export function createLogger(sink: Sink = stderrSink, base: Record<string, unknown> = {}): Logger {
  const write = (level: string, msg: string, fields?: Record<string, unknown>) =>
    sink(JSON.stringify({ t: new Date().toISOString(), level, msg: redact(msg), ...cleanFields({ ...base, ...fields }) }));
  return {
    info: (msg, f) => write('info', msg, f),
    warn: (msg, f) => write('warn', msg, f),
    error: (msg, f) => write('error', msg, f),
    child: (fields) => createLogger(sink, { ...base, ...fields }),
  };
}

/** For tests and quiet hosts. */
export const silentLogger: Logger = { info() {}, warn() {}, error() {}, child: () => silentLogger };
