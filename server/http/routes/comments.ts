import { Router } from 'express';
import { z } from 'zod';
import { anchoredCommentInput } from '../../../shared/commentAnchor';
import * as comments from '../../comments/comments';
import { actorOf } from '../middleware/auth';
import { parse } from '../middleware/validate';
import type { AppContext } from '../context';
import { visibleDocument } from './documents';

const listQuery = z.object({ clauseId: z.string().min(1).max(100).optional() });

/** Comments, replies, resolution and accepting proposed wording. */
export function commentRoutes(ctx: AppContext) {
  const router = Router();

  router.post('/documents/:id/comments', async (req, res) => {
    const doc = await visibleDocument(ctx, req);
    const input = parse(anchoredCommentInput, req.body);
    res.status(201).json(await comments.addComment(ctx, actorOf(req), doc, input));
  });

  router.get('/documents/:id/comments', async (req, res) => {
    const doc = await visibleDocument(ctx, req);
    const { clauseId } = parse(listQuery, req.query);
    res.json(await comments.listComments(ctx, doc, clauseId));
  });

  router.post('/documents/:id/comments/:commentId/resolve', async (req, res) => {
    const doc = await visibleDocument(ctx, req);
    res.json(await comments.resolveComment(ctx, actorOf(req), doc, String(req.params.commentId)));
  });

  router.post('/documents/:id/comments/:commentId/accept', async (req, res) => {
    const doc = await visibleDocument(ctx, req);
    res.json(await comments.acceptProposal(ctx, actorOf(req), doc, String(req.params.commentId)));
  });

  return router;
}
