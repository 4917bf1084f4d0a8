import { describe, expect, it, vi } from 'vitest';
import { CSRF_HEADER } from '@emtihan/protocol';
import { ApiError, createApiClient, fillPath } from './client';

const user = {
  id: 'u1',
  login: 'student1',
  fullName: 'Әлібекова Аружан',
  email: null,
  group: 'DEMO-101',
  language: 'kk',
  roles: ['student'],
  active: true,
};

interface Sent {
  url: string;
  init: RequestInit;
}

/** A fetch that answers each call from the list, in order, and records what was sent. */
function fakeFetch(...answers: Response[]) {
  const sent: Sent[] = [];
  const fetch = vi.fn(async (url: RequestInfo | URL, init?: RequestInit) => {
    sent.push({ url: String(url), init: init ?? {} });
    const answer = answers.shift();
    if (!answer) throw new TypeError('Failed to fetch');
    return answer;
  });
  return { fetch: fetch as unknown as typeof globalThis.fetch, sent };
}

const json = (status: number, body: unknown) =>
  new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } });

const headersOf = (s: Sent | undefined) => (s?.init.headers ?? {}) as Record<string, string>;

describe('api client', () => {
  it('fills path parameters, encoded', () => {
    expect(
      fillPath('/api/admin/courses/:courseId/enrolments/:userId/:role', {
        courseId: 'c 1',
        userId: 'u/2',
        role: 'student',
      }),
    ).toBe('/api/admin/courses/c%201/enrolments/u%2F2/student');
    expect(() => fillPath('/api/admin/users/:userId', {})).toThrow(/userId/);
  });

  it('sends the CSRF token of the last login on every change, never on a read', async () => {
    const { fetch, sent } = fakeFetch(
      json(200, { user, csrfToken: 'token-1' }),
      json(200, { exams: [] }),
      json(200, { user: { ...user, language: 'ru' }, csrfToken: 'token-1' }),
    );
    const api = createApiClient({ fetch });
    await api.call('login', { body: { login: 'student1', password: 'demo' } });
    await api.call('listExams');
    await api.call('updateMe', { body: { language: 'ru' } });

    expect(headersOf(sent[0])[CSRF_HEADER]).toBeUndefined();
    expect(headersOf(sent[1])[CSRF_HEADER]).toBeUndefined();
    expect(headersOf(sent[2])[CSRF_HEADER]).toBe('token-1');
    expect(sent[2]?.init).toMatchObject({ method: 'PATCH', credentials: 'same-origin' });
    expect(JSON.parse(String(sent[2]?.init.body))).toEqual({ language: 'ru' });
  });

  it('turns an error body into an ApiError with its code and issues', async () => {
    const { fetch } = fakeFetch(
      json(400, {
        error: 'bad-request',
        message: 'body.login: too short',
        issues: [{ path: 'body.login', message: 'too short' }],
      }),
    );
    const api = createApiClient({ fetch });
    const error = await api
      .call('createCourse', { body: { code: 'X', title: 'Y' } })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ApiError);
    expect(error).toMatchObject({ status: 400, code: 'bad-request' });
    expect((error as ApiError).issues).toHaveLength(1);
  });

  it("keeps the server's reason for a refusal, so the screen can say why", async () => {
    const { fetch } = fakeFetch(
      json(409, { error: 'refused', message: 'too late', reason: 'deadline-passed' }),
      json(404, { error: 'not-found', message: 'no such session' }),
    );
    const api = createApiClient({ fetch });
    const save = () =>
      api.call('saveAnswer', {
        params: { sessionId: 's1' },
        body: { seq: 1, body: '', sha256: 'a'.repeat(64) },
      });
    await expect(save()).rejects.toMatchObject({ code: 'refused', reason: 'deadline-passed' });
    await expect(save()).rejects.toMatchObject({ code: 'not-found', reason: null });
  });

  it('names a 429 without an error body "rate-limited", and an unreachable server "network"', async () => {
    const { fetch } = fakeFetch(new Response('Too Many Requests', { status: 429 }));
    const api = createApiClient({ fetch });
    const login = { body: { login: 'a', password: 'b' } };
    await expect(api.call('login', login)).rejects.toMatchObject({ code: 'rate-limited' });
    await expect(api.call('login', login)).rejects.toMatchObject({ code: 'network', status: 0 });
  });

  it('reports a lost session on 401, but not a wrong password', async () => {
    const { fetch } = fakeFetch(
      json(401, { error: 'invalid-credentials', message: 'wrong' }),
      json(401, { error: 'unauthenticated', message: 'Please log in' }),
    );
    const api = createApiClient({ fetch });
    const lost = vi.fn();
    api.onUnauthenticated(lost);
    await expect(api.call('login', { body: { login: 'a', password: 'b' } })).rejects.toMatchObject({
      code: 'invalid-credentials',
    });
    expect(lost).not.toHaveBeenCalled();
    await expect(api.call('listExams')).rejects.toMatchObject({ code: 'unauthenticated' });
    expect(lost).toHaveBeenCalledOnce();
  });

  it('refuses an answer that does not match the protocol', async () => {
    const { fetch } = fakeFetch(json(200, { exams: 'not a list' }));
    const api = createApiClient({ fetch });
    await expect(api.call('listExams')).rejects.toMatchObject({ code: 'internal' });
  });
});
