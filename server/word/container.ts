import { crc32, inflateRawSync } from 'node:zlib';
import {
  MAX_DOCX_BYTES,
  MAX_DOCX_ENTRIES,
  MAX_DOCX_UNCOMPRESSED_BYTES,
  MAX_DOCX_XML_BYTES,
} from '../../shared/limits';
import { invalidInput, tooLarge } from '../errors';
import { countXml, refuseDeclarations, xmlCountProblem, type XmlCount } from './xml';

// A .docx is a zip archive. mammoth (through JSZip) would inflate it whole in memory and trusts
// whatever directory it finds, so this reader does the unzipping itself, strictly: one plain
// directory (no ZIP64, no split archive, no bytes before or after it), every entry inflated
// once under a byte budget, every XML part counted for elements and paragraphs. mammoth then
// reads a fresh archive built from exactly the checked parts, so no second reading of the
// original file (a decoy directory, a ZIP64 record) can show it anything else.

export { MAX_DOCX_BYTES } from '../../shared/limits';

/** The parts of a checked .docx, inflated, by name. */
export type DocxParts = Map<string, Buffer>;

const CFB_MAGIC = Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]);
const LOCAL_HEADER = 0x04034b50;
const CENTRAL_HEADER = 0x02014b50;
const END_OF_CENTRAL_DIRECTORY = 0x06054b50;
const ZIP64_LOCATOR = 0x07064b50;
const ZIP64_EXTRA = 0x0001;
const EOCD_SIZE = 22;
const MAX_ZIP_COMMENT = 0xffff;
const MAX_16 = 0xffff;
const MAX_32 = 0xffffffff;
const FLAG_ENCRYPTED = 0x1;
const STORED = 0;
const DEFLATED = 8;
const DOCUMENT_XML = 'word/document.xml';

const NOT_DOCX = 'Berkas bukan dokumen Word (.docx) yang dapat dibaca.';
const ENCRYPTED =
  'Berkas terenkripsi (dilindungi kata sandi) atau berformat Word lama (.doc). ' +
  'Buka di Word lalu simpan sebagai .docx tanpa kata sandi.';
const TOO_EXPANSIVE = 'Isi berkas .docx terlalu besar setelah diekstrak.';
const ZIP64 = 'Berkas .docx memakai format ZIP64 yang tidak diterima untuk dokumen sekecil ini.';
const MACROS =
  'Berkas berisi makro (dokumen .docm atau bagian VBA). Simpan sebagai dokumen Word (.docx) ' +
  'tanpa makro, lalu unggah kembali.';
const UNSAFE_NAME =
  'Berkas .docx memuat bagian dengan nama jalur yang tidak sah (../, jalur absolut, garis ' +
  'miring terbalik atau huruf drive).';
const CONTENT_TYPES = '[Content_Types].xml';

interface Entry {
  name: string;
  flags: number;
  method: number;
  compressedSize: number;
  localOffset: number;
}

/** Checks a .docx and returns its parts inflated; 400/413 for anything unreadable or too large. */
export function readDocxContainer(buffer: Buffer): DocxParts {
  if (buffer.length > MAX_DOCX_BYTES) {
    throw tooLarge(`Berkas .docx melebihi batas ${MAX_DOCX_BYTES / 1024 / 1024} MiB.`);
  }
  if (buffer.subarray(0, CFB_MAGIC.length).equals(CFB_MAGIC)) throw invalidInput(ENCRYPTED);
  if (buffer.length < EOCD_SIZE || buffer.readUInt32LE(0) !== LOCAL_HEADER) {
    throw invalidInput(NOT_DOCX);
  }
  const entries = centralDirectory(buffer);
  if (!entries.some((entry) => entry.name === DOCUMENT_XML)) throw invalidInput(NOT_DOCX);
  entries.forEach((entry) => refuseMacroPart(entry.name));

  const parts: DocxParts = new Map();
  const count: XmlCount = { elements: 0, paragraphs: 0 };
  let budget = MAX_DOCX_UNCOMPRESSED_BYTES;
  for (const entry of entries) {
    if (entry.flags & FLAG_ENCRYPTED) throw invalidInput(ENCRYPTED);
    const isXml = /\.(xml|rels)$/i.test(entry.name);
    const data = inflate(buffer, entry, isXml ? Math.min(budget, MAX_DOCX_XML_BYTES) : budget);
    budget -= data.length;
    // No reader sees a part before its declarations are refused and its elements counted.
    if (isXml) refuseDeclarations(data);
    // Every XML part counts, not only the body: mammoth also reads notes and comments.
    if (isXml) countXml(data, count);
    const problem = xmlCountProblem(count);
    if (problem) throw tooLarge(problem);
    parts.set(entry.name, data);
  }
  refuseMacroContentType(parts.get(CONTENT_TYPES));
  return parts;
}

