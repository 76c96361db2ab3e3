import { randomUUID } from 'node:crypto';
import { diffClauses, summarizeDiff } from '../../shared/clauseDiff';
import { extractClauses, type Clause } from '../../shared/clauses';
import { numberLabel } from '../../shared/numbering';
import { templateDoc } from '../../shared/template';
import { seededRandom, type Scenario } from '../scenario';
import { median, ms, type ResultRow } from '../table';

const CLAUSES = 300;
const MODIFIED = 100;
/** Clauses added, removed and moved (each). */
const SHUFFLED = 10;
/** One modified clause in this many gets an item inserted at the head of its list instead of word edits. */
const RENUMBERED_EVERY = 4;
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
 * The clause diff between two revisions of a 300-clause nota kesepakatan, each Pasal 4 ayat
 * with a nested list (`a.` … with `1.` … under one item), printed as the numbering module
 * prints it: 100 clauses edited word by word or given a new first list item (renumbering every
 * item after it), 10 added, 10 removed and 10 moved. Pure computation, so no reference column.
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
    // A renumbered item is no change: an inserted item deletes nothing (CONTRACT.md, "Legal structure").
    const renumbered = diffClauses(before, after).filter((c) => c.after?.text.includes(NEW_ITEM));
    if (renumbered.length === 0 || renumbered.some((c) => c.hunks.some((h) => h.op === 'delete')))
      throw new Error('bench: renumbering showed as a change');
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

const NEW_ITEM = 'penyusunan standar pelayanan;';

/** A Pasal's body: 4 ayat, the first leading a list of huruf with angka nested under one. */
interface Body {
  ayat: string[];
  items: string[];
  nested: string[];
}

/** A body printed as `extractClauses` prints it, every number derived from its position. */
function printBody({ ayat, items, nested }: Body): string {
  const lines: string[] = [];
  ayat.forEach((text, a) => {
    lines.push(`${numberLabel('ayat', a + 1)} ${text}`);
    if (a > 0) return;
    items.forEach((item, k) => {
      lines.push(`${numberLabel('huruf', k + 1)} ${item}`);
      if (k === items.length - 2)
        nested.forEach((n, j) => lines.push(`${numberLabel('angka', j + 1)} ${n}`));
    });
  });
  return lines.join('\n');
}

const bodies = new Map<string, Body>();

/** The i-th clause: a template clause about one field of government, naming a unit. */
function clauseFor(i: number): Clause {
  const base = TEMPLATE[i % TEMPLATE.length];
  const field = FIELDS[Math.floor(i / TEMPLATE.length) % FIELDS.length];
  const unit = UNITS[i % UNITS.length];
  const body: Body = {
    ayat: [
      `Kerja sama bidang ${field} meliputi:`,
      base.text
        .split('\n')[0]
        .replace(/^\S+ /, '')
        .replace('pelayanan publik', `pelayanan publik bidang ${field}`),
      `Ketentuan dalam Pasal ini berlaku pula bagi ${unit} dalam urusan ${field} (${i + 1}).`,
      'Pelaksanaan sebagaimana dimaksud pada ayat (1) dilaporkan secara berkala kepada PARA PIHAK.',
    ],
    items: [
      `pertukaran data dan informasi bidang ${field};`,
      'pengawasan bersama, yang terdiri atas:',
      `peningkatan kapasitas aparatur ${unit}.`,
    ],
    nested: ['pengawasan rutin; dan', 'pengawasan khusus;'],
  };
  const id = randomUUID();
  bodies.set(id, body);
  return {
    id,
    number: i + 1,
    heading: `${base.heading} Bidang ${field.replace(/^\w/, (c) => c.toUpperCase())}`,
    text: printBody(body),
  };
}

/** A new first list item: every item after it is renumbered, which the diff must not show. */
function withNewItem(clause: Clause): Clause {
  const body = bodies.get(clause.id)!;
  return { ...clause, text: printBody({ ...body, items: [NEW_ITEM, ...body.items] }) };
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
    .map((clause, i) => {
      if (!modified.has(i)) return clause;
      if (i % RENUMBERED_EVERY === 0) return withNewItem(clause);
      return { ...clause, text: editWords(clause.text, pick, random) };
    })
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
