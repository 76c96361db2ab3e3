import { Router, type Request, type Response } from 'express';
import { z } from 'zod';
import { documentInput } from '../../../shared/api';
import { extractClauses } from '../../../shared/clauses';
import { CANONICAL_TEXT_TYPE, printedText } from '../../../shared/canonicalText';
import * as documents from '../../documents/documents';
import { presentDocument } from '../../documents/present';
import { documentStream, readEvents, verifyStream } from '../../audit/audit';
import { notFound } from '../../errors';
import { actorOf } from '../middleware/auth';
import { parse } from '../middleware/validate';
import type { AppContext } from '../context';

const uuid = z.uuid();

/** The document named by `:id` if the caller may see it; 404 for malformed ids too. */
export async function visibleDocument(ctx: AppContext, req: Request) {
  const id = String(req.params.id);
  if (!uuid.safeParse(id).success) throw notFound('Dokumen');
  return documents.getVisibleDocument(ctx.db, actorOf(req), id);
}

/** Create, list and read documents, their live clauses and their audit trail. */
export function documentRoutes(ctx: AppContext) {
  const router = Router();

  router.post('/documents', async (req, res) => {
    const input = parse(documentInput, req.body);
    const row = await documents.createDocument(ctx.db, actorOf(req), input);
    res.status(201).json(presentDocument(row));
  });

  router.get('/documents', async (req, res) => {
    res.json((await documents.listVisibleDocuments(ctx.db, actorOf(req))).map(presentDocument));
  });

  router.get('/documents/:id', async (req, res) => {
    res.json(presentDocument(await visibleDocument(ctx, req)));
  });

  router.get('/documents/:id/clauses', async (req, res) => {
    const doc = await visibleDocument(ctx, req);
    res.json(extractClauses(await ctx.texts.read(doc.id)));
  });

  router.get('/documents/:id/text', async (req, res) => {
    const doc = await visibleDocument(ctx, req);
    sendPrintedText(res, printedText(await ctx.texts.read(doc.id)));
  });

  router.get('/documents/:id/audit', async (req, res) => {
    const doc = await visibleDocument(ctx, req);
    res.json(await readEvents(ctx.db, documentStream(doc.id)));
  });

  router.get('/documents/:id/audit/verify', async (req, res) => {
    const doc = await visibleDocument(ctx, req);
    res.json(await verifyStream(ctx.db, documentStream(doc.id)));
  });

  return router;
}

/** Sends a printed naskah as its exact UTF-8 bytes, so a hash of the body is a hash of the text. */
export function sendPrintedText(res: Response, text: string) {
  res.set('content-type', CANONICAL_TEXT_TYPE).send(Buffer.from(text, 'utf8'));
}
