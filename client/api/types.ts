// The response types come from shared/apiTypes.ts, where the server's presenters take them
// from too; this module only gathers them for the client's imports.

export type {
  Agency,
  Approval,
  Approvals,
  CellStatus,
  ClauseChange,
  ClauseVersion,
  ClauseView,
  Comment,
  Concern,
  Concerns,
  Decision,
  DocumentStatus,
  DocumentView,
  Hunk,
  MatrixRow,
  Me,
  Proposal,
  ReferenceProblem,
  Revision,
  RevisionDiff,
  Role,
  Signoff,
  SignoffMatrix,
  SignoffStatus,
  TierStatus,
  UserRef,
} from '../../shared/apiTypes';

export {
  DOCUMENT_EVENT_TYPES,
  type DocumentEvent,
  type DocumentEventType,
} from '../../shared/events';
