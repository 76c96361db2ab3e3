import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { renderDocx } from '../../server/exports/docx';
import type { ExportModel } from '../../server/exports/model';
import { renderPdf } from '../../server/exports/pdf';
import { parsePlainText } from '../../shared/plainText';
import { TEMPLATE_CLOSING } from '../../shared/template';
import { buildExportModel } from '../support/exportModel';
import { pdfLayout } from './readBack';

jest.setTimeout(240_000);

// One layout for both formats: the DOCX as a word processor lays it out (LibreOffice, installed
// by .ci/run from Debian) has as many pages as the PDF, for the demo naskah and a long one.

let work: string;
beforeAll(() => {
  work = mkdtempSync(path.join(os.tmpdir(), 'selaras-parity-'));
});
afterAll(() => rmSync(work, { recursive: true, force: true }));

async function pageCounts(name: string, model: ExportModel): Promise<[number, number]> {
  const docx = path.join(work, `${name}.docx`);
  writeFileSync(docx, await renderDocx(model));
  // A profile of its own, so a LibreOffice already running elsewhere does not take the job.
  execFileSync(
    'soffice',
    [
      `-env:UserInstallation=file://${path.join(work, `profile-${name}`)}`,
      '--headless',
      '--convert-to',
      'pdf',
      '--outdir',
      path.join(work, 'lo'),
      docx,
    ],
    { stdio: 'ignore', timeout: 180_000 },
  );
  const fromDocx = await pdfLayout(readFileSync(path.join(work, 'lo', `${name}.pdf`)));
  const pdf = await pdfLayout(await renderPdf(model));
  return [pdf.length, fromDocx.length];
}

describe('the DOCX and the PDF of one revision', () => {
  it('have the same number of pages for the demo naskah', async () => {
    const [pdf, docx] = await pageCounts('demo', buildExportModel());
    expect(docx).toBe(pdf);
  });

  it('have the same number of pages for a 40-Pasal naskah', async () => {
    const text = [
      'NOTA KESEPAKATAN',
      ...Array.from({ length: 40 }, (_, i) => [
        `Pasal ${i + 1}`,
        `Ketentuan ${i + 1}`,
        `(1) PARA PIHAK sepakat atas ketentuan ke-${i + 1} yang dituangkan dalam Nota Kesepakatan ini dan dilaksanakan sesuai dengan ketentuan peraturan perundang-undangan.`,
        `(2) Pelaksanaan ketentuan sebagaimana dimaksud pada ayat (1) dilaporkan secara berkala kepada PARA PIHAK.`,
      ]).flat(),
    ].join('\n');
    const model = buildExportModel({ closing: [TEMPLATE_CLOSING] }, parsePlainText(text));
    const [pdf, docx] = await pageCounts('forty', model);
    expect(pdf).toBeGreaterThan(5);
    expect(docx).toBe(pdf);
  });
});
