import { Router } from 'express';
import * as accounts from '../../accounts/accounts';
import { presentUser } from '../../accounts/present';
import { notFound } from '../../errors';
import { authorize } from '../../policies/policies';
import { userInput } from '../../../shared/api';
import {
  agencyCreateInput,
  agencyUpdateInput,
  passwordResetInput,
  userUpdateInput,
} from '../../../shared/accountApi';
import * as administration from '../../accounts/administration';
import type { SessionWatch } from '../../accounts/sessionWatch';
import { parse } from '../middleware/validate';
import { actorOf } from '../middleware/auth';
import { agencyParam } from './params';
import type { AppContext } from '../context';

// A user id that is no UUID names nobody (and must not reach a uuid column as a 500).
function uuidParam(value: unknown): string {
  const id = String(value);
  if (!/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(id))
    throw notFound('Pengguna');
  return id;
}

/**
 * Agencies (anyone signed in reads them; admins add and change them) and users (admins only:
 * list, create, change, reset a password, which signs the user out everywhere).
 */
export function accountRoutes(ctx: AppContext, sessions?: SessionWatch) {
  const router = Router();

  router.get('/agencies', async (_req, res) => {
    res.json(await accounts.listAgencies(ctx.db));
  });

  router.post('/agencies', async (req, res) => {
    const actor = actorOf(req);
    authorize(actor, 'accounts.manage');
    const input = parse(agencyCreateInput, req.body);
    res.status(201).json(await accounts.createAgency(ctx.db, actor, input));
  });

  router.patch('/agencies/:code', async (req, res) => {
    const actor = actorOf(req);
    authorize(actor, 'accounts.manage');
    const input = parse(agencyUpdateInput, req.body);
    res.json(await administration.updateAgency(ctx.db, actor, agencyParam(req), input));
  });

  router.get('/users', async (req, res) => {
    authorize(actorOf(req), 'accounts.manage');
    res.json((await accounts.listUsers(ctx.db)).map(presentUser));
  });

  router.post('/users', async (req, res) => {
    const actor = actorOf(req);
    authorize(actor, 'accounts.manage');
    const input = parse(userInput, req.body);
    res.status(201).json(presentUser(await accounts.createUser(ctx.db, actor, input)));
  });

  router.patch('/users/:id', async (req, res) => {
    const actor = actorOf(req);
    authorize(actor, 'accounts.manage');
    const input = parse(userUpdateInput, req.body);
    const id = uuidParam(req.params.id);
    res.json(presentUser(await administration.updateUser(ctx.db, actor, id, input)));
  });

  router.post('/users/:id/password', async (req, res) => {
    const actor = actorOf(req);
    authorize(actor, 'accounts.manage');
    const { password } = parse(passwordResetInput, req.body);
    const id = uuidParam(req.params.id);
    const ended = await administration.resetPassword(ctx.db, actor, id, password);
    ended.forEach((session) => sessions?.sessionEnded(session));
    res.status(204).end();
  });

  return router;
}
