import { diffArrays } from 'diff';
import type { NumberedParagraph } from './layout';
import {
  columnCount,
  type ExportCellParagraph,
  type ExportLampiran,
  type ExportTable,
  type ExportTableCell,
  type ExportTableRow,
} from './lampiran';
import type { TrackedChange } from './runs';
import { trackLines } from './tracked';

// The Lampiran of a tracked-changes export (tracked.ts): a Lampiran, a table and a row are
// matched by their ids, as the revision diff knows them; heading lines, paragraphs and the
// paragraphs of a cell are aligned and word-diffed as the penutup's lines are (`trackLines`,
// whose words come from shared/clauseDiff.ts `wordHunks`). A row added since the earlier
// revision is an inserted row, a removed one a deleted row at its old place; a Lampiran added
// or removed is wholly inserted or deleted.

type Body = ExportLampiran['body'];
type Block = Body[number];

/** Every Lampiran of `now` with the changes since `old`, the removed ones at their old place. */
export function trackLampiran(
  old: readonly ExportLampiran[],
  now: readonly ExportLampiran[],
): ExportLampiran[] {
  const key = (one: ExportLampiran, index: number) => `l:${one.id ?? `#${index}`}`;
  return align(old, now, key, trackedLampiran, whollyLampiran);
}

/**
 * Pairs two sequences by key: an item in both is `both(old, now)`, one only in the old is
 * `only(old, 'delete')` at its old place, one only in the new `only(now, 'insert')`.
 */
function align<T, R>(
  old: readonly T[],
  now: readonly T[],
  key: (item: T, index: number) => string,
  both: (before: T, after: T) => R,
  only: (item: T, change: TrackedChange) => R,
): R[] {
  const out: R[] = [];
  let o = 0;
  let n = 0;
  for (const part of diffArrays(old.map(key), now.map(key))) {
    for (let i = 0; i < part.value.length; i += 1) {
      if (part.removed) out.push(only(old[o++], 'delete'));
      else if (part.added) out.push(only(now[n++], 'insert'));
      else out.push(both(old[o++], now[n++]));
    }
  }
  return out;
}

function trackedLampiran(before: ExportLampiran, after: ExportLampiran): ExportLampiran {
  return {
    ...after,
    headingLayout: trackLines(before.headings.map(plainLine), after.headings.map(plainLine)),
    body: trackBody(before.body, after.body),
  };
}

function whollyLampiran(one: ExportLampiran, change: TrackedChange): ExportLampiran {
  return {
    ...one,
    change,
    headingLayout: one.headings.map((text) => ({ ...plainLine(text), change })),
    body: one.body.map((block) => whollyBlock(block, change)),
  };
}

function plainLine(text: string): NumberedParagraph {
  return { marker: null, text, level: 0 };
}

/**
 * The body of a Lampiran in both revisions: tables by id, the text between them by the table
 * it follows. Between two matched blocks, removed tables are deleted and added ones inserted;
 * the text there is compared line by line with the old text there, as one stretch.
 */
function trackBody(old: Body, now: Body): Body {
  const out: Body = [];
  let o = 0;
  let n = 0;
  let gone: Block[] = [];
  let come: Block[] = [];
  for (const part of diffArrays(bodyKeys(old), bodyKeys(now))) {
    const count = part.value.length;
    if (part.removed) gone.push(...old.slice(o, (o += count)));
    else if (part.added) come.push(...now.slice(n, (n += count)));
    else {
      out.push(...replacedBlocks(gone, come));
      gone = [];
      come = [];
      for (let i = 0; i < count; i += 1) out.push(trackedBlock(old[o++], now[n++]));
    }
  }
  out.push(...replacedBlocks(gone, come));
  return out;
}

/** A key per block: a table by its id (or its place), a text by the table before it. */
function bodyKeys(body: Body): string[] {
  let previous = 'start';
  let tables = 0;
  return body.map((block) => {
    if (block.kind === 'text') return `x:${previous}`;
    previous = `t:${block.id ?? `#${tables}`}`;
    tables += 1;
    return previous;
  });
}

function trackedBlock(before: Block, after: Block): Block {
  if (before.kind === 'table' && after.kind === 'table') return trackTable(before, after);
  if (before.kind === 'text' && after.kind === 'text')
    return { ...after, lines: trackLines(before.lines, after.lines) };
  return after;
}

function replacedBlocks(gone: Block[], come: Block[]): Body {
  const goneLines = gone.flatMap((block) => (block.kind === 'text' ? block.lines : []));
  const comeText = come.some((block) => block.kind === 'text');
  const out: Body = [];
  for (const block of gone)
    if (block.kind === 'table' || !comeText) out.push(whollyBlock(block, 'delete'));
  let paired = false;
  for (const block of come) {
    if (block.kind === 'text' && !paired) {
      paired = true;
      out.push({ ...block, lines: trackLines(goneLines, block.lines) });
    } else out.push(whollyBlock(block, 'insert'));
  }
  return out;
}

function whollyBlock(block: Block, change: TrackedChange): Block {
  if (block.kind === 'text')
    return { ...block, lines: block.lines.map((line) => ({ ...line, change })) };
  return { ...block, rows: block.rows.map((row) => whollyRow(row, change, columnCount(block))) };
}

/** A table in both revisions: rows by id, each cell of a row in both word-diffed. */
function trackTable(before: ExportTable, after: ExportTable): ExportTable {
  const width = columnCount(after);
  return {
    ...after,
    rows: align(before.rows, after.rows, rowKey, trackedRow, (row, change) =>
      whollyRow(row, change, width),
    ),
  };
}

/** A row by its id; a row without one (an older text) by its words. */
function rowKey(row: ExportTableRow): string {
  if (row.id) return `r:${row.id}`;
  return `w:${row.cells.map((cell) => cell.paragraphs.map((p) => p.text).join('\n')).join('|')}`;
}

function trackedRow(before: ExportTableRow, after: ExportTableRow): ExportTableRow {
  return {
    ...after,
    cells: after.cells.map((cell, column) => ({
      ...cell,
      paragraphs: trackCell(before.cells[column]?.paragraphs ?? [], cell.paragraphs),
    })),
  };
}

/**
 * A row wholly inserted or deleted, as wide as the table it is printed in: a deleted row of a
 * table that has since lost columns is cut to the table's width (docs/exports.md).
 */
function whollyRow(row: ExportTableRow, change: TrackedChange, width: number): ExportTableRow {
  const cells: ExportTableCell[] = row.cells.slice(0, width).map((cell) => ({
    ...cell,
    paragraphs: cell.paragraphs.map((p) => ({ ...p, change })),
  }));
  const header = row.cells.every((cell) => cell.header) && row.cells.length > 0;
  while (cells.length < width) cells.push({ header, paragraphs: [] });
  return { ...row, cells, change };
}

function trackCell(
  before: readonly ExportCellParagraph[],
  after: readonly ExportCellParagraph[],
): ExportCellParagraph[] {
  const lines = (paragraphs: readonly ExportCellParagraph[]) =>
    paragraphs.map((p) => ({ ...plainLine(p.text), ...(p.runs ? { runs: p.runs } : {}) }));
  return trackLines(lines(before), lines(after)).map(({ text, runs, change }) => ({
    text,
    ...(runs ? { runs } : {}),
    ...(change ? { change } : {}),
  }));
}
