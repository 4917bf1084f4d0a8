// Live proctoring on the server (ADR 0007): signalling is relayed only between a student and
// the staff allowed to watch them; each sitting has one proctor who alone acts, watches and
// chats until another proctor takes the student over; chat is stored and delivered live.
import type { Socket } from 'socket.io-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase } from '../src/db/database.ts';
import { SessionRepo } from '../src/repositories/session.repo.ts';
import { TestClient } from './client.ts';
import { addDemoWrittenExam, startTestServer, type TestServer } from './harness.ts';
import { addProctor, checkIn, next, socketOf } from './live-world.ts';

let server: TestServer;
const examId = 'live-server';
const sockets: Socket[] = [];
let s1: Awaited<ReturnType<typeof checkIn>>;
let s2: Awaited<ReturnType<typeof checkIn>>;
let proctors: Record<string, TestClient>;
let ownerOf1: string;
let otherOf1: string;

const open = async (c: TestClient) => {
  const s = await socketOf(server.url, c);
  sockets.push(s);
  return s;
};

beforeAll(async () => {
  server = await startTestServer({ demo: true });
  await addDemoWrittenExam(server, {
    id: examId,
    title: 'Live exam',
    settings: { liveProctoring: true },
  });
  const p1 = new TestClient(server.url);
  await p1.login('proctor1');
  const p2 = await addProctor(server.url, 'proctor2', 'Омарова Дана Ерланқызы');
  proctors = { proctor1: p1, proctor2: p2.client };
  s1 = await checkIn(server.url, examId, 'student1', 'Әлібекова Аружан Қайратқызы');
  s2 = await checkIn(server.url, examId, 'student2', 'Нұрланов Дәулет Серікұлы');
  const list = await p1.call('examAssignments', { params: { examId } });
  const byId = Object.fromEntries(
    (list.body.entries as { sessionId: string; proctorName: string }[]).map((e) => [
      e.sessionId,
      e.proctorName,
    ]),
  );
  ownerOf1 = byId[s1.sessionId] === 'Омарова Дана Ерланқызы' ? 'proctor2' : 'proctor1';
  otherOf1 = ownerOf1 === 'proctor1' ? 'proctor2' : 'proctor1';
});

/** The types of a sitting's audit entries, read from the server's database. */
async function auditTypes(sessionId: string): Promise<string[]> {
  const { db } = openDatabase({ dataDir: server.dataDir });
  try {
    return (await new SessionRepo(db).auditChain(sessionId)).map((e) => e.type);
  } finally {
    await db.destroy();
  }
}

afterAll(async () => {
  for (const s of sockets) s.disconnect();
  await server?.close();
});

describe('proctor assignments', () => {
  it('shares the students between the course proctors', async () => {
    const list = await proctors.proctor1!.call('examAssignments', { params: { examId } });
    expect(list.status).toBe(200);
    const names = (list.body.entries as { proctorName: string }[]).map((e) => e.proctorName);
    expect(new Set(names).size).toBe(2);
  });

  it("refuses a proctor's command on another proctor's student with a typed reason, until taken over", async () => {
    const other = proctors[otherOf1]!;
    const warn = { type: 'approve-identity' };
    const refused = await other.call('sessionCommand', {
      params: { sessionId: s1.sessionId },
      body: warn,
    });
    expect(refused.status).toBe(403);
    expect(refused.body).toMatchObject({ error: 'forbidden', reason: 'not-assigned' });
    // Nothing changed.
    expect(
      (await s1.client.call('getSession', { params: { sessionId: s1.sessionId } })).body.state
        .status,
    ).toBe('awaiting_approval');

    const taken = await other.call('takeOver', { params: { sessionId: s1.sessionId } });
    expect(taken.status).toBe(200);
    const approved = await other.call('sessionCommand', {
      params: { sessionId: s1.sessionId },
      body: warn,
    });
    expect(approved.status).toBe(200);
    // Now the first proctor is the one refused; the audit chain names the take-over.
    const before = await proctors[ownerOf1]!.call('sessionCommand', {
      params: { sessionId: s1.sessionId },
      body: { type: 'issue-warning', category: 'tab_switch' },
    });
    expect(before.body).toMatchObject({ reason: 'not-assigned' });
    expect(await auditTypes(s1.sessionId)).toContain('proctor-took-over');
    // Give it back for the next tests.
    await proctors[ownerOf1]!.call('takeOver', { params: { sessionId: s1.sessionId } });
  });
});

