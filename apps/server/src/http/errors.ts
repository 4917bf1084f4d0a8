// The one place that turns failures into HTTP responses with a stable error id.
import type { ErrorBody, ErrorCode, ErrorIssue } from '@emtihan/protocol';
import type { FastifyError, FastifyInstance } from 'fastify';
import { ZodError } from 'zod';
import { exceededMessage, type Exceeded } from '../services/rate-limits.ts';
import type { Refusal } from '../services/result.ts';
import { isStorageFull } from '../services/storage-full.ts';

export const STATUS: Record<ErrorCode, number> = {
  'bad-request': 400,
  unauthenticated: 401,
  'invalid-credentials': 401,
  forbidden: 403,
  csrf: 403,
  'not-found': 404,
  conflict: 409,
  'rate-limited': 429,
  refused: 409,
  'payload-too-large': 413,
  'unsupported-media-type': 415,
  internal: 500,
  'insufficient-storage': 507,
};

/** An error with a stable code, thrown by transports; services return refusals instead. */
export class HttpError extends Error {
  constructor(
    public readonly code: ErrorCode,
    message: string,
    public readonly issues?: ErrorIssue[],
    /** For `refused`: the domain's reason. */
    public readonly reason?: string,
  ) {
    super(message);
  }
  static from(r: Refusal): HttpError {
    return new HttpError(
      r.reason,
      r.message,
      r.issues ?? (r.field ? [{ path: r.field, message: r.message }] : undefined),
      r.detail,
    );
  }
}

/** 429: a rate limit was reached; the body and `Retry-After` say which and for how long. */
export class RateLimitedError extends HttpError {
  constructor(public readonly exceeded: Exceeded) {
    super('rate-limited', exceededMessage(exceeded));
  }
}

/** Zod issues as `path: message`, naming unknown fields themselves. */
export function zodIssues(e: ZodError, prefix: string): ErrorIssue[] {
  return e.issues.flatMap((i) => {
    const base = [prefix, ...i.path.map(String)].filter(Boolean).join('.');
    if (i.code === 'unrecognized_keys') {
      return i.keys.map((k) => ({
        path: [base, k].filter(Boolean).join('.'),
        message: 'unknown field',
      }));
    }
    return [{ path: base, message: i.message }];
  });
}

/** Issues named in one answer: a body with thousands of wrong fields gets a short one. */
export const MAX_ISSUES = 20;
export function firstIssues(issues: ErrorIssue[]): { shown: ErrorIssue[]; more: number } {
  return { shown: issues.slice(0, MAX_ISSUES), more: Math.max(0, issues.length - MAX_ISSUES) };
}

/** `spa`: the built web app is served (its index.html answers unknown GETs outside /api). */
export function installErrorHandler(app: FastifyInstance, spa: boolean) {
  app.setErrorHandler((err: FastifyError | HttpError | ZodError, req, reply) => {
    let body: ErrorBody;
    if (err instanceof RateLimitedError) {
      const { limit, per, max, retryAfterMs } = err.exceeded;
      req.log.warn({ limit: limit.name, per, max }, 'rate limited');
      reply.header('retry-after', String(Math.ceil(retryAfterMs / 1000)));
      body = {
        error: 'rate-limited',
        message: err.message,
        limit: { max, windowSeconds: limit.windowMs / 1000, per },
        retryAfterMs,
      };
    } else if (err instanceof HttpError) {
      body = {
        error: err.code,
        message: err.message,
        ...(err.issues ? { issues: err.issues } : {}),
        ...(err.reason ? { reason: err.reason } : {}),
      };
    } else if (err instanceof ZodError) {
      const { shown, more } = firstIssues(zodIssues(err, ''));
      body = {
        error: 'bad-request',
        message:
          shown.map((i) => `${i.path}: ${i.message}`).join('; ') +
          (more ? `; and ${more} more` : ''),
        issues: shown,
      };
    } else if (isStorageFull(err)) {
      // The disk, the database or the object store is full: the client keeps what it sent and
      // sends it again once there is room (ADR 0021).
      req.log.warn({ err }, 'storage full');
      body = {
        error: 'insufficient-storage',
        message: 'The server storage is full; keep your work and send it again later',
      };
    } else if (err.statusCode && err.statusCode >= 400 && err.statusCode < 500) {
      // Fastify's own: malformed JSON, wrong content type, body too large.
      body = { error: 'bad-request', message: err.message };
      return reply
        .status(err.statusCode === 415 || err.statusCode === 413 ? err.statusCode : 400)
        .send(body);
    } else {
      req.log.error({ err }, 'unexpected error');
      body = { error: 'internal', message: 'Something went wrong on the server' };
    }
    return reply.status(STATUS[body.error]).send(body);
  });
  app.setNotFoundHandler((req, reply) => {
    // A client-side route of the web app: the SPA's index.html, so a reload keeps the page.
    if (
      spa &&
      req.method === 'GET' &&
      !req.url.startsWith('/api/') &&
      !req.url.startsWith('/socket.io/')
    ) {
      return reply.type('text/html').header('cache-control', 'no-cache').sendFile('index.html');
    }
    return reply.status(404).send({
      error: 'not-found',
      message: `No route ${req.method} ${req.url.split('?')[0]}`,
    } satisfies ErrorBody);
  });
}
