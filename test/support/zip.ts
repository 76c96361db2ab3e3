import { crc32, deflateRawSync } from 'node:zlib';

// A small zip writer for hostile .docx files: each record is written by its own function, so a
// test can lay out archives no zip tool would produce (two directories, a ZIP64 decoy, lying
// fields) and check what the importer makes of them.

/** One file of an archive, uncompressed; `declaredSize` lies about its size when set. */
export interface ZipFile {
  name: string;
  data: Buffer;
  declaredSize?: number;
}

/** Where a file's local record landed, for the directory entries that point at it. */
export interface ZipRecord {
  name: string;
  offset: number;
  crc: number;
  compressedSize: number;
  size: number;
}

/** The local records (header and deflated data) of `files`, starting at byte `start`. */
export function localRecords(files: ZipFile[], start = 0): { bytes: Buffer; records: ZipRecord[] } {
  const parts: Buffer[] = [];
  const records: ZipRecord[] = [];
  let offset = start;
  for (const file of files) {
    const name = Buffer.from(file.name, 'utf8');
    const data = deflateRawSync(file.data, { level: 9 });
    const record: ZipRecord = {
      name: file.name,
      offset,
      crc: crc32(file.data),
      compressedSize: data.length,
      size: file.declaredSize ?? file.data.length,
    };
    const header = Buffer.alloc(30);
    header.writeUInt32LE(0x04034b50, 0);
    header.writeUInt16LE(20, 4);
    header.writeUInt16LE(8, 8);
    header.writeUInt32LE(record.crc, 14);
    header.writeUInt32LE(record.compressedSize, 18);
    header.writeUInt32LE(record.size, 22);
    header.writeUInt16LE(name.length, 26);
    parts.push(header, name, data);
    records.push(record);
    offset += header.length + name.length + data.length;
  }
  return { bytes: Buffer.concat(parts), records };
}

/** A central directory listing `records`. */
export function centralDirectory(records: ZipRecord[]): Buffer {
  return Buffer.concat(
    records.flatMap((record) => {
      const name = Buffer.from(record.name, 'utf8');
      const entry = Buffer.alloc(46);
      entry.writeUInt32LE(0x02014b50, 0);
      entry.writeUInt16LE(45, 4);
      entry.writeUInt16LE(20, 6);
      entry.writeUInt16LE(8, 10);
      entry.writeUInt32LE(record.crc, 16);
      entry.writeUInt32LE(record.compressedSize, 20);
      entry.writeUInt32LE(record.size, 24);
      entry.writeUInt16LE(name.length, 28);
      entry.writeUInt32LE(record.offset, 42);
      return [entry, name];
    }),
  );
}

/** The end-of-central-directory record; `disk` 0xFFFF is what sends a reader to ZIP64. */
export function endRecord(fields: {
  count: number;
  size: number;
  offset: number;
  disk?: number;
}): Buffer {
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(fields.disk ?? 0, 4);
  end.writeUInt16LE(fields.count, 8);
  end.writeUInt16LE(fields.count, 10);
  end.writeUInt32LE(fields.size, 12);
  end.writeUInt32LE(fields.offset, 16);
  return end;
}

/** A ZIP64 end record at byte `at`, followed by its locator: a second directory's address. */
export function zip64End(fields: { count: number; size: number; offset: number; at: number }) {
  const record = Buffer.alloc(56);
  record.writeUInt32LE(0x06064b50, 0);
  record.writeBigUInt64LE(44n, 4);
  record.writeUInt16LE(45, 12);
  record.writeUInt16LE(45, 14);
  record.writeBigUInt64LE(BigInt(fields.count), 24);
  record.writeBigUInt64LE(BigInt(fields.count), 32);
  record.writeBigUInt64LE(BigInt(fields.size), 40);
  record.writeBigUInt64LE(BigInt(fields.offset), 48);
  const locator = Buffer.alloc(20);
  locator.writeUInt32LE(0x07064b50, 0);
  locator.writeBigUInt64LE(BigInt(fields.at), 8);
  locator.writeUInt32LE(1, 16);
  return Buffer.concat([record, locator]);
}

/** A plain, well-formed archive of `files`. */
export function zipOf(files: ZipFile[]): Buffer {
  const { bytes, records } = localRecords(files);
  const directory = centralDirectory(records);
  const end = endRecord({ count: records.length, size: directory.length, offset: bytes.length });
  return Buffer.concat([bytes, directory, end]);
}

/** `word/document.xml` with `body` (WordprocessingML) inside `<w:body>`. */
export function documentXml(body: string | Buffer): Buffer {
  return Buffer.concat([
    Buffer.from(
      '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>' +
        '<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body>',
    ),
    Buffer.isBuffer(body) ? body : Buffer.from(body),
    Buffer.from('</w:body></w:document>'),
  ]);
}

/** WordprocessingML paragraphs, one per line of text. */
export function paragraphs(lines: readonly string[]): string {
  return lines.map((line) => `<w:p><w:r><w:t>${line}</w:t></w:r></w:p>`).join('');
}

/** `count` bytes of `pattern` repeated (the cheap way to build a huge, compressible part). */
export function repeated(pattern: string, count: number): Buffer {
  return Buffer.alloc(count, pattern);
}

/**
 * The ZIP64 decoy: the classic end record points at a directory listing a harmless
 * document.xml; its disk number 0xFFFF sends a ZIP64 reader (JSZip, inside mammoth) to a second
 * directory, reached through a ZIP64 record, listing a 70 MiB document.xml.
 */
export function zip64Decoy(): Buffer {
  const small = documentXml(paragraphs(['Pasal 1', 'Umum', 'Isi.']));
  const big = documentXml(repeated('<w:p/>', 70 * 1024 * 1024));
  const { bytes, records } = localRecords([
    { name: 'word/document.xml', data: small },
    { name: 'word/document.xml', data: big },
  ]);
  const decoy = centralDirectory([records[0]]);
  const real = centralDirectory([records[1]]);
  const decoyAt = bytes.length;
  const realAt = decoyAt + decoy.length;
  const zip64At = realAt + real.length;
  return Buffer.concat([
    bytes,
    decoy,
    real,
    zip64End({ count: 1, size: real.length, offset: realAt, at: zip64At }),
    endRecord({ count: 1, size: decoy.length, offset: decoyAt, disk: 0xffff }),
  ]);
}
