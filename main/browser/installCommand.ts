import { readFileSync } from 'node:fs';

/**
 * Which package manager a person on this machine would use. Linux families come from /etc/os-release
 * (ID, then ID_LIKE), so Ubuntu, Mint and Raspberry Pi OS all read as Debian's family.
 */
export type OsFamily = 'debian' | 'fedora' | 'arch' | 'suse' | 'alpine' | 'linux' | 'darwin' | 'win32' | 'other';

export function osFamily(platform: NodeJS.Platform = process.platform, osRelease: string | null = readOsRelease()): OsFamily {
  if (platform === 'darwin' || platform === 'win32') return platform;
  if (platform !== 'linux') return 'other';
  const field = (name: string) => new RegExp(`^${name}=["']?([^"'\\n]*)`, 'm').exec(osRelease ?? '')?.[1]?.toLowerCase().split(/\s+/) ?? [];
  const ids = [...field('ID'), ...field('ID_LIKE')];
  const known: [OsFamily, string[]][] = [
    ['debian', ['debian', 'ubuntu']],
    ['fedora', ['fedora', 'rhel', 'centos']],
    ['arch', ['arch']],
    ['suse', ['suse', 'opensuse']],
    ['alpine', ['alpine']],
  ];
  for (const id of ids) for (const [family, names] of known) if (names.includes(id)) return family;
  return 'linux';
}

function readOsRelease(): string | null {
  try {
    return readFileSync('/etc/os-release', 'utf8');
  } catch {
    return null;
  }
}

/** The command that installs each family's packages (sudo where the OS needs it). */
export function installCommand(family: OsFamily, packages: readonly string[]): string {
  const list = packages.join(' ');
  switch (family) {
    case 'debian':
      return `sudo apt-get install -y ${list}`;
    case 'fedora':
      return `sudo dnf install -y ${list}`;
    case 'arch':
      return `sudo pacman -S --needed ${list}`;
    case 'suse':
      return `sudo zypper install -y ${list}`;
    case 'alpine':
      return `sudo apk add ${list}`;
    case 'darwin':
      return `brew install ${list}`;
    case 'win32':
      return packages.map((p) => `winget install --id ${p} -e`).join(' && ');
    case 'linux':
    case 'other':
      return `install ${list} with your system's package manager`;
  }
}

/** Each family's name for a Chromium-family browser package. */
const BROWSER_PACKAGE: Record<OsFamily, string> = {
  debian: 'chromium',
  fedora: 'chromium',
  arch: 'chromium',
  suse: 'chromium',
  alpine: 'chromium',
  darwin: '--cask chromium',
  win32: 'Google.Chrome',
  linux: 'chromium',
  other: 'chromium',
};

export function browserInstallCommand(family: OsFamily = osFamily()): string {
  return installCommand(family, [BROWSER_PACKAGE[family]]);
}

/** The one line a host prints at start-up when no browser can be found. */
export function noBrowserLine(family: OsFamily = osFamily()): string {
  return `No Chrome, Chromium, Edge or Brave was found, so accounts cannot start. Install one: ${browserInstallCommand(family)}`;
}
