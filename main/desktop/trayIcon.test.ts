import { PNG } from 'pngjs';
import { describe, expect, it } from 'vitest';
import { DOT_COLOURS, trayIconPng } from './trayIcon';

function decode(buf: Buffer) {
  const png = PNG.sync.read(buf);
  const at = (x: number, y: number) => [...png.data.subarray((y * png.width + x) * 4, (y * png.width + x) * 4 + 4)];
  return { png, at };
}
const near = (a: number[], b: readonly number[]) => a.slice(0, 3).every((v, i) => Math.abs(v - b[i]!) <= 8);

describe('tray icon', () => {
  it('is a valid PNG of the asked size: a green disc with a white bubble, transparent corners', () => {
    const { png, at } = decode(trayIconPng('normal', 32));
    expect([png.width, png.height]).toEqual([32, 32]);
    expect(at(0, 31)[3]).toBe(0);
    expect(near(at(16, 15), [255, 255, 255])).toBe(true);
    expect(near(at(16, 2), [22, 128, 92])).toBe(true);
    expect(at(16, 2)[3]).toBe(255);
  });

  it('marks attention with a red dot and unread with a blue one, top right; the plain icon has none', () => {
    const corner = (kind: 'normal' | 'attention' | 'unread') => decode(trayIconPng(kind, 32)).at(25, 7);
    expect(near(corner('attention'), DOT_COLOURS.attention)).toBe(true);
    expect(near(corner('unread'), DOT_COLOURS.unread)).toBe(true);
    expect(near(corner('normal'), DOT_COLOURS.attention) || near(corner('normal'), DOT_COLOURS.unread)).toBe(false);
  });
});
