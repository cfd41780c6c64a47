// "Check" in Settings: starts the browser at a path once, headless, asks its version and closes it, so a
// path is saved only when accounts could use it. What fails is said in a sentence (BROWSER_UNUSABLE),
// never a stack: a missing file, a folder (a macOS .app is one), a file one may not run, a program that
// is not a Chromium-family browser or does not start in time.
import { mkdtemp, rm, stat } from 'node:fs/promises';
import { join } from 'node:path';
import puppeteer from 'puppeteer-core';
import type { BrowserCheck } from '../../preload/settings';
import { AppError } from '../errors';
import { isExecutableFile } from '../util/executable';
import { withTimeout } from '../util/time';
import { isHeadlessShell } from './findBrowser';
import { launchOptions } from './launchOptions';

export const CHECK_TIMEOUT_MS = 20_000;

export interface CheckOptions {
  /** Where the browser's throwaway profile goes (the data folder's tmp/); removed afterwards. */
  workDir: string;
  timeoutMs?: number;
  launch?: typeof puppeteer.launch;
}

const unusable = (message: string) => new AppError('BROWSER_UNUSABLE', message, 'browserPath');

export async function checkBrowser(path: string, opts: CheckOptions): Promise<BrowserCheck> {
  await checkFile(path);
  const profile = await mkdtemp(join(opts.workDir, 'browser-check-'));
  const launch = opts.launch ?? puppeteer.launch.bind(puppeteer);
  const ms = opts.timeoutMs ?? CHECK_TIMEOUT_MS;
  // Over a pipe, puppeteer's own launch timeout does not fire for a program that starts and stays silent:
  // give up here, and the abort closes whatever was started.
  const controller = new AbortController();
  let browser: Awaited<ReturnType<typeof puppeteer.launch>> | undefined;
  try {
    const launching = launch({ ...launchOptions({ executablePath: path, source: 'setting', headlessShell: isHeadlessShell(path) }), userDataDir: profile, timeout: ms, signal: controller.signal });
    launching.then((b) => (controller.signal.aborted ? b.close() : undefined), () => undefined).catch(() => undefined);
    const gaveUp = () => {
      controller.abort();
      return unusable(`${path} did not start as a browser: it did not answer within ${Math.round(ms / 1000)} s (timed out).`);
    };
    browser = await withTimeout(launching, ms, gaveUp);
    const version = await withTimeout(browser.version(), ms, gaveUp);
    if (!/chrom|edg|brave/i.test(version)) throw unusable(`${path} started, but it is not Chrome, Chromium, Edge or Brave (it says “${version.slice(0, 80)}”).`);
    return { path, version };
  } catch (err) {
    if (err instanceof AppError) throw err;
    throw unusable(`${path} did not start as a browser: ${firstLine(err)}`);
  } finally {
    await browser?.close().catch(() => undefined);
    await rm(profile, { recursive: true, force: true }).catch(() => undefined);
  }
}

async function checkFile(path: string): Promise<void> {
  let info;
  try {
    info = await stat(path);
  } catch {
    throw unusable(`There is no file at ${path}.`);
  }
  if (info.isDirectory()) {
    const app = /([^/\\]+)\.app[/\\]?$/.exec(path);
    throw unusable(app ? `${path} is an app bundle: choose the program inside it, ${join(path, 'Contents', 'MacOS', app[1]!)}.` : `${path} is a folder, not a browser program.`);
  }
  if (!isExecutableFile(path)) throw unusable(`${path} is not a program this user may run.`);
}

function firstLine(err: unknown): string {
  const text = err instanceof Error ? err.message : String(err);
  return (text.split('\n').find((l) => l.trim()) ?? 'it exited').trim().slice(0, 200);
}
