import { expect, it } from 'vitest';
import { keychainProtector, type SafeStorageLike } from './safeStorageProtector';

function fakeKeychain(backend = 'gnome_libsecret', available = true): SafeStorageLike & { sealed: Buffer[] } {
  const sealed: Buffer[] = [];
  return {
    sealed,
    isEncryptionAvailable: () => available,
    getSelectedStorageBackend: () => backend,
    encryptString: (s) => {
      const b = Buffer.from(`sealed:${Buffer.from(s).toString('hex')}`);
      sealed.push(b);
      return b;
    },
    decryptString: (b) => {
      const t = b.toString();
      if (!t.startsWith('sealed:')) throw new Error('Error while decrypting the ciphertext provided to safeStorage.decryptString.');
      return Buffer.from(t.slice(7), 'hex').toString();
    },
  };
}

it('wraps any bytes with the keychain and gets them back', async () => {
  const keychain = fakeKeychain();
  const p = keychainProtector(keychain, 'linux')!;
  const key = Buffer.from([0, 1, 2, 250, 255, 10, 13]);
  const wrapped = await p.wrap(key);
  expect(wrapped.includes(key)).toBe(false);
  expect(await p.unwrap(wrapped)).toEqual(key);
});

it('a reset keychain is KEY_UNAVAILABLE with a way out, not a crash', async () => {
  const p = keychainProtector(fakeKeychain(), 'darwin')!;
  await expect(p.unwrap(Buffer.from('garbage'))).rejects.toMatchObject({ code: 'KEY_UNAVAILABLE', message: expect.stringMatching(/recovery passphrase/) });
});

it('no keychain (or Linux without one, basic_text) means no keychain protector: the app uses its key file', () => {
  expect(keychainProtector(fakeKeychain('gnome_libsecret', false), 'win32')).toBeNull();
  expect(keychainProtector(fakeKeychain('basic_text'), 'linux')).toBeNull();
  expect(keychainProtector(fakeKeychain('basic_text'), 'darwin')).not.toBeNull();
});
