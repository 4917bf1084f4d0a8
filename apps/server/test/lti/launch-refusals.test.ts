// Launches that must be refused: each gets a readable page in the user's language, is logged,
// and writes nothing. Plain fetch drives the form posts; the browser test covers the real flow.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FakeMoodle } from './fake-moodle.ts';
import { beginLogin, postLaunch, snapshot, startLtiWorld, type LtiWorld } from './lti-world.ts';

let w: LtiWorld;
beforeAll(async () => {
  w = await startLtiWorld();
});
afterAll(() => w.close());

const student = () => ({ user: '101', custom: { exam_id: w.examId } });
const KK_EXPIRED = 'Іске қосудың мерзімі өтті.';
const KK_INVALID = 'Іске қосуды тексеру мүмкін болмады';

/** Sends a launch whose claims or signature were tampered with, after a genuine login. */
async function tamperedLaunch(
  change: (claims: Record<string, unknown>) => void,
  sign: { key?: Awaited<ReturnType<typeof FakeMoodle.strangerKey>>; kid?: string } = {},
) {
  const { state, nonce } = await beginLogin(w, student());
  const claims = w.moodle.claims(student(), nonce) as Record<string, unknown>;
  change(claims);
  return postLaunch(w, { id_token: await w.moodle.sign(claims, sign), state });
}

function expectRefusalPage(r: { status: number; text: string }, reason: string, text?: string) {
  expect(r.status).toBeGreaterThanOrEqual(400);
  expect(r.status).toBeLessThan(500);
  expect(r.text).toContain('<!doctype html>');
  expect(r.text).toContain(`data-reason="${reason}"`);
  if (text) expect(r.text).toContain(text);
  expect(r.text).not.toMatch(/\bat .+\.ts:\d+|Error:|stack/);
}

describe('a genuine launch, for comparison', () => {
  it('is accepted and hands the browser to a one-time URL on Emtihan', async () => {
    const { state, nonce, to } = await beginLogin(w, student());
    expect(Object.fromEntries(to.searchParams)).toMatchObject({
      scope: 'openid',
      response_type: 'id_token',
      response_mode: 'form_post',
      prompt: 'none',
      client_id: w.moodle.clientId,
      redirect_uri: `${w.publicUrl}/lti/launch`,
      login_hint: '101',
    });
    expect(to.origin + to.pathname).toBe(w.moodle.authUrl);
    const r = await postLaunch(w, {
      id_token: await w.moodle.sign(w.moodle.claims(student(), nonce)),
      state,
    });
    expect(r.status).toBe(303);
    expect(r.location).toMatch(/^\/lti\/handoff\/[\w-]{40,}$/);
  });

  it('accepts a token that expired two seconds ago (clock tolerance)', async () => {
    const { state, nonce } = await beginLogin(w, student());
    const claims = w.moodle.claims(student(), nonce);
    claims.exp = Math.floor(Date.now() / 1000) - 2;
    const r = await postLaunch(w, { id_token: await w.moodle.sign(claims), state });
    expect(r.status).toBe(303);
  });
});

