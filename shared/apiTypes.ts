import type { ClauseChange, DiffSummary } from './clauseDiff';
import type { RujukanProblem } from './rujukanText';

// The shapes of the API's responses (docs/api.md), written once: the server's presenters return
// them and the web client reads them. Inputs are the zod schemas of api.ts; the party records
// and meetings have their own modules (parties.ts, meetings.ts), the inbox inbox.ts.

export type { ClauseChange, ClauseVersion, Hunk } from './clauseDiff';

/** A user role. */
export type Role = 'admin' | 'drafter' | 'reviewer' | 'head';

/** An agency as every response names it. */
export interface Agency {
  code: string;
  name: string;
}

/** A user as responses name one. */
export interface UserRef {
  id: string;
  name: string;
  agency?: Agency;
}

/** The signed-in user (`GET /api/me`), and a user in the admin's list. */
export interface Me {
  id: string;
  email: string;
  name: string;
  role: Role;
  agency: Agency;
}

/** A document's lifecycle status. */
export type DocumentStatus = 'drafting' | 'final';

/** A document as the API presents it; `finalRevision` and `finalHash` once it is final. */
export interface DocumentView {
  id: string;
  title: string;
  status: DocumentStatus;
  parties: Agency[];
  reviewers: Agency[];
  latestRevision: number | null;
  createdAt: string;
  finalRevision?: number;
  finalHash?: string;
}

/** A clause (Pasal) of the live text or of a revision; `text` joins its paragraphs with "\n". */
export interface ClauseView {
  id: string;
  number: number;
  heading: string;
  text: string;
}

/** The text before the first Pasal (pembukaan) or after the last (penutup). */
export interface NaskahPartView {
  heading: string;
  text: string;
}

/** A frozen copy of the live text. */
export interface Revision {
  number: number;
  label: string | null;
  createdAt: string;
  createdBy: UserRef;
  clauses: ClauseView[];
  /** The text before the first Pasal and after the last (absent from older servers). */
  pembukaan?: NaskahPartView;
  penutup?: NaskahPartView;
  /** How many clauses the revision added, removed, changed and moved against the previous one. */
  summary?: DiffSummary;
}

/** `GET .../revisions/:n/diff`. */
export interface RevisionDiff {
  from: number;
  to: number;
  clauses: ClauseChange[];
}

/** A reference the check lists (with a cut revision, `GET .../rujukan`): target gone, forward, or citing itself. */
export type ReferenceProblem = Omit<RujukanProblem, 'pos'>;

/** An agency's sign-off status. */
export type SignoffStatus = 'pending' | 'approved' | 'stale' | 'changes_requested';

/** One tier of an agency's paraf hierarki: the last is the agency's own paraf koordinasi. */
export interface TierStatus {
  position: number;
  label: string;
  by: string | null;
  at: string | null;
  revision: number | null;
  status: 'approved' | 'stale' | 'pending';
}

/** One row of `GET /api/documents/:id/signoffs`. */
export interface Signoff {
  agency: Agency;
  status: SignoffStatus;
  revision: number | null;
  by: UserRef | null;
  at: string | null;
  note: string | null;
  changedClauses: string[];
  /** A changed clause the agency is concerned with only because its clauses cite it → those clauses. */
  citedBy?: Record<string, string[]>;
  /** For an agency whose paraf climbs tiers (paraf hierarki): each tier, lowest first. */
  tiers?: TierStatus[];
}

/** One cell of the sign-off matrix: an agency's status for one clause. */
export type CellStatus = SignoffStatus | 'not_concerned';

/** One clause row of the sign-off matrix. */
export interface MatrixRow {
  clauseId: string;
  /** Null for the pembukaan and penutup rows. */
  number: number | null;
  heading: string;
  cells: Record<string, CellStatus>;
  /** Per agency concerned with this clause only through a reference: the clauses citing it. */
  citedBy?: Record<string, string[]>;
}

/** `GET /api/documents/:id/signoffs/matrix`: clause × agency for the latest revision. */
export interface SignoffMatrix {
  /** Null before the first revision. */
  revision: number | null;
  agencies: string[];
  clauses: MatrixRow[];
}

/** The clauses an agency's sign-off covers: every clause (also later ones) or a set of ids. */
export type Concern = 'all' | string[];

/** `GET /api/documents/:id/concerns`: each participating agency's concern. */
export type Concerns = Record<string, Concern>;

/** A sign-off decision. */
export type Decision = 'approve' | 'changes_requested';

/** A proposed wording for a whole clause (usulan redaksi). */
export interface Proposal {
  heading?: string;
  text: string;
}

/** A comment on a clause. */
export interface Comment {
  id: string;
  clauseId: string;
  body: string;
  author: UserRef;
  createdAt: string;
  resolved: boolean;
  proposal: Proposal | null;
  /** The proposal was accepted into the text (a merely resolved comment is not). */
  accepted?: boolean;
  parentId?: string | null;
  /** The words the comment is about (null: the whole Pasal); `text` is what they read now. */
  anchor?: { start: string; end: string; quote: string; text: string } | null;
}

/** A party head's approval of a revision. */
export interface Approval {
  agency: string;
  by: UserRef;
  at: string;
}

/** The approvals of the final revision, else of the latest one. */
export interface Approvals {
  revision: number | null;
  approvals: Approval[];
  /** SHA-256 (hex) of the revision's printed text; absent before the first revision. */
  textHash?: string;
}
