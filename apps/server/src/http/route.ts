// Every endpoint reads top to bottom: authenticate -> authorize -> CSRF -> validate -> one use
// case -> present. The protocol's api map supplies method, path, schemas and access level.
import { timingSafeEqual } from 'node:crypto';
import {
  api,
  CSRF_HEADER,
  PHONE_COOKIE,
  type Api,
  type Endpoint,
  type EndpointName,
  type ResponseOf,
} from '@emtihan/protocol';
import type { FastifyInstance, FastifyReply, FastifyRequest, RouteShorthandOptions } from 'fastify';
import type { z } from 'zod';
import { can } from '../policies/access.policy.ts';
import type { Authenticated, AuthService } from '../services/auth.service.ts';
import type { Limit, RateLimiter } from '../services/rate-limits.ts';
import type { PhoneCaller } from '../services/second-camera.service.ts';
import type { Result } from '../services/result.ts';
import { ReceivedBytes } from './binary-body.ts';
import { firstIssues, HttpError, RateLimitedError, zodIssues } from './errors.ts';
import { nulPath } from './text-input.ts';

export const SESSION_COOKIE = 'emtihan_session';
/**
 * The session cookie's flags (ADR 0003, ADR 0022): never readable by scripts, sent on top-level
 * navigations but not on cross-site subrequests, Secure when the request came over TLS (directly
 * or, with TRUST_PROXY, through the proxy), for the whole site, and for this host only (no Domain).
 */
export const SESSION_COOKIE_OPTIONS = {
  path: '/',
  httpOnly: true,
  sameSite: 'lax',
  secure: 'auto',
} as const;

/**
 * Fastify's `schemaController` for an instance whose routes validate with the shared zod schemas
 * (below), never with a JSON schema: Fastify's own compilers (Ajv, fast-json-stringify; some 500
 * modules) are not loaded, and a JSON schema given to a route by mistake stops the server at start.
 */
export const ZOD_ONLY = {
  compilersFactory: { buildValidator: noJsonSchemas, buildSerializer: noJsonSchemas },
};
function noJsonSchemas(): never {
  throw new Error('routes validate with zod (http/route.ts), not with JSON schemas');
}

type QueryOf<N extends EndpointName> = Api[N] extends { query: infer Q extends z.ZodType }
  ? z.output<Q>
  : undefined;

export interface RouteContext<N extends EndpointName> {
  params: z.output<Api[N]['params']>;
  query: QueryOf<N>;
  body: z.output<Api[N]['body']>;
  /**
   * Binary endpoints: the body in the pieces it arrived in, when the route's parser kept them
   * (`body` then joins them, only if read). The array is the handler's alone: it may empty it
   * once the bytes are stored, and nothing else of the request holds them (ADR 0008).
   */
  pieces: Uint8Array[] | undefined;
  /** Present on every endpoint whose access is not `public`. */
  caller: Authenticated | undefined;
  /** Present on every `phone` endpoint: the paired phone and its one sitting (ADR 0023). */
  phone: PhoneCaller | undefined;
  req: FastifyRequest;
  reply: FastifyReply;
}

type Handler<N extends EndpointName> = (
  ctx: RouteContext<N>,
) => Promise<Result<ResponseOf<N>> | { ok: true; value: ResponseOf<N> }>;

export interface RouteOptions extends RouteShorthandOptions {
  /**
   * Counted against this rate limit (ADR 0022), per caller's account and per address, before
   * anything else is read; the 429 says which limit and when to try again.
   */
  limit?: Limit;
}

export interface Router {
  <N extends EndpointName>(name: N, handler: Handler<N>, options?: RouteOptions): void;
}

/** Finds the paired phone behind its credential cookie (the second-camera service). */
export type PhoneAuth = (credential: string | undefined) => Promise<PhoneCaller | undefined>;

