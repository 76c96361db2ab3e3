import { listComments } from '../api/comments';
import { getDocument } from '../api/documents';
import { listRevisions } from '../api/revisions';
import { getConcerns, getSignoffMatrix, listApprovals, listSignoffs } from '../api/signoffs';
import type {
  Approvals,
  Comment,
  Concerns,
  DocumentView,
  Me,
  Revision,
  Signoff,
  SignoffMatrix,
} from '../api/types';
import type { ClauseContent } from '../../shared/clauses';

/** What the workspace panels show, loaded from the API and refreshed on live events. */
export interface WorkspaceData {
  me: Me;
  doc: DocumentView;
  revisions: Revision[];
  /** Null until loaded or while the endpoint is unavailable. */
  signoffs: Signoff[] | null;
  /** The clause × agency matrix of the latest revision; null until loaded. */
  matrix: SignoffMatrix | null;
  /** Each agency's concerned clauses; null until loaded. */
  concerns: Concerns | null;
  comments: Comment[];
  /** The party heads' approvals of the final or latest revision; null until loaded. */
  approvals: Approvals | null;
  /** The live clauses in the editor, for the outline and for "live text equals revision". */
  liveClauses: ClauseContent[];
  /** The live pembukaan and penutup as printed, for "live text equals revision"; null until the editor loads. */
  liveParts: { pembukaan: string; penutup: string } | null;
  /** The live Lampiran's title (its last heading line), null when the naskah has none. */
  liveLampiran: { title: string } | null;
  /** The clause the user is working on (cursor or outline click), for new comments. */
  currentClauseId: string | null;
}

/** A part of the data that can be reloaded on its own. */
export type Part =
  'doc' | 'revisions' | 'signoffs' | 'matrix' | 'concerns' | 'comments' | 'approvals';

/** The workspace's data with change notification; panels subscribe and re-render. */
export interface WorkspaceStore {
  get(): WorkspaceData;
  set(patch: Partial<WorkspaceData>): void;
  /** Reloads parts from the API; failures leave the old data (the endpoint may not exist yet). */
  refresh(...parts: Part[]): Promise<void>;
  subscribe(listener: (data: WorkspaceData) => void): () => void;
}

const loaders: { [P in Part]: (id: string) => Promise<WorkspaceData[P]> } = {
  doc: getDocument,
  revisions: listRevisions,
  signoffs: listSignoffs,
  matrix: getSignoffMatrix,
  concerns: getConcerns,
  comments: listComments,
  approvals: listApprovals,
};

/** Creates the store of one document's workspace. */
export function createStore(me: Me, doc: DocumentView): WorkspaceStore {
  let data: WorkspaceData = {
    me,
    doc,
    revisions: [],
    signoffs: null,
    matrix: null,
    concerns: null,
    comments: [],
    approvals: null,
    liveClauses: [],
    liveParts: null,
    liveLampiran: null,
    currentClauseId: null,
  };
  const listeners = new Set<(data: WorkspaceData) => void>();
  const set = (patch: Partial<WorkspaceData>) => {
    data = { ...data, ...patch };
    listeners.forEach((l) => l(data));
  };
  return {
    get: () => data,
    set,
    async refresh(...parts) {
      const results = await Promise.allSettled(parts.map((p) => loaders[p](doc.id)));
      const patch: Partial<WorkspaceData> = {};
      parts.forEach((part, i) => {
        const result = results[i];
        if (result.status === 'fulfilled') Object.assign(patch, { [part]: result.value });
      });
      set(patch);
    },
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  };
}
