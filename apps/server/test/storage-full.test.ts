// The database's disk is full (found by `npm run drill -- --disk-full`, ADR 0021): an answer
// save or an evidence upload is refused with 507 and a readable reason instead of a 500, nothing
// is half-stored, and the same save sent again once there is room is stored and acknowledged.
// The full disk is SQLite's own limit on its file's pages (what it reports as on a full disk).
import { createHash } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sqliteFileOf } from '../src/db/database.ts';
import { checkInThroughApi } from '../../web/e2e/written-exam.page.ts';
import type { TestClient } from './client.ts';
import { startTestServer, type TestServer } from './harness.ts';

const sha = (b: string | Uint8Array) => createHash('sha256').update(b).digest('hex');
const webm = (n: number) => new Uint8Array([0x1a, 0x45, 0xdf, 0xa3, n, n, n, n]);

let server: TestServer;
let student: TestClient;
let sessionId: string;

/** Lets the database grow by no page more (true) or up to its usual limit again (false). */
function diskFull(full: boolean) {
  const file = sqliteFileOf(server.db)!.file;
  file.pragma('wal_checkpoint(TRUNCATE)');
  const pages = file.pragma('page_count', { simple: true }) as number;
  file.pragma(`max_page_count = ${full ? pages : 1_073_741_823}`);
}

const save = (seq: number, text: string) =>
  student.call('saveAnswer', {
    params: { sessionId },
    body: { seq, body: text, sha256: sha(text) },
  });

async function upload(seq: number, bytes: Uint8Array) {
  const q = new URLSearchParams({ sha256: sha(bytes), startedAt: '1', durationMs: '1000' });
  const res = await fetch(`${server.url}/api/sessions/${sessionId}/evidence/camera/${seq}?${q}`, {
    method: 'POST',
    headers: { 'content-type': 'video/webm', cookie: student.cookie, 'x-csrf-token': student.csrf },
    body: bytes,
  });
  return { status: res.status, body: (await res.json()) as { error?: string; message?: string } };
}

beforeAll(async () => {
  server = await startTestServer({ demo: true });
  const s = await checkInThroughApi(server.url, 'student1', 'Әлібекова Аружан Қайратқызы');
  student = s.client;
  sessionId = s.sessionId;
});
afterAll(() => server?.close());

describe('the database disk is full', () => {
  it('refuses an answer save with 507 and a readable reason, and stores it when sent again', async () => {
    expect((await save(1, 'first')).status).toBe(200);
    diskFull(true);
    // A long answer needs new pages of the database file.
    const long = 'ответ '.repeat(20_000);
    const full = await save(2, long);
    expect(full.status).toBe(507);
    expect(full.body).toMatchObject({ error: 'insufficient-storage' });
    expect(full.body.message).toMatch(/storage is full/);

    diskFull(false);
    const again = await save(2, long);
    expect(again.status).toBe(200);
    expect(again.body).toMatchObject({ seq: 2, duplicate: false });
    const view = await student.call('getSession', { params: { sessionId } });
    expect(view.body.answer).toMatchObject({ seq: 2, sha256: sha(long) });
  });

  it('refuses an evidence segment with 507 when its row cannot be written, and takes it later', async () => {
    diskFull(true);
    // Enough rows to need a new page of the segments table and its audit chain.
    let refused: Awaited<ReturnType<typeof upload>> | undefined;
    for (let seq = 0; seq < 200 && !refused; seq++) {
      const r = await upload(seq, webm(seq % 250));
      if (r.status !== 200) refused = { ...r, body: { ...r.body, seq } as never };
    }
    expect(refused?.status).toBe(507);
    expect(refused?.body).toMatchObject({ error: 'insufficient-storage' });
    const seq = (refused!.body as unknown as { seq: number }).seq;

    diskFull(false);
    const later = await upload(seq, webm(seq % 250));
    expect(later.status).toBe(200);
    const listed = await student.call('listEvidence', { params: { sessionId } });
    expect(
      (listed.body.segments as { seq: number; sha256: string }[]).find((s) => s.seq === seq),
    ).toMatchObject({ sha256: sha(webm(seq % 250)) });
  });
});