export function createRouter(
  app: FastifyInstance,
  auth: AuthService,
  limiter?: RateLimiter,
  phoneAuth: PhoneAuth = async () => undefined,
): Router {
  // Callers authenticated by a limited route's first hook, so the handler asks only once.
  const early = new WeakMap<FastifyRequest, Authenticated | undefined>();
  const earlyPhone = new WeakMap<FastifyRequest, PhoneCaller | undefined>();
  return (name, handler, { limit, ...options } = {}) => {
    const ep: Endpoint = api[name];
    app.route({
      ...options,
      // Counted as soon as the request arrives: a refused upload's body is never read.
      ...(limit && limiter
        ? {
            onRequest: async (req: FastifyRequest) => {
              let account: string | undefined;
              if (ep.access === 'phone') {
                const phone = await phoneAuth(req.cookies[PHONE_COOKIE]);
                earlyPhone.set(req, phone);
                account = phone && `phone:${phone.cameraId}`;
              } else {
                const caller = await auth.authenticate(req.cookies[SESSION_COOKIE]);
                early.set(req, caller);
                account = caller?.user.id;
              }
              const exceeded = await limiter.check(limit, { account, address: req.ip });
              if (exceeded) throw new RateLimitedError(exceeded);
            },
          }
        : {}),
      // JSON endpoints keep the server's limit even for bytes sent with an upload's type (whose
      // parser allows a whole upload).
      bodyLimit: ep.binary
        ? ep.binary.maxBytes
        : (options.bodyLimit ?? app.initialConfig.bodyLimit),
      method: ep.method,
      url: ep.path,
      handler: async (req, reply) => {
        // API answers carry personal data: no cache keeps them (a route may say otherwise).
        reply.header('cache-control', 'no-store');
        let caller: Authenticated | undefined;
        let phone: PhoneCaller | undefined;
        if (ep.access === 'phone') {
          // A phone's endpoint answers only to a phone's credential, never to a login.
          phone = earlyPhone.has(req)
            ? earlyPhone.get(req)
            : await phoneAuth(req.cookies[PHONE_COOKIE]);
          if (!phone)
            throw new HttpError('unauthenticated', 'Pair this phone again: scan the new QR code');
          if (ep.method !== 'GET' && !csrfMatches(req.headers[CSRF_HEADER], phone.csrfToken))
            throw new HttpError('csrf', `Missing or wrong ${CSRF_HEADER} header`);
        } else
          caller = early.has(req)
            ? early.get(req)
            : await auth.authenticate(req.cookies[SESSION_COOKIE]);
        if (ep.access !== 'public' && ep.access !== 'phone') {
          if (!caller) throw new HttpError('unauthenticated', 'Please log in');
          if (!can(caller.user.roles, ep.access))
            throw new HttpError('forbidden', 'Not allowed for your role');
          if (
            ep.method !== 'GET' &&
            !csrfMatches(req.headers[CSRF_HEADER], caller.session.csrfToken)
          ) {
            throw new HttpError('csrf', `Missing or wrong ${CSRF_HEADER} header`);
          }
        }
        const params = parse(ep.params, req.params ?? {}, 'params');
        const query = ep.query ? parse(ep.query, req.query ?? {}, 'query') : undefined;
        const ctx = { params, query, caller, phone, req, reply, pieces: undefined } as Record<
          string,
          unknown
        >;
        if (ep.binary) {
          const type = (req.headers['content-type'] ?? '').split(';')[0]!.trim();
          const received = req.body;
          if (
            !ep.binary.contentTypes.includes(type) ||
            !(Buffer.isBuffer(received) || received instanceof ReceivedBytes)
          ) {
            throw new HttpError(
              'unsupported-media-type',
              `Content type ${type || '(none)'} is not accepted here`,
            );
          }
          if (Buffer.isBuffer(received)) ctx.body = asBytes(received);
          else {
            const pieces = received.take().map(asBytes);
            let joined: Uint8Array | undefined;
            ctx.pieces = pieces;
            Object.defineProperty(ctx, 'body', {
              get: () =>
                (joined ??= pieces.length === 1 ? pieces[0]! : asBytes(Buffer.concat(pieces))),
            });
          }
        } else {
          // Bytes of an upload type (text/plain, image/jpeg, …) sent to a JSON endpoint: refused
          // whole, not shown to the schema as an object with one field per byte (ADR 0020).
          if (Buffer.isBuffer(req.body) || req.body instanceof ReceivedBytes) {
            const type = (req.headers['content-type'] ?? '').split(';')[0]!.trim();
            throw new HttpError(
              'unsupported-media-type',
              `Content type ${type || '(none)'} is not accepted here; send application/json`,
            );
          }
          ctx.body = parse(ep.body, req.body ?? {}, 'body');
        }
        const result = await handler(ctx as never);
        if (!result.ok) throw HttpError.from(result);
        return result.value;
      },
    });
  };
}

const asBytes = (b: Buffer): Uint8Array => new Uint8Array(b.buffer, b.byteOffset, b.byteLength);

function parse<S extends z.ZodType>(schema: S, value: unknown, where: string): z.output<S> {
  const nul = nulPath(value, where);
  if (nul !== undefined) {
    const issue = { path: nul, message: 'may not contain the NUL character (U+0000)' };
    throw new HttpError('bad-request', `${issue.path}: ${issue.message}`, [issue]);
  }
  const r = schema.safeParse(value);
  if (r.success) return r.data;
  const { shown, more } = firstIssues(zodIssues(r.error, where));
  throw new HttpError(
    'bad-request',
    shown.map((i) => `${i.path}: ${i.message}`).join('; ') + (more ? `; and ${more} more` : ''),
    shown,
  );
}

function csrfMatches(sent: string | string[] | undefined, expected: string): boolean {
  if (typeof sent !== 'string' || sent.length !== expected.length) return false;
  return timingSafeEqual(Buffer.from(sent), Buffer.from(expected));
}
