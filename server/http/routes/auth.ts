import { Router } from 'express';
import * as accounts from '../../accounts/accounts';
import { presentUser } from '../../accounts/present';
import { loginInput } from '../../../shared/api';
import { ownPasswordInput } from '../../../shared/accountApi';
import { changeOwnPassword } from '../../accounts/administration';
import { parse } from '../middleware/validate';
import { actorOf } from '../middleware/auth';
import { SESSION_COOKIE } from '../../../shared/session';
import { loginRateLimit } from '../middleware/rateLimit';
import type { AppContext } from '../context';
import { hashToken } from '../../accounts/tokens';
import type { SessionWatch } from '../../accounts/sessionWatch';

/**
 * Login (public), logout (which also ends the session's event streams at once), `/api/me` and
 * changing one's own password (the other sessions of the user end).
 */
export function authRoutes(ctx: AppContext, sessions: SessionWatch) {
  const publicRouter = Router();
  const router = Router();

  publicRouter.post('/auth/login', loginRateLimit(ctx.config.loginRateLimit), async (req, res) => {
    const { email, password } = parse(loginInput, req.body);
    // `req.ip` honours X-Forwarded-For only from TRUST_PROXY, so a caller cannot pick its address.
    const address = req.ip ?? req.socket.remoteAddress ?? '';
    const session = await accounts.login(ctx.db, email, password, ctx.config.sessionTtlMs, address);
    res.cookie(SESSION_COOKIE, session.token, {
      httpOnly: true,
      sameSite: 'strict',
      secure: ctx.config.secureCookies,
      expires: session.expiresAt,
      path: '/',
    });
    res.json({ token: session.token, user: presentUser(session.user) });
  });

  router.post('/auth/logout', async (req, res) => {
    await accounts.logout(ctx.db, req.token!);
    sessions.sessionEnded(hashToken(req.token!));
    res.clearCookie(SESSION_COOKIE, { path: '/' });
    res.status(204).end();
  });

  router.get('/me', (req, res) => {
    res.json(presentUser(actorOf(req)));
  });

  router.post('/me/password', async (req, res) => {
    const input = parse(ownPasswordInput, req.body);
    const address = req.ip ?? req.socket.remoteAddress ?? '';
    const ended = await changeOwnPassword(ctx.db, actorOf(req), input, {
      token: req.token!,
      address,
    });
    ended.forEach((session) => sessions.sessionEnded(session));
    res.status(204).end();
  });

  return { publicRouter, router };
}
