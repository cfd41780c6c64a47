// Where Electron's binary is, and how to fetch it once. Since Electron 42 npm's electron package
// downloads nothing at install time: its index.js fetches the binary on the first `require('electron')`,
// in the foreground, without a time-out, and prints a stack trace when offline. So nothing here
// requires it: findElectron resolves the path the way index.js does, and fetchElectron mirrors
// node_modules/electron/install.js: same @electron/get call, same checksums, same cache
// (electron_config_cache), same mirror and platform variables (ELECTRON_MIRROR ...), same dist/ +
// path.txt layout, so `require('electron')` finds the result exactly as if it had fetched it itself.
// @electron/get 5 and @electron-internal/extract-zip are ES modules: loaded with import().
import { execSync } from 'node:child_process';
import { existsSync, readFileSync, promises as fs } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { pathToFileURL } from 'node:url';

const requireHere = createRequire(import.meta.url);
const electronPkgJson = requireHere.resolve('electron/package.json');
const electronDir = path.dirname(electronPkgJson);
// @electron/get and @electron-internal/extract-zip are electron's own dependencies: resolve them from its folder.
const requireFromElectron = createRequire(electronPkgJson);
const importFromElectron = (specifier) => import(pathToFileURL(requireFromElectron.resolve(specifier)).href);

export const electronVersion = /** @type {{version: string}} */ (requireHere(electronPkgJson)).version;

const DEFAULT_MIRROR = 'https://github.com/electron/electron/releases/download/';

/**
 * Seconds, not minutes: an unreachable host should send the user to the browser quickly. @electron/get 5
 * downloads with fetch(), which has no time-outs of its own: the download is aborted when the first
 * byte takes longer than FIRST_BYTE_MS (name look-up, connection, TLS and response together), or when
 * the bytes stop for STALL_MS. A slow download that keeps moving is never cut.
 */
const FIRST_BYTE_MS = 15_000;
const STALL_MS = 30_000;

const targetPlatform = () => process.env.ELECTRON_INSTALL_PLATFORM || process.env.npm_config_platform || process.platform;

function platformPath(platform = targetPlatform()) {
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

/**
 * The path `require('electron')` gives (node_modules/electron/index.js's rule: path.txt names the
 * executable under dist/, or under ELECTRON_OVERRIDE_DIST_PATH), or null while there is no path.txt.
 */
export function electronPath() {
  const pathTxt = path.join(electronDir, 'path.txt');
  const entry = existsSync(pathTxt) ? readFileSync(pathTxt, 'utf8') : '';
  const override = process.env.ELECTRON_OVERRIDE_DIST_PATH;
  if (override) return path.join(override, entry || 'electron');
  return entry ? path.join(electronDir, 'dist', entry) : null;
}

/** The Electron executable if it exists, else null. Never throws, never downloads. */
export function findElectron() {
  const p = electronPath();
  return p && existsSync(p) ? p : null;
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
  let arch = process.env.ELECTRON_INSTALL_ARCH || process.env.npm_config_arch || process.arch;
  // As install.js does: x64 Node under Rosetta on an arm64 Mac should get the arm64 build.
  if (targetPlatform() === 'darwin' && process.platform === 'darwin' && arch === 'x64' && process.env.npm_config_arch === undefined) {
    try {
      if (execSync('sysctl -in sysctl.proc_translated').toString().trim() === '1') arch = 'arm64';
    } catch {
      // not under Rosetta
    }
  }
  return arch;
}

/** An AbortSignal that fires when no byte has come for too long (FIRST_BYTE_MS, then STALL_MS). */
function stallWatchdog() {
  const controller = new AbortController();
  let timer;
  const arm = (ms) => {
    clearTimeout(timer);
    timer = setTimeout(() => {
      const err = new Error(`no data for ${ms / 1000} s`);
      err.name = 'TimeoutError';
      controller.abort(err);
    }, ms);
  };
  arm(FIRST_BYTE_MS);
  return { signal: controller.signal, alive: () => arm(STALL_MS), stop: () => clearTimeout(timer) };
}

/**
 * Downloads (or takes from @electron/get's cache) and unpacks Electron; returns the executable's path.
 * `onProgress({ percent, transferred, total })` is called as bytes arrive. Throws on any failure.
 */
export async function fetchElectron({ onProgress = () => {} } = {}) {
  const { downloadArtifact } = await importFromElectron('@electron/get');
  const { extract } = await importFromElectron('@electron-internal/extract-zip');
  // @electron/get draws its own progress bar after 30 s; ours is already on screen.
  process.env.ELECTRON_GET_NO_PROGRESS = '1';
  const watchdog = stallWatchdog();
  const zipPath = await downloadArtifact({
    version: electronVersion,
    artifactName: 'electron',
    platform: targetPlatform(),
    arch: hostArch(),
    cacheRoot: process.env.electron_config_cache,
    checksums:
      process.env.electron_use_remote_checksums || process.env.npm_config_electron_use_remote_checksums
        ? undefined
        : requireFromElectron('./checksums.json'),
    downloadOptions: {
      quiet: true,
      signal: watchdog.signal,
      getProgressCallback: async (progress) => {
        watchdog.alive();
        onProgress(progress);
      },
    },
  }).finally(() => watchdog.stop());
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

/**
 * The network error code of a failed download: fetch() rejects with "fetch failed" and puts the
 * socket's error (for a name with several addresses, an AggregateError of them) in `cause`.
 */
function errorCode(e) {
  const cause = /** @type {{ code?: string, errors?: Array<{ code?: string }> } | undefined} */ (e.cause);
  return e.code ?? cause?.code ?? cause?.errors?.[0]?.code;
}

/** One short clause saying why a download failed, without a stack. */
export function failureReason(err) {
  const e = /** @type {{ code?: string, name?: string, message?: string, cause?: unknown, response?: { status?: number } }} */ (err ?? {});
  const host = downloadHost();
  const first = String(e.message ?? err).split('\n')[0];
  const code = errorCode(e);
  if (code === 'ENOTFOUND' || code === 'EAI_AGAIN') return `${host} cannot be resolved (offline, or DNS is blocked)`;
  if (code === 'ECONNREFUSED') return `${host} refused the connection`;
  if (code === 'ECONNRESET' || code === 'EPIPE' || code === 'UND_ERR_SOCKET') return `the connection to ${host} was cut`;
  if (e.name === 'TimeoutError' || code === 'ETIMEDOUT' || code === 'UND_ERR_CONNECT_TIMEOUT') return `${host} did not answer in time`;
  if (e.response?.status) return `${host} answered HTTP ${e.response.status}`;
  if (/checksum/i.test(first)) return `the file from ${host} failed its checksum`;
  // fetch()'s own message is only "fetch failed"; what failed is in the cause (e.g. "bad port").
  const cause = /** @type {{ message?: string } | undefined} */ (e.cause)?.message;
  return cause ? `${first} (${cause.split('\n')[0]})` : first;
}
