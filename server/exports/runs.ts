import type { Node } from 'prosemirror-model';
import type { RujukanIndex } from '../../shared/rujukan';
import { labelOf, RUJUKAN } from '../../shared/rujukanText';

// The words of a paragraph as the exports print them: stretches of text with their emphasis
// (the `strong` and `em` marks of the schema). The canonical text (`/text`) stays plain; only
// the DOCX and the PDF show the emphasis.

/** How a stretch of a tracked-changes export differs from the earlier revision. */
export type TrackedChange = 'insert' | 'delete';

/** A stretch of printed text with its emphasis and, in a tracked-changes export, its change. */
export interface ExportRun {
  text: string;
  bold?: boolean;
  italic?: boolean;
  change?: TrackedChange;
}

/**
 * The runs of an inline block, each reference printed as its label (in the marks it carries);
 * neighbours with the same emphasis are joined.
 */
export function inlineRuns(block: Node, index: RujukanIndex, holderId: string | null): ExportRun[] {
  const runs: ExportRun[] = [];
  block.forEach((child) => {
    const text = child.type.name === RUJUKAN ? labelOf(child, index, holderId) : child.textContent;
    const marks = new Set(child.marks.map((m) => m.type.name));
    pushRun(runs, { text, bold: marks.has('strong'), italic: marks.has('em') });
  });
  return runs.map(tidy);
}

/** The text the runs print, without regard to their change. */
export function runsText(runs: readonly ExportRun[]): string {
  return runs.map((r) => r.text).join('');
}

/** Whether any run is bold or italic: a paragraph without emphasis prints as plain text. */
export function hasEmphasis(runs: readonly ExportRun[]): boolean {
  return runs.some((r) => r.bold || r.italic);
}

/** The runs that print `text[from, to)` of `runs`, each keeping its emphasis. */
export function sliceRuns(runs: readonly ExportRun[], from: number, to: number): ExportRun[] {
  const sliced: ExportRun[] = [];
  let at = 0;
  for (const run of runs) {
    const start = Math.max(from, at);
    const end = Math.min(to, at + run.text.length);
    if (start < end) sliced.push({ ...run, text: run.text.slice(start - at, end - at) });
    at += run.text.length;
  }
  return sliced;
}

/** Appends a run, joining it to the last one when both look alike. */
export function pushRun(runs: ExportRun[], run: ExportRun): void {
  if (run.text === '') return;
  const last = runs.at(-1);
  if (
    last &&
    !!last.bold === !!run.bold &&
    !!last.italic === !!run.italic &&
    last.change === run.change
  )
    last.text += run.text;
  else runs.push({ ...run });
}

/** A run without the flags it does not set, so runs compare and clone as plain values. */
function tidy(run: ExportRun): ExportRun {
  const out: ExportRun = { text: run.text };
  if (run.bold) out.bold = true;
  if (run.italic) out.italic = true;
  if (run.change) out.change = run.change;
  return out;
}
