import { execFile } from 'node:child_process';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { deflateRawSync, inflateRawSync } from 'node:zlib';
import mammoth from 'mammoth';

// Readers that turn an export back into text, the way a person (or a search index) reads it.

/** Collapses whitespace and the line-end hyphen gaps a wrapped line leaves, so texts compare. */
export function normalise(text: string): string {
  return text.replace(/\s+/g, ' ').replace(/- /g, '-').trim();
}

const execFileAsync = promisify(execFile);

/** The text of a DOCX body as mammoth reads it, one paragraph per line. */
export async function docxText(buffer: Buffer): Promise<string> {
  return (await mammoth.extractRawText({ buffer })).value;
}

/** A page as the reader process prints it (see test/support/pdfRead.mjs). */
interface ReadPage {
  width: number;
  height: number;
  items: PdfItem[];
  /** Every text item joined with spaces, blank ones included, as pdfjs lists them. */
  raw: string;
}

/** Reads a PDF in a child process with pdfjs-dist (see test/support/pdfRead.mjs). */
async function readPdf(buffer: Buffer): Promise<ReadPage[]> {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'selaras-pdf-'));
  const file = path.join(dir, 'export.pdf');
  try {
    await writeFile(file, buffer);
    const { stdout } = await execFileAsync(
      process.execPath,
      [path.join(__dirname, '..', 'support', 'pdfRead.mjs'), file],
      { maxBuffer: 256 * 1024 * 1024 },
    );
    return JSON.parse(stdout) as ReadPage[];
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

/**
 * Opens a .docx in LibreOffice (as a reader's office would) and saves it as PDF or as .docx
 * again, in a profile of its own so a LibreOffice already running elsewhere does not take the job.
 */
export async function throughLibreOffice(docx: Buffer, to: 'pdf' | 'docx'): Promise<Buffer> {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'selaras-lo-'));
  try {
    await writeFile(path.join(dir, 'in.docx'), docx);
    const filter = to === 'pdf' ? 'pdf' : 'docx:MS Word 2007 XML';
    const out = path.join(dir, 'out');
    await execFileAsync(
      'soffice',
      [
        `-env:UserInstallation=file://${path.join(dir, 'profile')}`,
        '--headless',
        '--convert-to',
        filter,
        '--outdir',
        out,
        path.join(dir, 'in.docx'),
      ],
      { timeout: 180_000 },
    );
    return await readFile(path.join(out, `in.${to}`));
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

/** The text of each page of a PDF, read with pdfjs-dist. */
/** Which of `words` the PDF LibreOffice makes of a .docx does not show (empty when all are there). */
export async function missingInLibreOffice(
  docx: Buffer,
  words: readonly string[],
): Promise<string[]> {
  const text = normalise((await pdfPages(await throughLibreOffice(docx, 'pdf'))).join(' '));
  return words.filter((w) => !text.includes(w));
}

export async function pdfPages(buffer: Buffer): Promise<string[]> {
  return (await readPdf(buffer)).map((page) => page.raw);
}

/** A piece of text on a PDF page, with its box in points from the page's bottom-left corner. */
export interface PdfItem {
  text: string;
  x: number;
  y: number;
  width: number;
  height: number;
}

/** One PDF page as read back: its size and the text items on it. */
export interface PdfPage {
  width: number;
  height: number;
  items: PdfItem[];
  /** The page's text in reading order, as `pdfPages` gives it. */
  text: string;
}

/** Every page of a PDF with the position of each text item, read with pdfjs-dist. */
export async function pdfLayout(buffer: Buffer): Promise<PdfPage[]> {
  return (await readPdf(buffer)).map(({ width, height, items }) => ({
    width,
    height,
    items,
    text: items.map((i) => i.text).join(' '),
  }));
}

/**
 * The running text of a PDF, pages joined, without what every page carries below the text
 * area (paraf boxes, footer) or across it (the DRAF mark): a paragraph that runs on to the next
 * page then reads as one.
 */
export async function pdfBodyText(buffer: Buffer, bottomMargin: number): Promise<string> {
  return (await pdfLayout(buffer))
    .map((page) =>
      page.items
        .filter((item) => item.y > bottomMargin && item.text !== 'DRAF')
        .map((item) => item.text)
        .join(' '),
    )
    .join(' ');
}

/** The uncompressed parts of a zip archive (a .docx) by name, for checking XML the readers skip. */
export function zipParts(buffer: Buffer): Map<string, string> {
  const parts = new Map<string, string>();
  const end = buffer.lastIndexOf(Buffer.from([0x50, 0x4b, 0x05, 0x06]));
  let at = buffer.readUInt32LE(end + 16);
  for (let i = buffer.readUInt16LE(end + 10); i > 0; i -= 1) {
    const method = buffer.readUInt16LE(at + 10);
    const compressed = buffer.readUInt32LE(at + 20);
    const nameLength = buffer.readUInt16LE(at + 28);
    const name = buffer.toString('utf8', at + 46, at + 46 + nameLength);
    const local = buffer.readUInt32LE(at + 42);
    const start = local + 30 + buffer.readUInt16LE(local + 26) + buffer.readUInt16LE(local + 28);
    const data = buffer.subarray(start, start + compressed);
    parts.set(name, (method === 8 ? inflateRawSync(data) : data).toString('utf8'));
    at += 46 + nameLength + buffer.readUInt16LE(at + 30) + buffer.readUInt16LE(at + 32);
  }
  return parts;
}

/** One entry of a hand-made zip archive. */
export interface ZipEntry {
  name: string;
  data: Buffer;
  /** The uncompressed size to declare, when a test wants the archive to lie about it. */
  declaredSize?: number;
  flags?: number;
}

/** Builds a zip archive of deflated entries, for feeding the importer malformed .docx files. */
export function makeZip(entries: ZipEntry[]): Buffer {
  const locals: Buffer[] = [];
  const centrals: Buffer[] = [];
  let offset = 0;
  for (const entry of entries) {
    const name = Buffer.from(entry.name, 'utf8');
    const data = deflateRawSync(entry.data);
    const size = entry.declaredSize ?? entry.data.length;
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4);
    local.writeUInt16LE(entry.flags ?? 0, 6);
    local.writeUInt16LE(8, 8);
    local.writeUInt32LE(data.length, 18);
    local.writeUInt32LE(size, 22);
    local.writeUInt16LE(name.length, 26);
    const central = Buffer.alloc(46);
    central.writeUInt32LE(0x02014b50, 0);
    central.writeUInt16LE(20, 4);
    central.writeUInt16LE(20, 6);
    central.writeUInt16LE(entry.flags ?? 0, 8);
    central.writeUInt16LE(8, 10);
    central.writeUInt32LE(data.length, 20);
    central.writeUInt32LE(size, 24);
    central.writeUInt16LE(name.length, 28);
    central.writeUInt32LE(offset, 42);
    locals.push(local, name, data);
    centrals.push(central, name);
    offset += local.length + name.length + data.length;
  }
  const directory = Buffer.concat(centrals);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(entries.length, 8);
  end.writeUInt16LE(entries.length, 10);
  end.writeUInt32LE(directory.length, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...locals, directory, end]);
}

/** Asserts that every piece occurs in `text`, each after the previous one (whitespace-insensitive). */
export function expectInOrder(text: string, pieces: readonly string[]): void {
  const haystack = normalise(text);
  let from = 0;
  for (const piece of pieces) {
    const at = haystack.indexOf(normalise(piece), from);
    // Name the missing piece in the failure rather than print the whole document.
    expect({ piece, found: at !== -1 }).toEqual({ piece, found: true });
    from = at + normalise(piece).length;
  }
}

/** Every text an export must show in order: title lines, preamble, each Pasal with its heading and paragraphs, closing. */
export function documentPieces(model: {
  titleLines: string[];
  preamble: string[];
  clauses: { number: number; heading: string; paragraphs: string[] }[];
  closing: string[];
}): string[] {
  return [
    ...model.titleLines,
    ...model.preamble,
    ...model.clauses.flatMap((clause) => [
      `Pasal ${clause.number}`,
      clause.heading,
      ...clause.paragraphs,
    ]),
    ...model.closing,
  ];
}
