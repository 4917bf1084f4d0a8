import {
  api,
  CSRF_HEADER,
  ErrorBody,
  type BodyOf,
  type EndpointName,
  type ErrorCode,
  type ErrorIssue,
  type ParamsOf,
  type ResponseOf,
} from '@emtihan/protocol';

/** What the UI can be told went wrong: the server's stable codes, plus "the server is unreachable". */
export type ClientErrorCode = ErrorCode | 'network';

/**
 * A failed call. `code` is translated by the UI as `errors.<code>`; `issues` name the bad fields;
 * `reason` is the server's finer cause when it gives one (a domain refusal such as
 * `deadline-passed`, translated by the screen that asked).
 */
export class ApiError extends Error {
  readonly status: number;
  readonly code: ClientErrorCode;
  readonly issues: ErrorIssue[];
  readonly reason: string | null;
  /** For `rate-limited`: when to try again (ADR 0022). */
  readonly retryAfterMs: number | null;

  constructor(
    status: number,
    code: ClientErrorCode,
    message: string,
    issues: ErrorIssue[] = [],
    reason: string | null = null,
    retryAfterMs: number | null = null,
  ) {
    super(message);
    this.name = 'ApiError';
    this.status = status;
    this.code = code;
    this.issues = issues;
    this.reason = reason;
    this.retryAfterMs = retryAfterMs;
  }
}

/** An endpoint without params or body has the schema `{}` (typed `Record<string, never>`). */
type HasKeys<T> = string extends keyof T ? false : [keyof T] extends [never] ? false : true;

/** `params` and `body` are required exactly when the endpoint has them. */
export type CallArgs<N extends EndpointName> = (HasKeys<ParamsOf<N>> extends true
  ? { params: ParamsOf<N> }
  : { params?: undefined }) &
  (HasKeys<BodyOf<N>> extends true ? { body: BodyOf<N> } : { body?: undefined }) & {
    signal?: AbortSignal;
  };

type CallRest<N extends EndpointName> =
  Record<string, never> extends CallArgs<N> ? [args?: CallArgs<N>] : [args: CallArgs<N>];

export interface ApiClient {
  call<N extends EndpointName>(name: N, ...rest: CallRest<N>): Promise<ResponseOf<N>>;
  /** Forget the session's CSRF token (after logout or a revoked session). */
  forgetSession(): void;
  /**
   * Called when a call that needs a session gets 401, so the UI can go to the login page.
   * Returns the function that unsubscribes.
   */
  onUnauthenticated(listener: () => void): () => void;
}

export interface ApiClientOptions {
  fetch?: typeof fetch;
}

/** Endpoints whose 401 is an answer to show, not a lost session. */
const ANSWERS_401: ReadonlySet<EndpointName> = new Set(['login', 'me', 'publicConfig']);

const CODE_BY_STATUS: Record<number, ErrorCode> = {
  400: 'bad-request',
  401: 'unauthenticated',
  403: 'forbidden',
  404: 'not-found',
  409: 'conflict',
  429: 'rate-limited',
};

/** Fills `:name` segments of a Fastify-style path. */
export function fillPath(path: string, params: Record<string, unknown> | undefined): string {
  return path.replace(/:([A-Za-z_][A-Za-z0-9_]*)/g, (_, key: string) => {
    const value = params?.[key];
    if (typeof value !== 'string' || value === '') throw new Error(`missing path parameter ${key}`);
    return encodeURIComponent(value);
  });
}

/** Reads an error response; servers and proxies that do not speak ErrorBody get a code by status. */
export async function toApiError(response: Response): Promise<ApiError> {
  let json: unknown = null;
  try {
    json = await response.json();
  } catch {
    // Not JSON (a proxy's HTML page, an empty body): fall back to the status.
  }
  return apiErrorFrom(response.status, json, response.statusText);
}

/** The error for a status and a parsed body (also for XMLHttpRequest uploads). */
export function apiErrorFrom(status: number, json: unknown, statusText = ''): ApiError {
  const parsed = ErrorBody.safeParse(json);
  if (parsed.success) {
    const { error, message, issues, reason, retryAfterMs } = parsed.data;
    return new ApiError(status, error, message, issues ?? [], reason ?? null, retryAfterMs ?? null);
  }
  const code = CODE_BY_STATUS[status] ?? 'internal';
  return new ApiError(status, code, statusText || code);
}

/**
 * The typed HTTP client: `call('updateUser', { params: { userId }, body: { active: false } })`.
 * It keeps the CSRF token of the last MeResponse and sends it on every change.
 */
export function createApiClient(options: ApiClientOptions = {}): ApiClient {
  const doFetch = options.fetch ?? ((input, init) => fetch(input, init));
  let csrfToken: string | null = null;
  const unauthenticatedListeners = new Set<() => void>();

  async function call<N extends EndpointName>(
    name: N,
    ...rest: CallRest<N>
  ): Promise<ResponseOf<N>> {
    const args = (rest[0] ?? {}) as { params?: Record<string, unknown>; body?: unknown };
    const endpoint = api[name];
    const headers: Record<string, string> = { accept: 'application/json' };
    const init: RequestInit = {
      method: endpoint.method,
      credentials: 'same-origin',
      headers,
      signal: (rest[0] as { signal?: AbortSignal } | undefined)?.signal ?? null,
    };
    if (endpoint.method !== 'GET') {
      if (csrfToken) headers[CSRF_HEADER] = csrfToken;
      // Body-less changes still send `{}`: the server validates every body against a schema.
      if (endpoint.method !== 'DELETE' || args.body !== undefined) {
        headers['content-type'] = 'application/json';
        init.body = JSON.stringify(args.body ?? {});
      }
    }

    let response: Response;
    try {
      response = await doFetch(fillPath(endpoint.path, args.params), init);
    } catch (error) {
      if (error instanceof DOMException && error.name === 'AbortError') throw error;
      throw new ApiError(0, 'network', error instanceof Error ? error.message : String(error));
    }

    if (!response.ok) {
      const error = await toApiError(response);
      if (error.status === 401 && !ANSWERS_401.has(name)) {
        csrfToken = null;
        for (const listener of unauthenticatedListeners) listener();
      }
      throw error;
    }

    const json: unknown = await response.json().catch(() => null);
    const parsed = endpoint.response.safeParse(json);
    if (!parsed.success) {
      throw new ApiError(response.status, 'internal', `unexpected response to ${name}`);
    }
    const data = parsed.data as ResponseOf<N>;
    if (name === 'login' || name === 'me' || name === 'updateMe' || name === 'whoAmI') {
      csrfToken = (data as ResponseOf<'whoAmI'>).csrfToken;
    }
    if (name === 'logout') csrfToken = null;
    // A paired phone's page has its own client and its own token (ADR 0023).
    if (name === 'redeemPairing' || name === 'phone')
      csrfToken = (data as ResponseOf<'phone'>).csrfToken;
    return data;
  }

  return {
    call,
    forgetSession: () => {
      csrfToken = null;
    },
    onUnauthenticated: (listener) => {
      unauthenticatedListeners.add(listener);
      return () => unauthenticatedListeners.delete(listener);
    },
  };
}
