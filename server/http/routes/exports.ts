import { Router, type Response } from 'express';
import { gatherExport } from '../../exports/gather';
import { renderDocx } from '../../exports/docx';
import { renderPdf } from '../../exports/pdf';
import type { ExportModel } from '../../exports/model';
import type { AppContext } from '../context';
import { visibleDocument } from './documents';
import { intQuery } from './params';

const FORMATS = {
  docx: {
    render: renderDocx,
    type: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  },
  pdf: { render: renderPdf, type: 'application/pdf' },
} as const;

function send(res: Response, format: keyof typeof FORMATS, model: ExportModel, body: Buffer) {
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
      const model = await gatherExport(ctx.db, doc, revision);
      send(res, format, model, await FORMATS[format].render(model));
    });
  }
  return router;
}
