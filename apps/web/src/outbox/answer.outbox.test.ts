import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { sha256Hex } from '@emtihan/domain';
import {
  AnswerOutbox,
  OutboxRefusedError,
  type OutboxStatus,
  type SendOutcome,
} from './answer.outbox';
import { memoryOutboxStore, type OutboxRecord } from './outbox.store';

/** A server we answer by hand: every send waits until the test says what happened. */
function fakeServer() {
  const sent: OutboxRecord[] = [];
  const answers: ((o: SendOutcome) => void)[] = [];
  return {
    sent,
    transport: {
      send(record: OutboxRecord) {
        sent.push(record);
        return new Promise<SendOutcome>((resolve) => answers.push(resolve));
      },
    },
    async answer(outcome: SendOutcome = { ok: true }) {
      await vi.waitFor(() => expect(answers.length).toBeGreaterThan(0));
      answers.shift()!(outcome);
      await flush();
    },
    pending: () => answers.length,
  };
}

const flush = () => vi.advanceTimersByTimeAsync(0);
const hash = async (s: string) => sha256Hex(s);

let store: ReturnType<typeof memoryOutboxStore>;
let server: ReturnType<typeof fakeServer>;
let outbox: AnswerOutbox;
let statuses: OutboxStatus['state'][];

function make() {
  outbox = new AnswerOutbox({ sessionId: 's1', store, transport: server.transport, hash });
  statuses = [];
  outbox.subscribe((s) => statuses.push(s.state));
  return outbox;
}

beforeEach(() => {
  vi.useFakeTimers();
  store = memoryOutboxStore();
  server = fakeServer();
});
afterEach(() => {
  outbox?.close();
  vi.useRealTimers();
});

