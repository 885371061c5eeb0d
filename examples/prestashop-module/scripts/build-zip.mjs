#!/usr/bin/env node
/**
 * Builds dist/kasa.zip, the file a merchant uploads in Modules › Module Manager › Upload a module.
 * PrestaShop wants the module folder at the root of the archive (`kasa/kasa.php`). Plain Node
 * (node:zlib for deflate and CRC-32, Node ≥ 20.15): no package to install. The archive is
 * reproducible (sorted entries, fixed timestamps) and re-read after writing to check every entry.
 *
 *   node examples/prestashop-module/scripts/build-zip.mjs [--out path/to/kasa.zip]
 */
import { mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join, relative, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { crc32, deflateRawSync, inflateRawSync } from 'node:zlib';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const moduleDir = join(root, 'kasa');
const outIndex = process.argv.indexOf('--out');
const out = outIndex > 0 ? resolve(process.argv[outIndex + 1] ?? '') : join(root, 'dist', 'kasa.zip');

/** 2026-01-01 00:00 in MS-DOS format: the same bytes on every build. */
const DOS_TIME = 0;
const DOS_DATE = ((2026 - 1980) << 9) | (1 << 5) | 1;
const UTF8_NAMES = 0x0800;
const SKIP = new Set(['.DS_Store', 'Thumbs.db']);

function walk(dir) {
  const entries = [];
  for (const name of readdirSync(dir).sort()) {
    if (SKIP.has(name)) continue;
    const path = join(dir, name);
    if (statSync(path).isDirectory()) entries.push({ path, dir: true }, ...walk(path));
    else entries.push({ path, dir: false });
  }
  return entries;
}

function header(size) {
  const buffer = Buffer.alloc(size);
  let offset = 0;
  const api = {
    u16(value) {
      buffer.writeUInt16LE(value, offset);
      offset += 2;
      return api;
    },
    u32(value) {
      buffer.writeUInt32LE(value >>> 0, offset);
      offset += 4;
      return api;
    },
    done: () => buffer,
  };
  return api;
}

function build() {
  const files = [{ path: moduleDir, dir: true }, ...walk(moduleDir)];
  const locals = [];
  const centrals = [];
  let offset = 0;
  for (const file of files) {
    const name =
      `kasa/${relative(moduleDir, file.path).split(sep).join('/')}`.replace(/\/$/, '') +
      (file.dir ? '/' : '');
    const nameBytes = Buffer.from(name, 'utf8');
    const data = file.dir ? Buffer.alloc(0) : readFileSync(file.path);
    const deflated = file.dir ? data : deflateRawSync(data, { level: 9 });
    const stored = deflated.length >= data.length;
    const body = stored ? data : deflated;
    const method = stored ? 0 : 8;
    const crc = crc32(data);
    const local = header(30)
      .u32(0x04034b50)
      .u16(20)
      .u16(UTF8_NAMES)
      .u16(method)
      .u16(DOS_TIME)
      .u16(DOS_DATE)
      .u32(crc)
      .u32(body.length)
      .u32(data.length)
      .u16(nameBytes.length)
      .u16(0)
      .done();
    const mode = file.dir ? 0o40755 : 0o100644;
    const central = header(46)
      .u32(0x02014b50)
      .u16((3 << 8) | 20)
      .u16(20)
      .u16(UTF8_NAMES)
      .u16(method)
      .u16(DOS_TIME)
      .u16(DOS_DATE)
      .u32(crc)
      .u32(body.length)
      .u32(data.length)
      .u16(nameBytes.length)
      .u16(0)
      .u16(0)
      .u16(0)
      .u16(0)
      .u32(((mode << 16) | (file.dir ? 0x10 : 0)) >>> 0)
      .u32(offset)
      .done();
    locals.push(local, nameBytes, body);
    centrals.push(central, nameBytes);
    offset += local.length + nameBytes.length + body.length;
  }
  const centralSize = centrals.reduce((sum, part) => sum + part.length, 0);
  const end = header(22)
    .u32(0x06054b50)
    .u16(0)
    .u16(0)
    .u16(files.length)
    .u16(files.length)
    .u32(centralSize)
    .u32(offset)
    .u16(0)
    .done();
  return { zip: Buffer.concat([...locals, ...centrals, end]), count: files.length };
}

/** Reads the archive back through its central directory and checks every entry's size and CRC. */
function check(zip) {
  const end = zip.length - 22;
  if (zip.readUInt32LE(end) !== 0x06054b50) throw new Error('no end-of-central-directory record');
  const entries = zip.readUInt16LE(end + 10);
  let at = zip.readUInt32LE(end + 16);
  const names = [];
  for (let i = 0; i < entries; i++) {
    if (zip.readUInt32LE(at) !== 0x02014b50) throw new Error(`bad central header ${i}`);
    const method = zip.readUInt16LE(at + 10);
    const crc = zip.readUInt32LE(at + 16);
    const packed = zip.readUInt32LE(at + 20);
    const size = zip.readUInt32LE(at + 24);
    const nameLength = zip.readUInt16LE(at + 28);
    const local = zip.readUInt32LE(at + 42);
    const name = zip.subarray(at + 46, at + 46 + nameLength).toString('utf8');
    const dataAt = local + 30 + zip.readUInt16LE(local + 26) + zip.readUInt16LE(local + 28);
    const raw = zip.subarray(dataAt, dataAt + packed);
    const data = method === 8 ? inflateRawSync(raw) : raw;
    if (data.length !== size || crc32(data) !== crc) throw new Error(`${name}: size or CRC mismatch`);
    names.push(name);
    at += 46 + nameLength + zip.readUInt16LE(at + 30) + zip.readUInt16LE(at + 32);
  }
  if (!names.includes('kasa/kasa.php')) throw new Error('kasa/kasa.php is missing');
  return names;
}

const { zip, count } = build();
const names = check(zip);
mkdirSync(dirname(out), { recursive: true });
writeFileSync(out, zip);
console.log(`${relative(process.cwd(), out) || out}: ${count} entries, ${zip.length} bytes, checked`);
console.log(names.map((n) => `  ${n}`).join('\n'));
