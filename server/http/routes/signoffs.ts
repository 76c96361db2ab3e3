import { Router } from 'express';
import { approveInput, concernsInput, signoffInput } from '../../../shared/api';
import * as signoffs from '../../signoffs/signoffs';
import { approve, currentApprovals } from '../../signoffs/approvals';
import { findDocument } from '../../documents/queries';
import { presentDocument } from '../../documents/present';
import { actorOf } from '../middleware/auth';
import { parse } from '../middleware/validate';
import type { AppContext } from '../context';
import { visibleDocument } from './documents';
import { revisionParam } from './params';

/** Sign-offs (paraf koordinasi), concerns, the matrix and approval. */
export function signoffRoutes(ctx: AppContext) {
  const router = Router();

  router.post('/documents/:id/revisions/:n/signoffs', async (req, res) => {
    const doc = await visibleDocument(ctx, req);
    const revision = revisionParam(req);
    const input = parse(signoffInput, req.body);
    res.status(201).json(await signoffs.recordSignoff(ctx, actorOf(req), doc, revision, input));
  });

  router.get('/documents/:id/signoffs', async (req, res) => {
    res.json(await signoffs.signoffStatuses(ctx.db, await visibleDocument(ctx, req)));
  });

  router.get('/documents/:id/signoffs/matrix', async (req, res) => {
    res.json(await signoffs.signoffMatrix(ctx.db, await visibleDocument(ctx, req)));
  });

  router.get('/documents/:id/concerns', async (req, res) => {
    res.json(await signoffs.getConcerns(ctx.db, await visibleDocument(ctx, req)));
  });

  router.put('/documents/:id/concerns/:agencyCode', async (req, res) => {
    const doc = await visibleDocument(ctx, req);
    const { clauses } = parse(concernsInput, req.body);
    res.json(
      await signoffs.setConcerns(ctx, actorOf(req), doc, String(req.params.agencyCode), clauses),
    );
  });

  router.get('/documents/:id/approvals', async (req, res) => {
    const doc = await visibleDocument(ctx, req);
    res.json(await currentApprovals(ctx, doc));
  });

  router.post('/documents/:id/approve', async (req, res) => {
    const doc = await visibleDocument(ctx, req);
    const { revision } = parse(approveInput, req.body);
    const approvals = await approve(ctx, actorOf(req), doc, revision);
    res.json({ ...presentDocument((await findDocument(ctx.db, doc.id))!), ...approvals });
  });

  return router;
}
