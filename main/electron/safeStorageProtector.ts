import { BackupError } from '../backup/errors';
import type { KeyProtector } from '../backup/crypto/keys';

/** The part of Electron's safeStorage this needs (passed in, so this file runs without Electron). */
export interface SafeStorageLike {
  isEncryptionAvailable(): boolean;
  encryptString(plain: string): Buffer;
  decryptString(encrypted: Buffer): string;
  /** Linux only: 'basic_text' means no keychain is available and "encryption" is a fixed key. */
  getSelectedStorageBackend?(): string;
}

/**
 * Wraps the backup data key and store secrets with the OS keychain (Keychain, DPAPI, libsecret/kwallet).
 * Where the OS offers no real keychain it answers null, and the app falls back to a key file readable
 * only by the user, which is what the web host uses anyway.
 */
export function keychainProtector(safeStorage: SafeStorageLike, platform: NodeJS.Platform = process.platform): KeyProtector | null {
  if (!safeStorage.isEncryptionAvailable()) return null;
  if (platform === 'linux' && safeStorage.getSelectedStorageBackend?.() === 'basic_text') return null;
  return {
    async wrap(plain) {
      return safeStorage.encryptString(plain.toString('base64'));
    },
    async unwrap(wrapped) {
      try {
        return Buffer.from(safeStorage.decryptString(wrapped), 'base64');
      } catch (err) {
        throw new BackupError('KEY_UNAVAILABLE', 'The system keychain could not open the backup key (was the keychain reset?). Restore with your recovery passphrase.', undefined, { cause: err });
      }
    },
  };
}
