// The evidence upload endpoint as a recorder and an attacker meet it: idempotent by session,
// track, seq and SHA-256, hashed into the audit chain, and bad input refused with a reason and
// nothing stored. Disk full answers 507 and the segment can be sent again later.
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { verifyAuditChain } from '@emtihan/domain';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { BlobBytes, BlobStore } from '../src/adapters/blob-store.port.ts';
import { LocalDiskBlobStore } from '../src/adapters/local-disk.blob-store.ts';
import { openDatabase, sqliteFileOf } from '../src/db/database.ts';
import { SessionRepo } from '../src/repositories/session.repo.ts';
import { checkInThroughApi } from '../../web/e2e/written-exam.page.ts';
import { TestClient } from './client.ts';
import { startTestServer, type TestServer } from './harness.ts';
import { connect } from './signals/live-sitting.ts';

const sha = (b: Uint8Array) => createHash('sha256').update(b).digest('hex');
const webm = (n: number) => new Uint8Array([0x1a, 0x45, 0xdf, 0xa3, n, n, n, n]);

/** Local disk that can be told it is full. */
class FillableStore extends LocalDiskBlobStore {
  full = false;
  override async write(key: string, data: BlobBytes) {
    if (this.full)
      throw Object.assign(new Error('ENOSPC: no space left on device'), { code: 'ENOSPC' });
    return super.write(key, data);
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

  it('stores a large segment, which arrives in many pieces, byte for byte', async () => {
    const bytes = new Uint8Array(1_500_000).map((_, i) => (i * 7919) % 251);
    const r = await send(student, { seq: 50, bytes });
    expect(r).toMatchObject({ status: 200, body: { seq: 50, size: bytes.byteLength } });
    const [key] = await store.list(`evidence/${sessionId}/camera/000050`);
    expect(sha((await store.get(key!))!)).toBe(sha(bytes));
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

    // A snapshot is decoded: bytes that are not a JPEG are refused, nothing is stored.
    const fakeSnapshot = await send(student, {
      track: 'camera-snapshot',
      seq: 0,
      bytes: new Uint8Array([0xff, 0xd8, 0xff, 0xe0, 1, 2, 3]),
      type: 'image/jpeg',
    });
    expect(fakeSnapshot.status).toBe(415);
    const wrongType = await send(student, {
      track: 'screen',
      seq: 0,
      bytes: webm(5),
      type: 'image/jpeg',
    });
    expect(wrongType.status).toBe(415);

    expect((await listed()).map((s) => `${s.track}/${s.seq}`)).toEqual(['camera/0', 'camera/50']);
    expect((await store.list('evidence/')).length).toBe(2);
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

  it('stores the bytes again when a resend finds the row but not its blob (a crash between their flushes)', async () => {
    const first = await send(student, { track: 'screen', seq: 9, bytes: webm(9) });
    expect(first).toMatchObject({ status: 200, body: { duplicate: false } });
    const [key] = await store.list(`evidence/${sessionId}/screen/000009-`);
    await store.delete(key!);
    const resend = await send(student, { track: 'screen', seq: 9, bytes: webm(9) });
    expect(resend).toMatchObject({ status: 200, body: { seq: 9, duplicate: true } });
    const bytes = await fetch(`${server.url}/api/sessions/${sessionId}/evidence/screen/9`, {
      headers: { cookie: student.cookie },
    });
    expect(bytes.status).toBe(200);
    expect(sha(new Uint8Array(await bytes.arrayBuffer()))).toBe(sha(webm(9)));
  });

  it('acknowledges a resend only once the first copy is on disk', async () => {
    // The server's flushes of its database log are held back: the first upload's row is
    // committed, its log not yet on disk, when the recorder sends the segment again.
    const sqlite = sqliteFileOf(server.db)!;
    const syncWal = sqlite.syncWal;
    let release!: () => void;
    const released = new Promise<void>((r) => (release = r));
    let committed!: () => void;
    const firstCommitted = new Promise<void>((r) => (committed = r));
    sqlite.syncWal = () => {
      committed();
      return released.then(syncWal);
    };
    try {
      const first = send(student, { seq: 7, bytes: webm(7) });
      await firstCommitted;
      let resendAnswered = false;
      const resend = send(student, { seq: 7, bytes: webm(7) }).finally(() => {
        resendAnswered = true;
      });
      // A request sent after the resend sees the row, and still the resend waits.
      expect((await listed()).map((s) => s.seq)).toContain(7);
      expect(resendAnswered).toBe(false);
      release();
      expect(await first).toMatchObject({ status: 200, body: { seq: 7, duplicate: false } });
      expect(await resend).toMatchObject({ status: 200, body: { seq: 7, duplicate: true } });
    } finally {
      sqlite.syncWal = syncWal;
      release();
    }
  });

  it('takes the phone’s side track like the others: stored once by seq and hash, listed for the proctor, played back', async () => {
    const side = [webm(30), webm(31)];
    for (const [seq, bytes] of side.entries()) {
      const r = await send(student, { track: 'side', seq, bytes });
      expect(r).toMatchObject({ status: 200, body: { track: 'side', seq, duplicate: false } });
    }
    expect(await send(student, { track: 'side', seq: 1, bytes: side[1]! })).toMatchObject({
      status: 200,
      body: { duplicate: true },
    });
    // Staff cannot send evidence in the student's name, on any track.
    const proctor = new TestClient(server.url);
    await proctor.login('proctor1');
    expect((await send(proctor, { track: 'side', seq: 2, bytes: webm(32) })).status).toBe(403);

    const report = await proctor.call('sessionReport', { params: { sessionId } });
    expect(
      (report.body.evidence as { track: string; seq: number; sha256: string }[])
        .filter((e) => e.track === 'side')
        .map((e) => [e.seq, e.sha256]),
    ).toEqual([
      [0, sha(side[0]!)],
      [1, sha(side[1]!)],
    ]);
    const played = await fetch(`${server.url}/api/sessions/${sessionId}/evidence/side/1`, {
      headers: { cookie: proctor.cookie },
    });
    expect(played.headers.get('content-type')).toBe('video/webm');
    expect(sha(new Uint8Array(await played.arrayBuffer()))).toBe(sha(side[1]!));
  });
});

describe('integrity report', () => {
  it('gives the examiner JSON, a Kazakh PDF with an embedded font, and the exam CSV; the student explains after the exam', async () => {
    const examiner = new TestClient(server.url);
    await examiner.login('examiner1');
    const proctor = new TestClient(server.url);
    await proctor.login('proctor1');
    // A warning, acknowledged; then the work is handed in.
    await proctor.call('sessionCommand', {
      params: { sessionId },
      body: { type: 'issue-warning', category: 'phone_call', note: 'Телефонды алып тастаңыз' },
    });
    const early = await student.call('explainEvidence', {
      params: { sessionId },
      body: { target: 'audit:1', body: 'Ертерек' },
    });
    expect(early.status).toBe(409);

    // A flag with its snapshot: a paste, seen by the student's browser, with a camera JPEG.
    const jpeg = execFileSync('ffmpeg', [
      '-v',
      'error',
      '-f',
      'lavfi',
      '-i',
      'color=c=orange:s=320x240',
      '-frames:v',
      '1',
      '-f',
      'image2pipe',
      '-c:v',
      'mjpeg',
      '-',
    ]);
    const socket = await connect(server.url, student);
    expect(
      await socket.emitWithAck('msg', {
        type: 'signals',
        sessionId,
        seq: 0,
        signals: [{ kind: 'clipboard', at: Date.now(), action: 'paste' }],
        evidence: { index: 0, jpeg },
      }),
    ).toMatchObject({ ok: true });
    socket.close();

    const r = await examiner.call('sessionReport', { params: { sessionId } });
    expect(r.status).toBe(200);
    expect(r.body.flags).toEqual([
      expect.objectContaining({ category: 'copy_paste', evidenceFileId: expect.any(String) }),
    ]);
    expect(r.body.audit.verification).toEqual({ ok: true });
    expect(r.body.warnings).toEqual([expect.objectContaining({ category: 'phone_call' })]);
    expect(r.body.score.score).toBeLessThan(100);
    expect(r.body.evidence.map((e: { sha256: string }) => e.sha256)).toContain(sha(webm(1)));
    expect(r.body.timeline.map((i: { kind: string }) => i.kind)).toContain('warning');

    const pdf = await fetch(`${server.url}/api/sessions/${sessionId}/report.pdf?lang=kk`, {
      headers: { cookie: examiner.cookie },
    });
    expect(pdf.headers.get('content-type')).toBe('application/pdf');
    const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'report-')), 'r.pdf');
    fs.writeFileSync(file, Buffer.from(await pdf.arrayBuffer()));
    const text = execFileSync('pdftotext', ['-enc', 'UTF-8', file, '-'], { encoding: 'utf8' });
    expect(text).toContain('Адалдық есебі');
    expect(text).toContain('Әлібекова Аружан Қайратқызы');
    expect(text).toContain('Тізбек тексерілді: барлық жазба бүтін');
    expect(text).toContain(sha(webm(1)));
    const fonts = execFileSync('pdffonts', [file], { encoding: 'utf8' });
    expect(fonts).toMatch(/DejaVuSans.*yes/);
    // The flag is listed with its snapshot embedded beside it (a JPEG, drawn small).
    expect(text).toContain('Көшіру немесе қою (жеңіл)');
    const images = execFileSync('pdfimages', ['-list', file], { encoding: 'utf8' })
      .trim()
      .split('\n')
      .slice(2);
    expect(images).toHaveLength(1);
    expect(images[0]).toMatch(/\bimage\s+320\s+240\b.*\bjpeg\b/);
    fs.rmSync(path.dirname(file), { recursive: true, force: true });

    const csv = await fetch(`${server.url}/api/exams/${r.body.session.examId}/report.csv`, {
      headers: { cookie: examiner.cookie },
    });
    const lines = (await csv.text())
      .replace(/^\uFEFF/, '')
      .trim()
      .split('\r\n');
    expect(lines[0]).toMatch(/^login,full_name,group,session_id,status/);
    expect(lines.slice(1).map((l) => l.split(',')[0])).toEqual(
      expect.arrayContaining(['student1', 'student2', 'student3']),
    );
    expect(lines.find((l) => l.startsWith('student1,'))).toMatch(/,yes,/);
    // Students do not get the exam's CSV.
    expect(
      (await student.call('examReportCsv', { params: { examId: r.body.session.examId } })).status,
    ).toBe(403);

    // After the exam the student explains the warning; the examiner sees it.
    const session = (await student.call('getSession', { params: { sessionId } })).body;
    const answer = 'Жауап';
    await student.call('saveAnswer', {
      params: { sessionId },
      body: { seq: 1, body: answer, sha256: createHash('sha256').update(answer).digest('hex') },
    });
    const submitted = await student.call('sessionCommand', {
      params: { sessionId },
      body: { type: 'submit', answerSha256: createHash('sha256').update(answer).digest('hex') },
    });
    expect(submitted.status, JSON.stringify(submitted.body)).toBe(200);
    const explained = await student.call('explainEvidence', {
      params: { sessionId },
      body: {
        target: `warning:${session.state.warnings[0].id}`,
        body: 'Телефон дірілдеді, мен оны алып қойдым.',
      },
    });
    expect(explained.status).toBe(200);
    const after = await examiner.call('sessionReport', { params: { sessionId } });
    expect(after.body.explanations).toEqual([
      expect.objectContaining({ body: 'Телефон дірілдеді, мен оны алып қойдым.' }),
    ]);
    expect(after.body.audit.verification).toEqual({ ok: true });
  });

  it('lets the course’s examiner set a legal hold, with a reason, and nobody else', async () => {
    const examId = (await student.call('getSession', { params: { sessionId } })).body
      .examId as string;
    const examiner = new TestClient(server.url);
    await examiner.login('examiner1');
    const proctor = new TestClient(server.url);
    await proctor.login('proctor1');
    const noReason = await examiner.call('setLegalHold', {
      params: { examId },
      body: { hold: true },
    });
    expect(noReason.status).toBe(400);
    expect(
      (
        await proctor.call('setLegalHold', {
          params: { examId },
          body: { hold: true, reason: 'x' },
        })
      ).status,
    ).toBe(403);
    expect(
      (
        await student.call('setLegalHold', {
          params: { examId },
          body: { hold: true, reason: 'x' },
        })
      ).status,
    ).toBe(403);
    const set = await examiner.call('setLegalHold', {
      params: { examId },
      body: { hold: true, reason: 'Апелляция' },
    });
    expect(set.body).toMatchObject({ hold: true, reason: 'Апелляция' });
    expect((await proctor.call('getLegalHold', { params: { examId } })).body.hold).toBe(true);
  });
});
