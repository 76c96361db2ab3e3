// Reads a PDF with pdfjs-dist and prints its pages as JSON: run as a child process by the tests
// (test/exports/readBack.ts), so the ESM-only pdfjs never goes through jest's experimental ESM
// loader, which fails on the second test file of a worker that imports it.
import { readFileSync } from 'node:fs';
import { getDocument } from 'pdfjs-dist/legacy/build/pdf.mjs';

const data = new Uint8Array(readFileSync(process.argv[2]));
const pdf = await getDocument({ data, useSystemFonts: false }).promise;
const pages = [];
for (let number = 1; number <= pdf.numPages; number += 1) {
  const page = await pdf.getPage(number);
  const [, , width, height] = page.view;
  const content = await page.getTextContent();
  const items = [];
  const all = [];
  for (const item of content.items) {
    if (!('str' in item)) continue;
    all.push(item.str);
    if (item.str.trim() === '') continue;
    const [a, b, , , x, y] = item.transform;
    items.push({ text: item.str, x, y, width: item.width, height: Math.hypot(a, b) });
  }
  pages.push({ width, height, items, raw: all.join(' ') });
}
await pdf.destroy();
process.stdout.write(JSON.stringify(pages));