describe('refused launches change nothing and say why in the user language', () => {
  it('a replayed id_token is refused, with its own state or with a fresh one', async () => {
    const { state, nonce } = await beginLogin(w, student());
    const idToken = await w.moodle.sign(w.moodle.claims(student(), nonce));
    expect((await postLaunch(w, { id_token: idToken, state })).status).toBe(303);
    const before = await snapshot(w);

    expectRefusalPage(
      await postLaunch(w, { id_token: idToken, state }),
      'state-invalid',
      'Бұл іске қосу сілтемесі қолданылған немесе мерзімі өткен.',
    );
    const fresh = await beginLogin(w, student());
    expectRefusalPage(await postLaunch(w, { id_token: idToken, state: fresh.state }), 'replayed');
    expect(await snapshot(w)).toEqual(before);
  });

  it('a token for another audience is refused', async () => {
    const before = await snapshot(w);
    const r = await tamperedLaunch((c) => (c.aud = 'another-tool'));
    expectRefusalPage(r, 'token-invalid', KK_INVALID);
    expect(await snapshot(w)).toEqual(before);
  });

  it('a token from another issuer is refused', async () => {
    const before = await snapshot(w);
    const r = await tamperedLaunch((c) => (c.iss = 'http://evil.test'));
    expectRefusalPage(r, 'token-invalid', KK_INVALID);
    expect(await snapshot(w)).toEqual(before);
  });

  it('a token for an unknown deployment is refused', async () => {
    const before = await snapshot(w);
    const r = await tamperedLaunch(
      (c) => (c['https://purl.imsglobal.org/spec/lti/claim/deployment_id'] = '999'),
    );
    expectRefusalPage(r, 'unknown-deployment', 'орналастыруы Emtihan-да тіркелмеген');
    expect(await snapshot(w)).toEqual(before);
  });

  it('a token signed by a key the platform does not hold is refused', async () => {
    const before = await snapshot(w);
    const r = await tamperedLaunch(() => {}, {
      key: await FakeMoodle.strangerKey(),
      kid: w.moodle.activeKid,
    });
    expectRefusalPage(r, 'token-invalid', KK_INVALID);
    expect(await snapshot(w)).toEqual(before);
  });

  it('an expired token is refused', async () => {
    const before = await snapshot(w);
    const now = Math.floor(Date.now() / 1000);
    const r = await tamperedLaunch((c) => {
      c.iat = now - 120;
      c.exp = now - 60;
    });
    expectRefusalPage(r, 'token-expired', KK_EXPIRED);
    expect(await snapshot(w)).toEqual(before);
  });

  it('a token whose nonce belongs to another login is refused', async () => {
    const before = await snapshot(w);
    const r = await tamperedLaunch((c) => (c.nonce = 'not-the-one-we-sent'));
    expectRefusalPage(r, 'replayed');
    expect(await snapshot(w)).toEqual(before);
  });

  it('a form post without a state we issued is refused', async () => {
    const before = await snapshot(w);
    const { nonce } = await beginLogin(w, student());
    const token = await w.moodle.sign(w.moodle.claims(student(), nonce));
    expectRefusalPage(await postLaunch(w, { id_token: token, state: 'made-up' }), 'state-invalid');
    expectRefusalPage(await postLaunch(w, {}), 'bad-request');
    expect(await snapshot(w)).toEqual(before);
  });

  it('a link to an exam that does not exist is refused', async () => {
    const before = await snapshot(w);
    const r = await tamperedLaunch(
      (c) => (c['https://purl.imsglobal.org/spec/lti/claim/custom'] = { exam_id: 'no-such-exam' }),
    );
    expectRefusalPage(r, 'unknown-exam');
    expect(await snapshot(w)).toEqual(before);
  });

  it('after the platform rotates its key, the new kid is fetched and accepted, while the retired kid and a kid never published are refused', async () => {
    const oldKid = w.moodle.activeKid;
    await w.moodle.rotateKey({ keepOldPublished: false });
    // The new kid is unknown to Emtihan's cached keyset: it refetches and accepts.
    const first = await beginLogin(w, student());
    const accepted = await postLaunch(w, {
      id_token: await w.moodle.sign(w.moodle.claims(student(), first.nonce)),
      state: first.state,
    });
    expect(accepted.status).toBe(303);

    const before = await snapshot(w);
    const old = await beginLogin(w, student());
    const oldKeyToken = await w.moodle.signWithRetired(
      w.moodle.claims(student(), old.nonce),
      oldKid,
    );
    expectRefusalPage(
      await postLaunch(w, { id_token: oldKeyToken, state: old.state }),
      'token-invalid',
    );
    const never = await beginLogin(w, student());
    const strangerToken = await w.moodle.sign(w.moodle.claims(student(), never.nonce), {
      key: await FakeMoodle.strangerKey(),
      kid: 'never-published',
    });
    expectRefusalPage(
      await postLaunch(w, { id_token: strangerToken, state: never.state }),
      'token-invalid',
      KK_INVALID,
    );
    expect(await snapshot(w)).toEqual(before);
  });
});

