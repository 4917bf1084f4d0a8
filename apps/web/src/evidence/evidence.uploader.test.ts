import { describe, expect, it } from 'vitest';
import { EvidenceUploader } from './evidence.uploader';
import { memorySegmentStore, type PendingSegment } from './segment.store';

const segment = (seq: number, size = 100): PendingSegment => ({
  sessionId: 's1',
  track: 'camera',
  seq,
  blob: new Blob([new Uint8Array(size)]),
  sha256: 'a'.repeat(64),
  contentType: 'video/webm',
  size,
  startedAt: 1000 + seq,
  durationMs: 20_000,
  refused: null,
});

const json = (status: number, body: object) =>
  new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } });

/** Resolves once the uploader's status satisfies `ok`. */
const until = (
  u: EvidenceUploader,
  ok: (s: ReturnType<EvidenceUploader['getStatus']>) => boolean,
) =>
  new Promise<void>((resolve) => {
    if (ok(u.getStatus())) return resolve();
    const off = u.subscribe(() => {
      if (ok(u.getStatus())) {
        off();
        resolve();
      }
    });
  });

describe('EvidenceUploader', () => {
  it('keeps segments while the network is down and sends them, oldest first, when it is back', async () => {
    const store = memorySegmentStore();
    await store.put(segment(0));
    await store.put(segment(1, 50));
    let online = false;
    const sent: string[] = [];
    const u = new EvidenceUploader(
      's1',
      store,
      async () => 'csrf',
      async (url) => {
        if (!online) throw new TypeError('Failed to fetch');
        sent.push(String(url).split('?')[0]!);
        return json(200, { ok: true });
      },
    );
    u.kick();
    await until(u, (s) => s.problem === 'network');
    expect(u.getStatus()).toMatchObject({ pendingCount: 2, pendingBytes: 150 });
    online = true;
    u.kick();
    await until(u, (s) => s.pendingCount === 0);
    expect(sent).toEqual([
      '/api/sessions/s1/evidence/camera/0',
      '/api/sessions/s1/evidence/camera/1',
    ]);
    expect(store.rows).toEqual([]);
    u.stop();
  });

  it('keeps a segment the server cannot store (507) and one it refuses (wrong hash), marked', async () => {
    const store = memorySegmentStore();
    await store.put(segment(0));
    let full = true;
    const u = new EvidenceUploader(
      's1',
      store,
      async () => 'csrf',
      async () =>
        full
          ? json(507, { error: 'insufficient-storage', message: 'full' })
          : json(400, {
              error: 'bad-request',
              message: 'sha256 does not match the bytes received',
            }),
    );
    u.kick();
    await until(u, (s) => s.problem === 'insufficient-storage');
    expect(store.rows).toHaveLength(1);
    full = false;
    u.kick();
    await until(u, (s) => s.refusedCount === 1);
    expect(store.rows[0]!.refused).toMatch(/sha256 does not match/);
    expect(u.getStatus().pendingCount).toBe(0);
    u.stop();
  });

  it('keeps a segment refused for too many uploads (429) and sends it again on its own', async () => {
    const store = memorySegmentStore();
    await store.put(segment(0));
    const answers = [
      json(429, {
        error: 'rate-limited',
        message: 'Too many requests',
        limit: { max: 240, windowSeconds: 60, per: 'account' },
        retryAfterMs: 10,
      }),
      json(200, { ok: true }),
    ];
    const u = new EvidenceUploader(
      's1',
      store,
      async () => 'csrf',
      async () => answers.shift()!,
    );
    u.kick();
    await until(u, (s) => s.problem === 'network');
    expect(u.getStatus()).toMatchObject({ pendingCount: 1, refusedCount: 0 });
    await until(u, (s) => s.pendingCount === 0);
    expect(store.rows).toEqual([]);
    u.stop();
  });
});
