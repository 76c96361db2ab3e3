import {
  CommentRangeEnd,
  CommentRangeStart,
  CommentReference,
  DeletedTextRun,
  Document,
  ImportedXmlComponent,
  InsertedTextRun,
  Packer,
  Paragraph,
  TextRun,
  type ISectionOptions,
  type IPropertiesOptions,
} from 'docx';
import type { CastSuite } from '../support/server';

// Word drafts for the import tests, written with the `docx` package as Word writes them, and
// the upload of one to the real route.

/** A .docx of the given body (paragraphs, tables) and, optionally, more of Word's parts. */
export function wordFile(
  children: ISectionOptions['children'],
  options: Omit<IPropertiesOptions, 'sections'> & { section?: Partial<ISectionOptions> } = {},
): Promise<Buffer> {
  const { section, ...rest } = options;
  return Packer.toBuffer(new Document({ ...rest, sections: [{ ...section, children }] }));
}

/** A paragraph written as raw WordprocessingML, for what the `docx` package cannot write. */
export function rawParagraph(xml: string): Paragraph {
  return ImportedXmlComponent.fromXmlString(xml) as unknown as Paragraph;
}

/** The smallest PNG: one transparent pixel. */
export const PIXEL_PNG = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==',
  'base64',
);

/** POSTs a .docx to `/api/documents/import` as a drafter, with `query` (e.g. `?changes=original`). */
export async function uploadDraft(
  t: CastSuite,
  file: Buffer,
  query = '',
  token = t.cast.drafter.token,
): Promise<{ status: number; body: Record<string, unknown> }> {
  const form = new FormData();
  form.append('parties', `${t.cast.partyA.code},${t.cast.partyB.code}`);
  form.append('reviewers', '');
  form.append('file', new Blob([new Uint8Array(file)]), 'draf.docx');
  const res = await fetch(`${t.server.url}/api/documents/import${query}`, {
    method: 'POST',
    headers: { authorization: `Bearer ${token}` },
    body: form,
  });
  return { status: res.status, body: (await res.json()) as Record<string, unknown> };
}

const p = (text: string) => new Paragraph(text);

// A party's copy marked up in Word: "3 (tiga)" struck, "5 (lima)" inserted, a whole ayat
// inserted, a sentence moved from Pasal 2 to Pasal 1, and a comment.
export const AUTHOR = { author: 'Mitra', date: '2025-01-02T10:00:00Z' };
/** A comment's author and time, as the `docx` package takes them. */
export const COMMENT_BY = { author: 'Mitra', date: new Date('2025-01-02T10:00:00Z') };
const attributes = (id: number) => `w:id="${id}" w:author="Mitra" w:date="2025-01-02T10:00:00Z"`;

/** A party's copy marked up in Word: 5 tracked changes and 1 comment (losses.test.ts). */
export function redlinedDraft(): Promise<Buffer> {
  return wordFile(
    [
      p('NOTA KESEPAKATAN'),
      p('Pasal 1'),
      p('Jangka Waktu'),
      new Paragraph({
        children: [
          new TextRun('(1) Nota Kesepakatan ini berlaku '),
          new DeletedTextRun({ text: '3 (tiga)', id: 1, ...AUTHOR }),
          new InsertedTextRun({ text: '5 (lima)', id: 2, ...AUTHOR }),
          new TextRun(' tahun.'),
        ],
      }),
      // A paragraph typed in whole: its mark and its words are insertions (one change).
      rawParagraph(
        `<w:p><w:pPr><w:rPr><w:ins ${attributes(3)}/></w:rPr></w:pPr>` +
          `<w:ins ${attributes(4)}><w:r><w:t>(2) Ayat sisipan mitra.</w:t></w:r></w:ins></w:p>`,
      ),
      rawParagraph(
        `<w:p><w:r><w:t xml:space="preserve">(3) Dapat diperpanjang. </w:t></w:r>` +
          `<w:moveTo ${attributes(5)}><w:r><w:t>Perpanjangan disepakati tertulis.</w:t></w:r>` +
          `</w:moveTo></w:p>`,
      ),
      p('Pasal 2'),
      p('Pelaksanaan'),
      new Paragraph({
        children: [
          new CommentRangeStart(0),
          new TextRun('Pelaksanaan dikoordinasikan bersama. '),
          new CommentRangeEnd(0),
          new TextRun({ children: [new CommentReference(0)] }),
        ],
      }),
      rawParagraph(
        `<w:p><w:moveFrom ${attributes(6)}><w:r><w:t>Perpanjangan disepakati tertulis.</w:t>` +
          `</w:r></w:moveFrom></w:p>`,
      ),
    ],
    {
      comments: {
        children: [
          { id: 0, ...COMMENT_BY, children: [p('Mohon dijelaskan siapa koordinatornya.')] },
        ],
      },
    },
  );
}
