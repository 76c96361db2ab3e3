import { randomUUID } from 'node:crypto';
import { diffClauses, summarizeDiff } from '../../shared/clauseDiff';
import { extractClauses, type Clause } from '../../shared/clauses';
import { templateDoc } from '../../shared/template';
import { seededRandom, type Scenario } from '../scenario';
import { median, ms, type ResultRow } from '../table';

const CLAUSES = 300;
const MODIFIED = 100;
/** Clauses added, removed and moved (each). */
const SHUFFLED = 10;
const WARMUP_RUNS = 5;
const RUNS = 50;
const TEMPLATE = extractClauses(templateDoc());

const FIELDS = [
  'pendidikan',
  'kesehatan',
  'perizinan berusaha',
  'administrasi kependudukan',
  'pengelolaan keuangan daerah',
  'pengadaan barang/jasa',
  'kepegawaian',
  'perhubungan',
  'lingkungan hidup',
  'sosial',
];
const UNITS = ['Inspektorat', 'Bappeda', 'BKAD', 'BPSDM', 'Biro Organisasi', 'Biro Pemerintahan'];
const WORDS = [
  'segera',
  'secara tertulis',
  'paling lambat 30 (tiga puluh) hari kerja',
  'dan/atau',
  'secara berkala',
  'terpadu',
  'berkelanjutan',
  'sesuai dengan kewenangan masing-masing',
  'wajib',
  'dapat',
];

/**
 * The clause diff between two revisions of a 300-clause nota kesepakatan: 100 clauses edited
 * word by word, 10 added, 10 removed and 10 moved. Pure computation, so no reference column.
 */
export const clauseDiff: Scenario = {
  name: 'clause-diff',
  async run(ctx) {
    const random = seededRandom(300);
    const before = Array.from({ length: CLAUSES }, (_, i) => clauseFor(i));
    const after = revise(before, random);
    const times: number[] = [];
    let summary = summarizeDiff([]);
    for (let run = 0; run < WARMUP_RUNS + RUNS; run++) {
      const started = performance.now();
      const changes = diffClauses(before, after);
      times.push(performance.now() - started);
      summary = summarizeDiff(changes);
    }
    if (summary.modified !== MODIFIED || summary.added !== SHUFFLED || summary.removed !== SHUFFLED)
      throw new Error(`bench: unexpected clause diff ${JSON.stringify(summary)}`);
    ctx.progress(`clause-diff: ${JSON.stringify(summary)}`);
    const counted = times.slice(WARMUP_RUNS);
    const scenario = `clause diff, ${CLAUSES} clauses (${summary.modified} modified, ${summary.added} added, ${summary.removed} removed, ${summary.moved} moved)`;
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

/** The i-th clause: a template clause about one field of government, naming a unit. */
function clauseFor(i: number): Clause {
  const base = TEMPLATE[i % TEMPLATE.length];
  const field = FIELDS[Math.floor(i / TEMPLATE.length) % FIELDS.length];
  const unit = UNITS[i % UNITS.length];
  return {
    id: randomUUID(),
    number: i + 1,
    heading: `${base.heading} Bidang ${field.replace(/^\w/, (c) => c.toUpperCase())}`,
    text: `${base.text.replace('pelayanan publik', `pelayanan publik bidang ${field}`)}\nKetentuan dalam Pasal ini berlaku pula bagi ${unit} dalam urusan ${field} (${i + 1}).`,
  };
}

/** The next revision: word edits in MODIFIED clauses, then SHUFFLED removed, moved and added. */
function revise(before: Clause[], random: () => number): Clause[] {
  const pick = <T>(list: T[]) => list[Math.floor(random() * list.length)];
  const order = before.map((_, i) => i);
  for (let i = order.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [order[i], order[j]] = [order[j], order[i]];
  }
  const modified = new Set(order.slice(0, MODIFIED));
  const removed = new Set(order.slice(MODIFIED, MODIFIED + SHUFFLED));
  const moved = order.slice(MODIFIED + SHUFFLED, MODIFIED + 2 * SHUFFLED);
  const after = before
    .map((clause, i) =>
      modified.has(i) ? { ...clause, text: editWords(clause.text, pick, random) } : clause,
    )
    .filter((_, i) => !removed.has(i) && !moved.includes(i));
  for (const i of moved) after.splice(Math.floor(random() * after.length), 0, before[i]);
  for (let k = 0; k < SHUFFLED; k++)
    after.splice(Math.floor(random() * after.length), 0, clauseFor(CLAUSES + k * 7));
  return after.map((clause, i) => ({ ...clause, number: i + 1 }));
}

/** One to three word-level edits: replace a word, insert a phrase, or delete a word. */
function editWords(text: string, pick: <T>(list: T[]) => T, random: () => number): string {
  const words = text.split(' ');
  const edits = 1 + Math.floor(random() * 3);
  for (let e = 0; e < edits; e++) {
    const plain = words.flatMap((w, k) => (/^\p{L}+$/u.test(w) ? [k] : []));
    const at = pick(plain);
    const kind = random();
    if (kind < 0.4) words[at] = pick(WORDS);
    else if (kind < 0.8) words.splice(at, 0, pick(WORDS));
    else words.splice(at, 1);
  }
  const edited = words.join(' ');
  // An edit that happens to restore the text (e.g. replacing a word by itself) still changes it.
  return edited === text ? `${text} (diubah)` : edited;
}
