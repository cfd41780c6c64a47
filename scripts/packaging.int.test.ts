// Packaging checks that need no Electron binary (docs/development.md, "Packaging without an
// Electron binary"): electron-builder.yml passes electron-builder's own schema, and `--dir --linux` with a
// stand-in Electron folder packs exactly the build output plus the native module, and flips the fuses
// in the packed executable.
import { spawnSync } from 'node:child_process';
import { chmodSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BUILD_INFO_FILE, codeSigningOf } from '../main/desktop/buildInfo';
import { updateServer } from '../main/desktop/updateCheck';

const root = path.resolve(import.meta.dirname, '..');
const requireHere = createRequire(import.meta.url);
const tmp = mkdtempSync(path.join(tmpdir(), 'packaging-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

const BUILD_OUTPUT = ['dist/main/electron.cjs', 'dist/preload/index.cjs', 'dist/renderer/index.html'];
/** The update server the test build is given (WA_ACCOUNTS_UPDATE_URL, a build setting). */
const UPDATE_URL = 'https://updates.example.invalid/wa-accounts';

/** This machine's environment without any signing credential: the packed build must come out unsigned. */
function unsignedEnv(): NodeJS.ProcessEnv {
  const env = { ...process.env };
  for (const name of Object.keys(env)) if (/^(CSC_|WIN_CSC_|APPLE_|AZURE_)/.test(name)) delete env[name];
  return env;
}

function ensureBuilt(): void {
  if (BUILD_OUTPUT.every((f) => existsSync(path.join(root, f)))) return;
  console.log('packaging test: dist/ is incomplete, running `npm run build` first');
  const r = spawnSync('npm', ['run', 'build'], { cwd: root, encoding: 'utf8', timeout: 300_000 });
  if (r.status !== 0) throw new Error(`npm run build failed (exit ${r.status}):\n${r.stdout}\n${r.stderr}`);
}

interface ConfigModule {
  getConfig(projectDir: string, configPath: string | null, configFromOptions: unknown): Promise<Record<string, unknown>>;
  validateConfiguration(config: unknown, debugLogger: unknown): Promise<void>;
}
const { getConfig, validateConfiguration } = requireHere('app-builder-lib/out/util/config/config') as ConfigModule;
const { DebugLogger } = requireHere('builder-util') as { DebugLogger: new (enabled: boolean) => unknown };
// The @electron/fuses electron-builder itself uses to flip them.
const fuses = createRequire(requireHere.resolve('app-builder-lib/package.json'))('@electron/fuses') as {
  getCurrentFuseWire(executable: string): Promise<Record<string, number | string>>;
  FuseV1Options: Record<string, number>;
};
// How the wire stores a fuse: the byte '1' or '0'.
const ENABLED = '1'.charCodeAt(0);
const DISABLED = '0'.charCodeAt(0);

/** What each fuse must be, by electron-builder's option name and @electron/fuses' wire position. */
const INTENDED_FUSES = {
  runAsNode: { value: false, option: 'RunAsNode' },
  enableNodeOptionsEnvironmentVariable: { value: false, option: 'EnableNodeOptionsEnvironmentVariable' },
  enableNodeCliInspectArguments: { value: false, option: 'EnableNodeCliInspectArguments' },
  enableEmbeddedAsarIntegrityValidation: { value: true, option: 'EnableEmbeddedAsarIntegrityValidation' },
  onlyLoadAppFromAsar: { value: true, option: 'OnlyLoadAppFromAsar' },
  enableCookieEncryption: { value: true, option: 'EnableCookieEncryption' },
  grantFileProtocolExtraPrivileges: { value: false, option: 'GrantFileProtocolExtraPrivileges' },
} as const;

/**
 * A fuse wire as Electron's binary carries one: the sentinel, version 1, its length, then one byte per
 * fuse ('1' on, '0' off), here with Electron's defaults: every fuse this app turns off is on, and back.
 */
function standInFuseWire(): Buffer {
  const defaults = '10110001'; // RunAsNode, CookieEncryption, NodeOptions, CliInspect, AsarIntegrity, OnlyAsar, V8Snapshot, FileProtocol
  return Buffer.concat([Buffer.from('dL7pKGdnNz796PbbjQWNKmHXBZaB9tsX'), Buffer.from([1, defaults.length]), Buffer.from(defaults)]);
}

async function validate(configPath: string): Promise<Record<string, unknown>> {
  const config = await getConfig(root, configPath, null);
  await validateConfiguration(config, new DebugLogger(false));
  return config;
}

describe('electron-builder.yml', () => {
  it('passes electron-builder’s own schema', async () => {
    const config = await validate(path.join(root, 'electron-builder.yml'));
    expect(config.appId).toMatch(/^[a-z0-9.-]+$/);
    // Real releases must rebuild better-sqlite3 for Electron's ABI: nobody may switch it off here.
    expect(config.npmRebuild).not.toBe(false);
  });

  it('sets every fuse that keeps local code from acting as the app', async () => {
    const config = await validate(path.join(root, 'electron-builder.yml'));
    const set = (config.electronFuses ?? {}) as Record<string, unknown>;
    for (const [name, { value }] of Object.entries(INTENDED_FUSES)) expect(set[name], name).toBe(value);
  });

  it('is really checked: the same file with one unknown key is refused', async () => {
    const broken = path.join(tmp, 'electron-builder.broken.yml');
    writeFileSync(broken, readFileSync(path.join(root, 'electron-builder.yml'), 'utf8') + '\nfilez:\n  - dist/**/*\n');
    await expect(validate(broken)).rejects.toThrow(/unknown property/);
  });

  it('takes the update server from the build setting WA_ACCOUNTS_UPDATE_URL (generic provider)', async () => {
    const config = await validate(path.join(root, 'electron-builder.yml'));
    expect(config.publish).toEqual({ provider: 'generic', url: '${env.WA_ACCOUNTS_UPDATE_URL}' });
  });

  it('signs and notarizes with what the environment gives, and holds no certificate, password or Apple ID itself', async () => {
    const config = (await validate(path.join(root, 'electron-builder.yml'))) as Record<string, Record<string, unknown>>;
    expect(config.mac).toMatchObject({ hardenedRuntime: true, notarize: true });
    expect(config.win).toMatchObject({ verifyUpdateCodeSignature: true, signtoolOptions: { signingHashAlgorithms: ['sha256'] } });
    // Certificates and passwords come from CSC_LINK/CSC_KEY_PASSWORD, WIN_CSC_LINK/WIN_CSC_KEY_PASSWORD, APPLE_*.
    const text = readFileSync(path.join(root, 'electron-builder.yml'), 'utf8').replace(/^\s*#.*$/gm, '');
    expect(text).not.toMatch(/cscLink|cscKeyPassword|certificateFile|certificatePassword|certificateSha1|identity:|appleId|password:/i);
    expect(existsSync(path.join(root, String(config.afterPack)))).toBe(true);
  });

  it('refuses a misspelt signing option as well', async () => {
    const broken = path.join(tmp, 'electron-builder.signing.yml');
    writeFileSync(broken, readFileSync(path.join(root, 'electron-builder.yml'), 'utf8').replace('  notarize: true', '  notarise: true'));
    // (Inside mac: the schema answers that the whole section does not match.)
    await expect(validate(broken)).rejects.toThrow(/configuration\.mac should be/);
  });

  it('names the installers for every platform', async () => {
    const config = (await validate(path.join(root, 'electron-builder.yml'))) as Record<string, { target?: unknown }>;
    expect(config.mac?.target).toEqual(['dmg', 'zip']);
    expect(config.win?.target).toEqual(['nsis']);
    expect(config.linux?.target).toEqual(['AppImage', 'deb']);
  });
});

describe('packed app (--dir --linux, stand-in Electron)', () => {
  const out = path.join(tmp, 'out');
  let entries: string[] = [];
  let unpacked = '';
  let executable = '';

  beforeAll(() => {
    ensureBuilt();
    const electronDist = path.join(tmp, 'electron-dist');
    mkdirSync(electronDist);
    // A shell script whose last line is a comment holding a fuse wire, which electron-builder flips.
    writeFileSync(path.join(electronDist, 'electron'), Buffer.concat([Buffer.from('#!/bin/sh\necho "stand-in for Electron"\nexit 0\n# '), standInFuseWire(), Buffer.from('\n')]));
    chmodSync(path.join(electronDist, 'electron'), 0o755);
    const cli = requireHere.resolve('electron-builder/cli.js');
    const r = spawnSync(
      process.execPath,
      [cli, '--dir', '--linux', `-c.electronDist=${electronDist}`, '-c.npmRebuild=false', `-c.directories.output=${out}`],
      // No code-signing identity look-ups: nothing here is signed.
      { cwd: root, encoding: 'utf8', timeout: 240_000, env: { ...unsignedEnv(), CSC_IDENTITY_AUTO_DISCOVERY: 'false', WA_ACCOUNTS_UPDATE_URL: UPDATE_URL } },
    );
    if (r.status !== 0) throw new Error(`electron-builder failed (exit ${r.status}):\n${r.stdout}\n${r.stderr}`);
    const resources = path.join(out, 'linux-unpacked', 'resources');
    const asar = requireHere('@electron/asar') as { listPackage(archive: string, opts: { isPack: boolean }): string[] };
    entries = asar.listPackage(path.join(resources, 'app.asar'), { isPack: false }).map((p) => p.replace(/\\/g, '/'));
    unpacked = path.join(resources, 'app.asar.unpacked');
    executable = path.join(out, 'linux-unpacked', String((JSON.parse(readFileSync(path.join(root, 'package.json'), 'utf8')) as { name: string }).name));
  }, 300_000);

  it('has the fuses flipped in the packed executable, as electron-builder.yml says', async () => {
    const wire = await fuses.getCurrentFuseWire(executable);
    for (const [name, { value, option }] of Object.entries(INTENDED_FUSES)) {
      const state = wire[fuses.FuseV1Options[option]!];
      expect(state, name).toBe(value ? ENABLED : DISABLED);
    }
  });

  it('packs app-update.yml naming the update server the build was given, which the app reads back', () => {
    const config = readFileSync(path.join(out, 'linux-unpacked', 'resources', 'app-update.yml'), 'utf8');
    expect(config).toMatch(/^provider: generic$/m);
    expect(updateServer(config)).toBe(UPDATE_URL);
  });

  it('packs build-info.json saying this build is not code-signed, which the About area then says', () => {
    const text = readFileSync(path.join(out, 'linux-unpacked', 'resources', BUILD_INFO_FILE), 'utf8');
    expect(JSON.parse(text)).toEqual({ platform: 'linux', codeSigned: false, notarized: false });
    expect(codeSigningOf({ packaged: true, text })).toBe('unsigned');
  });

  it('holds electron-updater and its runtime, which the update check loads', () => {
    expect(entries).toContain('/node_modules/electron-updater/out/main.js');
    expect(entries).toContain('/node_modules/builder-util-runtime/package.json');
  });

  it('holds main, preload, renderer and package.json', () => {
    for (const f of [...BUILD_OUTPUT, 'package.json']) expect(entries, f).toContain('/' + f);
  });

  it('holds better-sqlite3 with its native module unpacked beside the asar', () => {
    expect(entries).toContain('/node_modules/better-sqlite3/lib/index.js');
    expect(existsSync(path.join(unpacked, 'node_modules/better-sqlite3/build/Release/better_sqlite3.node'))).toBe(true);
    // Build-only files of the module stay out.
    expect(existsSync(path.join(unpacked, 'node_modules/better-sqlite3/deps/sqlite3/sqlite3.c'))).toBe(false);
  });

  it('holds nothing of the tests, the simulator or the sources', () => {
    const ownFiles = entries.filter((p) => p !== '/node_modules' && !p.startsWith('/node_modules/'));
    expect(ownFiles.filter((p) => !p.startsWith('/dist') && p !== '/package.json')).toEqual([]);
    expect(entries.filter((p) => /(^|\/)e2e(\/|$)/.test(p))).toEqual([]);
    expect(entries.filter((p) => /\.(test|spec)\.[cm]?[jt]sx?$/.test(p))).toEqual([]);
    expect(entries.filter((p) => /\.tsx?$/.test(p) && !p.endsWith('.d.ts'))).toEqual([]);
    expect(entries.filter((p) => /\.d\.ts$/.test(p) && !p.startsWith('/node_modules/'))).toEqual([]);
  });

  it('leaves devDependencies out', () => {
    for (const dev of ['electron', 'vite', 'vitest', 'eslint', 'electron-builder', '@playwright/test', 'react']) {
      expect(entries, dev).not.toContain(`/node_modules/${dev}/package.json`);
    }
  });
});
