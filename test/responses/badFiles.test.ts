import { Document, Packer, Paragraph } from 'docx';
import { readResponseFile } from '../../server/responses/responseFile';
import { MAX_DOCX_BYTES } from '../../shared/limits';
import { serverWithCast } from '../support/server';
import { draftDocument } from '../support/factories';
import { documentXml, paragraphs, repeated, zipOf } from '../support/zip';
import { partsOf, zipParts } from './wordEdits';

// Bad files, for both routes that take a .docx (they share server/word/container.ts):
// each is refused with 400 or 413 and a message in Bahasa Indonesia, and nothing is stored.

const t = serverWithCast();
const MiB = 1024 * 1024;

async function goodDocx(): Promise<Buffer> {
  const lines = ['NOTA KESEPAKATAN', 'Pasal 1', 'Maksud', 'Nota ini dimaksudkan sebagai pedoman.'];
  return Packer.toBuffer(
    new Document({ sections: [{ children: lines.map((text) => new Paragraph({ text })) }] }),
  );
}

const bodyOnly = (xml: string | Buffer) =>
  zipOf([{ name: 'word/document.xml', data: documentXml(xml) }]);

const LAUGHS =
  '<?xml version="1.0"?><!DOCTYPE w:document [<!ENTITY lol "lol"><!ENTITY lol1 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;"><!ENTITY lol2 "&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;">]>' +
  '<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body><w:p><w:r><w:t>&lol2;</w:t></w:r></w:p></w:body></w:document>';

/** The bad files: what each is, how it is built, the status and the words of the refusal. */
const BAD: { name: string; file: () => Promise<Buffer>; status: number; message: RegExp }[] = [
  {
    name: 'a PDF renamed to .docx',
    file: async () => Buffer.from('%PDF-1.7\n1 0 obj << /Type /Catalog >> endobj\n%%EOF\n'),
    status: 400,
    message: /bukan dokumen Word/,
  },
  {
    name: 'a .docm renamed (macro-enabled content type)',
    file: async () => {
      const parts = partsOf(await goodDocx());
      const types = parts.get('[Content_Types].xml')!.toString('utf8');
      parts.set(
        '[Content_Types].xml',
        Buffer.from(
          types.replace(
            'application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml',
            'application/vnd.ms-word.document.macroEnabled.main+xml',
          ),
        ),
      );
      return zipParts(parts);
    },
    status: 400,
    message: /^Berkas berisi makro/,
  },
  {
    name: 'a .docx carrying a VBA project (word/vbaProject.bin)',
    file: async () => {
      const parts = partsOf(await goodDocx());
      parts.set('word/vbaProject.bin', Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 1, 2, 3, 4]));
      return zipParts(parts);
    },
    status: 400,
    message: /^Berkas berisi makro/,
  },
  {
    name: 'XML entity expansion (a DOCTYPE with nested ENTITY declarations)',
    file: async () => zipOf([{ name: 'word/document.xml', data: Buffer.from(LAUGHS) }]),
    status: 400,
    message: /DOCTYPE atau ENTITY/,
  },
  ...['../../etc/passwd', '/word/abs.xml', 'word\\..\\evil.xml', 'C:/evil.xml'].map((entry) => ({
    name: `an entry named ${entry}`,
    file: async () => {
      const parts = partsOf(await goodDocx());
      parts.set(entry, Buffer.from('<x/>'));
      return zipParts(parts);
    },
    status: 400,
    message: /nama jalur yang tidak sah/,
  })),
  {
    name: 'a zip bomb (60 MiB of paragraphs in a small file)',
    file: async () => bodyOnly(repeated('<w:p/>', 60 * MiB)),
    status: 400,
    message: /terlalu besar setelah diekstrak/,
  },
  {
    name: `a file over ${MAX_DOCX_BYTES / MiB} MiB`,
    file: async () => Buffer.concat([await goodDocx(), Buffer.alloc(MAX_DOCX_BYTES + 1024)]),
    status: 413,
    message: /melebihi/,
  },
];

