// The evidence upload endpoint as a recorder and an attacker meet it: idempotent by session,
// track, seq and SHA-256, hashed into the audit chain, and bad input refused with a reason and
// nothing stored. Disk full answers 507 and the segment can be sent again later.
import { createHash } from 'node:crypto';
import path from 'node:path';
import { verifyAuditChain } from '@emtihan/domain';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { BlobStore } from '../src/adapters/blob-store.port.ts';
import { LocalDiskBlobStore } from '../src/adapters/local-disk.blob-store.ts';
import { openDatabase } from '../src/db/database.ts';
import { SessionRepo } from '../src/repositories/session.repo.ts';
import { checkInThroughApi } from '../../web/e2e/written-exam.page.ts';
import { TestClient } from './client.ts';
import { startTestServer, type TestServer } from './harness.ts';

const sha = (b: Uint8Array) => createHash('sha256').update(b).digest('hex');
const webm = (n: number) => new Uint8Array([0x1a, 0x45, 0xdf, 0xa3, n, n, n, n]);

/** Local disk that can be told it is full. */
class FillableStore extends LocalDiskBlobStore {
  full = false;
  override async put(key: string, data: Uint8Array) {
    if (this.full)
      throw Object.assign(new Error('ENOSPC: no space left on device'), { code: 'ENOSPC' });
    return super.put(key, data);
  }
}

let server: TestServer;
let store: FillableStore;
let student: TestClient;
let sessionId: string;

beforeAll(async () => {
  server = await startTestServer({
    demo: true,
    blobs: (dir) => (store = new FillableStore(path.join(dir, 'blobs'))) as BlobStore,
  });
  const s = await checkInThroughApi(server.url, 'student1', 'Әлібекова Аружан Қайратқызы');
  student = s.client;
  sessionId = s.sessionId;
});
afterAll(() => server?.close());

async function send(
  client: TestClient,
  o: {
    session?: string;
    track?: string;
    seq: number;
    bytes: Uint8Array;
    hash?: string;
    type?: string;
  },
) {
  const q = new URLSearchParams({
    sha256: o.hash ?? sha(o.bytes),
    startedAt: String(1_760_000_000_000 + o.seq * 20_000),
    durationMs: '20000',
  });
  const res = await fetch(
    `${server.url}/api/sessions/${o.session ?? sessionId}/evidence/${o.track ?? 'camera'}/${o.seq}?${q}`,
    {
      method: 'POST',
      headers: {
        'content-type': o.type ?? 'video/webm',
        cookie: client.cookie,
        'x-csrf-token': client.csrf,
      },
      body: o.bytes,
    },
  );
  return { status: res.status, body: (await res.json()) as Record<string, any> };
}

const listed = async () =>
  (await student.call('listEvidence', { params: { sessionId } })).body.segments as {
    track: string;
    seq: number;
    sha256: string;
  }[];

describe('evidence upload', () => {
  it('stores a segment once: a resend is acknowledged as a duplicate, and its hash is in the audit chain', async () => {
    const first = await send(student, { seq: 0, bytes: webm(1) });
    expect(first).toMatchObject({ status: 200, body: { seq: 0, duplicate: false } });
    const again = await send(student, { seq: 0, bytes: webm(1) });
    expect(again).toMatchObject({ status: 200, body: { seq: 0, duplicate: true } });
    expect(await listed()).toEqual([
      expect.objectContaining({ track: 'camera', seq: 0, sha256: sha(webm(1)) }),
    ]);
    const other = await send(student, { seq: 0, bytes: webm(2) });
    expect(other.status).toBe(409);
    expect(other.body.message).toMatch(/already stored with other content/);

    const { db } = openDatabase({ dataDir: server.dataDir });
    try {
      const chain = await new SessionRepo(db).auditChain(sessionId);
      expect(verifyAuditChain(chain)).toEqual({ ok: true });
      const stored = chain.filter((e) => e.type === 'evidence.stored');
      expect(stored.map((e) => e.payload)).toEqual([
        expect.objectContaining({ track: 'camera', sequence: 0, sha256: sha(webm(1)) }),
      ]);
    } finally {
      await db.destroy();
    }
  });

  it('refuses a wrong hash, an unknown session, another student’s session and an oversized item, storing nothing', async () => {
    const wrong = await send(student, { seq: 1, bytes: webm(3), hash: sha(webm(4)) });
    expect(wrong.status).toBe(400);
    expect(wrong.body.message).toMatch(/sha256 does not match/);

    const unknown = await send(student, { session: 'no-such-session', seq: 1, bytes: webm(3) });
    expect(unknown.status).toBe(404);
    expect(unknown.body.message).toMatch(/no such session/);

    const other = new TestClient(server.url);
    await other.login('student2');
    const intruder = await send(other, { seq: 1, bytes: webm(3) });
    expect(intruder.status).toBe(403);
    expect(intruder.body.message).toMatch(/only the student of this session/);
    // Nor may they read it.
    expect((await other.call('listEvidence', { params: { sessionId } })).status).toBe(403);

    const bigSnapshot = await send(student, {
      track: 'camera-snapshot',
      seq: 0,
      bytes: new Uint8Array(2 * 1024 * 1024 + 1),
      type: 'image/jpeg',
    });
    expect(bigSnapshot.status).toBe(413);
    expect(bigSnapshot.body.message).toMatch(/at most/);
    const bigSegment = await send(student, { seq: 1, bytes: new Uint8Array(16 * 1024 * 1024 + 1) });
    expect(bigSegment.status).toBe(413);

    const wrongType = await send(student, {
      track: 'screen',
      seq: 0,
      bytes: webm(5),
      type: 'image/jpeg',
    });
    expect(wrongType.status).toBe(415);

    expect((await listed()).map((s) => `${s.track}/${s.seq}`)).toEqual(['camera/0']);
    expect((await store.list('evidence/')).length).toBe(1);
  });

  it('answers 507 when the storage is full and stores the same segment when it is sent again', async () => {
    store.full = true;
    const full = await send(student, { track: 'screen', seq: 0, bytes: webm(6) });
    expect(full.status).toBe(507);
    expect(full.body).toMatchObject({ error: 'insufficient-storage' });
    expect((await listed()).filter((s) => s.track === 'screen')).toEqual([]);
    store.full = false;
    const later = await send(student, { track: 'screen', seq: 0, bytes: webm(6) });
    expect(later).toMatchObject({ status: 200, body: { duplicate: false } });
    const bytes = await fetch(`${server.url}/api/sessions/${sessionId}/evidence/screen/0`, {
      headers: { cookie: student.cookie },
    });
    expect(sha(new Uint8Array(await bytes.arrayBuffer()))).toBe(sha(webm(6)));
  });
});
