/**
 * Regenerates docs/screenshots/export-*.png: the first and the last page of a DOCX and a PDF
 * export of the built-in template. Needs `pdftoppm` (poppler-utils) and, for the DOCX,
 * LibreOffice (`soffice`). Run with `npx tsx scripts/render-export-samples.ts`.
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { renderDocx } from '../server/exports/docx';
import { renderPdf } from '../server/exports/pdf';
import { buildExportModel, SAMPLE_FINAL_HASH } from '../test/support/exportModel';

const OUT = path.join(__dirname, '..', 'docs', 'screenshots');
const RESOLUTION = '80';

async function main(): Promise<void> {
  const work = mkdtempSync(path.join(os.tmpdir(), 'selaras-export-'));
  try {
    // A final document, so the footer shows every part: revision, paraf strip and hash.
    const model = buildExportModel({
      finalHash: SAMPLE_FINAL_HASH,
      closing: ['Demikian Nota Kesepakatan ini dibuat dan ditandatangani oleh PARA PIHAK.'],
    });
    const pdf = path.join(work, 'export.pdf');
    const docx = path.join(work, 'export.docx');
    writeFileSync(pdf, await renderPdf(model));
    writeFileSync(docx, await renderDocx(model));
    // LibreOffice lays the DOCX out as Word would and prints it to PDF for pdftoppm.
    execFileSync(
      'soffice',
      [
        '--headless',
        '--convert-to',
        'pdf:writer_pdf_Export',
        '--outdir',
        path.join(work, 'docx'),
        docx,
      ],
      {
        stdio: 'ignore',
        env: { ...process.env, HOME: work },
      },
    );
    mkdirSync(OUT, { recursive: true });
    pages(pdf, 'export-pdf');
    pages(path.join(work, 'docx', 'export.pdf'), 'export-docx');
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}

/** Writes the first and the last page of a PDF as `<name>-first.png` and `<name>-last.png`. */
function pages(pdf: string, name: string): void {
  const info = execFileSync('pdfinfo', [pdf], { encoding: 'utf8' });
  const count = Number(/^Pages:\s+(\d+)/m.exec(info)?.[1] ?? '1');
  for (const [label, page] of [
    ['first', 1],
    ['last', count],
  ] as const) {
    const prefix = path.join(path.dirname(pdf), `${name}-${label}`);
    execFileSync('pdftoppm', [
      '-png',
      '-r',
      RESOLUTION,
      '-f',
      String(page),
      '-l',
      String(page),
      '-singlefile',
      pdf,
      prefix,
    ]);
    renameSync(`${prefix}.png`, path.join(OUT, `${name}-${label}.png`));
  }
}

main().then(
  () =>
    console.log(
      `Screenshots in ${OUT}: ${readdirSync(OUT)
        .filter((f) => f.startsWith('export-'))
        .join(', ')}`,
    ),
  (error: unknown) => {
    console.error(error);
    process.exitCode = 1;
  },
);