describe('live media signalling', () => {
  it("relays offers between a student and their proctor only; a student never reaches another student's page", async () => {
    const student1 = await open(s1.client);
    const student2 = await open(s2.client);
    const owner = await open(proctors[ownerOf1]!);
    const other = await open(proctors[otherOf1]!);

    expect(
      await student1.emitWithAck('msg', { type: 'rtc-publish', sessionId: s1.sessionId }),
    ).toEqual({ ok: true });
    // Another student may neither publish as student1 nor watch student1.
    expect(
      await student2.emitWithAck('msg', { type: 'rtc-publish', sessionId: s1.sessionId }),
    ).toMatchObject({ ok: false, reason: 'forbidden' });
    expect(
      await student2.emitWithAck('msg', {
        type: 'rtc-view',
        sessionId: s1.sessionId,
        quality: 'full',
      }),
    ).toMatchObject({ ok: false, reason: 'forbidden' });
    // The proctor of another student is refused with the typed reason.
    expect(
      await other.emitWithAck('msg', {
        type: 'rtc-view',
        sessionId: s1.sessionId,
        quality: 'tile',
      }),
    ).toMatchObject({ ok: false, reason: 'not-assigned' });

    const asked = next(student1, 'rtc-viewer');
    expect(
      await owner.emitWithAck('msg', {
        type: 'rtc-view',
        sessionId: s1.sessionId,
        quality: 'tile',
      }),
    ).toEqual({ ok: true });
    const viewer = await asked;
    expect(viewer).toMatchObject({ sessionId: s1.sessionId, viewer: owner.id, quality: 'tile' });

    const offer = next(owner, 'rtc-signal');
    expect(
      await student1.emitWithAck('msg', {
        type: 'rtc-signal',
        sessionId: s1.sessionId,
        peer: owner.id,
        description: { type: 'offer', sdp: 'v=0' },
      }),
    ).toEqual({ ok: true });
    expect(await offer).toMatchObject({
      peer: student1.id,
      description: { type: 'offer', sdp: 'v=0' },
    });

    // Signals to a page outside the sitting are refused: another student, another proctor.
    for (const peer of [student2.id, other.id])
      expect(
        await student1.emitWithAck('msg', {
          type: 'rtc-signal',
          sessionId: s1.sessionId,
          peer,
          candidate: null,
        }),
      ).toMatchObject({ ok: false, reason: 'forbidden' });
    expect(
      await student2.emitWithAck('msg', {
        type: 'rtc-signal',
        sessionId: s1.sessionId,
        peer: owner.id,
        candidate: null,
      }),
    ).toMatchObject({ ok: false, reason: 'forbidden' });
    // A malformed signal fails its schema.
    expect(
      await student1.emitWithAck('msg', {
        type: 'rtc-signal',
        sessionId: s1.sessionId,
        peer: owner.id,
        description: { type: 'hack' },
      }),
    ).toMatchObject({ ok: false, reason: 'invalid-message' });

    // The student's page goes away: the proctor hears it.
    const left = next(owner, 'rtc-publisher-left');
    student1.disconnect();
    expect(await left).toMatchObject({ sessionId: s1.sessionId, publisher: expect.any(String) });
  });

  it('hands out ICE servers (none configured: direct connections)', async () => {
    const r = await s1.client.call('iceServers');
    expect(r.body).toEqual({ iceServers: [], expiresAt: null });
  });
});

describe('chat', () => {
  it('stores and delivers messages both ways; a technical failure is marked and audited', async () => {
    const student = await open(s2.client);
    const ownerOf2 =
      (await proctors.proctor1!.call('examAssignments', { params: { examId } })).body.entries.find(
        (e: { sessionId: string }) => e.sessionId === s2.sessionId,
      ).proctorName === 'Омарова Дана Ерланқызы'
        ? 'proctor2'
        : 'proctor1';
    const proctor = proctors[ownerOf2]!;
    const staff = await open(proctor);
    await staff.emitWithAck('msg', { type: 'watch-exam', examId });

    const heardByProctor = next(staff, 'chat-message');
    const sent = await s2.client.call('postChat', {
      params: { sessionId: s2.sessionId },
      body: { body: 'My camera froze', technical: true },
    });
    expect(sent.status).toBe(200);
    expect((await heardByProctor).message).toMatchObject({
      body: 'My camera froze',
      technical: true,
      authorRole: 'student',
    });

    const heardByStudent = next(student, 'chat-message');
    await proctor.call('postChat', {
      params: { sessionId: s2.sessionId },
      body: { body: 'Reload the page, please' },
    });
    expect((await heardByStudent).message).toMatchObject({
      body: 'Reload the page, please',
      authorRole: 'proctor',
      technical: false,
    });

    const stored = await s2.client.call('sessionChat', { params: { sessionId: s2.sessionId } });
    expect(stored.body.messages.map((m: { body: string }) => m.body)).toEqual([
      'My camera froze',
      'Reload the page, please',
    ]);
    // Another student reads and writes nothing here; the other proctor may read, not write.
    const stranger = new TestClient(server.url);
    await stranger.login('student3');
    expect(
      (await stranger.call('sessionChat', { params: { sessionId: s2.sessionId } })).status,
    ).toBe(403);
    const otherProctor = proctors[ownerOf2 === 'proctor1' ? 'proctor2' : 'proctor1']!;
    const refused = await otherProctor.call('postChat', {
      params: { sessionId: s2.sessionId },
      body: { body: 'hi' },
    });
    expect(refused.body).toMatchObject({ error: 'forbidden', reason: 'not-assigned' });
    // Empty messages fail validation and store nothing.
    expect(
      (
        await s2.client.call('postChat', {
          params: { sessionId: s2.sessionId },
          body: { body: '  ' },
        })
      ).status,
    ).toBe(400);
    expect(
      (await s2.client.call('sessionChat', { params: { sessionId: s2.sessionId } })).body.messages,
    ).toHaveLength(2);
    expect(await auditTypes(s2.sessionId)).toContain('technical-failure-reported');
  });
});
