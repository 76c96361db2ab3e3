import type { Node } from 'prosemirror-model';
import { DOCX_LAMPIRAN_STYLE } from '../exports/docxStyles';
import { isTitleLine, parseLampiran, type LampiranPart } from '../../shared/plainText';
import type { MarkRange } from '../../shared/plainText';
import type { DocxBlock, ParagraphBlock, TableBlock } from './docxBlocks';
import { isTail, isTailStyle, numberListItems, PASAL_LINE, type Line } from './docxLines';

// The Lampiran of a Word draft (issue 16, "a faithful import"): a heading `LAMPIRAN …` after the
// last Pasal (after the signature block, where a Selaras export puts it) starts one, and it
// runs to the next such heading, a signature block or paraf sheet, or the end. Its heading
// lines are the title-like lines that open it; its text follows a Pasal's rules; its Word
// tables stay tables, cell by cell, the repeated heading row kept (shared/plainText.ts builds
// the nodes, so pasted and imported text share one set of rules).

// The paragraph style a Selaras export gives a Lampiran's heading lines.
const HEADING_STYLE = DOCX_LAMPIRAN_STYLE.heading;
const LAMPIRAN_LINE = /^LAMPIRAN(\s|$)/;

/** The blocks before the first Lampiran, and each Lampiran's blocks (heading first). */
export function splitLampiran(blocks: DocxBlock[]): { main: DocxBlock[]; lampiran: DocxBlock[][] } {
  const lastPasal = blocks.findLastIndex(
    (block) => block.kind === 'paragraph' && PASAL_LINE.test(block.text),
  );
  if (lastPasal === -1) return { main: blocks, lampiran: [] };
  const starts: number[] = [];
  let inHeading = false;
  for (let i = lastPasal + 2; i < blocks.length; i++) {
    const block = blocks[i];
    if (block.kind !== 'paragraph' || block.text === '') {
      if (block.kind === 'table') inHeading = false;
      continue;
    }
    const opens: boolean =
      (LAMPIRAN_LINE.test(block.text) && isTitleLine(block.text)) ||
      (block.styleId === HEADING_STYLE && !inHeading);
    if (opens) starts.push(i);
    inHeading = block.styleId === HEADING_STYLE || (opens && isTitleLine(block.text));
  }
  if (starts.length === 0) return { main: blocks, lampiran: [] };
  return {
    main: blocks.slice(0, starts[0]),
    lampiran: starts.map((start, i) => blocks.slice(start, starts[i + 1] ?? blocks.length)),
  };
}

/** The Lampiran nodes of the groups `splitLampiran` found, and the lines they keep. */
export function lampiranNodes(groups: DocxBlock[][]): { nodes: Node[]; lines: Line[] } {
  const nodes: Node[] = [];
  const lines: Line[] = [];
  for (const group of groups) {
    const { headings, parts, kept } = readGroup(group);
    nodes.push(parseLampiran(headings, parts));
    lines.push(...kept);
  }
  return { nodes, lines };
}

function readGroup(group: DocxBlock[]): {
  headings: ParagraphBlock[];
  parts: LampiranPart[];
  kept: Line[];
} {
  const headings: ParagraphBlock[] = [];
  const parts: LampiranPart[] = [];
  const kept: Line[] = [];
  let run: ParagraphBlock[] = [];
  const endRun = () => {
    if (run.length === 0) return;
    const numbered = numberListItems(run);
    parts.push({ kind: 'lines', lines: numbered });
    kept.push(...numbered);
    run = [];
  };
  let inHeadings = true;
  for (const block of group) {
    if (block.kind === 'paragraph' && block.text === '') continue;
    if (inHeadings && block.kind === 'paragraph' && isHeading(block)) {
      headings.push(block);
      continue;
    }
    inHeadings = false;
    // A signature block or the paraf sheets end the Lampiran.
    if (block.kind === 'paragraph' ? isTail(block) : tableIsTail(block)) break;
    if (block.kind === 'paragraph') {
      run.push(block);
      continue;
    }
    endRun();
    parts.push({ kind: 'table', rows: block.rows.map(tableRow) });
    kept.push(...block.rows.flatMap((row) => row.cells.flat()));
  }
  endRun();
  return { headings, parts, kept };
}

function isHeading(block: ParagraphBlock): boolean {
  return block.styleId === HEADING_STYLE || (block.numbering === null && isTitleLine(block.text));
}

/**
 * Whether a table is a signature block: made so by a Selaras export, or every cell of its first
 * row with words opens one (`PIHAK KESATU,` | `PIHAK KEDUA,`). A table whose first cell alone
 * names a party (a list of contacts) stays a table.
 */
function tableIsTail(table: TableBlock): boolean {
  if (isTailStyle(table.styleId)) return true;
  const firstRow = table.rows.find((row) => row.cells.some((c) => c.some((p) => p.text !== '')));
  const opening = (firstRow?.cells ?? [])
    .map((cell) => cell.find((p) => p.text !== ''))
    .filter((p) => p !== undefined);
  return opening.length > 0 && opening.every((p) => isTail({ ...p, styleId: null }));
}

/**
 * A row as the Lampiran keeps it. A heading row is set bold by the table's look (a Selaras
 * export writes its heading cells bold), so bold over a whole heading cell is not emphasis.
 */
function tableRow(row: TableBlock['rows'][number]) {
  const cells = row.cells.map((cell) =>
    cell.map((p) => (row.header ? { ...p, marks: withoutWholeBold(p.marks, p.text) } : p)),
  );
  return { header: row.header, cells };
}

function withoutWholeBold(marks: MarkRange[], text: string): MarkRange[] {
  return marks.filter((m) => !(m.mark === 'strong' && m.from === 0 && m.to >= text.length));
}
