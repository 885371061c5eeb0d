/**
 * Draws kasa/logo.png, the module's icon in PrestaShop's module list: 64×64, a blue rounded square
 * with a white "K". Plain Node (node:zlib for the PNG's deflate and CRC-32); run it again only to
 * change the icon. It stays out of the archive (build-zip.mjs packs kasa/ only).
 *
 *   node examples/prestashop-module/scripts/make-logo.mjs
 */
import { writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { crc32, deflateSync } from 'node:zlib';

const SIZE = 64;
const BLUE = [11, 87, 208, 255];
const WHITE = [255, 255, 255, 255];
const CLEAR = [0, 0, 0, 0];

/** Inside the rounded square (corner radius 12). */
function inSquare(x, y) {
  const r = 12;
  const cx = Math.min(Math.max(x, r), SIZE - 1 - r);
  const cy = Math.min(Math.max(y, r), SIZE - 1 - r);
  return (x - cx) ** 2 + (y - cy) ** 2 <= r * r;
}

/** The "K": a stem and two arms, 7 px thick. */
function inLetter(x, y) {
  if (y < 14 || y > 49) return false;
  if (x >= 18 && x <= 25) return true;
  const arm = Math.abs(y - 32); // distance from the K's waist
  const edge = 26 + arm;
  return x >= edge - 1 && x <= edge + 7 && x <= 47;
}

function pixel(x, y) {
  if (!inSquare(x, y)) return CLEAR;
  return inLetter(x, y) ? WHITE : BLUE;
}

function chunk(type, data) {
  const length = Buffer.alloc(4);
  length.writeUInt32BE(data.length);
  const body = Buffer.concat([Buffer.from(type, 'ascii'), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(body));
  return Buffer.concat([length, body, crc]);
}

const header = Buffer.alloc(13);
header.writeUInt32BE(SIZE, 0);
header.writeUInt32BE(SIZE, 4);
header[8] = 8; // bit depth
header[9] = 6; // RGBA
const rows = [];
for (let y = 0; y < SIZE; y++) {
  rows.push(Buffer.from([0])); // filter: none
  for (let x = 0; x < SIZE; x++) rows.push(Buffer.from(pixel(x, y)));
}
const png = Buffer.concat([
  Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
  chunk('IHDR', header),
  chunk('IDAT', deflateSync(Buffer.concat(rows), { level: 9 })),
  chunk('IEND', Buffer.alloc(0)),
]);
const out = join(dirname(fileURLToPath(import.meta.url)), '..', 'kasa', 'logo.png');
writeFileSync(out, png);
console.log(`${out}: ${png.length} bytes`);
