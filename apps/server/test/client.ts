// A tiny HTTP client for integration tests: keeps the session cookie and CSRF token like a browser.
import { api, CSRF_HEADER, type BodyOf, type EndpointName, type ParamsOf } from '@emtihan/protocol';

export class TestClient {
  cookie = '';
  csrf = '';
  constructor(readonly base: string) {}

  async raw(method: string, path: string, body?: unknown, headers: Record<string, string> = {}) {
    const res = await fetch(this.base + path, {
      method,
      headers: {
        ...(body === undefined ? {} : { 'content-type': 'application/json' }),
        ...(this.cookie ? { cookie: this.cookie } : {}),
        ...(this.csrf && method !== 'GET' ? { [CSRF_HEADER]: this.csrf } : {}),
        ...headers,
      },
      body: body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body),
    });
    const set = res.headers.get('set-cookie');
    if (set) this.cookie = set.split(';')[0] ?? '';
    const text = await res.text();
    const json = text ? (JSON.parse(text) as Record<string, any>) : {};
    if (typeof json.csrfToken === 'string') this.csrf = json.csrfToken;
    return { status: res.status, body: json, headers: res.headers };
  }

  call<N extends EndpointName>(
    name: N,
    opts: { params?: ParamsOf<N>; body?: BodyOf<N> | unknown } = {},
  ) {
    const ep = api[name];
    const path = ep.path.replace(/:(\w+)/g, (_, k: string) =>
      encodeURIComponent(String((opts.params as Record<string, string>)[k])),
    );
    return this.raw(ep.method, path, ep.method === 'GET' ? undefined : (opts.body ?? {}));
  }

  async login(login: string, password = 'demo') {
    const r = await this.call('login', { body: { login, password } });
    if (r.status !== 200)
      throw new Error(`login ${login} failed: ${r.status} ${JSON.stringify(r.body)}`);
    return r;
  }
}
