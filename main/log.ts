// A small structured logger. Callers pass ids and codes, never secrets, phone numbers or QR payloads:
// `redact` is a last line of defence for values that slip through inside messages.

export interface Logger {
  info(msg: string, fields?: Record<string, unknown>): void;
  warn(msg: string, fields?: Record<string, unknown>): void;
  error(msg: string, fields?: Record<string, unknown>): void;
  child(fields: Record<string, unknown>): Logger;
}

type Sink = (line: string) => void;

const QR_LIKE = /\b\d@[A-Za-z0-9+/=]{10,}(,[A-Za-z0-9+/=]+){0,4}/g;
const PHONE_LIKE = /\+?\d[\d\s-]{7,}\d/g;
const SECRET_KEYS = /secret|password|passphrase|token|key|qr|phone|number/i;

export function redact(text: string): string {
  return text.replace(QR_LIKE, '[qr]').replace(PHONE_LIKE, '[number]');
}

function cleanFields(fields: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(fields)) {
    if (SECRET_KEYS.test(k)) out[k] = '[redacted]';
    else if (typeof v === 'string') out[k] = redact(v);
    else if (v instanceof Error) out[k] = redact(v.message);
    else out[k] = v;
  }
  return out;
}

export function createLogger(sink: Sink = (line) => process.stderr.write(line + '\n'), base: Record<string, unknown> = {}): Logger {
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