describe('who may do what', () => {
  it('a student cannot use deep linking to choose an exam', async () => {
    const before = await snapshot(w);
    const spec = { user: '101', messageType: 'LtiDeepLinkingRequest' as const };
    const { state, nonce } = await beginLogin(w, spec);
    const r = await postLaunch(
      w,
      { id_token: await w.moodle.sign(w.moodle.claims(spec, nonce)), state },
      {},
      '/lti/deep-link',
    );
    expect(r.status).toBe(403);
    expectRefusalPage(
      { status: 400, text: r.text },
      'not-instructor',
      'Емтиханды тек курс оқытушысы таңдай алады.',
    );
    expect(await snapshot(w)).toEqual(before);
  });

  it('a launch with no role Emtihan knows is refused', async () => {
    const before = await snapshot(w);
    const r = await tamperedLaunch(
      (c) =>
        (c['https://purl.imsglobal.org/spec/lti/claim/roles'] = [
          'http://purl.imsglobal.org/vocab/lis/v2/membership#ContentDeveloper',
        ]),
    );
    expect(r.status).toBe(403);
    expectRefusalPage({ status: 400, text: r.text }, 'no-role');
    expect(await snapshot(w)).toEqual(before);
  });
});

describe('login initiation', () => {
  it('refuses an LMS that is not registered, in the language the browser asks for', async () => {
    const before = await snapshot(w);
    const res = await fetch(
      `${w.publicUrl}/lti/login?iss=${encodeURIComponent('http://unknown.test')}&login_hint=1&target_link_uri=${encodeURIComponent(`${w.publicUrl}/lti/launch`)}`,
      { redirect: 'manual', headers: { 'accept-language': 'ru-RU,ru;q=0.9,en;q=0.8' } },
    );
    const text = await res.text();
    expectRefusalPage(
      { status: res.status, text },
      'unknown-platform',
      'Эта СДО не зарегистрирована',
    );
    expect(text).toContain('<html lang="ru">');
    expect(await snapshot(w)).toEqual(before);
  });

  it('refuses a deployment that is not registered', async () => {
    const form = { ...w.moodle.initiation(student()), lti_deployment_id: '77' };
    const res = await fetch(`${w.publicUrl}/lti/login`, {
      method: 'POST',
      body: new URLSearchParams(form),
      redirect: 'manual',
      headers: { 'accept-language': 'en' },
    });
    expectRefusalPage(
      { status: res.status, text: await res.text() },
      'unknown-deployment',
      'deployment is not registered',
    );
  });

  it('answers GET initiation too (Moodle may use either)', async () => {
    const q = new URLSearchParams(w.moodle.initiation(student()));
    const res = await fetch(`${w.publicUrl}/lti/login?${q}`, { redirect: 'manual' });
    expect(res.status).toBe(302);
    expect(res.headers.get('location')).toContain(w.moodle.authUrl);
  });
});

describe('the form-body parser stays inside the LTI endpoints', () => {
  it('the JSON API still refuses an HTML form post (no CSRF through forms)', async () => {
    const res = await fetch(`${w.publicUrl}/api/auth/login`, {
      method: 'POST',
      body: new URLSearchParams({ login: 'admin', password: 'demo' }),
    });
    expect(res.status).toBe(415);
    expect(res.headers.get('set-cookie')).toBeNull();
  });

  it('a one-time hand-off works once', async () => {
    const { state, nonce } = await beginLogin(w, student());
    const r = await postLaunch(w, {
      id_token: await w.moodle.sign(w.moodle.claims(student(), nonce)),
      state,
    });
    const first = await fetch(`${w.publicUrl}${r.location}`, { redirect: 'manual' });
    expect(first.status).toBe(303);
    expect(first.headers.get('set-cookie')).toMatch(/^emtihan_session=.+HttpOnly; SameSite=Lax/);
    const second = await fetch(`${w.publicUrl}${r.location}`, { redirect: 'manual' });
    expectRefusalPage({ status: second.status, text: await second.text() }, 'state-invalid');
    expect(second.headers.get('set-cookie')).toBeNull();
  });
});
