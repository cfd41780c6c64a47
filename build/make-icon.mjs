// Draws build/icon.png (1024x1024), the source electron-builder turns into .icns, .ico and the Linux
// icons. Run `node build/make-icon.mjs` after changing the drawing; the PNG is committed.
// The mark: two overlapping speech bubbles (several accounts) on a green rounded square.
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { PNG } from 'pngjs';

const SIZE = 1024;
const png = new PNG({ width: SIZE, height: SIZE });

const GREEN = [22, 128, 92];
const WHITE = [255, 255, 255];
const PALE = [190, 236, 214];

/** Signed distance to a rounded square centred in the canvas, negative inside. */
function roundedSquare(x, y, half, radius) {
  const dx = Math.max(Math.abs(x - SIZE / 2) - (half - radius), 0);
  const dy = Math.max(Math.abs(y - SIZE / 2) - (half - radius), 0);
  return Math.hypot(dx, dy) - radius;
}
/** Signed distance to a speech bubble: a circle with a tail towards the lower left. */
function bubble(x, y, cx, cy, r) {
  const circle = Math.hypot(x - cx, y - cy) - r;
  // The tail: a triangle whose base lies inside the circle and whose tip points down and left.
  const a = [cx - r * 0.75, cy + r * 0.35];
  const b = [cx - r * 0.2, cy + r * 0.9];
  const tip = [cx - r * 1.05, cy + r * 1.12];
  const side = (p, q) => (q[0] - p[0]) * (y - p[1]) - (q[1] - p[1]) * (x - p[0]);
  const s1 = side(a, b);
  const s2 = side(b, tip);
  const s3 = side(tip, a);
  const inTail = (s1 >= 0 && s2 >= 0 && s3 >= 0) || (s1 <= 0 && s2 <= 0 && s3 <= 0);
  return inTail ? Math.min(circle, -1) : circle;
}
const coverage = (d) => Math.min(Math.max(0.5 - d, 0), 1); // 1 px anti-aliasing

for (let y = 0; y < SIZE; y++) {
  for (let x = 0; x < SIZE; x++) {
    const i = (y * SIZE + x) * 4;
    const base = coverage(roundedSquare(x + 0.5, y + 0.5, 440, 200));
    let color = GREEN;
    const back = coverage(bubble(x + 0.5, y + 0.5, 600, 420, 200));
    const front = coverage(bubble(x + 0.5, y + 0.5, 440, 580, 230));
    const mix = (a, b, t) => a.map((v, k) => Math.round(v * (1 - t) + b[k] * t));
    color = mix(color, PALE, back);
    color = mix(color, WHITE, front);
    png.data[i] = color[0];
    png.data[i + 1] = color[1];
    png.data[i + 2] = color[2];
    png.data[i + 3] = Math.round(base * 255);
  }
}

const out = path.join(path.dirname(fileURLToPath(import.meta.url)), 'icon.png');
writeFileSync(out, PNG.sync.write(png));
console.log(`wrote ${out}`);
