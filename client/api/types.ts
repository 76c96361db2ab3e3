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

/** The signed-in user (`GET /api/me`). */
export interface Me {
  id: string;
  email: string;
  name: string;
  role: Role;
  agency: Agency;
}

/** A document's lifecycle status. */
export type DocumentStatus = 'drafting' | 'final';

/** A document as the API presents it. */
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

/** A clause of the live text or of a revision. */
export interface ClauseView {
  id: string;
  number: number;
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
  pembukaan?: { heading: string; text: string };
  penutup?: { heading: string; text: string };
}

/** One run of a word-level diff. */
export interface Hunk {
  op: 'equal' | 'insert' | 'delete';
  text: string;
}

/** One side of a clause in a diff; `number` is null for the pembukaan and penutup. */
export interface ClauseVersion {
  number: number | null;
  heading: string;
  text: string;
}

/** How one clause differs between two revisions. */
export interface ClauseChange {
  clauseId: string;
  change: 'added' | 'removed' | 'modified' | 'unchanged';
  moved: boolean;
  before: ClauseVersion | null;
  after: ClauseVersion | null;
  hunks: Hunk[];
}

/** `GET .../revisions/:n/diff`. */
export interface RevisionDiff {
  from: number;
  to: number;
  clauses: ClauseChange[];
}

/** An agency's sign-off status. */
export type SignoffStatus = 'pending' | 'approved' | 'stale' | 'changes_requested';

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

/** One tier of an agency's paraf hierarki: the last is the agency's own paraf koordinasi. */
export interface TierStatus {
  position: number;
  label: string;
  by: string | null;
  at: string | null;
  revision: number | null;
  status: 'approved' | 'stale' | 'pending';
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

export {
  DOCUMENT_EVENT_TYPES,
  type DocumentEvent,
  type DocumentEventType,
} from '../../shared/events';

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
