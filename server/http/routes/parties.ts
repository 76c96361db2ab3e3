import { Router } from 'express';
import { partyInput } from '../../../shared/parties';
import { getParties, setParty } from '../../parties/parties';
import { actorOf } from '../middleware/auth';
import { parse } from '../middleware/validate';
import { agencyParam } from './params';
import type { AppContext } from '../context';
import { visibleDocument } from './documents';

/** The party records of a document: the komparisi and the signature block print from them. */
export function partyRoutes(ctx: AppContext) {
  const router = Router();

  router.get('/documents/:id/parties', async (req, res) => {
    res.json(await getParties(ctx.db, await visibleDocument(ctx, req)));
  });

  router.put('/documents/:id/parties/:agencyCode', async (req, res) => {
    const doc = await visibleDocument(ctx, req);
    const input = parse(partyInput, req.body);
    res.json(await setParty(ctx, actorOf(req), doc, agencyParam(req, 'agencyCode'), input));
  });

  return router;
}
