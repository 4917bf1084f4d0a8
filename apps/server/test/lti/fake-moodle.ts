// A Moodle stand-in for tests, on its own port: the parts of mod/lti that a tool meets.
// - /start: what a click on the activity does: an auto-submitting form post to the tool's
//   initiate-login URL (iss, login_hint, target_link_uri, lti_message_hint, client_id, deployment)
// - /mod/lti/auth.php: auth.php's checks, then an auto-submitting form post of id_token + state
// - /mod/lti/certs.php (JWKS), /mod/lti/token.php (client credentials + JWT assertion)
// - line items `…/lineitem?type_id=N` whose /scores validates the score (409 for an older one)
// - /mod/lti/contentitem_return.php: the deep-linking return, verified against the tool's JWKS
// The issuer and browser-facing URLs use the host `moodle.test` (the browser maps it to
// 127.0.0.1), so the launch is cross-site as in production; server-to-server URLs use 127.0.0.1.
import { randomBytes } from 'node:crypto';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import {
  createRemoteJWKSet,
  exportJWK,
  generateKeyPair,
  jwtVerify,
  SignJWT,
  type CryptoKey,
  type JWK,
  type JWTPayload,
} from 'jose';

const LTI = 'https://purl.imsglobal.org/spec/lti/claim/';
export const ROLE = {
  learner: 'http://purl.imsglobal.org/vocab/lis/v2/membership#Learner',
  instructor: 'http://purl.imsglobal.org/vocab/lis/v2/membership#Instructor',
  admin: 'http://purl.imsglobal.org/vocab/lis/v2/institution/person#Administrator',
};

export interface MoodleUser {
  id: string;
  name: string;
  given: string;
  family: string;
  email: string;
  roles: string[];
  locale: string;
}

export interface LaunchSpec {
  user: string;
  messageType?: 'LtiResourceLinkRequest' | 'LtiDeepLinkingRequest';
  resourceLinkId?: string;
  custom?: Record<string, string>;
  documentTarget?: 'iframe' | 'window';
}

interface Key {
  kid: string;
  privateKey: CryptoKey;
  jwk: JWK;
}

async function newKey(): Promise<Key> {
  const { publicKey, privateKey } = await generateKeyPair('RS256', { extractable: true });
  const kid = randomBytes(8).toString('hex');
  return {
    kid,
    privateKey,
    jwk: { ...(await exportJWK(publicKey)), kid, alg: 'RS256', use: 'sig' },
  };
}

const autoPost = (action: string, fields: Record<string, string>) => {
  const esc = (s: string) => s.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;');
  return `<!doctype html><html><body><form method="post" action="${esc(action)}">${Object.entries(
    fields,
  )
    .map(([k, v]) => `<input type="hidden" name="${esc(k)}" value="${esc(v)}">`)
    .join('')}</form><script>document.forms[0].submit()</script></body></html>`;
};

export class FakeMoodle {
  readonly clientId = 'emtihan-client-1';
  readonly deploymentId = '3';
  readonly contextId = '27';
  readonly users = new Map<string, MoodleUser>();
  /** Scores accepted, per line item. */
  readonly scores: { lineItem: string; body: Record<string, unknown> }[] = [];
  /** Deep-linking responses accepted (their content items). */
  readonly deepLinks: Record<string, unknown>[][] = [];
  /** Line items created by deep linking, and the custom params of their activities. */
  readonly activities: { title: string; custom: Record<string, string>; lineItem: unknown }[] = [];
  /** Every score post as it arrived (before validation): path with query, content type, token. */
  readonly scoreRequests: { path: string; contentType: string; bearer: boolean }[] = [];
  /** The next N score posts answer 503 (to exercise retries). */
  failNextScores = 0;
  tokenRequests = 0;
  rosterRequests = 0;
  /** Members the roster reports as no longer active. */
  readonly inactive = new Set<string>();

  private server!: http.Server;
  private port = 0;
  private keys: Key[] = [];
  private published: Key[] = [];
  private readonly pending = new Map<string, LaunchSpec>();
  private readonly tokens = new Set<string>();
  private readonly lastScoreAt = new Map<string, string>();
  private toolUrl = '';

