import { Router } from 'express';
import { z } from 'zod';
import { invalidInput } from '../../errors';
import { receiveResponse } from '../../responses/responses';
import { actorOf } from '../middleware/auth';
import { parse } from '../middleware/validate';
import type { AppContext } from '../context';
import { visibleDocument } from './documents';
import { receiveFile } from './imports';

// `?preview=1` works the response out without storing it (the client's preview).
const responseQuery = z.object({ preview: z.enum(['0', '1']).optional() });

/** `POST /api/documents/:id/responses`: a .docx a party edited in Word, as proposals and comments. */
export function responseRoutes(ctx: AppContext) {
  const router = Router();

  router.post('/documents/:id/responses', receiveFile, async (req, res) => {
    const doc = await visibleDocument(ctx, req);
    const { preview } = parse(responseQuery, req.query);
    if (!req.file) throw invalidInput('Pilih berkas .docx tanggapan.', { file: 'required' });
    const upload = { buffer: req.file.buffer, name: req.file.originalname };
    const result = await receiveResponse(ctx, actorOf(req), doc, upload, preview === '1');
    res.status(preview === '1' ? 200 : 201).json(result);
  });

  return router;
}
