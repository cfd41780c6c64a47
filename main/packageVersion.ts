// Versions the app reports (About area, backups, the local API): its own, and of packages it ships.
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';

const requireHere = createRequire(__filename);

/** `'app'` for the app's own version, or a package's `<name>/package.json`; 'unknown' when it cannot be read. */
export function packageVersion(spec: string): string {
  try {
    if (spec === 'app') return (requireHere(appPackageJson()) as { version: string }).version;
    return (requireHere(spec) as { version: string }).version;
  } catch {
    return 'unknown';
  }
}

/** The app's own package.json: sources, built chunks and the packaged asar sit at different depths below it. */
function appPackageJson(): string {
  for (let dir = __dirname; ; dir = dirname(dir)) {
    const candidate = join(dir, 'package.json');
    if (existsSync(candidate) && (JSON.parse(readFileSync(candidate, 'utf8')) as { name?: string }).name === 'wa-accounts') return candidate;
    if (dirname(dir) === dir) throw new Error('package.json not found');
  }
}
