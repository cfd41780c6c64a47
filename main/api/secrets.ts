// Webhook signing secrets at rest: wrapped by the app's key protector (the OS keychain in Electron, a
// private key file otherwise) before they reach SQLite, so a copy of the database alone cannot forge
// deliveries. Without a protector (tests) they are kept as they are.
export interface SecretWrapper {
  wrap(plain: Buffer): Promise<Buffer>;
  unwrap(wrapped: Buffer): Promise<Buffer>;
}

const WRAPPED = 'wrapped:';

export async function sealSecret(secret: string, wrapper: SecretWrapper | null): Promise<string> {
  if (!wrapper) return secret;
  return WRAPPED + (await wrapper.wrap(Buffer.from(secret, 'utf8'))).toString('base64');
}

export async function openSecret(stored: string, wrapper: SecretWrapper | null): Promise<string> {
  if (!stored.startsWith(WRAPPED)) return stored;
  if (!wrapper) throw new Error('no key protector');
  return (await wrapper.unwrap(Buffer.from(stored.slice(WRAPPED.length), 'base64'))).toString('utf8');
}
