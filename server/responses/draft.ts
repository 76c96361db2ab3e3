import type { Clause } from '../../shared/clauses';
import { MAX_CLAUSES } from '../../shared/limits';
import { invalidInput, tooLarge } from '../errors';
import type { Naskah } from '../../shared/naskah';
import { alignPasal } from './alignment';
import { mergeWords } from './merge';
import type { ResponseComment, ResponseFile } from './responseFile';
import {
  alignedSegments,
  bookmarkedSegments,
  clauseOf,
  normalizeLine,
  segmentLines,
  type Line,
  type Segment,
  type SegmentClause,
} from './segments';

/** A wording as compared: a heading and text lines joined by "\n". */
type Wording = { heading: string; text: string };

// What a response proposes, worked out from the file, the revision it answers and the live
// text, before anything is stored: an usulan redaksi for each Pasal whose wording the file
// changes, a comment for each Word comment anchored in a Pasal, and whatever cannot be placed.

/** An usulan redaksi for one Pasal: the whole Pasal as proposed, and the comment's words. */
export interface DraftProposal {
  clauseId: string;
  proposal: { heading: string; text: string };
  body: string;
}

/** A Word comment, as a comment on the Pasal it is anchored in. */
export interface DraftComment {
  clauseId: string;
  body: string;
}

/** What a part of the response is when it cannot be placed. */
export type UnmatchedKind = 'pasal' | 'pembukaan' | 'penutup' | 'komentar' | 'teks';

/** A part of the response that could not be matched, and why (in Bahasa Indonesia). */
export interface Unmatched {
  kind: UnmatchedKind;
  text: string;
  reason: string;
}

/** Everything a response proposes. */
export interface ResponseDraft {
  proposals: DraftProposal[];
  comments: DraftComment[];
  unmatched: Unmatched[];
}

/** What the response is read against. */
export interface DraftContext {
  /** The revision the file answers (its own, or the latest for a file made elsewhere); null: none yet. */
  revision: number | null;
  /** The uploaded file's name, for the comments' words. */
  fileName: string;
  /** The revision's naskah, or the live one when there is no revision. */
  base: Naskah;
  live: Naskah;
}

/** Where a segment landed: a Pasal of the revision, a part, or nowhere (with the reason). */
type Placement =
  | { kind: 'clause'; clause: Clause }
  | { kind: 'pembukaan' | 'penutup' }
  | { kind: 'none'; reason: string };

const MAX_WORD_COMMENT = 19_000;
const MAX_SHOWN = 500;

/** Works out the proposals, comments and unmatched parts of a response; 413 past MAX_CLAUSES Pasal. */
export function draftResponse(file: ResponseFile, context: DraftContext): ResponseDraft {
  const bookmarked = bookmarkedSegments(file.paragraphs);
  const segments = bookmarked ?? alignedSegments(file.paragraphs);
  if (segments.length === 0)
    throw invalidInput(
      'Berkas tidak dapat dicocokkan dengan naskah: tidak ada penanda Selaras dan tidak ada paragraf "Pasal N".',
    );
  // Aligning costs the product of the two Pasal counts: a file holds no more than a naskah may.
  if (
    segments.filter((s) => s.target.kind !== 'pembukaan' && s.target.kind !== 'penutup').length >
    MAX_CLAUSES
  )
    throw tooLarge(`Berkas memuat lebih dari ${MAX_CLAUSES} Pasal.`);
  const placements = bookmarked
    ? segments.map((s) => placeBookmarked(s, context))
    : placeAligned(file, segments, context);
  const draft: ResponseDraft = { proposals: [], comments: [], unmatched: [] };
  segments.forEach((segment, i) =>
    readSegment(file, segment, placements[i], context, draft, !bookmarked),
  );
  draft.unmatched.push(...outsideChanges(file, segments));
  draft.comments.push(...placeComments(file, segments, placements, draft.unmatched));
  return draft;
}

function revisionName(context: DraftContext): string {
  return context.revision === null ? 'naskah saat ini' : `revisi ${context.revision}`;
}

function placeBookmarked(segment: Segment, context: DraftContext): Placement {
  const target = segment.target;
  if (target.kind === 'pembukaan' || target.kind === 'penutup') return { kind: target.kind };
  if (target.kind === 'pasal')
    return {
      kind: 'none',
      reason: `Pasal ${target.label} dalam berkas tidak ada dalam ${revisionName(context)}; usulkan Pasal baru melalui komentar.`,
    };
  const clause = context.base.clauses.find((c) => c.id === target.id);
  return clause
    ? { kind: 'clause', clause }
    : { kind: 'none', reason: `Pasal ini tidak ada dalam ${revisionName(context)}.` };
}

