// What `POST /api/documents/import` answers besides the document (docs/api.md): the losses of a
// Word draft, and the 409 that refuses a draft still holding tracked changes or comments. The
// server fills these in (server/imports), the client shows them (client/views/newDocumentDialog.ts).

/** A kind of content a Word draft held that the naskah does not keep. */
export type LossKind =
  | 'image'
  | 'shape'
  | 'text_box'
  | 'chart'
  | 'smartart'
  | 'embedded_object'
  | 'equation'
  | 'footnote'
  | 'endnote'
  | 'header_footer'
  | 'field'
  | 'formatting'
  | 'table'
  | 'tracked_changes'
  | 'comments';

/** One entry of the import's `losses`: what was left out, how many, and a sentence saying so. */
export interface ImportLoss {
  kind: LossKind;
  count: number;
  message: string;
}

/** `error.details.code` of the 409 refusing a draft that still holds tracked changes or comments. */
export const TRACKED_CHANGES = 'tracked_changes';

/** `error.details` of that 409. */
export interface TrackedChangesDetails {
  code: typeof TRACKED_CHANGES;
  trackedChanges: number;
  comments: number;
}

/**
 * How to take a draft's tracked changes and comments (`?changes=`): `original` takes the text
 * before the changes and leaves the changes and comments out; `proposals` takes the same text
 * and files the changes as usulan redaksi and the comments as comments on the new document.
 */
export type ChangesMode = 'original' | 'proposals';

/** The `?changes=` values, for validation. */
export const CHANGES_MODES = ['original', 'proposals'] as const satisfies readonly ChangesMode[];
