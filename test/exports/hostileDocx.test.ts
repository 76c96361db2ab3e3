import { parseDocx } from '../../server/imports/docx';
import { readDocxContainer } from '../../server/word/container';
import {
  MAX_CLAUSES,
  MAX_DOCX_PARAGRAPHS,
  MAX_DOCX_XML_BYTES,
  MAX_DOCX_XML_ELEMENTS,
  MAX_TEXT_CHARS,
} from '../../shared/limits';
import {
  centralDirectory,
  documentXml,
  endRecord,
  localRecords,
  paragraphs,
  repeated,
  zip64Decoy,
  zipOf,
} from '../support/zip';

const MiB = 1024 * 1024;
const docx = (body: string | Buffer) =>
  zipOf([{ name: 'word/document.xml', data: documentXml(body) }]);

const refusal = (code: 'invalid_input' | 'too_large', message: RegExp) => ({
  code,
  message: expect.stringMatching(message),
});

describe('the .docx importer faced with hostile files', () => {
  it('refuses a ZIP64 decoy directory that would show mammoth a 70 MiB document.xml', async () => {
    const file = zip64Decoy();
    expect(file.length).toBeLessThan(200 * 1024);
    await expect(parseDocx(file)).rejects.toMatchObject(refusal('invalid_input', /ZIP64/));
  });

  it('refuses any ZIP64 marker: a 0xFFFFFFFF size, offset or entry count in the directory', async () => {
    const plain = docx(paragraphs(['Pasal 1', 'Umum', 'Isi.']));
    const eocd = plain.length - 22;
    const withCount = Buffer.from(plain);
    withCount.writeUInt16LE(0xffff, eocd + 10);
    const withSize = Buffer.from(plain);
    withSize.writeUInt32LE(0xffffffff, plain.readUInt32LE(eocd + 16) + 24);
    for (const file of [withCount, withSize]) {
      await expect(parseDocx(file)).rejects.toMatchObject(refusal('invalid_input', /ZIP64/));
    }
  });

  it('refuses a directory that does not end where the end record starts (bytes hidden between)', async () => {
    const { bytes, records } = localRecords([
      { name: 'word/document.xml', data: documentXml(paragraphs(['Pasal 1', 'Umum', 'Isi.'])) },
    ]);
    const directory = centralDirectory(records);
    const hidden = Buffer.alloc(64, 0x41);
    const file = Buffer.concat([
      bytes,
      directory,
      hidden,
      endRecord({ count: 1, size: directory.length, offset: bytes.length }),
    ]);
    await expect(parseDocx(file)).rejects.toMatchObject(refusal('invalid_input', /bukan dokumen/));
  });

  it(`refuses a document.xml that inflates past ${MAX_DOCX_XML_BYTES / MiB} MiB (60 MiB of empty paragraphs in a small upload)`, async () => {
    const file = docx(repeated('<w:p/>', 60 * MiB));
    expect(file.length).toBeLessThan(200 * 1024);
    await expect(parseDocx(file)).rejects.toMatchObject(refusal('invalid_input', /terlalu besar/));
  });

  it(`refuses more than ${MAX_DOCX_PARAGRAPHS} paragraphs before mammoth reads any`, async () => {
    const file = docx(repeated('<w:p/>', 6 * (MAX_DOCX_PARAGRAPHS + 10)));
    await expect(parseDocx(file)).rejects.toMatchObject(refusal('too_large', /paragraf/));
  });

  it('counts paragraphs under any namespace prefix, not only w:', async () => {
    const body = repeated('<x:p/>', 6 * (MAX_DOCX_PARAGRAPHS + 10));
    const xml = Buffer.concat([
      Buffer.from('<w:document xmlns:w="urn:w" xmlns:x="urn:w"><w:body>'),
      body,
      Buffer.from('</w:body></w:document>'),
    ]);
    const file = zipOf([{ name: 'word/document.xml', data: xml }]);
    expect(() => readDocxContainer(file)).toThrow(/paragraf/);
  });

  it(`refuses more than ${MAX_DOCX_XML_ELEMENTS} XML elements, in any part (here footnotes)`, async () => {
    const file = zipOf([
      { name: 'word/document.xml', data: documentXml(paragraphs(['Pasal 1', 'Umum', 'Isi.'])) },
      { name: 'word/footnotes.xml', data: repeated('<w:r/>', 6 * (MAX_DOCX_XML_ELEMENTS + 10)) },
    ]);
    await expect(parseDocx(file)).rejects.toMatchObject(refusal('too_large', /unsur XML/));
  });

  it(`refuses an imported text over ${MAX_TEXT_CHARS} characters, as the REST API does`, async () => {
    const line = 'Para pihak sepakat untuk melaksanakan kegiatan bersama. '.repeat(10);
    const lines = ['Pasal 1', 'Umum', ...Array.from({ length: 1000 }, () => line)];
    await expect(parseDocx(docx(paragraphs(lines)))).rejects.toMatchObject(
      refusal('too_large', /500\.000 karakter/),
    );
  });

  it(`refuses an import of more than ${MAX_CLAUSES} Pasal`, async () => {
    const lines = Array.from({ length: MAX_CLAUSES + 1 }, (_, i) => [
      `Pasal ${i + 1}`,
      'Judul',
      'Isi.',
    ]).flat();
    await expect(parseDocx(docx(paragraphs(lines)))).rejects.toMatchObject(
      refusal('too_large', /Pasal/),
    );
  });

  it('still imports an ordinary draft built by the same writer', async () => {
    const doc = await parseDocx(docx(paragraphs(['NOTA KESEPAKATAN', 'Pasal 1', 'Umum', 'Isi.'])));
    expect(doc.textContent).toContain('Isi.');
  });
});