  get issuer() {
    return `http://moodle.test:${this.port}`;
  }
  /** Server-to-server base (the tool resolves 127.0.0.1, not moodle.test). */
  get internal() {
    return `http://127.0.0.1:${this.port}`;
  }
  get authUrl() {
    return `${this.issuer}/mod/lti/auth.php`;
  }
  get tokenUrl() {
    return `${this.internal}/mod/lti/token.php`;
  }
  get jwksUrl() {
    return `${this.internal}/mod/lti/certs.php`;
  }
  lineItemUrl(id = 5) {
    return `${this.internal}/mod/lti/services.php/${this.contextId}/lineitems/${id}/lineitem?type_id=1`;
  }
  get activeKid() {
    return this.keys[0]!.kid;
  }

  static async start(): Promise<FakeMoodle> {
    const m = new FakeMoodle();
    m.keys = [await newKey()];
    m.published = [...m.keys];
    m.server = http.createServer((req, res) => {
      m.handle(req, res).catch((err: unknown) => {
        res.writeHead(500, { 'content-type': 'text/plain' }).end(String(err));
      });
    });
    await new Promise<void>((r) => m.server.listen(0, '127.0.0.1', r));
    m.port = (m.server.address() as AddressInfo).port;
    m.addUser({
      id: '101',
      name: 'Әлиева Іңкәр',
      given: 'Іңкәр',
      family: 'Әлиева',
      email: 'inkar@example.kz',
      roles: [ROLE.learner],
      locale: 'kk',
    });
    m.addUser({
      id: '201',
      name: 'Bolat Serikov',
      given: 'Bolat',
      family: 'Serikov',
      email: 'bolat@example.kz',
      roles: [ROLE.instructor],
      locale: 'ru',
    });
    return m;
  }

  /** Where the tool lives (for redirect_uri checks and the tool's JWKS). */
  setTool(toolUrl: string) {
    this.toolUrl = toolUrl;
  }

  addUser(u: MoodleUser) {
    this.users.set(u.id, u);
  }

  /** Moodle rotating its key: a new one signs; the old one stays published only if asked. */
  async rotateKey(opts: { keepOldPublished: boolean }) {
    const k = await newKey();
    this.keys.unshift(k);
    this.published = opts.keepOldPublished ? [k, ...this.published] : [k];
  }

  /** Clicking the activity: the URL that starts the launch in a browser. */
  startUrl(spec: LaunchSpec): string {
    const hint = randomBytes(8).toString('hex');
    this.pending.set(hint, spec);
    return `${this.issuer}/start?hint=${hint}`;
  }

  /** A course page that embeds the activity in an iframe, as Moodle's "Embed" container does. */
  coursePageUrl(spec: LaunchSpec): string {
    return `${this.issuer}/course?start=${encodeURIComponent(this.startUrl(spec))}`;
  }

  /** The initiation parameters a launch sends to the tool's login URL. */
  initiation(spec: LaunchSpec): Record<string, string> {
    const hint = randomBytes(8).toString('hex');
    this.pending.set(hint, spec);
    return {
      iss: this.issuer,
      login_hint: spec.user,
      target_link_uri:
        spec.messageType === 'LtiDeepLinkingRequest'
          ? `${this.toolUrl}/lti/deep-link`
          : `${this.toolUrl}/lti/launch`,
      lti_message_hint: hint,
      client_id: this.clientId,
      lti_deployment_id: this.deploymentId,
    };
  }

