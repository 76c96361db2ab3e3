import { printedText } from '../../shared/canonicalText';
import { parsePlainText } from '../../shared/plainText';
import { templatePlainText } from '../../shared/template';
import type { Scenario } from '../scenario';
import { median, ms, type ResultRow } from '../table';

const CLAUSES = 300;
const WARMUP_RUNS = 5;
const RUNS = 50;

/**
 * Numbering and printing a 300-Pasal naskah whose every Pasal holds 4 ayat, the first with a
 * list of three huruf and two angka nested under the second: `printedText` derives every number
 * (shared/numbering.ts) and renders the whole naskah, as `GET .../text`, the final hash and
 * the revision cut do. Pure computation, so no reference column.
 */
export const numbering: Scenario = {
  name: 'numbering',
  async run(ctx) {
    const doc = parsePlainText(naskahText());
    const times: number[] = [];
    let printed = '';
    for (let run = 0; run < WARMUP_RUNS + RUNS; run++) {
      const started = performance.now();
      printed = printedText(doc);
      times.push(performance.now() - started);
    }
    // The numbers must come from the structure: the text typed none of the list's.
    const lines = printed.split('\n');
    const count = (prefix: string) => lines.filter((line) => line.startsWith(prefix)).length;
    if (
      count(`Pasal ${CLAUSES}`) !== 1 ||
      count('(4) Biaya') !== CLAUSES ||
      count('2. pengawasan khusus') !== CLAUSES
    )
      throw new Error('bench: the numbered naskah did not print as built');
    ctx.progress(`numbering: ${lines.length} printed lines`);
    const counted = times.slice(WARMUP_RUNS);
    const scenario = `numbering and printed text, ${CLAUSES} Pasal × 4 ayat with a nested list`;
    return [
      { measure: 'first run (cold)', value: times[0] },
      { measure: `median of ${RUNS} runs`, value: median(counted) },
      { measure: `max of ${RUNS} runs`, value: Math.max(...counted) },
    ].map(({ measure, value }): ResultRow => ({
      scenario,
      measure,
      selaras: ms(value),
      reference: 'n/a',
    }));
  },
};

/** The template's pembukaan and penutup around CLAUSES structured Pasal, in the plain form. */
function naskahText(): string {
  const template = templatePlainText();
  const firstPasal = template.search(/^Pasal 1$/m);
  const closing = template.search(/^Demikian\b/m);
  const pasal = Array.from({ length: CLAUSES }, (_, i) => pasalText(i + 1)).join('\n');
  return `${template.slice(0, firstPasal)}${pasal}\n${closing === -1 ? '' : template.slice(closing)}`;
}

// Typed here only so the plain form can carry the structure; parsing turns each into a block
// and printing derives the numbers again.
function pasalText(n: number): string {
  return [
    `Pasal ${n}`,
    `Ketentuan Bidang ${n}`,
    `(1) Kerja sama bidang ${n} meliputi:`,
    'a. pertukaran data dan informasi;',
    'b. pengawasan bersama, terdiri atas:',
    '1. pengawasan rutin; dan',
    '2. pengawasan khusus; dan',
    'c. peningkatan kapasitas sumber daya manusia.',
    `(2) Kerja sama sebagaimana dimaksud pada ayat (1) dilaksanakan oleh unit kerja bidang ${n}.`,
    '(3) Pelaksanaan kerja sama dilaporkan secara berkala kepada PARA PIHAK.',
    '(4) Biaya pelaksanaan dibebankan pada anggaran masing-masing PIHAK.',
  ].join('\n');
}
