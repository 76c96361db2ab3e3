import { Router } from 'express';
import { getTiers, setTiers, tiersInput } from '../../tiers/admin';
import { actorOf } from '../middleware/auth';
import { parse } from '../middleware/validate';
import type { AppContext } from '../context';

/** The paraf tiers of an agency (paraf hierarki): read by anyone signed in, set by admins. */
export function tierRoutes(ctx: AppContext) {
  const router = Router();

  router.get('/agencies/:code/tiers', async (req, res) => {
    res.json(await getTiers(ctx.db, String(req.params.code)));
  });

  router.put('/agencies/:code/tiers', async (req, res) => {
    const input = parse(tiersInput, req.body);
    res.json(await setTiers(ctx.db, actorOf(req), String(req.params.code), input));
  });

  return router;
}
