import { inflateRawSync } from 'node:zlib';
import { invalidInput, tooLarge } from '../errors';

// A .docx is a zip archive. Before mammoth (through JSZip) inflates it in memory, this reader
// walks the zip's central directory and inflates every entry once under a byte budget, so a
// zip bomb, whose entries lie about or dwarf their compressed size, is refused early.

/** The largest .docx accepted for import, in bytes (the route answers 413 above it). */
export const MAX_DOCX_BYTES = 10 * 1024 * 1024;

/** The most bytes all entries of an imported .docx may inflate to together. */
export const MAX_DOCX_UNCOMPRESSED_BYTES = 64 * 1024 * 1024;

/** The most entries an imported .docx may hold; real documents have a few dozen. */
export const MAX_DOCX_ENTRIES = 2000;

const CFB_MAGIC = Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]);
const LOCAL_HEADER = 0x04034b50;
const CENTRAL_HEADER = 0x02014b50;
const END_OF_CENTRAL_DIRECTORY = 0x06054b50;
const EOCD_SIZE = 22;
const MAX_ZIP_COMMENT = 0xffff;
const ZIP64_MARKER = 0xffffffff;
const FLAG_ENCRYPTED = 0x1;
const STORED = 0;
const DEFLATED = 8;

const NOT_DOCX = 'Berkas bukan dokumen Word (.docx) yang dapat dibaca.';
const ENCRYPTED =
  'Berkas terenkripsi (dilindungi kata sandi) atau berformat Word lama (.doc). ' +
  'Buka di Word lalu simpan sebagai .docx tanpa kata sandi.';
const TOO_EXPANSIVE = 'Isi berkas .docx terlalu besar setelah diekstrak.';

interface Entry {
  name: string;
  flags: number;
  method: number;
  compressedSize: number;
  size: number;
  localOffset: number;
}

/** Checks that a buffer is a plain, unencrypted .docx whose contents stay within the limits. */
export function assertReadableDocx(buffer: Buffer): void {
  if (buffer.length > MAX_DOCX_BYTES) {
    throw tooLarge(`Berkas .docx melebihi batas ${MAX_DOCX_BYTES / 1024 / 1024} MiB.`);
  }
  if (buffer.subarray(0, CFB_MAGIC.length).equals(CFB_MAGIC)) throw invalidInput(ENCRYPTED);
  if (buffer.length < EOCD_SIZE || buffer.readUInt32LE(0) !== LOCAL_HEADER) {
    throw invalidInput(NOT_DOCX);
  }
  const entries = centralDirectory(buffer);
  if (!entries.some((entry) => entry.name === 'word/document.xml')) throw invalidInput(NOT_DOCX);

  let budget = MAX_DOCX_UNCOMPRESSED_BYTES;
  for (const entry of entries) {
    if (entry.flags & FLAG_ENCRYPTED) throw invalidInput(ENCRYPTED);
    if (entry.size > budget) throw invalidInput(TOO_EXPANSIVE);
    budget -= inflatedSize(buffer, entry, budget);
  }
}

function centralDirectory(buffer: Buffer): Entry[] {
  const eocd = findEndOfCentralDirectory(buffer);
  const count = buffer.readUInt16LE(eocd + 10);
  const offset = buffer.readUInt32LE(eocd + 16);
  if (count > MAX_DOCX_ENTRIES) throw invalidInput(TOO_EXPANSIVE);

  const entries: Entry[] = [];
  let at = offset;
  for (let i = 0; i < count; i += 1) {
    if (at + 46 > buffer.length || buffer.readUInt32LE(at) !== CENTRAL_HEADER) {
      throw invalidInput(NOT_DOCX);
    }
    const nameLength = buffer.readUInt16LE(at + 28);
    const entry: Entry = {
      flags: buffer.readUInt16LE(at + 8),
      method: buffer.readUInt16LE(at + 10),
      compressedSize: buffer.readUInt32LE(at + 20),
      size: buffer.readUInt32LE(at + 24),
      localOffset: buffer.readUInt32LE(at + 42),
      name: buffer.toString('utf8', at + 46, at + 46 + nameLength),
    };
    // A document under 10 MiB never needs ZIP64; sizes hidden behind it are not worth trusting.
    if (entry.size === ZIP64_MARKER || entry.compressedSize === ZIP64_MARKER) {
      throw invalidInput(TOO_EXPANSIVE);
    }
    entries.push(entry);
    at += 46 + nameLength + buffer.readUInt16LE(at + 30) + buffer.readUInt16LE(at + 32);
  }
  return entries;
}

function findEndOfCentralDirectory(buffer: Buffer): number {
  const last = buffer.length - EOCD_SIZE;
  for (let at = last; at >= Math.max(0, last - MAX_ZIP_COMMENT); at -= 1) {
    if (buffer.readUInt32LE(at) === END_OF_CENTRAL_DIRECTORY) return at;
  }
  throw invalidInput(NOT_DOCX);
}

function inflatedSize(buffer: Buffer, entry: Entry, budget: number): number {
  const at = entry.localOffset;
  if (at + 30 > buffer.length || buffer.readUInt32LE(at) !== LOCAL_HEADER) {
    throw invalidInput(NOT_DOCX);
  }
  const start = at + 30 + buffer.readUInt16LE(at + 26) + buffer.readUInt16LE(at + 28);
  const end = start + entry.compressedSize;
  if (end > buffer.length) throw invalidInput(NOT_DOCX);
  if (entry.method === STORED) return entry.compressedSize;
  if (entry.method !== DEFLATED) throw invalidInput(NOT_DOCX);
  let size: number;
  try {
    // The cap makes zlib stop at the budget instead of trusting the declared size, which
    // a zip bomb may understate (even as 0).
    size = inflateRawSync(buffer.subarray(start, end), {
      maxOutputLength: Math.max(1, budget),
    }).length;
  } catch (error) {
    // Checked by code, not `instanceof RangeError`: zlib's error may come from another realm.
    if (isBufferTooLarge(error)) throw invalidInput(TOO_EXPANSIVE);
    throw invalidInput(NOT_DOCX);
  }
  if (size > budget) throw invalidInput(TOO_EXPANSIVE);
  return size;
}

function isBufferTooLarge(error: unknown): boolean {
  return (
    typeof error === 'object' &&
    error !== null &&
    'code' in error &&
    error.code === 'ERR_BUFFER_TOO_LARGE'
  );
}
