import type { Node } from 'prosemirror-model';
import { extractClauses } from '../../shared/clauses';
import { measureDoc, textLimitProblem } from '../../shared/limits';
import { schema } from '../../shared/schema';
import { tooLarge } from '../errors';
import { stateToDoc } from '../revisions/revisions';
import type { ExportModel, ExportSource } from './model';

/** The part of an ExportModel that comes from the text itself. */
export type ExportText = Pick<ExportModel, 'titleLines' | 'preamble' | 'clauses' | 'closing'>;

/** Reads the title lines, preamble, clauses and closing of a document for an export. */
export function exportTextOf(doc: Node): ExportText {
  const text: ExportText = { titleLines: [], preamble: [], clauses: [], closing: [] };
  doc.forEach((block) => {
    if (block.type === schema.nodes.title) text.titleLines.push(block.textContent);
    else if (block.type === schema.nodes.preamble) text.preamble.push(block.textContent);
    else if (block.type === schema.nodes.closing) text.closing.push(block.textContent);
  });
  // Clause text comes from extractClauses so an export numbers and joins exactly as the API does.
  text.clauses = extractClauses(doc).map((clause) => ({
    number: clause.number,
    heading: clause.heading,
    paragraphs: clause.text.split('\n'),
  }));
  return text;
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
