#!/usr/bin/env node
// Draws akvault's icons (a key in a rounded badge) with a tiny anti-aliased rasteriser and writes PNGs,
// so the repository needs no image tools. Run after changing the design; the PNGs are committed.
//   resources/icons/tray-{idle,active,alarm}.png (+@2x)   Linux/Windows tray, coloured by state
//   resources/icons/tray-{idle,active,alarm}Template.png  macOS template images (black + alpha)
//   build/icons/icon.png (1024), build/icons/{512,256}x{512,256}.png   app icons
import { deflateSync } from 'node:zlib';
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

function crc32(buf) {
  let c, crc = 0xffffffff;
  for (let n = 0; n < buf.length; n++) {
    c = (crc ^ buf[n]) & 0xff;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    crc = (crc >>> 8) ^ c;
  }
  return (crc ^ 0xffffffff) >>> 0;
}
function chunk(type, data) {
  const len = Buffer.alloc(4);
  len.writeUInt32BE(data.length);
  const td = Buffer.concat([Buffer.from(type), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(td));
  return Buffer.concat([len, td, crc]);
}
function png(size, rgba) {
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(size, 0);
  ihdr.writeUInt32BE(size, 4);
  ihdr[8] = 8; ihdr[9] = 6; ihdr[10] = 0; ihdr[11] = 0; ihdr[12] = 0;
  const raw = Buffer.alloc((size * 4 + 1) * size);
  for (let y = 0; y < size; y++) {
    raw[y * (size * 4 + 1)] = 0;
    rgba.copy(raw, y * (size * 4 + 1) + 1, y * size * 4, (y + 1) * size * 4);
  }
  return Buffer.concat([Buffer.from([137, 80, 78, 71, 13, 10, 26, 10]), chunk('IHDR', ihdr), chunk('IDAT', deflateSync(raw)), chunk('IEND', Buffer.alloc(0))]);
}

// Shapes in a unit square (0..1). Each returns true when the point is inside.
const roundedRect = (x0, y0, x1, y1, r) => (x, y) => {
  const cx = Math.min(Math.max(x, x0 + r), x1 - r), cy = Math.min(Math.max(y, y0 + r), y1 - r);
  return x >= x0 && x <= x1 && y >= y0 && y <= y1 && (x - cx) ** 2 + (y - cy) ** 2 <= r * r;
};
const circle = (cx, cy, r) => (x, y) => (x - cx) ** 2 + (y - cy) ** 2 <= r * r;
const rect = (x0, y0, x1, y1) => (x, y) => x >= x0 && x <= x1 && y >= y0 && y <= y1;

// The key: a ring head on the left, a shaft with two teeth to the right.
const keyShape = (x, y) =>
  (circle(0.34, 0.5, 0.17)(x, y) && !circle(0.34, 0.5, 0.075)(x, y)) ||
  rect(0.46, 0.455, 0.82, 0.545)(x, y) ||
  rect(0.66, 0.545, 0.72, 0.65)(x, y) ||
  rect(0.76, 0.545, 0.82, 0.69)(x, y);
const alarmDot = circle(0.8, 0.22, 0.16);
const activeDot = circle(0.8, 0.22, 0.13);

function render(size, paint) {
  const buf = Buffer.alloc(size * size * 4);
  const ss = 4;
  for (let py = 0; py < size; py++)
    for (let px = 0; px < size; px++) {
      let r = 0, g = 0, b = 0, a = 0;
      for (let sy = 0; sy < ss; sy++)
        for (let sx = 0; sx < ss; sx++) {
          const c = paint((px + (sx + 0.5) / ss) / size, (py + (sy + 0.5) / ss) / size);
          if (c) { r += c[0] * c[3]; g += c[1] * c[3]; b += c[2] * c[3]; a += c[3]; }
        }
      const i = (py * size + px) * 4;
      if (a > 0) { buf[i] = Math.round(r / a); buf[i + 1] = Math.round(g / a); buf[i + 2] = Math.round(b / a); }
      buf[i + 3] = Math.round((a / (ss * ss)) * 255 / 255);
    }
  return png(size, buf);
}

const RED = [199, 0, 11], GREEN = [22, 163, 74], AMBER = [245, 158, 11], WHITE = [255, 255, 255], GREY = [90, 98, 110], BLACK = [0, 0, 0];
const badge = roundedRect(0.06, 0.06, 0.94, 0.94, 0.2);

const appIcon = (x, y) => (keyShape(x, y) ? [...WHITE, 255] : badge(x, y) ? [...RED, 255] : null);
const tray = (state) => (x, y) => {
  if (state === 'alarm' && alarmDot(x, y)) return [...AMBER, 255];
  if (state === 'active' && activeDot(x, y)) return [...GREEN, 255];
  return keyShape(x, y) ? [...(state === 'idle' ? GREY : RED), 255] : null;
};
// macOS template images: black + alpha only; the state shows as a dot (filled) or a ring.
const template = (state) => (x, y) => {
  if (state === 'alarm' && alarmDot(x, y)) return [...BLACK, 255];
  if (state === 'active' && activeDot(x, y) && !circle(0.8, 0.22, 0.07)(x, y)) return [...BLACK, 255];
  return keyShape(x, y) ? [...BLACK, 255] : null;
};

const out = (rel, data) => {
  const file = path.join(root, rel);
  mkdirSync(path.dirname(file), { recursive: true });
  writeFileSync(file, data);
};
for (const state of ['idle', 'active', 'alarm']) {
  out(`resources/icons/tray-${state}.png`, render(16, tray(state)));
  out(`resources/icons/tray-${state}@2x.png`, render(32, tray(state)));
  out(`resources/icons/tray-${state}Template.png`, render(16, template(state)));
  out(`resources/icons/tray-${state}Template@2x.png`, render(32, template(state)));
}
out('build/icons/icon.png', render(1024, appIcon));
out('build/icons/512x512.png', render(512, appIcon));
out('build/icons/256x256.png', render(256, appIcon));
out('resources/icons/app-256.png', render(256, appIcon));
console.log('icons written');
