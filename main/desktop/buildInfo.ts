// Whether the running desktop build was code-signed: scripts/afterPack.cjs writes resources/build-info.json
// when electron-builder packs the app; this reads it. An unsigned build makes the OS warn before it opens
// (Gatekeeper, SmartScreen) and cannot install updates on macOS, so the About area says so.
import type { AppInfo } from '../../preload/contract';

export const BUILD_INFO_FILE = 'build-info.json';

export type CodeSigning = NonNullable<AppInfo['codeSigning']>;

/** `text`: the file's content, or null when there is none (then the build is taken as unsigned). */
export function codeSigningOf({ packaged, text }: { packaged: boolean; text: string | null }): CodeSigning {
  if (!packaged) return 'development';
  try {
    return (JSON.parse(text ?? '{}') as { codeSigned?: unknown }).codeSigned === true ? 'signed' : 'unsigned';
  } catch {
    return 'unsigned';
  }
}
