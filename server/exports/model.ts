import type { NumberedParagraph } from './layout';
import type { ExportRun, TrackedChange } from './runs';
import type { ExportLampiran } from './lampiran';

/** A sign-off status as the paraf koordinasi table shows it. */
export type ParafStatus = 'approved' | 'stale' | 'changes_requested' | 'pending';

/** A signing party as printed: its official name and its signatory, never an account. */
export interface ExportParty {
  code: string;
  /** The official name written out (the party record's `officialName`). */
  name: string;
  signatory: { name: string; title: string };
  /** Whether this party affixes the meterai. */
  meterai: boolean;
  /** The reviewing agencies coordinating under this party (its lembar paraf koordinasi). */
  agencies: string[];
}

/** Everything an export of one revision shows, gathered by the server before rendering. */
export interface ExportModel {
  /** The document's id, for the path its final hash can be recomputed from. */
  documentId: string;
  /** The document's title as stored (`documents.title`). */
  title: string;
  /** The `title` nodes of the text, one per line (NOTA KESEPAKATAN, ANTARA, ..., Nomor lines). */
  titleLines: string[];
  /** The preamble paragraphs, as printed (numbers of considerations and komparisi included). */
  preamble: string[];
  /** How each preamble line is laid out (its number and level), when read from structure. */
  preambleLayout?: NumberedParagraph[];
  /** The title lines with their emphasis and (tracked) changes, when read from structure. */
  titleLayout?: NumberedParagraph[];
  /** Every Pasal in order: its printed lines and, when read from structure, their layout. */
  clauses: ExportClause[];
  /** Closing paragraphs after the last Pasal, if any. */
  closing: string[];
  /** The closing paragraphs with their emphasis and (tracked) changes, when read from structure. */
  closingLayout?: NumberedParagraph[];
  /** Each Lampiran (a rencana kerja table, say), printed after the signature block from a new page. */
  lampiran?: ExportLampiran[];
  /** A tracked-changes export (`?changesSince=m`): `m`; the text then shows the changes since it. */
  changesSince?: number | null;
  /** The signing parties in order (PIHAK KESATU, PIHAK KEDUA, ...), from their party records. */
  parties: ExportParty[];
  /** The paraf koordinasi table: every participating agency as of this revision. */
  paraf: {
    agency: { code: string; name: string };
    by: string | null;
    at: string | null;
    status: ParafStatus;
    /** Whether the decision was given by a head of a signing party (not listed on the lembar). */
    byHead?: boolean;
    /** The revision the agency's decision was given on, if any. */
    revision?: number | null;
    /** For an agency whose paraf climbs tiers: each tier in order, the last being the agency's. */
    tiers?: {
      label: string;
      by: string | null;
      at: string | null;
      revision: number | null;
      status: 'approved' | 'stale' | 'pending';
    }[];
  }[];
  /** The paper the export is laid out on (A4 by default). */
  paper?: 'A4' | 'F4';
  /** The government font chosen (`times`, `arial`, `bookman`); the default fonts without one. */
  font?: 'times' | 'arial' | 'bookman';
  /** Whose copy this is: a party's code (its own lembar paraf only), or null for the file copy. */
  copy?: string | null;
  revision: { number: number; label: string | null; createdAt: string };
  /** SHA-256 of the final revision's printed text (`.../revisions/N/text`), for a final document. */
  finalHash: string | null;
}

/** One Pasal as an export prints it. */
export interface ExportClause {
  /** The clause id, for its bookmark (docxIdentity.ts); absent in models built without one. */
  id?: string;
  number: number;
  heading: string;
  paragraphs: string[];
  layout?: NumberedParagraph[];
  /** In a tracked-changes export: the whole Pasal was inserted, or deleted (and printed at its old place). */
  change?: TrackedChange;
  /** In a tracked-changes export: the heading's word-level changes, when it changed. */
  headingRuns?: ExportRun[];
}

/** The fields of an ExportModel read from the text itself (exports/fromDoc.ts). */
export type ExportTextField =
  | 'titleLines'
  | 'titleLayout'
  | 'preamble'
  | 'preambleLayout'
  | 'clauses'
  | 'closing'
  | 'closingLayout'
  | 'lampiran';

/** The part of an ExportModel that comes from the text itself. */
export type ExportText = Pick<ExportModel, ExportTextField>;

/** What the server gathers for an export: the model without its text, and the revision's Yjs state. */
export type ExportSource = Omit<ExportModel, ExportTextField> & {
  /** The revision's Yjs state; its text is read off the main thread, where the export renders. */
  state: Uint8Array;
  /** With `changesSince`: the Yjs state of that earlier revision, compared off the main thread too. */
  sinceState?: Uint8Array;
};