  /** The claims Moodle puts in an id_token for this user and launch. */
  claims(spec: LaunchSpec, nonce: string): JWTPayload {
    const u = this.users.get(spec.user);
    if (!u) throw new Error(`no user ${spec.user}`);
    const type = spec.messageType ?? 'LtiResourceLinkRequest';
    const now = Math.floor(Date.now() / 1000);
    const common: JWTPayload = {
      iss: this.issuer,
      aud: this.clientId,
      sub: u.id,
      iat: now,
      exp: now + 60,
      nonce,
      name: u.name,
      given_name: u.given,
      family_name: u.family,
      email: u.email,
      // Moodle sends the user's language only inside launch_presentation, never at top level.
      [`${LTI}deployment_id`]: this.deploymentId,
      [`${LTI}message_type`]: type,
      [`${LTI}version`]: '1.3.0',
      [`${LTI}roles`]: u.roles,
      [`${LTI}context`]: {
        id: this.contextId,
        label: 'ALG-101',
        title: 'Algebra 101',
        type: ['CourseSection'],
      },
      [`${LTI}tool_platform`]: { product_family_code: 'moodle', version: '2024100700' },
      [`${LTI}launch_presentation`]: {
        locale: u.locale,
        document_target: spec.documentTarget ?? 'window',
        return_url: `${this.issuer}/mod/lti/return.php`,
      },
      'https://purl.imsglobal.org/spec/lti-nrps/claim/namesroleservice': {
        context_memberships_url: `${this.internal}/mod/lti/services.php/CourseSection/${this.contextId}/bindings/2/memberships`,
        service_versions: ['1.0', '2.0'],
      },
    };
    if (type === 'LtiDeepLinkingRequest') {
      return {
        ...common,
        [`${LTI}target_link_uri`]: `${this.toolUrl}/lti/deep-link`,
        'https://purl.imsglobal.org/spec/lti-dl/claim/deep_linking_settings': {
          deep_link_return_url: `${this.issuer}/mod/lti/contentitem_return.php?course=${this.contextId}&id=2`,
          accept_types: ['ltiResourceLink'],
          accept_presentation_document_targets: ['frame', 'iframe', 'window'],
          accept_copy_advice: 'false',
          accept_multiple: 'true',
          accept_unsigned: 'false',
          auto_create: 'false',
          can_confirm: 'false',
          data: 'moodle-dl-data-1',
        },
      };
    }
    return {
      ...common,
      [`${LTI}target_link_uri`]: `${this.toolUrl}/lti/launch`,
      [`${LTI}resource_link`]: { id: spec.resourceLinkId ?? '9', title: 'Written exam' },
      [`${LTI}custom`]: spec.custom ?? {},
      'https://purl.imsglobal.org/spec/lti-ags/claim/endpoint': {
        scope: [
          'https://purl.imsglobal.org/spec/lti-ags/scope/lineitem',
          'https://purl.imsglobal.org/spec/lti-ags/scope/score',
        ],
        lineitems: `${this.internal}/mod/lti/services.php/${this.contextId}/lineitems?type_id=1`,
        lineitem: this.lineItemUrl(),
      },
    };
  }

  /** Signs like Moodle (RS256, its active key); `key`/`kid` override for forged tokens. */
  async sign(claims: JWTPayload, opts: { key?: CryptoKey; kid?: string } = {}): Promise<string> {
    return new SignJWT(claims)
      .setProtectedHeader({ alg: 'RS256', kid: opts.kid ?? this.activeKid, typ: 'JWT' })
      .sign(opts.key ?? this.keys[0]!.privateKey);
  }

  /** Signs with a key the platform rotated out (it may no longer be published). */
  async signWithRetired(claims: JWTPayload, kid: string): Promise<string> {
    const k = this.keys.find((x) => x.kid === kid);
    if (!k) throw new Error(`no key ${kid}`);
    return this.sign(claims, { key: k.privateKey, kid });
  }

  /** A key the platform never published. */
  static async strangerKey(): Promise<CryptoKey> {
    return (await generateKeyPair('RS256')).privateKey;
  }

  close() {
    return new Promise<void>((r) => this.server.close(() => r()));
  }

