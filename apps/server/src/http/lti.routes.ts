// LTI 1.3 endpoints. Not JSON API routes: the LMS and the browser talk to them with redirects,
// form posts and HTML pages, so they are registered here (in their own plugin, with their own
// form-body parser and error page) instead of through the protocol's api map.
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { LtiKeyService } from '../lti/lti-keys.service.ts';
import type { LtiLaunchService, LtiRefused } from '../lti/lti-launch.service.ts';
import { pickLanguage } from '../lti/lti.messages.ts';
import { autoPostPage, openInWindowPage, refusalPage, type Page } from '../lti/lti.pages.ts';
import { SESSION_COOKIE, SESSION_COOKIE_OPTIONS } from './route.ts';

export interface LtiRoutesDeps {
  launches: LtiLaunchService;
  keys: LtiKeyService;
  frameAncestors: string;
  /** Ends the session of a cookie the browser held before the launch (rotation, ADR 0022). */
  discardSession: (token: string | undefined) => Promise<void>;
}

type Form = Record<string, string | undefined>;

export async function ltiRoutes(app: FastifyInstance, deps: LtiRoutesDeps) {
  const { launches, keys } = deps;
  const frameAncestors = deps.frameAncestors.trim() || "'self'";
  // Keys written before encryption (ADR 0010) are sealed now; then make sure one signs.
  const sealed = await keys.sealPlainKeys();
  if (sealed > 0) app.log.info({ sealed }, 'LTI tool keys encrypted at rest');
  await keys.ensureActiveKey();

  // Only inside this plugin: the JSON API keeps refusing HTML form posts (CSRF, ADR 0003).
  app.addContentTypeParser(
    'application/x-www-form-urlencoded',
    { parseAs: 'string', bodyLimit: 64 * 1024 },
    (_req, body, done) => done(null, Object.fromEntries(new URLSearchParams(body as string))),
  );

  const send = (reply: FastifyReply, status: number, p: Page) =>
    reply
      .status(status)
      .header('content-security-policy', p.csp)
      .header('cache-control', 'no-store')
      .type('text/html; charset=utf-8')
      .send(p.html);

  const refuse = (req: FastifyRequest, reply: FastifyReply, r: LtiRefused, status?: number) => {
    req.log.warn({ refusal: r.refusal, detail: r.detail, url: req.url }, 'LTI request refused');
    const lang = pickLanguage(r.locale, req.headers['accept-language']);
    status ??= r.refusal === 'not-instructor' || r.refusal === 'no-role' ? 403 : 400;
    return send(reply, status, refusalPage(lang, r.refusal, frameAncestors));
  };

  app.setErrorHandler((err, req, reply) => {
    const status = (err as { statusCode?: number }).statusCode;
    if (!status || status >= 500) req.log.error({ err }, 'LTI request failed');
    return refuse(
      req,
      reply,
      {
        ok: false,
        refusal: 'bad-request',
        detail: err instanceof Error ? err.message : String(err),
      },
      status && status < 500 ? status : 500,
    );
  });

  app.get('/lti/jwks', async (_req, reply) => {
    reply.header('cache-control', 'public, max-age=300');
    return keys.jwks();
  });

  const login = async (req: FastifyRequest, reply: FastifyReply) => {
    const params = (req.method === 'GET' ? req.query : req.body) as Form | undefined;
    const r = await launches.login(params ?? {});
    if (!r.ok) return refuse(req, reply, r);
    return reply.header('cache-control', 'no-store').redirect(r.redirect, 302);
  };
  app.get('/lti/login', login);
  app.post('/lti/login', login);

  // Moodle posts the id_token to the redirect URI it was given: either path, same checks.
  const launch = async (req: FastifyRequest, reply: FastifyReply) => {
    const body = (req.body ?? {}) as Form;
    const r = await launches.launch(body.id_token, body.state);
    if (!r.ok) return refuse(req, reply, r);
    // The deep-linking page is the web app's, with the examiner's full form (ADR 0017).
    if (r.kind === 'deep-link')
      return reply.header('cache-control', 'no-store').redirect(`/lms/deep-link/${r.pickId}`, 303);
    const handoff = `/lti/handoff/${r.handoffId}`;
    req.log.info({ inFrame: r.inFrame }, 'LTI launch accepted');
    // A cross-site iframe cannot hold our SameSite=Lax cookie (nor grant the screen): offer a
    // new window. Otherwise a top-level GET to our own origin sets the cookie.
    if (r.inFrame) return send(reply, 200, openInWindowPage(r.language, handoff, frameAncestors));
    return reply.header('cache-control', 'no-store').redirect(handoff, 303);
  };
  app.post('/lti/launch', launch);
  app.post('/lti/deep-link', launch);

  app.get<{ Params: { id: string } }>('/lti/handoff/:id', async (req, reply) => {
    const r = await launches.exchangeHandoff(req.params.id);
    if (!r.ok) return refuse(req, reply, r);
    await deps.discardSession(req.cookies[SESSION_COOKIE]);
    reply.setCookie(SESSION_COOKIE, r.token, {
      ...SESSION_COOKIE_OPTIONS,
      expires: new Date(r.expiresAt),
    });
    return reply.header('cache-control', 'no-store').redirect(r.target, 303);
  });

  // The deep-linking page's answer, posted back to the LMS by a page of ours (ADR 0017).
  app.get<{ Params: { id: string } }>('/lti/deep-link/return/:id', async (req, reply) => {
    const r = await launches.takeReturn(req.params.id);
    if (!r.ok) return refuse(req, reply, r);
    req.log.info({ returnUrl: r.returnUrl }, 'LTI deep link answered');
    return send(reply, 200, autoPostPage(r.language, r.returnUrl, { JWT: r.jwt }, frameAncestors));
  });
}
