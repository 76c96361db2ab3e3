import { Router } from 'express';
import { revisionInput } from '../../../shared/api';
import * as revisions from '../../revisions/revisions';
import { presentRevision } from '../../revisions/present';
import { referenceCheck, revisionReferenceCheck } from '../../revisions/rujukan';
import { actorOf } from '../middleware/auth';
import { parse } from '../middleware/validate';
import type { AppContext } from '../context';
import { sendPrintedText, visibleDocument } from './documents';
import { intQuery, revisionParam } from './params';

/** Cut, list and read revisions, and diff any two. */
export function revisionRoutes(ctx: AppContext) {
  const router = Router();

  router.post('/documents/:id/revisions', async (req, res) => {
    const doc = await visibleDocument(ctx, req);
    const { label } = parse(revisionInput, req.body ?? {});
    const revision = await revisions.cutRevision(ctx, actorOf(req), doc, label);
    // The reference check comes with the cut as warnings; it never refuses one.
    const referenceProblems = await revisionReferenceCheck(ctx.db, doc.id, revision.number);
    res.status(201).json({ ...presentRevision(revision), referenceProblems });
  });

  router.get('/documents/:id/rujukan', async (req, res) => {
    const doc = await visibleDocument(ctx, req);
    res.json({ referenceProblems: referenceCheck(await ctx.texts.read(doc.id)) });
  });

  router.get('/documents/:id/revisions', async (req, res) => {
    const doc = await visibleDocument(ctx, req);
    res.json((await revisions.listRevisions(ctx.db, doc.id)).map(presentRevision));
  });

  router.get('/documents/:id/revisions/:n', async (req, res) => {
    const doc = await visibleDocument(ctx, req);
    res.json(presentRevision(await revisions.getRevision(ctx.db, doc.id, revisionParam(req))));
  });

  router.get('/documents/:id/revisions/:n/text', async (req, res) => {
    const doc = await visibleDocument(ctx, req);
    const revision = await revisions.getRevision(ctx.db, doc.id, revisionParam(req));
    sendPrintedText(res, revision.printedText);
  });

  router.get('/documents/:id/revisions/:n/diff', async (req, res) => {
    const doc = await visibleDocument(ctx, req);
    const to = revisionParam(req);
    const from = intQuery(req, 'from', to - 1);
    res.json(await revisions.diffRevisions(ctx.db, doc.id, to, from));
  });

  return router;
}
