// The tray icon, drawn in code so no image file has to be packed: the app's green disc with a white
// speech bubble, and a dot in the top-right corner when something waits (red: an account needs
// attention; blue: unread messages). Shape and colour both change, so the state never rests on colour
// alone. Encoded as PNG with zlib only; main/electron/tray.ts hands it to nativeImage.createFromBuffer.
import { crc32, deflateSync } from 'node:zlib';
import type { TrayIconKind } from './trayModel';

type Rgb = readonly [number, number, number];
const GREEN: Rgb = [22, 128, 92];
const WHITE: Rgb = [255, 255, 255];
export const DOT_COLOURS: Record<Exclude<TrayIconKind, 'normal'>, Rgb> = { attention: [217, 48, 37], unread: [26, 115, 232] };

/** 0..1: how much of the pixel at (x, y) a shape of signed distance d covers (1 px anti-aliasing). */
const cover = (d: number) => Math.min(Math.max(0.5 - d, 0), 1);

/** Straight RGBA pixels, row by row, for a square icon of `size` pixels. */
export function trayIconPixels(kind: TrayIconKind, size: number): Uint8Array {
  const px = new Uint8Array(size * size * 4);
  const c = size / 2;
  const dot = { x: size * 0.78, y: size * 0.22, r: size * 0.22 };
  for (let y = 0; y < size; y++) {
    for (let x = 0; x < size; x++) {
      const fx = x + 0.5;
      const fy = y + 0.5;
      let alpha = cover(Math.hypot(fx - c, fy - c) - size * 0.47);
      let rgb: number[] = [...GREEN];
      const bubble = cover(Math.min(Math.hypot(fx - c, fy - c * 0.94) - size * 0.24, tail(fx, fy, size)));
      rgb = mix(rgb, WHITE, bubble);
      if (kind !== 'normal') {
        const d = Math.hypot(fx - dot.x, fy - dot.y);
        // A white ring first, so the dot stands out on the green and on any menu bar.
        const ring = cover(d - dot.r - size * 0.06);
        rgb = mix(rgb, WHITE, ring);
        rgb = mix(rgb, DOT_COLOURS[kind], cover(d - dot.r));
        alpha = Math.max(alpha, ring);
      }
      const i = (y * size + x) * 4;
      px.set([Math.round(rgb[0]!), Math.round(rgb[1]!), Math.round(rgb[2]!), Math.round(alpha * 255)], i);
    }
  }
  return px;
}

/** The bubble's tail: a small triangle towards the lower left, as a rough signed distance (inside < 0). */
function tail(x: number, y: number, size: number): number {
  const inside = y > size * 0.55 && y < size * 0.78 && x > size * 0.3 && x < size * 0.5 && x - size * 0.3 < (size * 0.78 - y) * 0.9;
  return inside ? -1 : 1;
}

function mix(a: number[], b: Rgb, t: number): number[] {
  return a.map((v, k) => v * (1 - t) + b[k]! * t);
}

/** A PNG (8-bit RGBA, no interlace) of the icon. */
export function trayIconPng(kind: TrayIconKind, size: number): Buffer {
  const px = trayIconPixels(kind, size);
  // Each row starts with filter type 0 (None).
  const raw = Buffer.alloc(size * (size * 4 + 1));
  for (let y = 0; y < size; y++) Buffer.from(px.buffer, y * size * 4, size * 4).copy(raw, y * (size * 4 + 1) + 1);
  const header = Buffer.alloc(13);
  header.writeUInt32BE(size, 0);
  header.writeUInt32BE(size, 4);
  header.set([8, 6, 0, 0, 0], 8); // bit depth 8, colour type 6 (RGBA), deflate, adaptive filters, no interlace
  return Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), chunk('IHDR', header), chunk('IDAT', deflateSync(raw)), chunk('IEND', Buffer.alloc(0))]);
}

function chunk(type: string, data: Buffer): Buffer {
  const length = Buffer.alloc(4);
  length.writeUInt32BE(data.length);
  const body = Buffer.concat([Buffer.from(type, 'ascii'), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(body) >>> 0);
  return Buffer.concat([length, body, crc]);
}
