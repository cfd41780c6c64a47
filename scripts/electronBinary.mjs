// Where Electron's binary is, and how to fetch it once when npm's electron package could not (it is
// installed with ELECTRON_SKIP_BINARY_DOWNLOAD=1 here, or its postinstall failed offline).
// Mirrors node_modules/electron/install.js: same @electron/get call, same checksums, same cache
// (electron_config_cache), same mirror variables (ELECTRON_MIRROR ...), same dist/ + path.txt layout,
// so `require('electron')` finds the result exactly as if npm had installed it.
import { execSync } from 'node:child_process';
import { existsSync, promises as fs } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';

const requireHere = createRequire(import.meta.url);
const electronPkgJson = requireHere.resolve('electron/package.json');
const electronDir = path.dirname(electronPkgJson);
// @electron/get and extract-zip are electron's own dependencies: resolve them from its folder.
const requireFromElectron = createRequire(electronPkgJson);

export const electronVersion = /** @type {{version: string}} */ (requireHere(electronPkgJson)).version;

const DEFAULT_MIRROR = 'https://github.com/electron/electron/releases/download/';

/** Seconds, not minutes: an unreachable host should send the user to the browser quickly. */
const DOWNLOAD_TIMEOUTS_MS = { lookup: 5_000, connect: 8_000, secureConnect: 8_000, response: 15_000, socket: 30_000 };

function platformPath(platform = process.env.npm_config_platform || process.platform) {
  switch (platform) {
    case 'mas':
    case 'darwin':
      return 'Electron.app/Contents/MacOS/Electron';
    case 'freebsd':
    case 'openbsd':
    case 'linux':
      return 'electron';
    case 'win32':
      return 'electron.exe';
    default:
      throw new Error(`Electron builds are not available on platform: ${platform}`);
  }
}

/** The Electron executable if it exists, else null (never throws). */
export function findElectron() {
  const id = requireHere.resolve('electron');
  // A failed require is not cached, a successful one is: drop it so a fresh download is seen.
  delete requireHere.cache[id];
  try {
    const p = requireHere('electron');
    return typeof p === 'string' && existsSync(p) ? p : null;
  } catch {
    return null; // "Electron failed to install correctly": no path.txt yet
  }
}

/** The host the binary would come from, for messages. */
export function downloadHost() {
  const mirror = process.env.ELECTRON_MIRROR || process.env.npm_config_electron_mirror || process.env.NPM_CONFIG_ELECTRON_MIRROR || DEFAULT_MIRROR;
  try {
    return new URL(mirror).host || mirror;
  } catch {
    return mirror;
  }
}

function hostArch() {
  let arch = process.env.npm_config_arch || process.arch;
  // As install.js does: x64 Node under Rosetta on an arm64 Mac should get the arm64 build.
  if (process.platform === 'darwin' && arch === 'x64' && process.env.npm_config_arch === undefined) {
    try {
      if (execSync('sysctl -in sysctl.proc_translated').toString().trim() === '1') arch = 'arm64';
    } catch {
      // not under Rosetta
    }
  }
  return arch;
}

/**
 * Downloads (or takes from @electron/get's cache) and unpacks Electron; returns the executable's path.
 * `onProgress({ percent, transferred, total })` is called as bytes arrive. Throws on any failure.
 */
export async function fetchElectron({ onProgress = () => {} } = {}) {
  const { downloadArtifact } = requireFromElectron('@electron/get');
  const extract = requireFromElectron('extract-zip');
  // @electron/get draws its own progress bar after 30 s; ours is already on screen.
  process.env.ELECTRON_GET_NO_PROGRESS = '1';
  const zipPath = await downloadArtifact({
    version: electronVersion,
    artifactName: 'electron',
    platform: process.env.npm_config_platform || process.platform,
    arch: hostArch(),
    cacheRoot: process.env.electron_config_cache,
    checksums:
      process.env.electron_use_remote_checksums || process.env.npm_config_electron_use_remote_checksums
        ? undefined
        : requireFromElectron('./checksums.json'),
    downloadOptions: {
      quiet: true,
      timeout: DOWNLOAD_TIMEOUTS_MS,
      retry: { limit: 0 },
      getProgressCallback: async (progress) => onProgress(progress),
    },
  });
  // ELECTRON_OVERRIDE_DIST_PATH (honoured by electron's index.js) names a folder of the user's own:
  // unpack there and leave the electron package untouched.
  const override = process.env.ELECTRON_OVERRIDE_DIST_PATH;
  const distDir = path.resolve(override || path.join(electronDir, 'dist'));
  await extract(zipPath, { dir: distDir });
  if (!override) {
    const typeDefs = path.join(distDir, 'electron.d.ts');
    if (existsSync(typeDefs)) await fs.rename(typeDefs, path.join(electronDir, 'electron.d.ts'));
    await fs.writeFile(path.join(electronDir, 'path.txt'), platformPath());
  }
  const found = findElectron();
  if (!found) throw new Error(`unpacked ${path.basename(zipPath)} but found no executable in ${distDir}`);
  return found;
}

/** One short clause saying why a download failed, without a stack. */
export function failureReason(err) {
  const e = /** @type {{ code?: string, name?: string, message?: string, response?: { statusCode?: number } }} */ (err ?? {});
  const host = downloadHost();
  const first = String(e.message ?? err).split('\n')[0];
  if (e.code === 'ENOTFOUND' || e.code === 'EAI_AGAIN') return `${host} cannot be resolved (offline, or DNS is blocked)`;
  if (e.code === 'ECONNREFUSED') return `${host} refused the connection`;
  if (e.code === 'ECONNRESET' || e.code === 'EPIPE') return `the connection to ${host} was cut`;
  if (e.name === 'TimeoutError' || e.code === 'ETIMEDOUT') return `${host} did not answer in time`;
  if (e.response?.statusCode) return `${host} answered HTTP ${e.response.statusCode}`;
  if (/checksum/i.test(first)) return `the file from ${host} failed its checksum`;
  return `${first}`;
}