let documentId: string;
beforeAll(async () => {
  const { id } = await draftDocument(t.call, t.cast, {
    text: ['Pasal 1', 'Maksud', 'Nota ini dimaksudkan sebagai pedoman.'].join('\n'),
  });
  documentId = id;
  await t.call('POST', `/api/documents/${id}/revisions`, { token: t.cast.drafter.token, body: {} });
});

const stored = async () =>
  (
    await t.server.db.query<{ comments: number; events: number; documents: number }>(
      `SELECT (SELECT count(*)::int FROM comments) AS comments,
              (SELECT count(*)::int FROM audit_events) AS events,
              (SELECT count(*)::int FROM documents) AS documents`,
    )
  ).rows[0];

async function post(path: string, file: Buffer, fields: Record<string, string> = {}) {
  const form = new FormData();
  for (const [k, v] of Object.entries(fields)) form.append(k, v);
  form.append('file', new Blob([new Uint8Array(file)]), 'berkas.docx');
  const res = await fetch(t.server.url + path, {
    method: 'POST',
    headers: { authorization: `Bearer ${t.cast.drafter.token}` },
    body: form,
  });
  return { status: res.status, body: (await res.json()) as { error?: { message: string } } };
}

describe('bad files', () => {
  it.each(BAD.map((bad) => [bad.name, bad] as const))(
    '%s is refused by the response and the import routes, and nothing is stored',
    async (_, bad) => {
      const file = await bad.file();
      const before = await stored();
      const response = await post(`/api/documents/${documentId}/responses`, file);
      const imported = await post('/api/documents/import', file, {
        parties: `${t.cast.partyA.code},${t.cast.partyB.code}`,
      });
      for (const res of [response, imported]) {
        expect(res.status).toBe(bad.status);
        expect(res.body.error?.message).toMatch(bad.message);
      }
      expect(await stored()).toEqual(before);
    },
    60_000,
  );

  it('reads a zip bomb in bounded memory: the process grows by far less than the bomb inflates to', () => {
    const bomb = bodyOnly(repeated('<w:p/>', 60 * MiB));
    expect(bomb.length).toBeLessThan(200 * 1024);
    const before = process.memoryUsage();
    for (let i = 0; i < 5; i += 1) expect(() => readResponseFile(bomb)).toThrow(/terlalu besar/);
    const after = process.memoryUsage();
    // 5 × 60 MiB would be inflated without the budget; the reader stops at 8 MiB of XML each time.
    expect(after.heapUsed - before.heapUsed).toBeLessThan(64 * MiB);
    expect(after.rss - before.rss).toBeLessThan(160 * MiB);
  });

  it('refuses a response it cannot match at all (no Selaras marks, no "Pasal N") and one of more Pasal than a naskah may hold', async () => {
    const none = await post(
      `/api/documents/${documentId}/responses`,
      bodyOnly(paragraphs(['Surat tanggapan', 'Kami setuju.'])),
    );
    expect(none.status).toBe(400);
    expect(none.body.error?.message).toMatch(/Pasal N/);
    const lines = Array.from({ length: 501 }, (_, i) => [`Pasal ${i + 1}`, 'Judul', 'Isi.']).flat();
    const many = await post(`/api/documents/${documentId}/responses`, bodyOnly(paragraphs(lines)));
    expect(many.status).toBe(413);
    expect(many.body.error?.message).toMatch(/lebih dari 500 Pasal/);
  });

  it('still reads an ordinary file built by the same writers', async () => {
    const res = await post(`/api/documents/${documentId}/responses?preview=1`, await goodDocx());
    expect(res.status).toBe(200);
    expect(readResponseFile(bodyOnly(paragraphs(['Pasal 1', 'Isi.']))).paragraphs).toHaveLength(2);
  });
});
