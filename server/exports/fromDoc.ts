import type { Node } from 'prosemirror-model';
import { extractClauses } from '../../shared/clauses';
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
import { rujukanIndex } from '../../shared/rujukan';
import { inlineText } from '../../shared/rujukanText';
import type { NumberedParagraph } from './layout';
import { tooLarge } from '../errors';
import { stateToDoc } from '../revisions/revisions';
import type { ExportModel, ExportSource } from './model';

/** The part of an ExportModel that comes from the text itself. */
export type ExportText = Pick<
  ExportModel,
  'titleLines' | 'preamble' | 'preambleLayout' | 'clauses' | 'closing'
>;

/**
 * Reads the title lines, preamble, clauses and closing of a document for an export. Numbers
 * and levels come from the structure through shared/numbering.ts, as in the API's text.
 */
export function exportTextOf(doc: Node): ExportText {
  const text: ExportText = {
    titleLines: [],
    preamble: [],
    preambleLayout: [],
    clauses: [],
    closing: [],
  };
  const blocks: Node[] = [];
  doc.forEach((block) => blocks.push(block));
  const numbers = siblingNumbers(blocks);
  // References print as their labels, derived as in the API's text (shared/rujukan.ts).
  const rujukan = rujukanIndex(doc);
  const inline = (block: Node) => inlineText(block, rujukan, null);
  blocks.forEach((block, i) => {
    if (block.type === schema.nodes.title) text.titleLines.push(block.textContent);
    else if (block.type === schema.nodes.closing) text.closing.push(inline(block));
    else if (block.type === schema.nodes.preamble) {
      text.preamble.push(inline(block));
      text.preambleLayout!.push({ marker: null, text: inline(block), level: 0 });
    } else if (isNumberedKind(block.type.name)) {
      const textOf = (p: Node, blockId: string | null) => inlineText(p, rujukan, blockId);
      for (const line of blockLines(block, numbers[i], textOf)) {
        text.preamble.push(printLine(line));
        text.preambleLayout!.push(layoutOf(line));
      }
    }
  });
  const ids = extractClauses(doc, rujukan);
  let index = 0;
  doc.forEach((block) => {
    if (block.type !== schema.nodes.clause) return;
    const clause = ids[index++];
    const lines = numberedLines(block, (p, blockId) =>
      inlineText(p, rujukan, blockId ?? clause.id),
    );
    text.clauses.push({
      number: clause.number,
      heading: clause.heading,
      paragraphs: lines.map(printLine),
      layout: lines.map(layoutOf),
    });
  });
  return text;
}

/** A printed line as the layout hangs it: its number in the hang, its text at its level. */
function layoutOf(line: NumberedLine): NumberedParagraph {
  return { marker: line.label, text: line.text, level: line.depth };
}

/**
 * Builds the model from a gathered source: reads the revision's text and refuses (413) a text
 * over the limits of shared/limits.ts, which a live text edited past them could reach.
 */
export function exportModelOf({ state, ...rest }: ExportSource): ExportModel {
  const doc = stateToDoc(state);
  const problem = textLimitProblem(measureDoc(doc));
  if (problem) throw tooLarge(`Naskah tidak dapat diekspor. ${problem}`);
  return { ...rest, ...exportTextOf(doc) };
}
