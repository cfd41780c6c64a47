// A virtual X display for tests that open a visible window: Xvfb on a display number nobody uses,
// ended (by its own pid) after the test; and what X says about the windows on it.
import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { accessSync, constants, existsSync } from 'node:fs';
import { delimiter, join } from 'node:path';
import { PNG } from 'pngjs';

/** The program's path on PATH, or null. */
export function onPath(name: string): string | null {
  for (const dir of (process.env.PATH ?? '').split(delimiter).filter(Boolean)) {
    try {
      accessSync(join(dir, name), constants.X_OK);
      return join(dir, name);
    } catch {
      // not in this folder
    }
  }
  return null;
}

export class VirtualDisplay {
  private constructor(
    readonly display: string,
    private readonly child: ChildProcess,
  ) {}

  /** Starts `Xvfb :N -screen 0 1280x800x24` on the first free N from 90; resolves once it takes clients. */
  static async start(): Promise<VirtualDisplay> {
    const xvfb = onPath('Xvfb');
    if (!xvfb) throw new Error('Xvfb is not installed (npx tsx scripts/prereqs/cli.ts installs it on Debian)');
    let n = 90;
    while (existsSync(`/tmp/.X${n}-lock`) || existsSync(`/tmp/.X11-unix/X${n}`)) n++;
    const child = spawn(xvfb, [`:${n}`, '-screen', '0', '1280x800x24', '-nolisten', 'tcp'], { stdio: 'ignore' });
    const display = new VirtualDisplay(`:${n}`, child);
    const end = Date.now() + 10_000;
    while (!existsSync(`/tmp/.X11-unix/X${n}`)) {
      if (child.exitCode !== null || Date.now() > end) throw new Error(`Xvfb :${n} did not start`);
      await new Promise((r) => setTimeout(r, 100));
    }
    return display;
  }

  async stop(): Promise<void> {
    if (this.child.exitCode !== null) return;
    const exited = new Promise((r) => this.child.once('exit', r));
    this.child.kill('SIGTERM');
    await exited;
  }

  /** Top-level windows that are mapped and viewable, by name (`xwininfo -root -tree`, then each window's map state). */
  viewableWindows(): { id: string; name: string; width: number; height: number }[] {
    const tree = execFileSync('xwininfo', ['-display', this.display, '-root', '-children'], { encoding: 'utf8' });
    const found: { id: string; name: string; width: number; height: number }[] = [];
    for (const m of tree.matchAll(/^\s+(0x[0-9a-f]+) "([^"]*)": \(.*?\)\s+(\d+)x(\d+)/gm)) {
      const info = execFileSync('xwininfo', ['-display', this.display, '-id', m[1]!], { encoding: 'utf8' });
      if (/Map State: IsViewable/.test(info)) found.push({ id: m[1]!, name: m[2]!, width: Number(m[3]), height: Number(m[4]) });
    }
    return found;
  }

  /** The whole screen as ImageMagick's `import -window root` takes it, or null without ImageMagick. */
  screenshot(): PNG | null {
    if (!onPath('import')) return null;
    return PNG.sync.read(execFileSync('import', ['-display', this.display, '-window', 'root', 'png:-'], { maxBuffer: 64 << 20 }));
  }
}

/** The share of pixels that differ from the top-left one: 0 for a blank image. */
export function drawnShare(png: PNG): number {
  const { data } = png;
  let differ = 0;
  for (let i = 0; i < data.length; i += 4) {
    if (data[i] !== data[0] || data[i + 1] !== data[1] || data[i + 2] !== data[2]) differ++;
  }
  return differ / (data.length / 4);
}

/** How many distinct colours an image has (a blank or single-colour one has 1). */
export function colours(png: PNG): number {
  const seen = new Set<number>();
  for (let i = 0; i < png.data.length; i += 4) seen.add((png.data[i]! << 16) | (png.data[i + 1]! << 8) | png.data[i + 2]!);
  return seen.size;
}
