// A Moodle user's language reaches Emtihan: Moodle sends it only as launch_presentation.locale.
// And a launch into a top-level window goes straight in; only one inside a frame needs the
// "open in a separate window" page.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TestClient } from '../client.ts';
import { ROLE } from './fake-moodle.ts';
import { beginLogin, postLaunch, startLtiWorld, type LtiWorld } from './lti-world.ts';

let w: LtiWorld;
beforeAll(async () => {
  w = await startLtiWorld();
  w.moodle.addUser({
    id: '301',
    name: 'Иванова Анна',
    given: 'Анна',
    family: 'Иванова',
    email: 'anna@example.kz',
    roles: [ROLE.learner],
    locale: 'ru',
  });
});
afterAll(() => w.close());

async function launch(documentTarget: 'iframe' | 'window', examId = w.examId) {
  const spec = { user: '301', custom: { exam_id: examId }, documentTarget };
  const { state, nonce } = await beginLogin(w, spec);
  const claims = w.moodle.claims(spec, nonce) as Record<string, unknown>;
  expect(claims.locale).toBeUndefined();
  return postLaunch(w, { id_token: await w.moodle.sign(claims), state });
}

describe("the Moodle user's language (launch_presentation.locale = 'ru')", () => {
  it('inside a frame, the page offering a separate window is in Russian', async () => {
    const r = await launch('iframe');
    expect(r.status).toBe(200);
    expect(r.text).toContain('<html lang="ru">');
    expect(r.text).toContain('Откройте экзамен в отдельном окне');
  });

  it('a refused launch says why in Russian', async () => {
    const r = await launch('window', 'no-such-exam');
    expect(r.status).toBe(400);
    expect(r.text).toContain('Этот элемент курса не связан с экзаменом в Emtihan.');
  });

  it('in a top-level window the launch goes straight through the hand-off, logged in, in Russian', async () => {
    const r = await launch('window');
    expect(r.status).toBe(303);
    expect(r.text).not.toContain('open-window');
    const handoff = await fetch(`${w.publicUrl}${r.location}`, { redirect: 'manual' });
    expect(handoff.status).toBe(303);
    expect(new URL(handoff.headers.get('location')!, w.publicUrl).pathname).toBe(
      `/student/exams/${w.examId}`,
    );
    const client = new TestClient(w.server.url);
    client.cookie = (handoff.headers.get('set-cookie') ?? '').split(';')[0]!;
    const me = await client.call('me');
    expect(me.status).toBe(200);
    expect(me.body.user).toMatchObject({ fullName: 'Иванова Анна', language: 'ru' });
  });
});
