import { Router } from 'express';
import { getTiers, setTiers, tiersInput } from '../../tiers/admin';
import { actorOf } from '../middleware/auth';
import { parse } from '../middleware/validate';
import { agencyParam } from './params';
import type { AppContext } from '../context';

/** The paraf tiers of an agency (paraf hierarki): read by anyone signed in, set by admins. */
export function tierRoutes(ctx: AppContext) {
  const router = Router();

  router.get('/agencies/:code/tiers', async (req, res) => {
    res.json(await getTiers(ctx.db, agencyParam(req)));
  });

  router.put('/agencies/:code/tiers', async (req, res) => {
    const input = parse(tiersInput, req.body);
    res.json(await setTiers(ctx.db, actorOf(req), agencyParam(req), input));
  });

  return router;
}
