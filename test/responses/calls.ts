import type { CastSuite } from '../support/server';

// The calls the response tests make to the real server: exporting a revision as .docx (as a
// party receives it) and uploading an edited copy as a response.

/** A comment as the API presents it, with the fields the response tests read. */
export interface CommentView {
  id: string | null;
  clauseId: string;
  body: string;
  author: { id: string };
  resolved: boolean;
  accepted: boolean;
  proposal: { heading?: string; text: string } | null;
}

/** What `POST /api/documents/:id/responses` answers. */
export interface ResponseBody {
  proposals: CommentView[];
  comments: CommentView[];
  unmatched: { kind: string; text: string; reason: string }[];
  error?: { code: string; message: string };
}

/** The .docx export of a revision, downloaded by a party's head. */
export async function exportedDocx(t: CastSuite, id: string, revision = 1): Promise<Buffer> {
  const res = await fetch(`${t.server.url}/api/documents/${id}/export.docx?revision=${revision}`, {
    headers: { authorization: `Bearer ${t.cast.headB.token}` },
  });
  expect(res.status).toBe(200);
  return Buffer.from(await res.arrayBuffer());
}

/** Uploads a response (`preview` for a dry run) as the holder of `token`. */
export async function uploadResponse(
  t: CastSuite,
  id: string,
  file: Buffer,
  token: string,
  preview = false,
  name = 'tanggapan-pihak-b.docx',
) {
  const form = new FormData();
  form.append('file', new Blob([new Uint8Array(file)]), name);
  const res = await fetch(
    `${t.server.url}/api/documents/${id}/responses${preview ? '?preview=1' : ''}`,
    { method: 'POST', headers: { authorization: `Bearer ${token}` }, body: form },
  );
  return { status: res.status, body: (await res.json()) as ResponseBody };
}
