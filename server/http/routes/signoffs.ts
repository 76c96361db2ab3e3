import { Router } from 'express';
import { concernsInput, signoffInput } from '../../../shared/api';
import { approveConfirmedInput } from '../../../shared/accountApi';
import { confirmPassword } from '../../accounts/administration';
import { invalidInput } from '../../errors';
import * as signoffs from '../../signoffs/signoffs';
import { approve, currentApprovals, withdrawApproval } from '../../signoffs/approvals';
import { findDocument } from '../../documents/queries';
import { presentDocument } from '../../documents/present';
import { actorOf, tokenOf } from '../middleware/auth';
import { parse } from '../middleware/validate';
import type { AppContext } from '../context';
import { visibleDocument } from './documents';
import { revisionParam, agencyParam } from './params';

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
      await signoffs.setConcerns(ctx, actorOf(req), doc, agencyParam(req, 'agencyCode'), clauses),
    );
  });

  router.get('/documents/:id/approvals', async (req, res) => {
    const doc = await visibleDocument(ctx, req);
    res.json(await currentApprovals(ctx, doc));
  });

  router.post('/documents/:id/approve', async (req, res) => {
    const doc = await visibleDocument(ctx, req);
    const { revision, password, textHash } = parse(approveConfirmedInput, req.body);
    const actor = actorOf(req);
    // The browser (cookie session) must re-enter the password; API clients with a Bearer token
    // keep the contract's `{revision}`, and are checked too when they send a password.
    const viaCookie = tokenOf(req)?.viaCookie ?? false;
    const reauthenticate = async () => {
      if (password !== undefined)
        return confirmPassword(ctx.db, actor, password, req.ip ?? req.socket.remoteAddress ?? '');
      if (viaCookie)
        throw invalidInput('Konfirmasikan persetujuan dengan kata sandi Anda.', {
          password: 'kata sandi wajib diisi',
        });
    };
    const approvals = await approve(ctx, actor, doc, revision, { reauthenticate, textHash });
    res.json({ ...presentDocument((await findDocument(ctx.db, doc.id))!), ...approvals });
  });

  router.delete('/documents/:id/approve', async (req, res) => {
    const doc = await visibleDocument(ctx, req);
    const approvals = await withdrawApproval(ctx, actorOf(req), doc);
    res.json({ ...presentDocument((await findDocument(ctx.db, doc.id))!), ...approvals });
  });

  return router;
}