/** Places the Pasal of a file made elsewhere by aligning them with the revision's. */
function placeAligned(file: ResponseFile, segments: Segment[], context: DraftContext): Placement[] {
  const pasal = segments.flatMap((segment, i) => (segment.target.kind === 'pasal' ? [i] : []));
  const read = pasal.map((i) => {
    const lines = segmentLines(file.paragraphs, segments[i].paragraphs, 'original');
    const clause = clauseOf(lines, true);
    const label = segments[i].target.kind === 'pasal' ? segments[i].target.label : '';
    return { label, heading: clause.heading, text: clause.lines.join('\n') };
  });
  const matched = alignPasal(read, context.base.clauses);
  return segments.map((segment, i): Placement => {
    const target = segment.target;
    if (target.kind === 'pembukaan' || target.kind === 'penutup') return { kind: target.kind };
    const clause = matched[pasal.indexOf(i)];
    if (clause) return { kind: 'clause', clause };
    const label = target.kind === 'pasal' ? target.label : '';
    return {
      kind: 'none',
      reason: `Pasal ${label} dalam berkas tidak cocok (judul dan isi) dengan Pasal mana pun dalam ${revisionName(context)}.`,
    };
  });
}

/** A part of the naskah a segment proposes a wording for, and what it is compared with. */
interface Target {
  id: string;
  /** How messages name it: `Pasal 3 (Ruang Lingkup)`, `pembukaan`. */
  where: string;
  base: Wording;
  file: SegmentClause;
  live: Wording | undefined;
  /** Whether the file's wording may stand when the merge fails (not for a foreign layout). */
  mayOverride: boolean;
}

function readSegment(
  file: ResponseFile,
  segment: Segment,
  placement: Placement,
  context: DraftContext,
  draft: ResponseDraft,
  foreign: boolean,
): void {
  const rows = new Set(segment.lampiran);
  const lines = (view: 'original' | 'proposed') =>
    segmentLines(file.paragraphs, segment.paragraphs, view, rows);
  if (placement.kind === 'none') {
    const text = lines('proposed')
      .map((l) => l.text)
      .join('\n');
    if (text !== '')
      draft.unmatched.push({ kind: 'pasal', text: shorten(text), reason: placement.reason });
    return;
  }
  const target =
    placement.kind === 'clause'
      ? clauseTarget(placement.clause, lines('proposed'), context)
      : partTarget(placement.kind, lines('original'), lines('proposed'), context, foreign);
  if (!target) return;
  const outcome = proposalFor(target.file, target.base, target.live);
  if (outcome.kind === 'same') return;
  const kind = placement.kind === 'clause' ? 'pasal' : placement.kind;
  const refuse = (reason: string): void => {
    draft.unmatched.push({ kind, text: shorten(wordingText(target.file)), reason });
  };
  if (outcome.kind === 'gone')
    return refuse(`${target.where} telah dihapus dari naskah sejak ${revisionName(context)}.`);
  if (outcome.kind === 'applied')
    return refuse(`Perubahan pada ${target.where} sudah ada dalam naskah saat ini.`);
  if (outcome.kind === 'overrides' && !target.mayOverride)
    return refuse(
      `Perubahan pada ${target.where} dalam berkas tidak dapat dicocokkan dengan teks naskah saat ini.`,
    );
  const authors = [...new Set(segment.paragraphs.flatMap((i) => file.paragraphs[i].authors))];
  draft.proposals.push({
    clauseId: target.id,
    proposal: outcome.proposal,
    body: proposalBody(context, authors, outcome.kind === 'overrides'),
  });
}

function clauseTarget(base: Clause, proposed: Line[], context: DraftContext): Target {
  return {
    id: base.id,
    where: `Pasal ${base.number}${base.heading ? ` (${base.heading})` : ''}`,
    base,
    file: clauseOf(proposed, base.heading !== ''),
    live: context.live.clauses.find((c) => c.id === base.id),
    mayOverride: true,
  };
}

/**
 * The pembukaan or penutup as a target. An export's is compared with the revision's; a file
 * made elsewhere lays them out its own way, so only its tracked changes count: its own text
 * before them stands in for the revision's, and its wording never overrides the live one.
 */
function partTarget(
  part: 'pembukaan' | 'penutup',
  original: Line[],
  proposed: Line[],
  context: DraftContext,
  foreign: boolean,
): Target | null {
  const live = context.live[part];
  const texts = (lines: Line[]) => lines.map((l) => l.text);
  if (foreign && texts(original).join('\n') === texts(proposed).join('\n')) return null;
  const base = foreign
    ? { heading: live.heading, text: texts(original).join('\n') }
    : context.base[part];
  return {
    id: part,
    where: part,
    base,
    file: { heading: base.heading, lines: texts(proposed) },
    live: { heading: live.heading, text: live.text },
    mayOverride: !foreign,
  };
}

