import { Router, type Response } from 'express';
import { gatherExportSource } from '../../exports/gather';
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
  const name = `nota-kesepakatan-rev${model.revision.number}.${format}`;
  res
    .type(FORMATS[format].type)
    .setHeader('content-disposition', `attachment; filename="${name}"`)
    .send(body);
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
      const source = {
        ...(await gatherExportSource(ctx.db, doc, revision, copy)),
        paper: paperOf(req.query.paper),
        font: fontOf(req.query.font),
      };
      // Rendered in a worker under a deadline and a heap limit: 413/503 past them (SECURITY.md).
      const body = await runOffThread(format, source, 'Ekspor');
      send(res, format, source, Buffer.from(body.buffer, body.byteOffset, body.byteLength));
    });
  }
  return router;
}
