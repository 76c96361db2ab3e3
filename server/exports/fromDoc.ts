import type { Node } from 'prosemirror-model';
import { extractClauses } from '../../shared/clauses';
import { diffNaskah } from '../../shared/clauseDiff';
import { extractNaskah } from '../../shared/naskah';
import { measureDoc, textLimitProblem } from '../../shared/limits';
import { schema } from '../../shared/schema';
import {
  blockLines,
  isNumberedKind,
  numberedLines,
  printLine,
  siblingNumbers,
  type NumberedLine,
} from '../../shared/numbering';
import { rujukanIndex, type RujukanIndex } from '../../shared/rujukan';
import { inlineText } from '../../shared/rujukanText';
import type { NumberedParagraph } from './layout';
import { tooLarge } from '../errors';
import { stateToDoc } from '../revisions/revisions';
import type { ExportModel, ExportSource, ExportText } from './model';
import { trackedText } from './tracked';
import { hasEmphasis, inlineRuns, runsText, type ExportRun } from './runs';
import { exportLampiran } from './lampiran';

/**
 * Reads the title lines, preamble, clauses, closing and Lampiran of a document for an export.
 * Numbers and levels come from the structure through shared/numbering.ts, as in the API's text.
 */
export function exportTextOf(doc: Node): ExportText {
  const text: ExportText = {
    titleLines: [],
    titleLayout: [],
    preamble: [],
    preambleLayout: [],
    clauses: [],
    closing: [],
    closingLayout: [],
  };
  const blocks: Node[] = [];
  doc.forEach((block) => blocks.push(block));
  const numbers = siblingNumbers(blocks);
  // References print as their labels, derived as in the API's text (shared/rujukan.ts).
  const rujukan = rujukanIndex(doc);
  const inline = (block: Node) => inlineText(block, rujukan, null);
  const flat = (block: Node): NumberedParagraph =>
    withRuns({ marker: null, text: inline(block), level: 0 }, inlineRuns(block, rujukan, null));
  blocks.forEach((block, i) => {
    if (block.type === schema.nodes.title) {
      text.titleLines.push(block.textContent);
      text.titleLayout!.push(flat(block));
    } else if (block.type === schema.nodes.closing) {
      text.closing.push(inline(block));
      text.closingLayout!.push(flat(block));
    } else if (block.type === schema.nodes.preamble) {
      text.preamble.push(inline(block));
      text.preambleLayout!.push(flat(block));
    } else if (isNumberedKind(block.type.name)) {
      const read = lineReader(rujukan, null);
      for (const line of blockLines(block, numbers[i], read.textOf)) {
        text.preamble.push(printLine(line));
        text.preambleLayout!.push(read.layoutOf(line));
      }
    }
  });
  const ids = extractClauses(doc, rujukan);
  let index = 0;
  doc.forEach((block) => {
    if (block.type !== schema.nodes.clause) return;
    const clause = ids[index++];
    const read = lineReader(rujukan, clause.id);
    const lines = numberedLines(block, read.textOf);
    text.clauses.push({
      id: clause.id,
      number: clause.number,
      heading: clause.heading,
      paragraphs: lines.map(printLine),
      layout: lines.map(read.layoutOf),
    });
  });
  // The plain lines say it all unless some words are emphasised; models built by hand (tests,
  // benchmarks) then need not keep a second copy in step.
  if (!text.titleLayout!.some((line) => line.runs)) delete text.titleLayout;
  if (!text.closingLayout!.some((line) => line.runs)) delete text.closingLayout;
  const lampiran = exportLampiran(doc, rujukan);
  if (lampiran.length > 0) text.lampiran = lampiran;
  return text;
}

/**
 * Reads the paragraphs of a block (references as labels, relative to the innermost numbered
 * block or `holderId`) and keeps each one's runs, to lay its printed line out with them.
 */
function lineReader(rujukan: RujukanIndex, holderId: string | null) {
  const runs: ExportRun[][] = [];
  let next = 0;
  return {
    textOf: (p: Node, blockId: string | null) => {
      const read = inlineRuns(p, rujukan, blockId ?? holderId);
      runs.push(read);
      return runsText(read);
    },
    /** A printed line as the layout hangs it: its number in the hang, its text at its level. */
    layoutOf: (line: NumberedLine): NumberedParagraph =>
      withRuns(
        { marker: line.label, text: line.text, level: line.depth, blockId: line.blockId },
        runs[next++],
      ),
  };
}

/** The paragraph with its runs when some of them are emphasised; plain text otherwise. */
function withRuns(paragraph: NumberedParagraph, runs: ExportRun[]): NumberedParagraph {
  return hasEmphasis(runs) ? { ...paragraph, runs } : paragraph;
}

/**
 * Builds the model from a gathered source: reads the revision's text and refuses (413) a text
 * over the limits of shared/limits.ts, which a live text edited past them could reach.
 */
export function exportModelOf({ state, sinceState, ...rest }: ExportSource): ExportModel {
  const doc = readable(state);
  // `changesSince`: the text shows what changed since that earlier revision (tracked.ts).
  const text = sinceState ? trackedTextOf(readable(sinceState), doc) : exportTextOf(doc);
  return { ...rest, ...text };
}

/** The text of `after` with the changes since `before` marked, Pasal matched by identity. */
export function trackedTextOf(before: Node, after: Node): ExportText {
  const changes = diffNaskah(extractNaskah(before), extractNaskah(after));
  return trackedText(exportTextOf(before), exportTextOf(after), changes);
}

function readable(state: Uint8Array): Node {
  const doc = stateToDoc(state);
  const problem = textLimitProblem(measureDoc(doc));
  if (problem) throw tooLarge(`Naskah tidak dapat diekspor. ${problem}`);
  return doc;
}