// Names a zip entry may not have: a part of a .docx is a relative path of forward slashes.
// Nothing here writes entries to disk, but a name that climbs out (`../`), starts at a root
// (`/`, `C:`) or hides a separator (`\`) is never Word's, and a later reader might trust it.
const UNSAFE_PATH = [/(^|\/)\.\.(\/|$)/, /^\//, /\\/, /^[A-Za-z]:/];

/** Refuses an entry whose name climbs out of the archive, names an absolute path or a control character. */
export function refuseUnsafeName(name: string): void {
  const control = [...name].some((c) => c.charCodeAt(0) < 0x20);
  if (control || UNSAFE_PATH.some((pattern) => pattern.test(name))) throw invalidInput(UNSAFE_NAME);
}

/** Refuses a VBA project, wherever in the archive: a .docm renamed to .docx carries one. */
export function refuseMacroPart(name: string): void {
  if (/(^|\/)vba(Project\.bin|Data\.xml)$/i.test(name)) throw invalidInput(MACROS);
}

/** Refuses a package whose content types declare a macro-enabled document or template. */
export function refuseMacroContentType(contentTypes: Buffer | undefined): void {
  if (contentTypes && /macroEnabled/i.test(contentTypes.toString('utf8')))
    throw invalidInput(MACROS);
}

/** Writes parts into a zip archive of stored (uncompressed) entries, the form mammoth reads. */
export function storedZip(parts: DocxParts): Buffer {
  const locals: Buffer[] = [];
  const centrals: Buffer[] = [];
  let offset = 0;
  for (const [entryName, data] of parts) {
    const name = Buffer.from(entryName, 'utf8');
    const crc = crc32(data);
    const local = Buffer.alloc(30);
    local.writeUInt32LE(LOCAL_HEADER, 0);
    local.writeUInt16LE(20, 4);
    local.writeUInt32LE(crc, 14);
    local.writeUInt32LE(data.length, 18);
    local.writeUInt32LE(data.length, 22);
    local.writeUInt16LE(name.length, 26);
    const central = Buffer.alloc(46);
    central.writeUInt32LE(CENTRAL_HEADER, 0);
    central.writeUInt16LE(20, 4);
    central.writeUInt16LE(20, 6);
    central.writeUInt32LE(crc, 16);
    central.writeUInt32LE(data.length, 20);
    central.writeUInt32LE(data.length, 24);
    central.writeUInt16LE(name.length, 28);
    central.writeUInt32LE(offset, 42);
    locals.push(local, name, data);
    centrals.push(central, name);
    offset += local.length + name.length + data.length;
  }
  const directory = Buffer.concat(centrals);
  const end = Buffer.alloc(EOCD_SIZE);
  end.writeUInt32LE(END_OF_CENTRAL_DIRECTORY, 0);
  end.writeUInt16LE(parts.size, 8);
  end.writeUInt16LE(parts.size, 10);
  end.writeUInt32LE(directory.length, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...locals, directory, end]);
}

