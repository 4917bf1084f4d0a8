import type { FastifyReply, FastifyRequest } from 'fastify';
import type { Config } from '../config.ts';
import type { AuthService } from '../services/auth.service.ts';
import type { AccountService } from '../services/account.service.ts';
import type { Limit, RateLimiter } from '../services/rate-limits.ts';
import { ok } from '../services/result.ts';
import { RateLimitedError } from './errors.ts';
import { SESSION_COOKIE, SESSION_COOKIE_OPTIONS, type Router } from './route.ts';

export function authRoutes(
  route: Router,
  deps: {
    auth: AuthService;
    account: AccountService;
    config: Config;
    limiter: RateLimiter;
    /** `limits.login` with `LOGIN_RATE_LIMIT` per login name. */
    loginLimit: Limit;
    /** Tells the user's open pages that their sessions ended, and drops their sockets. */
    sessionsRevoked: (userId: string, by?: 'self') => void;
  },
) {
  const setCookie = (reply: FastifyReply, token: string, expiresAt: string) =>
    reply.setCookie(SESSION_COOKIE, token, {
      ...SESSION_COOKIE_OPTIONS,
      expires: new Date(expiresAt),
    });
  const clearCookie = (reply: FastifyReply) =>
    reply.clearCookie(SESSION_COOKIE, SESSION_COOKIE_OPTIONS);

  // Counted per login name from any address, and per address (a campus NAT: generous), after
  // the body is parsed: guessing one person's password is slowed; a class logging in is not.
  const countLogin = async (req: FastifyRequest, login: string) => {
    const exceeded = await deps.limiter.check(deps.loginLimit, {
      account: login.trim().toLowerCase(),
      address: req.ip,
    });
    if (exceeded) throw new RateLimitedError(exceeded);
  };

  route('login', async ({ body, req, reply }) => {
    await countLogin(req, body.login);
    const r = await deps.auth.login(body.login, body.password);
    // Every attempt in the log (ASVS 16.3.1): the name tried, never the password.
    if (!r.ok) {
      req.log.warn({ login: body.login }, 'login refused');
      return r;
    }
    req.log.info({ userId: r.value.user.id }, 'logged in');
    // Rotation: a new token on every login; a session this browser held before is ended, so a
    // token planted or seen before the login is worth nothing after it.
    await deps.auth.discard(req.cookies[SESSION_COOKIE]);
    setCookie(reply, r.value.token, r.value.session.expiresAt);
    return ok({ user: r.value.user, csrfToken: r.value.session.csrfToken });
  });

  route('logout', async ({ caller, reply }) => {
    await deps.auth.logout(caller!.session);
    clearCookie(reply);
    return ok({ ok: true as const });
  });

  route('logoutEverywhere', async ({ caller, req, reply }) => {
    const revoked = await deps.auth.revokeAllOf(caller!.user.id);
    req.log.info({ userId: caller!.user.id, revoked }, 'logged out everywhere');
    clearCookie(reply);
    deps.sessionsRevoked(caller!.user.id, 'self');
    return ok({ revoked });
  });

  // Public: a logged-out visitor is an answer here, not an error (the web app's first call).
  route('whoAmI', async ({ caller }) =>
    ok(
      caller
        ? { user: caller.user, csrfToken: caller.session.csrfToken }
        : { user: null, csrfToken: null },
    ),
  );

  route('me', async ({ caller }) =>
    ok({ user: caller!.user, csrfToken: caller!.session.csrfToken }),
  );

  route('updateMe', async ({ caller, body }) => {
    const r = await deps.account.setLanguage(caller!.user.id, body.language);
    return r.ok ? ok({ user: r.value, csrfToken: caller!.session.csrfToken }) : r;
  });
}