type Outcome =
  | { kind: 'same' }
  | { kind: 'gone' }
  | { kind: 'applied' }
  | { kind: 'merged' | 'overrides'; proposal: { heading: string; text: string } };

const wordingText = (clause: SegmentClause) => [clause.heading, ...clause.lines].join('\n');

/**
 * The proposal a file makes for one Pasal (or part). The file's wording (as compared: no empty
 * lines, tabs as spaces) is first carried onto the revision's exact text, so nothing but the
 * reader's changes differs; those changes are then carried onto the live text. When the live
 * text changed the same words, the proposal is the file's wording as it stands (`overrides`).
 */
function proposalFor(file: SegmentClause, base: Wording, live: Wording | undefined): Outcome {
  const baseText = `${base.heading}\n${base.text}`;
  const compared = [base.heading, ...base.text.split('\n')].map(normalizeLine);
  const seen = `${compared[0]}\n${compared.slice(1).filter(Boolean).join('\n')}`;
  const fileText = `${file.heading}\n${file.lines.join('\n')}`;
  if (fileText === seen) return { kind: 'same' };
  if (!live) return { kind: 'gone' };
  const ours = mergeWords(seen, fileText, baseText) ?? fileText;
  const liveText = `${live.heading}\n${live.text}`;
  const merged = mergeWords(baseText, ours, liveText);
  const result = merged ?? ours;
  if (result === liveText) return { kind: 'applied' };
  const split = result.indexOf('\n');
  const proposal = { heading: result.slice(0, split), text: result.slice(split + 1) };
  return { kind: merged === null ? 'overrides' : 'merged', proposal };
}

function proposalBody(context: DraftContext, authors: string[], overrides: boolean): string {
  const tracked = authors.length
    ? ` (perubahan terlacak oleh ${authors.join(', ')})`
    : ' (perubahan redaksi tanpa pelacakan)';
  const name = context.fileName.slice(0, 200);
  let body = `Usulan redaksi dari tanggapan Word “${name}”${tracked}, terhadap ${revisionName(context)}.`;
  if (overrides)
    body +=
      ` Pasal ini telah berubah di Selaras sejak ${revisionName(context)} pada kata-kata yang sama;` +
      ' usulan memuat redaksi berkas dan, bila diterima, menggantikan perubahan tersebut.';
  return body;
}

/** Tracked changes outside every part (in the signature block, the lembar paraf, ...). */
function outsideChanges(file: ResponseFile, segments: Segment[]): Unmatched[] {
  const inside = new Set(segments.flatMap((s) => s.paragraphs));
  return file.paragraphs.flatMap((p, i) =>
    inside.has(i) || p.original === p.proposed
      ? []
      : [
          {
            kind: 'teks' as const,
            text: shorten(normalizeLine(p.proposed) || normalizeLine(p.original)),
            reason:
              'Perubahan di luar teks naskah (misalnya pada blok tanda tangan atau lembar paraf) tidak dibaca sebagai usulan.',
          },
        ],
  );
}

/** Each Word comment as a comment on its Pasal, or unmatched with the reason. */
function placeComments(
  file: ResponseFile,
  segments: Segment[],
  placements: Placement[],
  unmatched: Unmatched[],
): DraftComment[] {
  const segmentOf = new Map<number, number>();
  segments.forEach((s, i) => s.paragraphs.forEach((p) => segmentOf.set(p, i)));
  const comments: DraftComment[] = [];
  for (const comment of file.comments) {
    const author = comment.author || 'penulis tanpa nama';
    const at = comment.paragraph === null ? undefined : segmentOf.get(comment.paragraph);
    const placement = at === undefined ? null : placements[at];
    if (
      placement?.kind === 'clause' ||
      placement?.kind === 'pembukaan' ||
      placement?.kind === 'penutup'
    ) {
      const clauseId = placement.kind === 'clause' ? placement.clause.id : placement.kind;
      comments.push({ clauseId, body: commentBody(author, comment) });
      continue;
    }
    unmatched.push({
      kind: 'komentar',
      text: shorten(`${author}: ${comment.text}`),
      reason:
        placement === null
          ? 'Komentar tidak tertambat pada teks naskah (Pasal, pembukaan atau penutup).'
          : 'Komentar tertambat pada bagian berkas yang tidak cocok dengan naskah.',
    });
  }
  return comments;
}

function commentBody(author: string, comment: ResponseComment): string {
  const quote = comment.quote.trim() ? `\n(pada “${shorten(comment.quote.trim(), 200)}”)` : '';
  return `Komentar Word dari ${author}: ${comment.text.slice(0, MAX_WORD_COMMENT) || '(kosong)'}${quote}`;
}

function shorten(text: string, max = MAX_SHOWN): string {
  return text.length > max ? `${text.slice(0, max - 1)}…` : text;
}
