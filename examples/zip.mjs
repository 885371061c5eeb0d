/**
 * A reproducible zip of some files, for the installable plugins: plain Node (node:zlib for deflate
 * and CRC-32), entries sorted and dated 2026-01-01 (or SOURCE_DATE_EPOCH), so the same sources give
 * the same bytes, and read back before writing so a broken archive never reaches a merchant.
 */
import { mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join, relative, sep } from 'node:path';
import { crc32, deflateRawSync, inflateRawSync } from 'node:zlib';

const SKIP = new Set(['.DS_Store', 'Thumbs.db']);

/** MS-DOS date and time fields. */
function dosDateTime(date) {
  const time =
    (date.getUTCHours() << 11) | (date.getUTCMinutes() << 5) | Math.floor(date.getUTCSeconds() / 2);
  const day = ((date.getUTCFullYear() - 1980) << 9) | ((date.getUTCMonth() + 1) << 5) | date.getUTCDate();
  return { time, day };
}

function filesUnder(base, path) {
  const full = join(base, path);
  if (statSync(full).isFile()) return [path];
  return readdirSync(full)
    .filter((name) => !SKIP.has(name))
    .flatMap((name) => filesUnder(base, join(path, name)));
}

/** Every entry inflates to its file with the recorded CRC, or this throws. */
function check(zip, files) {
  let at = 0;
  for (const { name, data } of files) {
    const method = zip.readUInt16LE(at + 8);
    const size = zip.readUInt32LE(at + 18);
    const start = at + 30 + zip.readUInt16LE(at + 26);
    const body = zip.subarray(start, start + size);
    const inflated = method === 8 ? inflateRawSync(body) : body;
    if (crc32(inflated) !== zip.readUInt32LE(at + 14) || !inflated.equals(data)) {
      throw new Error(`zip self-check failed for ${name}`);
    }
    at = start + size;
  }
}

/**
 * Zips `include` (files or folders under `base`) as `prefix/<path>` into `out`; returns the entry names.
 *
 * @example
 * zipFolder({ base: here, include: ['kasa'], prefix: '', out: join(here, 'dist', 'kasa.zip') });
 */
export function zipFolder({ base, include, prefix, out }) {
  const epoch = process.env.SOURCE_DATE_EPOCH;
  const { time, day } = dosDateTime(
    epoch ? new Date(Number(epoch) * 1000) : new Date('2026-01-01T00:00:00Z'),
  );
  const files = include
    .flatMap((path) => filesUnder(base, path))
    .sort()
    .map((path) => ({
      name: [prefix, ...relative(base, join(base, path)).split(sep)].filter(Boolean).join('/'),
      data: readFileSync(join(base, path)),
    }));
  const locals = [];
  const centrals = [];
  let offset = 0;
  for (const { name, data } of files) {
    const nameBytes = Buffer.from(name, 'utf8');
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
    local.writeUInt16LE(nameBytes.length, 26);
    locals.push(local, nameBytes, body);
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
    central.writeUInt16LE(nameBytes.length, 28);
    central.writeUInt32LE((0o100644 << 16) >>> 0, 38); // regular file, rw-r--r--
    central.writeUInt32LE(offset, 42);
    centrals.push(central, nameBytes);
    offset += local.length + nameBytes.length + body.length;
  }
  const directory = Buffer.concat(centrals);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0); // end of central directory
  end.writeUInt16LE(files.length, 8);
  end.writeUInt16LE(files.length, 10);
  end.writeUInt32LE(directory.length, 12);
  end.writeUInt32LE(offset, 16);
  const zip = Buffer.concat([...locals, directory, end]);
  check(zip, files);
  mkdirSync(dirname(out), { recursive: true });
  writeFileSync(out, zip);
  console.log(`${relative(process.cwd(), out) || out}: ${files.length} files, ${zip.length} bytes, checked`);
  return files.map((file) => file.name);
}

/** The `--out PATH` argument, else the default. */
export const outPath = (fallback) => {
  const at = process.argv.indexOf('--out');
  return at > 0 && process.argv[at + 1] ? process.argv[at + 1] : fallback;
};