  private async handle(req: http.IncomingMessage, res: http.ServerResponse) {
    const url = new URL(req.url ?? '/', this.internal);
    const body = await readBody(req);
    const form = Object.fromEntries(new URLSearchParams(body));
    const html = (status: number, text: string) =>
      res.writeHead(status, { 'content-type': 'text/html; charset=utf-8' }).end(text);
    const bad = (text: string) => html(400, `<p id="error">${text}</p>`);

    if (url.pathname === '/start') {
      const spec = this.pending.get(url.searchParams.get('hint') ?? '');
      if (!spec) return bad('unknown launch');
      return html(200, autoPost(`${this.toolUrl}/lti/login`, this.initiation(spec)));
    }
    if (url.pathname === '/course') {
      const start = url.searchParams.get('start') ?? '';
      return html(
        200,
        `<!doctype html><h1>Algebra 101</h1><iframe id="tool" src="${start.replace(/"/g, '&quot;')}" allow="camera; microphone" width="800" height="600"></iframe>`,
      );
    }
    if (url.pathname === '/mod/lti/certs.php') {
      return res
        .writeHead(200, { 'content-type': 'application/json' })
        .end(JSON.stringify({ keys: this.published.map((k) => k.jwk) }));
    }
    if (url.pathname === '/mod/lti/auth.php') {
      // What auth.php checks before it answers with the id_token.
      const p = Object.fromEntries(url.searchParams);
      if (p.scope !== 'openid') return bad('invalid_scope');
      if (p.response_type !== 'id_token') return bad('unsupported_response_type');
      if (p.response_mode !== 'form_post') return bad('invalid_request: response_mode');
      if (p.prompt !== 'none') return bad('invalid_request: prompt');
      if (p.client_id !== this.clientId) return bad('unauthorized_client');
      const redirects = [`${this.toolUrl}/lti/launch`, `${this.toolUrl}/lti/deep-link`];
      if (!p.redirect_uri || !redirects.includes(p.redirect_uri))
        return bad('invalid_request: redirect_uri');
      if (!p.nonce) return bad('invalid_request: nonce');
      if (!p.state) return bad('invalid_request: state');
      const spec = this.pending.get(p.lti_message_hint ?? '');
      if (!spec || spec.user !== p.login_hint) return bad('invalid_request: login_hint');
      this.pending.delete(p.lti_message_hint!);
      const idToken = await this.sign(this.claims(spec, p.nonce));
      return html(200, autoPost(p.redirect_uri, { id_token: idToken, state: p.state }));
    }
    if (url.pathname === '/mod/lti/token.php' && req.method === 'POST') {
      this.tokenRequests++;
      if (form.grant_type !== 'client_credentials')
        return json(res, 400, { error: 'unsupported_grant_type' });
      if (form.client_assertion_type !== 'urn:ietf:params:oauth:client-assertion-type:jwt-bearer')
        return json(res, 400, { error: 'invalid_request' });
      try {
        await jwtVerify(form.client_assertion ?? '', this.toolKeys(), {
          issuer: this.clientId,
          subject: this.clientId,
          audience: this.tokenUrl,
        });
      } catch (e) {
        return json(res, 400, { error: 'invalid_client', detail: String(e) });
      }
      const token = randomBytes(16).toString('hex');
      this.tokens.add(token);
      return json(res, 200, {
        access_token: token,
        token_type: 'Bearer',
        expires_in: 3600,
        scope: form.scope,
      });
    }
    const memberships = url.pathname.match(
      /^\/mod\/lti\/services\.php\/CourseSection\/([^/]+)\/bindings\/\d+\/memberships$/,
    );
    if (memberships && req.method === 'GET') {
      const token = (req.headers.authorization ?? '').replace(/^Bearer /, '');
      if (!this.tokens.has(token)) return json(res, 401, { error: 'invalid token' });
      if (req.headers.accept !== 'application/vnd.ims.lti-nrps.v2.membershipcontainer+json')
        return json(res, 406, { error: 'accept' });
      this.rosterRequests++;
      // Pages of two, linked by rel="next", as Moodle pages with `limit` and `from`.
      const from = Number(url.searchParams.get('from') ?? 0);
      const all = [...this.users.values()];
      const page = all.slice(from, from + 2).map((u) => ({
        status: this.inactive.has(u.id) ? 'Inactive' : 'Active',
        user_id: u.id,
        name: u.name,
        given_name: u.given,
        family_name: u.family,
        email: u.email,
        roles: u.roles.map((r) => r.split('#').pop()),
      }));
      const headers: Record<string, string> = {
        'content-type': 'application/vnd.ims.lti-nrps.v2.membershipcontainer+json',
      };
      if (from + 2 < all.length)
        headers.link = `<${this.internal}${url.pathname}?from=${from + 2}&limit=2>; rel="next"`;
      return res.writeHead(200, headers).end(
        JSON.stringify({
          id: `${this.internal}${url.pathname}`,
          context: { id: memberships[1], label: 'ALG-101', title: 'Algebra 101' },
          members: page,
        }),
      );
    }
    const scores = url.pathname.match(
      /^\/mod\/lti\/services\.php\/[^/]+\/lineitems\/\d+\/lineitem\/scores$/,
    );
    if (scores && req.method === 'POST') {
      this.scoreRequests.push({
        path: `${url.pathname}${url.search}`,
        contentType: String(req.headers['content-type']),
        bearer: /^Bearer \S+$/.test(req.headers.authorization ?? ''),
      });
      if (!url.searchParams.get('type_id')) return json(res, 400, { error: 'type_id missing' });
      const token = (req.headers.authorization ?? '').replace(/^Bearer /, '');
      if (!this.tokens.has(token)) return json(res, 401, { error: 'invalid token' });
      if (req.headers['content-type'] !== 'application/vnd.ims.lis.v1.score+json')
        return json(res, 400, { error: 'content type' });
      if (this.failNextScores > 0) {
        this.failNextScores--;
        return json(res, 503, { error: 'busy' });
      }
      const s = JSON.parse(body) as Record<string, unknown>;
      const users = [...this.users.values()].map((u) => u.id);
      if (typeof s.userId !== 'string' || !users.includes(s.userId))
        return json(res, 400, { error: 'userId' });
      if (typeof s.timestamp !== 'string' || Number.isNaN(Date.parse(s.timestamp)))
        return json(res, 400, { error: 'timestamp' });
      if (
        !['Initialized', 'Started', 'InProgress', 'Submitted', 'Completed'].includes(
          String(s.activityProgress),
        )
      )
        return json(res, 400, { error: 'activityProgress' });
      if (
        !['FullyGraded', 'Pending', 'PendingManual', 'Failed', 'NotReady'].includes(
          String(s.gradingProgress),
        )
      )
        return json(res, 400, { error: 'gradingProgress' });
      if (
        s.scoreGiven !== undefined &&
        (typeof s.scoreGiven !== 'number' || typeof s.scoreMaximum !== 'number')
      )
        return json(res, 400, { error: 'score' });
      const key = `${url.pathname}|${s.userId}`;
      const last = this.lastScoreAt.get(key);
      if (last && Date.parse(s.timestamp) <= Date.parse(last))
        return json(res, 409, { error: 'older timestamp' });
      this.lastScoreAt.set(key, s.timestamp);
      this.scores.push({ lineItem: `${url.pathname}?${url.searchParams}`, body: s });
      return res.writeHead(200).end();
    }
    if (url.pathname === '/mod/lti/contentitem_return.php' && req.method === 'POST') {
      try {
        const { payload } = await jwtVerify(form.JWT ?? '', this.toolKeys(), {
          issuer: this.clientId,
          audience: this.issuer,
        });
        if (payload[`${LTI}message_type`] !== 'LtiDeepLinkingResponse') return bad('message type');
        if (payload[`${LTI}deployment_id`] !== this.deploymentId) return bad('deployment');
        if (payload['https://purl.imsglobal.org/spec/lti-dl/claim/data'] !== 'moodle-dl-data-1')
          return bad('data');
        const items = payload[
          'https://purl.imsglobal.org/spec/lti-dl/claim/content_items'
        ] as Record<string, unknown>[];
        this.deepLinks.push(items);
        for (const it of items)
          this.activities.push({
            title: String(it.title),
            custom: (it.custom ?? {}) as Record<string, string>,
            lineItem: it.lineItem,
          });
        return html(
          200,
          `<h1 id="created">Activity created: ${items.map((i) => String(i.title)).join(', ')}</h1>`,
        );
      } catch (e) {
        return bad(`invalid JWT: ${String(e)}`);
      }
    }
    return bad(`no route ${url.pathname}`);
  }

  private toolKeysCache?: ReturnType<typeof createRemoteJWKSet>;
  private toolKeys() {
    this.toolKeysCache ??= createRemoteJWKSet(new URL(`${this.toolUrl}/lti/jwks`));
    return this.toolKeysCache;
  }
}

function json(res: http.ServerResponse, status: number, body: unknown) {
  res.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify(body));
}

function readBody(req: http.IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    let s = '';
    req.setEncoding('utf8');
    req.on('data', (c: string) => (s += c));
    req.on('end', () => resolve(s));
    req.on('error', reject);
  });
}
