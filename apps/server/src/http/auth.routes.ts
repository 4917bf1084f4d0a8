import type { FastifyReply } from 'fastify';
import type { Config } from '../config.ts';
import type { AuthService } from '../services/auth.service.ts';
import type { AccountService } from '../services/account.service.ts';
import { ok } from '../services/result.ts';
import { SESSION_COOKIE, type Router } from './route.ts';

export function authRoutes(
  route: Router,
  deps: { auth: AuthService; account: AccountService; config: Config },
) {
  const setCookie = (reply: FastifyReply, token: string, expiresAt: string) =>
    reply.setCookie(SESSION_COOKIE, token, {
      path: '/',
      httpOnly: true,
      sameSite: 'lax',
      secure: 'auto',
      expires: new Date(expiresAt),
    });

  route(
    'login',
    async ({ body, reply }) => {
      const r = await deps.auth.login(body.login, body.password);
      if (!r.ok) return r;
      setCookie(reply, r.value.token, r.value.session.expiresAt);
      return ok({ user: r.value.user, csrfToken: r.value.session.csrfToken });
    },
    {
      config: {
        // Counted per address and account, after the body is parsed: guessing one person's
        // password is slowed, while a class logging in from one campus NAT is not.
        rateLimit: {
          max: deps.config.LOGIN_RATE_LIMIT,
          timeWindow: '1 minute',
          hook: 'preHandler',
          keyGenerator: (req) =>
            `${req.ip}|${String((req.body as { login?: unknown })?.login ?? '').toLowerCase()}`,
        },
      },
    },
  );

  route('logout', async ({ caller, reply }) => {
    await deps.auth.logout(caller!.session);
    reply.clearCookie(SESSION_COOKIE, { path: '/' });
    return ok({ ok: true as const });
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
