import { Router, type Request, type Response } from 'express';
import { invalidInput } from '../../errors';
import { changesSinceState, gatherExportSource } from '../../exports/gather';
import type { ExportSource } from '../../exports/model';
import { fontOf, paperOf } from '../../exports/layout';
import { runOffThread } from '../../exports/offThread';
import type { AppContext } from '../context';
import { visibleDocument } from './documents';
import { intQuery } from './params';

const FORMATS = {
  docx: {
    type: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  },
  pdf: { type: 'application/pdf' },
} as const;

function send(res: Response, format: keyof typeof FORMATS, model: ExportSource, body: Buffer) {
  const since = model.changesSince ? `-perubahan-sejak-rev${model.changesSince}` : '';
  const name = `nota-kesepakatan-rev${model.revision.number}${since}.${format}`;
  res
    .type(FORMATS[format].type)
    .setHeader('content-disposition', `attachment; filename="${name}"`)
    .send(body);
}

/** `?changesSince=m`: a whole number, and only for the DOCX, which can carry tracked changes. */
function changesSinceQuery(req: Request, format: keyof typeof FORMATS): number | null {
  if (req.query.changesSince === undefined) return null;
  if (format !== 'docx')
    throw invalidInput('Lacak perubahan (changesSince) hanya tersedia untuk ekspor .docx.', {
      changesSince: 'docx only',
    });
  return intQuery(req, 'changesSince', 0);
}

/** `export.docx` and `export.pdf` of any revision, the latest by default. */
export function exportRoutes(ctx: AppContext) {
  const router = Router();
  for (const format of Object.keys(FORMATS) as (keyof typeof FORMATS)[]) {
    router.get(`/documents/:id/export.${format}`, async (req, res) => {
      const doc = await visibleDocument(ctx, req);
      const revision = intQuery(req, 'revision', 0) || undefined;
      // `?copy=CODE`: that party's own copy, holding its lembar paraf koordinasi only.
      const copy = typeof req.query.copy === 'string' ? req.query.copy : null;
      const since = changesSinceQuery(req, format);
      const source: ExportSource = {
        ...(await gatherExportSource(ctx.db, doc, revision, copy)),
        paper: paperOf(req.query.paper),
        font: fontOf(req.query.font),
      };
      // `?changesSince=m` (DOCX): the changes since revision m as Word tracked changes.
      if (since !== null) {
        source.sinceState = await changesSinceState(ctx.db, doc.id, since, source.revision.number);
        source.changesSince = since;
      }
      // Rendered in a worker under a deadline and a heap limit: 413/503 past them (SECURITY.md).
      const body = await runOffThread(format, source, 'Ekspor');
      send(res, format, source, Buffer.from(body.buffer, body.byteOffset, body.byteLength));
    });
  }
  return router;
}
