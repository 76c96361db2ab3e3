import { Router } from 'express';
import { z } from 'zod';
import { inboxOf, readMention } from '../../inbox/inbox';
import { findSettings, upsertSettings } from '../../inbox/queries';
import { notFound } from '../../errors';
import { actorOf } from '../middleware/auth';
import { parse } from '../middleware/validate';
import type { AppContext } from '../context';

const uuid = z.uuid();

/** `PUT /api/me/settings`: how inbox items reach the user by e-mail. */
const settingsInput = z.strictObject({
  mailMode: z.enum(['immediate', 'daily', 'off']),
});

/** The inbox (what waits on the caller), reading a mention, and the caller's mail settings. */
export function inboxRoutes(ctx: AppContext) {
  const router = Router();

  router.get('/inbox', async (req, res) => {
    res.json(await inboxOf(ctx.db, actorOf(req)));
  });

  // Opening a mention acknowledges it: it leaves the reader's inbox (not its colleagues').
  router.post('/documents/:id/comments/:commentId/read', async (req, res) => {
    const id = String(req.params.id);
    const commentId = String(req.params.commentId);
    if (!uuid.safeParse(id).success) throw notFound('Dokumen');
    if (!uuid.safeParse(commentId).success) throw notFound('Komentar');
    await readMention(ctx.db, actorOf(req), id, commentId);
    res.status(204).end();
  });

  router.get('/me/settings', async (req, res) => {
    const actor = actorOf(req);
    res.json(await settingsView(ctx, actor.id, actor.email));
  });

  router.put('/me/settings', async (req, res) => {
    const actor = actorOf(req);
    const { mailMode } = parse(settingsInput, req.body);
    await upsertSettings(ctx.db, actor.id, mailMode);
    res.json(await settingsView(ctx, actor.id, actor.email));
  });

  return router;
}

/** The settings as the API shows them, with whether this server mails at all. */
async function settingsView(ctx: AppContext, userId: string, email: string) {
  const { mailMode } = await findSettings(ctx.db, userId);
  return { mailMode, email, mailEnabled: ctx.config.mail !== undefined };
}
