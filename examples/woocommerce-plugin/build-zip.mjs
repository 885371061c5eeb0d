/**
 * Builds the installable plugin: dist/kasa-checkout.zip with one folder, kasa-checkout/, as
 * WordPress's "Upload plugin" expects. Plain Node (zlib for deflate), no zip tool or package.
 * Entries are sorted and dated 2026-01-01 (or SOURCE_DATE_EPOCH), so the same sources give the
 * same bytes.
 *
 *   node examples/woocommerce-plugin/build-zip.mjs
 */
import { mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join, relative, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { deflateRawSync, inflateRawSync } from 'node:zlib';

const root = dirname(fileURLToPath(import.meta.url));
const slug = 'kasa-checkout';
const include = ['kasa-checkout.php', 'uninstall.php', 'readme.txt', 'includes', 'blocks'];
const out = join(root, 'dist', `${slug}.zip`);

const CRC_TABLE = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});

/** CRC-32 (IEEE), as ZIP stores it. */
function crc32(bytes) {
  let crc = 0xffffffff;
  for (const byte of bytes) crc = CRC_TABLE[(crc ^ byte) & 0xff] ^ (crc >>> 8);
  return (crc ^ 0xffffffff) >>> 0;
}

/** MS-DOS date and time fields. */
function dosDateTime(date) {
  const time =
    (date.getUTCHours() << 11) | (date.getUTCMinutes() << 5) | Math.floor(date.getUTCSeconds() / 2);
  const day = ((date.getUTCFullYear() - 1980) << 9) | ((date.getUTCMonth() + 1) << 5) | date.getUTCDate();
  return { time, day };
}

function filesUnder(path) {
  const full = join(root, path);
  if (statSync(full).isFile()) return [path];
  return readdirSync(full)
    .sort()
    .flatMap((name) => filesUnder(join(path, name)));
}

const epoch = process.env.SOURCE_DATE_EPOCH;
const { time, day } = dosDateTime(epoch ? new Date(Number(epoch) * 1000) : new Date('2026-01-01T00:00:00Z'));

const locals = [];
const centrals = [];
let offset = 0;
const files = include.flatMap(filesUnder).sort();
for (const file of files) {
  const name = Buffer.from(`${slug}/${relative(root, join(root, file)).split(sep).join('/')}`, 'utf8');
  const data = readFileSync(join(root, file));
  const deflated = deflateRawSync(data, { level: 9 });
  const stored = deflated.length >= data.length;
  const body = stored ? data : deflated;
  const crc = crc32(data);

  const local = Buffer.alloc(30);
  local.writeUInt32LE(0x04034b50, 0); // local file header
  local.writeUInt16LE(20, 4); // version needed: 2.0
  local.writeUInt16LE(0x0800, 6); // UTF-8 names
  local.writeUInt16LE(stored ? 0 : 8, 8);
  local.writeUInt16LE(time, 10);
  local.writeUInt16LE(day, 12);
  local.writeUInt32LE(crc, 14);
  local.writeUInt32LE(body.length, 18);
  local.writeUInt32LE(data.length, 22);
  local.writeUInt16LE(name.length, 26);
  local.writeUInt16LE(0, 28);
  locals.push(local, name, body);

  const central = Buffer.alloc(46);
  central.writeUInt32LE(0x02014b50, 0); // central directory header
  central.writeUInt16LE((3 << 8) | 20, 4); // made by: Unix, 2.0
  central.writeUInt16LE(20, 6);
  central.writeUInt16LE(0x0800, 8);
  central.writeUInt16LE(stored ? 0 : 8, 10);
  central.writeUInt16LE(time, 12);
  central.writeUInt16LE(day, 14);
  central.writeUInt32LE(crc, 16);
  central.writeUInt32LE(body.length, 20);
  central.writeUInt32LE(data.length, 24);
  central.writeUInt16LE(name.length, 28);
  central.writeUInt32LE(((0o100644 << 16) >>> 0) >>> 0, 38); // regular file, rw-r--r--
  central.writeUInt32LE(offset, 42);
  centrals.push(central, name);
  offset += local.length + name.length + body.length;
}

const directory = Buffer.concat(centrals);
const end = Buffer.alloc(22);
end.writeUInt32LE(0x06054b50, 0); // end of central directory
end.writeUInt16LE(files.length, 8);
end.writeUInt16LE(files.length, 10);
end.writeUInt32LE(directory.length, 12);
end.writeUInt32LE(offset, 16);
const zip = Buffer.concat([...locals, directory, end]);

// Read the archive back before writing it: every entry must inflate to its file, CRC included.
let at = 0;
for (const file of files) {
  const method = zip.readUInt16LE(at + 8);
  const size = zip.readUInt32LE(at + 18);
  const nameLength = zip.readUInt16LE(at + 26);
  const start = at + 30 + nameLength;
  const body = zip.subarray(start, start + size);
  const data = method === 8 ? inflateRawSync(body) : body;
  if (crc32(data) !== zip.readUInt32LE(at + 14) || !data.equals(readFileSync(join(root, file)))) {
    throw new Error(`zip self-check failed for ${file}`);
  }
  at = start + size;
}

mkdirSync(dirname(out), { recursive: true });
writeFileSync(out, zip);
console.log(`${relative(process.cwd(), out)}: ${files.length} files, ${zip.length} bytes`);