function centralDirectory(buffer: Buffer): Entry[] {
  const eocd = findEndOfCentralDirectory(buffer);
  const disk = buffer.readUInt16LE(eocd + 4);
  const directoryDisk = buffer.readUInt16LE(eocd + 6);
  const countOnDisk = buffer.readUInt16LE(eocd + 8);
  const count = buffer.readUInt16LE(eocd + 10);
  const size = buffer.readUInt32LE(eocd + 12);
  const offset = buffer.readUInt32LE(eocd + 16);
  // 0xFFFF and 0xFFFFFFFF send a ZIP64 reader to another directory than the one read here.
  if ([disk, directoryDisk, countOnDisk, count].includes(MAX_16)) throw invalidInput(ZIP64);
  if (size === MAX_32 || offset === MAX_32) throw invalidInput(ZIP64);
  if (eocd >= 20 && buffer.readUInt32LE(eocd - 20) === ZIP64_LOCATOR) throw invalidInput(ZIP64);
  if (disk !== 0 || directoryDisk !== 0 || countOnDisk !== count) throw invalidInput(NOT_DOCX);
  if (count > MAX_DOCX_ENTRIES) throw tooLarge(TOO_EXPANSIVE);
  // The directory must end where the end record starts: nothing may hide between them.
  if (offset + size !== eocd) throw invalidInput(NOT_DOCX);

  const entries: Entry[] = [];
  const names = new Set<string>();
  let at = offset;
  for (let i = 0; i < count; i += 1) {
    if (at + 46 > eocd || buffer.readUInt32LE(at) !== CENTRAL_HEADER) {
      throw invalidInput(NOT_DOCX);
    }
    const nameLength = buffer.readUInt16LE(at + 28);
    const extraLength = buffer.readUInt16LE(at + 30);
    const commentLength = buffer.readUInt16LE(at + 32);
    const end = at + 46 + nameLength + extraLength + commentLength;
    if (end > eocd) throw invalidInput(NOT_DOCX);
    const entry: Entry = {
      flags: buffer.readUInt16LE(at + 8),
      method: buffer.readUInt16LE(at + 10),
      compressedSize: buffer.readUInt32LE(at + 20),
      localOffset: buffer.readUInt32LE(at + 42),
      name: buffer.toString('utf8', at + 46, at + 46 + nameLength),
    };
    const declaredSize = buffer.readUInt32LE(at + 24);
    if ([entry.compressedSize, declaredSize, entry.localOffset].includes(MAX_32)) {
      throw invalidInput(ZIP64);
    }
    if (buffer.readUInt16LE(at + 34) !== 0) throw invalidInput(NOT_DOCX);
    if (hasZip64Extra(buffer, at + 46 + nameLength, extraLength)) throw invalidInput(ZIP64);
    // Two entries of one name would let two readers pick different ones.
    if (entry.name === '' || names.has(entry.name)) throw invalidInput(NOT_DOCX);
    refuseUnsafeName(entry.name);
    names.add(entry.name);
    entries.push(entry);
    at = end;
  }
  if (at !== eocd) throw invalidInput(NOT_DOCX);
  return entries;
}

function hasZip64Extra(buffer: Buffer, start: number, length: number): boolean {
  for (let at = start; at + 4 <= start + length; at += 4 + buffer.readUInt16LE(at + 2)) {
    if (buffer.readUInt16LE(at) === ZIP64_EXTRA) return true;
  }
  return false;
}

function findEndOfCentralDirectory(buffer: Buffer): number {
  const last = buffer.length - EOCD_SIZE;
  for (let at = last; at >= Math.max(0, last - MAX_ZIP_COMMENT); at -= 1) {
    if (buffer.readUInt32LE(at) !== END_OF_CENTRAL_DIRECTORY) continue;
    // The archive's comment must run exactly to the end of the file: no trailing data.
    if (at + EOCD_SIZE + buffer.readUInt16LE(at + 20) !== buffer.length) break;
    return at;
  }
  throw invalidInput(NOT_DOCX);
}

function inflate(buffer: Buffer, entry: Entry, budget: number): Buffer {
  const at = entry.localOffset;
  if (at + 30 > buffer.length || buffer.readUInt32LE(at) !== LOCAL_HEADER) {
    throw invalidInput(NOT_DOCX);
  }
  const start = at + 30 + buffer.readUInt16LE(at + 26) + buffer.readUInt16LE(at + 28);
  const end = start + entry.compressedSize;
  if (end > buffer.length) throw invalidInput(NOT_DOCX);
  if (entry.method === STORED) {
    if (entry.compressedSize > budget) throw invalidInput(TOO_EXPANSIVE);
    return Buffer.from(buffer.subarray(start, end));
  }
  if (entry.method !== DEFLATED) throw invalidInput(NOT_DOCX);
  let data: Buffer;
  try {
    // The cap makes zlib stop at the budget instead of trusting the declared size, which
    // a zip bomb may understate (even as 0).
    data = inflateRawSync(buffer.subarray(start, end), { maxOutputLength: Math.max(1, budget) });
  } catch (error) {
    // Checked by code, not `instanceof RangeError`: zlib's error may come from another realm.
    if (isBufferTooLarge(error)) throw invalidInput(TOO_EXPANSIVE);
    throw invalidInput(NOT_DOCX);
  }
  if (data.length > budget) throw invalidInput(TOO_EXPANSIVE);
  return data;
}

function isBufferTooLarge(error: unknown): boolean {
  return (
    typeof error === 'object' &&
    error !== null &&
    'code' in error &&
    error.code === 'ERR_BUFFER_TOO_LARGE'
  );
}
