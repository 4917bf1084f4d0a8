import type { SignalBatchMessage } from '@emtihan/protocol';
import { describe, expect, it } from 'vitest';
import {
  memorySignalStore,
  outcomeOf,
  SignalOutbox,
  type SendOutcome,
  type SignalTransport,
} from './signal.outbox';

function transport(outcomes: SendOutcome['kind'][] = []) {
  const sent: SignalBatchMessage[] = [];
  const t: SignalTransport & { sent: SignalBatchMessage[] } = {
    sent,
    async send(batch) {
      sent.push(batch);
      const kind = outcomes.shift() ?? 'stored';
      return kind === 'dropped' ? { kind, reason: 'invalid-message: x' } : { kind };
    },
  };
  return t;
}

const hidden = (at: number) => ({ kind: 'visibility', at, visible: false }) as const;

describe('the signal outbox', () => {
  it('sends waiting signals together, numbered from 0, and forgets them once stored', async () => {
    const store = memorySignalStore();
    const t = transport();
    const outbox = new SignalOutbox({ sessionId: 's', store, transport: t, batchDelayMs: 10 });
    void outbox.push(hidden(1));
    void outbox.push({ kind: 'context-menu', at: 2 });
    await outbox.idle();
    expect(t.sent).toEqual([
      {
        type: 'signals',
        sessionId: 's',
        seq: 0,
        signals: [hidden(1), { kind: 'context-menu', at: 2 }],
      },
    ]);
    void outbox.push(hidden(3));
    await outbox.idle();
    expect(t.sent.map((b) => b.seq)).toEqual([0, 1]);
    expect(store.records).toEqual([]);
  });

  it('sends the same batch again, with the same number, until the server answers', async () => {
    const store = memorySignalStore();
    const t = transport(['retry']);
    const outbox = new SignalOutbox({ sessionId: 's', store, transport: t, batchDelayMs: 1 });
    void outbox.push(hidden(1));
    await new Promise((r) => setTimeout(r, 20));
    // Arrived meanwhile: it waits for the next batch, the first is resent as it was.
    void outbox.push(hidden(2));
    await new Promise((r) => setTimeout(r, 1200));
    await outbox.idle();
    expect(t.sent.map((b) => [b.seq, b.signals.map((s) => s.at)])).toEqual([
      [0, [1]],
      [0, [1]],
      [1, [2]],
    ]);
  });

  it('a reload (a new outbox on the same device store) resends the unanswered batch under its number', async () => {
    const store = memorySignalStore();
    const lost = new SignalOutbox({
      sessionId: 's',
      store,
      transport: { send: () => new Promise(() => {}) },
      batchDelayMs: 1,
    });
    void lost.push(hidden(1));
    await new Promise((r) => setTimeout(r, 20));
    lost.close();
    const t = transport();
    const again = new SignalOutbox({ sessionId: 's', store, transport: t, batchDelayMs: 1 });
    again.flush();
    await again.idle();
    void again.push(hidden(5));
    await again.idle();
    expect(t.sent.map((b) => [b.seq, b.signals.map((s) => s.at)])).toEqual([
      [0, [1]],
      [1, [5]],
    ]);
  });

  it('carries at most one snapshot per batch, pointing at its signal', async () => {
    const store = memorySignalStore();
    const t = transport();
    const outbox = new SignalOutbox({ sessionId: 's', store, transport: t, batchDelayMs: 10 });
    const jpeg = new Blob([new Uint8Array([0xff, 0xd8, 1, 0xff, 0xd9])], { type: 'image/jpeg' });
    void outbox.push(hidden(1));
    void outbox.push({ kind: 'screen-share', at: 2, active: false, displaySurface: null }, jpeg);
    void outbox.push({ kind: 'camera', at: 3, on: false }, jpeg);
    await outbox.idle();
    expect(t.sent.map((b) => [b.signals.length, b.evidence?.index])).toEqual([
      [2, 1],
      [1, 0],
    ]);
    expect(new Uint8Array(t.sent[0]!.evidence!.jpeg as ArrayBuffer)).toEqual(
      new Uint8Array([0xff, 0xd8, 1, 0xff, 0xd9]),
    );
  });

  it('drops a batch the server refuses for good, and goes on', async () => {
    const store = memorySignalStore();
    const t = transport(['dropped']);
    const dropped: string[] = [];
    const outbox = new SignalOutbox({
      sessionId: 's',
      store,
      transport: t,
      batchDelayMs: 1,
      onDropped: (r) => dropped.push(r),
    });
    void outbox.push(hidden(1));
    await outbox.idle();
    void outbox.push(hidden(2));
    await outbox.idle();
    expect(dropped).toEqual(['invalid-message: x']);
    expect(t.sent.map((b) => b.seq)).toEqual([0, 1]);
    expect(store.records).toEqual([]);
  });

  it('reads the server’s acknowledgement', () => {
    expect(outcomeOf({ ok: true, seq: 1, duplicate: true })).toEqual({ kind: 'stored' });
    expect(outcomeOf({ ok: false, reason: 'unavailable', message: '' })).toEqual({ kind: 'retry' });
    // Too many messages: kept and sent again once the server's wait is over, never dropped.
    expect(
      outcomeOf({ ok: false, reason: 'rate-limited', message: 'wait', retryAfterMs: 4000 }),
    ).toEqual({ kind: 'retry', afterMs: 4000 });
    expect(outcomeOf({ ok: false, reason: 'not-live', message: 'submitted' })).toEqual({
      kind: 'dropped',
      reason: 'not-live: submitted',
    });
  });
});
