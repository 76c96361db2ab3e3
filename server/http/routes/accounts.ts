import { Router } from 'express';
import * as accounts from '../../accounts/accounts';
import { presentUser } from '../../accounts/present';
import { forbidden } from '../../errors';
import { policy } from '../../policies/policies';
import { agencyInput, userInput } from '../../../shared/api';
import { parse } from '../middleware/validate';
import { actorOf } from '../middleware/auth';
import type { AppContext } from '../context';

const adminOnly = 'Hanya administrator yang dapat mengelola instansi dan pengguna.';

/** Agencies (anyone signed in reads them; admins add them) and users (admins only). */
export function accountRoutes(ctx: AppContext) {
  const router = Router();

  router.get('/agencies', async (_req, res) => {
    res.json(await accounts.listAgencies(ctx.db));
  });

  router.post('/agencies', async (req, res) => {
    const actor = actorOf(req);
    if (!policy.manageAccounts(actor)) throw forbidden(adminOnly);
    const input = parse(agencyInput, req.body);
    res.status(201).json(await accounts.createAgency(ctx.db, actor, input));
  });

  router.get('/users', async (req, res) => {
    if (!policy.manageAccounts(actorOf(req))) throw forbidden(adminOnly);
    res.json((await accounts.listUsers(ctx.db)).map(presentUser));
  });

  router.post('/users', async (req, res) => {
    const actor = actorOf(req);
    if (!policy.manageAccounts(actor)) throw forbidden(adminOnly);
    const input = parse(userInput, req.body);
    res.status(201).json(presentUser(await accounts.createUser(ctx.db, actor, input)));
  });

  return router;
}
