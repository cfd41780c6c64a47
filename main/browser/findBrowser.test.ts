import { expect, it } from 'vitest';
import { appBrowserFinder, browserInstallHint, detectedBrowsers, findBrowser } from './findBrowser';
import { browserInstallCommand, noBrowserLine } from './installCommand';
import { launchOptions, LEAN_ARGS } from './launchOptions';

const only = (...paths: string[]) => (p: string) => paths.includes(p);

it('prefers the user setting, then the bundled browser, then the system one', () => {
  const all = only('/opt/mine/chrome', '/app/browser/chrome-headless-shell', '/usr/bin/google-chrome');
  expect(findBrowser({ platform: 'linux', setting: '/opt/mine/chrome', bundledDir: '/app/browser', isExecutable: all })).toMatchObject({ executablePath: '/opt/mine/chrome', source: 'setting' });
  expect(findBrowser({ platform: 'linux', setting: '/missing', bundledDir: '/app/browser', isExecutable: all })).toMatchObject({ source: 'bundled', headlessShell: true });
  expect(findBrowser({ platform: 'linux', bundledDir: '/nowhere', isExecutable: all })).toMatchObject({ executablePath: '/usr/bin/google-chrome', source: 'system', headlessShell: false });
});

it("'full' passes over headless shells, for stock whatsapp-web.js and visible windows", () => {
  const all = only('/usr/lib/chromium/chromium-headless-shell', '/usr/bin/google-chrome');
  expect(findBrowser({ platform: 'linux', isExecutable: all })).toMatchObject({ headlessShell: true });
  expect(findBrowser({ platform: 'linux', isExecutable: all, kind: 'full' })).toMatchObject({ executablePath: '/usr/bin/google-chrome', headlessShell: false });
  expect(findBrowser({ platform: 'linux', setting: '/usr/lib/chromium/chromium-headless-shell', isExecutable: all, kind: 'full' })?.source).toBe('system');
});

it("the hosts' finder: 'none' means no browser at all, anything else is the user's setting", () => {
  expect(appBrowserFinder('none')()).toBeNull();
  expect(appBrowserFinder('/definitely/not/a/browser')()?.executablePath).not.toBe('/definitely/not/a/browser');
});

it('the finder reads a setting given as a function at every search, so a changed path applies to the next start', () => {
  let setting: string | null = 'none';
  const finder = appBrowserFinder(() => setting);
  expect(finder()).toBeNull();
  setting = process.execPath;
  expect(finder()).toMatchObject({ executablePath: process.execPath, source: 'setting' });
});

it('lists every browser found, bundled first, for the Settings screen', () => {
  const all = only('/app/browser/chrome', '/usr/lib/chromium/chromium-headless-shell', '/usr/bin/chromium');
  expect(detectedBrowsers({ platform: 'linux', bundledDir: '/app/browser', env: {}, isExecutable: all })).toEqual([
    { executablePath: '/app/browser/chrome', source: 'bundled', headlessShell: false },
    { executablePath: '/usr/lib/chromium/chromium-headless-shell', source: 'system', headlessShell: true },
    { executablePath: '/usr/bin/chromium', source: 'system', headlessShell: false },
  ]);
  expect(detectedBrowsers({ platform: 'linux', env: {}, isExecutable: () => false })).toEqual([]);
});

it('the start-up line names the install command of the OS', () => {
  expect(browserInstallCommand('debian')).toBe('sudo apt-get install -y chromium');
  expect(browserInstallCommand('darwin')).toBe('brew install --cask chromium');
  expect(browserInstallCommand('win32')).toBe('winget install --id Google.Chrome -e');
  expect(noBrowserLine('fedora')).toMatch(/accounts cannot start\. Install one: sudo dnf install -y chromium$/);
});

it('knows where macOS and Windows keep Chrome, Edge and Brave', () => {
  expect(findBrowser({ platform: 'darwin', env: { HOME: '/Users/a' }, isExecutable: only('/Applications/Microsoft Edge.app/Contents/MacOS/Microsoft Edge') })?.executablePath).toMatch(/Edge/);
  expect(findBrowser({ platform: 'win32', env: { PROGRAMFILES: 'C:\\Program Files' }, isExecutable: only('C:\\Program Files\\Google\\Chrome\\Application\\chrome.exe') })?.source).toBe('system');
});

it('answers null when there is no browser, and the hint says what to install per OS', () => {
  expect(findBrowser({ platform: 'linux', isExecutable: () => false })).toBeNull();
  expect(browserInstallHint('linux')).toMatch(/apt install chromium/);
  expect(browserInstallHint('win32')).toMatch(/Chrome or Microsoft Edge/);
  expect(browserInstallHint('darwin')).toMatch(/Applications/);
});

it('gives every client its own launch options with the lean flags', () => {
  const choice = { executablePath: '/usr/bin/google-chrome', source: 'system' as const, headlessShell: false };
  const a = launchOptions(choice, ['--x'], false);
  const b = launchOptions(choice, ['--x'], false);
  expect(a).not.toBe(b);
  expect(a.args).not.toBe(b.args);
  a.args.push('--mutated');
  expect(b.args).not.toContain('--mutated');
  expect(a.args).toEqual(expect.arrayContaining([...LEAN_ARGS, '--x']));
  expect(a.args).not.toContain('--no-sandbox');
  expect(launchOptions(choice, [], true).args).toContain('--no-sandbox');
  expect(launchOptions({ ...choice, headlessShell: true }).headless).toBe('shell');
  expect(a.pipe).toBe(true);
});