describe('the answer outbox', () => {
  it('writes a change to the device in the same task as the keystroke, then sends it with its SHA-256', async () => {
    make();
    await outbox.open(null);
    outbox.change('Сәлем');
    // Not a tick later: a reload right after the keystroke must find it on the device.
    expect(store.records.map((r) => r.body)).toEqual(['Сәлем']);
    await flush();
    expect(store.records).toEqual([
      expect.objectContaining({ seq: 1, body: 'Сәлем', acked: false }),
    ]);
    expect(outbox.getStatus().state).toBe('saving');
    expect(server.sent[0]).toMatchObject({ seq: 1, sha256: sha256Hex('Сәлем') });
    await server.answer();
    expect(outbox.getStatus().state).toBe('saved');
    expect(store.records).toEqual([
      expect.objectContaining({ seq: 1, sha256: sha256Hex('Сәлем'), acked: true }),
    ]);
  });

  it('sends at most once a second while typing goes on, always the newest text, seq increasing', async () => {
    make();
    await outbox.open(null);
    outbox.change('a');
    await flush();
    outbox.change('ab');
    await flush();
    outbox.change('abc');
    await flush();
    expect(server.sent.map((r) => r.body)).toEqual(['a']);
    await server.answer();
    expect(server.pending()).toBe(0);
    await vi.advanceTimersByTimeAsync(1000);
    expect(server.sent.map((r) => [r.seq, r.body])).toEqual([
      [1, 'a'],
      [3, 'abc'],
    ]);
    await server.answer();
    expect(outbox.getStatus().state).toBe('saved');
    // The device keeps only the newest record, whatever the typing.
    expect(store.records.map((r) => [r.seq, r.acked])).toEqual([[3, true]]);
  });

  it('goes offline when the server is unreachable, retries, and delivers when it is back', async () => {
    make();
    await outbox.open(null);
    outbox.change('draft');
    await server.answer({ ok: false, kind: 'offline' });
    expect(outbox.getStatus().state).toBe('offline');
    outbox.change('draft, more');
    await flush();
    await vi.advanceTimersByTimeAsync(1000);
    await server.answer({ ok: false, kind: 'offline' });
    expect(server.sent.map((r) => r.body)).toEqual(['draft', 'draft, more']);
    outbox.kick(); // the connection came back
    await server.answer();
    expect(outbox.getStatus().state).toBe('saved');
    expect(statuses).toEqual(['saving', 'offline', 'saved']);
  });

  it('keeps the answer and says the server is full on a 507, then delivers once there is room', async () => {
    make();
    await outbox.open(null);
    outbox.change('written while the disk is full');
    await server.answer({ ok: false, kind: 'offline', full: true });
    expect(outbox.getStatus()).toMatchObject({ state: 'offline', full: true });
    expect(store.records.map((r) => [r.body, r.acked])).toEqual([
      ['written while the disk is full', false],
    ]);
    await vi.advanceTimersByTimeAsync(1000);
    await server.answer();
    expect(server.sent.map((r) => r.body)).toEqual([
      'written while the disk is full',
      'written while the disk is full',
    ]);
    expect(outbox.getStatus().state).toBe('saved');
  });

  it('a thrown transport error counts as offline, not as lost', async () => {
    make();
    await outbox.open(null);
    const failing = new AnswerOutbox({
      sessionId: 's2',
      store,
      hash,
      transport: { send: () => Promise.reject(new Error('boom')) },
    });
    failing.change('x');
    await flush();
    expect(failing.getStatus().state).toBe('offline');
    expect((await store.list('s2')).map((r) => r.body)).toEqual(['x']);
    failing.close();
  });

  it('after a reload, restores what the server never got and sends it, with a seq above both', async () => {
    await store.replace({
      sessionId: 's1',
      seq: 7,
      body: 'typed offline',
      sha256: null,
      at: 1,
      acked: false,
    });
    make();
    const body = await outbox.open({
      seq: 5,
      sha256: sha256Hex('old'),
      body: 'old',
      savedAt: '2026-01-01T00:00:00Z',
    });
    expect(body).toBe('typed offline');
    await server.answer();
    expect(server.sent[0]).toMatchObject({ seq: 7, body: 'typed offline' });
    outbox.change('typed offline!');
    await vi.advanceTimersByTimeAsync(1000);
    expect(server.sent[1]).toMatchObject({ seq: 8 });
  });

  it('takes the server’s answer when it is newer than this device’s (another computer)', async () => {
    await store.replace({
      sessionId: 's1',
      seq: 2,
      body: 'old here',
      sha256: null,
      at: 1,
      acked: true,
    });
    make();
    const body = await outbox.open({
      seq: 4,
      sha256: sha256Hex('newer'),
      body: 'newer',
      savedAt: '2026-01-01T00:00:00Z',
    });
    expect(body).toBe('newer');
    expect(server.sent).toEqual([]);
    outbox.change('newer.');
    await flush();
    expect(server.sent[0]).toMatchObject({ seq: 5, body: 'newer.' });
  });

  it('a seq already taken with other content is sent again under a new seq', async () => {
    make();
    await outbox.open(null);
    outbox.change('mine');
    await server.answer({ ok: false, kind: 'conflict' });
    await vi.advanceTimersByTimeAsync(1000);
    await server.answer();
    expect(server.sent.map((r) => [r.seq, r.body])).toEqual([
      [1, 'mine'],
      [3, 'mine'],
    ]);
    expect(outbox.getStatus().state).toBe('saved');
  });

  it('stops and says why when the session takes no more answers', async () => {
    make();
    await outbox.open(null);
    outbox.change('late');
    await server.answer({ ok: false, kind: 'refused', reason: 'deadline-passed' });
    expect(outbox.getStatus()).toEqual({ state: 'refused', reason: 'deadline-passed' });
    await vi.advanceTimersByTimeAsync(20_000);
    expect(server.sent).toHaveLength(1);
    // What was typed is still on the device.
    expect(store.records.map((r) => r.body)).toEqual(['late']);
    expect(store.records[0]!.acked).toBe(false);
  });

  it('sends what was refused during a pause once the session takes answers again', async () => {
    make();
    await outbox.open(null);
    outbox.change('typed just before the pause');
    await server.answer({ ok: false, kind: 'refused', reason: 'not-allowed-in-state' });
    expect(outbox.getStatus().state).toBe('refused');
    outbox.resumeAfterRefusal();
    await server.answer();
    expect(outbox.getStatus().state).toBe('saved');
    expect(server.sent.map((r) => r.body)).toEqual([
      'typed just before the pause',
      'typed just before the pause',
    ]);
  });

  it('saveAndWait resolves with the acknowledged record (what Submit hands in), even an empty answer', async () => {
    make();
    await outbox.open(null);
    const saved = outbox.saveAndWait('');
    await server.answer();
    await expect(saved).resolves.toMatchObject({ seq: 1, body: '', sha256: sha256Hex('') });
  });

  it('saveAndWait of the text already acknowledged resolves at once', async () => {
    make();
    await outbox.open({
      seq: 3,
      sha256: sha256Hex('done'),
      body: 'done',
      savedAt: '2026-01-01T00:00:00Z',
    });
    await expect(outbox.saveAndWait('done')).resolves.toMatchObject({ seq: 3 });
    expect(server.sent).toEqual([]);
  });

  it('saveAndWait rejects with the reason when the server refuses', async () => {
    make();
    await outbox.open(null);
    const saved = outbox.saveAndWait('x');
    const failed = expect(saved).rejects.toBeInstanceOf(OutboxRefusedError);
    await server.answer({ ok: false, kind: 'refused', reason: 'not-allowed-in-state' });
    await failed;
  });
});
