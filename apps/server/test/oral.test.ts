// Oral exams through the real server: schedule, waiting room, the room's commands, grades, the
// protocol, and the refusals of bad input (nothing changed after each).
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { verifyAuditChain } from '@emtihan/domain';
import { ORAL_SOCKET_EVENT, type OralAck } from '@emtihan/protocol';
import { io, type Socket } from 'socket.io-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase } from '../src/db/database.ts';
import { OralRepo } from '../src/repositories/oral.repo.ts';
import { TestClient } from './client.ts';
import { startTestServer, type TestServer } from './harness.ts';
import { tinyPicture } from './pictures.ts';

let server: TestServer;
const c: Record<string, TestClient> = {};
let examId: string;
let slotId: string;
const ids: Record<string, string> = {};
const sockets: Socket[] = [];

async function socketOf(who: string): Promise<Socket> {
  const s = io(server.url, { extraHeaders: { cookie: c[who]!.cookie }, transports: ['websocket'] });
  sockets.push(s);
  await new Promise<void>((resolve) => s.on('connect', () => resolve()));
  return s;
}
const oralMsg = (s: Socket, m: object) => s.emitWithAck(ORAL_SOCKET_EVENT, m) as Promise<OralAck>;
const room = async (who = 'examiner1') =>
  (await c[who]!.call('oralRoom', { params: { slotId } })).body;
const command = (who: string, sessionId: string, body: object) =>
  c[who]!.call('oralCommand', { params: { sessionId }, body });

beforeAll(async () => {
  server = await startTestServer();
  for (const login of ['student1', 'student2', 'student3', 'examiner1', 'proctor1']) {
    c[login] = new TestClient(server.url);
    const r = await c[login].login(login);
    ids[login] = r.body.user.id as string;
  }
  const exams = (await c.examiner1!.call('listExams')).body.exams as { id: string; kind: string }[];
  examId = exams.find((e) => e.kind === 'oral')!.id;
  const plan = (await c.examiner1!.call('oralPlan', { params: { examId } })).body;
  slotId = plan.slots.find((s: { planned: boolean }) => s.planned).slotId;
});

afterAll(async () => {
  for (const s of sockets) s.disconnect();
  await server?.close();
});

describe('scheduling', () => {
  it('shows the examiner the demo tickets and the planned slot, and refuses others', async () => {
    const plan = (await c.examiner1!.call('oralPlan', { params: { examId } })).body;
    expect(plan.tickets).toHaveLength(3);
    expect(plan.slots[0].students.map((s: { id: string }) => s.id)).toEqual([
      ids.student1,
      ids.student2,
    ]);
    expect((await c.student1!.call('oralPlan', { params: { examId } })).status).toBe(403);
    expect((await c.proctor1!.call('oralPlan', { params: { examId } })).status).toBe(403);
  });

  it('imports tickets from CSV and text, and refuses a ticket with four questions', async () => {
    const csv = 'number;question 1;question 2\n1;Абай кім?;\n2;Шоқан кім?;Ыбырай кім?\n';
    const r = await c.examiner1!.call('setOralSetup', {
      params: { examId },
      body: { scale: 'kz-letter-100', tickets: { format: 'csv', text: csv } },
    });
    expect(r.status).toBe(200);
    expect(r.body.tickets).toEqual([
      { number: 1, questions: ['Абай кім?'] },
      { number: 2, questions: ['Шоқан кім?', 'Ыбырай кім?'] },
    ]);
    const bad = await c.examiner1!.call('setOralSetup', {
      params: { examId },
      body: { scale: 'kz-letter-100', tickets: { format: 'text', text: 'Ticket 1\na\nb\nc\nd' } },
    });
    expect(bad.status).toBe(400);
    expect(bad.body.message).toContain('questions-count');
    const text = 'Билет 1\nАбай кім?\nҚара сөздер\n\nБилет 2\nШоқан кім?\n\nБилет 3\nЫбырай кім?';
    const t = await c.examiner1!.call('setOralSetup', {
      params: { examId },
      body: { scale: 'kz-letter-100', tickets: { format: 'text', text } },
    });
    expect(t.body.tickets).toHaveLength(3);
  });

  it('refuses four examiners, a non-student and a student in two slots; nothing changes', async () => {
    const plan = (await c.examiner1!.call('oralPlan', { params: { examId } })).body;
    const free = plan.slots.find((s: { planned: boolean }) => !s.planned);
    const base = {
      slotId: free.slotId,
      startsAt: free.startsAt,
      lengthMinutes: 20,
      preparationMinutes: 5,
      examinerIds: [ids.examiner1],
      studentIds: [ids.student3],
      record: false,
    };
    const four = await c.examiner1!.call('scheduleOralSlot', {
      params: { examId },
      body: { ...base, examinerIds: ['a', 'b', 'c', 'd'] },
    });
    expect(four.status).toBe(400);
    const stranger = await c.examiner1!.call('scheduleOralSlot', {
      params: { examId },
      body: { ...base, studentIds: [ids.proctor1] },
    });
    expect(stranger.status).toBe(400);
    expect(stranger.body.message).toContain('not a student');
    const twice = await c.examiner1!.call('scheduleOralSlot', {
      params: { examId },
      body: { ...base, studentIds: [ids.student1] },
    });
    expect(twice.body.reason).toBe('student-in-other-slot');
    const after = (await c.examiner1!.call('oralPlan', { params: { examId } })).body;
    expect(after.slots.find((s: { slotId: string }) => s.slotId === free.slotId).planned).toBe(
      false,
    );
  });
});

describe('the waiting room and the room', () => {
  it('refuses a student entering another student’s slot, one too early or too late, and a recording of an unrecorded slot', async () => {
    const other = await c.student3!.call('joinOralSlot', { params: { slotId } });
    expect(other.status).toBe(403);
    expect(other.body.reason).toBe('not-your-slot');
    // student3 gets a slot tomorrow: the waiting room is not open yet.
    const plan = (await c.examiner1!.call('oralPlan', { params: { examId } })).body;
    const free = plan.slots.find((s: { planned: boolean }) => !s.planned);
    const later = await c.examiner1!.call('scheduleOralSlot', {
      params: { examId },
      body: {
        slotId: free.slotId,
        startsAt: new Date(Date.now() + 24 * 3600_000).toISOString(),
        lengthMinutes: 20,
        preparationMinutes: 5,
        examinerIds: [ids.examiner1],
        studentIds: [ids.student3],
        record: false,
      },
    });
    expect(later.status).toBe(200);
    const early = await c.student3!.call('joinOralSlot', { params: { slotId: free.slotId } });
    expect(early.status).toBe(409);
    expect(early.body.reason).toBe('too-early');
    expect(
      (await c.student3!.call('oralRoom', { params: { slotId: free.slotId } })).body.turns[0]
        .status,
    ).toBe('not_joined');
    // The same slot moved to an hour ago: it is over, and joining it changes nothing.
    const past = await c.examiner1!.call('scheduleOralSlot', {
      params: { examId },
      body: {
        slotId: free.slotId,
        startsAt: new Date(Date.now() - 3600_000).toISOString(),
        lengthMinutes: 20,
        preparationMinutes: 5,
        examinerIds: [ids.examiner1],
        studentIds: [ids.student3],
        record: false,
      },
    });
    expect(past.status).toBe(200);
    const late = await c.student3!.call('joinOralSlot', { params: { slotId: free.slotId } });
    expect(late.status).toBe(409);
    expect(late.body.reason).toBe('too-late');
    expect(
      (await c.student3!.call('oralRoom', { params: { slotId: free.slotId } })).body.turns[0]
        .status,
    ).toBe('not_joined');
    // Now, not recorded: the student joins, and a recording of the turn is refused.
    await c.examiner1!.call('scheduleOralSlot', {
      params: { examId },
      body: {
        slotId: free.slotId,
        startsAt: new Date().toISOString(),
        lengthMinutes: 20,
        preparationMinutes: 5,
        examinerIds: [ids.examiner1],
        studentIds: [ids.student3],
        record: false,
      },
    });
    const joined = await c.student3!.call('joinOralSlot', { params: { slotId: free.slotId } });
    const sessionId = joined.body.turns[0].sessionId as string;
    const bytes = new Uint8Array(4096).fill(1);
    const sha256 = createHash('sha256').update(bytes).digest('hex');
    const refused = await fetch(
      `${server.url}/api/sessions/${sessionId}/evidence/camera/0?sha256=${sha256}&startedAt=1&durationMs=1`,
      {
        method: 'POST',
        headers: {
          'content-type': 'video/webm',
          cookie: c.student3!.cookie,
          'x-csrf-token': c.student3!.csrf,
        },
        body: bytes,
      },
    );
    expect(refused.status).toBe(403);
    expect(await refused.json()).toMatchObject({ message: 'this oral exam slot is not recorded' });
  });

  it('queues the students in order and admits one at a time', async () => {
    const j1 = await c.student1!.call('joinOralSlot', { params: { slotId } });
    expect(j1.status).toBe(200);
    expect(j1.body.turns).toHaveLength(1);
    expect(j1.body.turns[0]).toMatchObject({ status: 'waiting_room', place: 1 });
    const j2 = await c.student2!.call('joinOralSlot', { params: { slotId } });
    expect(j2.body.turns[0]).toMatchObject({ status: 'waiting_room', place: 2 });
    // Joining again from a reload gives the same turn back, not a second one.
    const again = await c.student1!.call('joinOralSlot', { params: { slotId } });
    expect(again.body.turns[0].sessionId).toBe(j1.body.turns[0].sessionId);
  });

  it('lets the commission move a waiting student up and back down; refuses a student, a student past the end, and an outsider', async () => {
    const move = (who: string, studentId: string, m: string) =>
      c[who]!.call('moveInOralQueue', { params: { slotId }, body: { studentId, move: m } });
    const order = async () => (await room()).turns.map((t: { studentId: string }) => t.studentId);
    expect(await order()).toEqual([ids.student1, ids.student2]);
    const up = await move('examiner1', ids.student2!, 'up');
    expect(up.status).toBe(200);
    expect(up.body.turns.map((t: { studentId: string }) => t.studentId)).toEqual([
      ids.student2,
      ids.student1,
    ]);
    expect((await room('student2')).turns[0]).toMatchObject({ place: 1 });
    // Refused, and nothing moves.
    const last = await move('examiner1', ids.student1!, 'down');
    expect(last.status).toBe(409);
    expect(last.body.reason).toBe('cannot-move');
    expect((await move('student2', ids.student2!, 'first')).status).toBe(403);
    expect((await move('examiner1', ids.student3!, 'up')).body.reason).toBe('not-in-slot');
    expect(await order()).toEqual([ids.student2, ids.student1]);
    expect((await move('examiner1', ids.student1!, 'first')).status).toBe(200);
    expect(await order()).toEqual([ids.student1, ids.student2]);
  });

  it('keeps a student out of the media room until called in, and refuses a second window', async () => {
    const s1 = await socketOf('student1');
    expect(await oralMsg(s1, { type: 'oral-enter', slotId })).toMatchObject({
      ok: false,
      reason: 'not-admitted',
    });
    const ex = await socketOf('examiner1');
    expect(await oralMsg(ex, { type: 'oral-enter', slotId })).toEqual({ ok: true, peers: [] });
    const r = await room();
    const first = r.turns[0];
    expect((await command('examiner1', first.sessionId, { type: 'call-in' })).status).toBe(200);
    const busy = await command('examiner1', r.turns[1].sessionId, { type: 'call-in' });
    expect(busy.body.reason).toBe('room-busy');
    const joined = new Promise((resolve) =>
      ex.on(
        ORAL_SOCKET_EVENT,
        (m: { type: string }) => m.type === 'oral-peer-joined' && resolve(m),
      ),
    );
    const entered = await oralMsg(s1, { type: 'oral-enter', slotId });
    expect(entered).toMatchObject({
      ok: true,
      peers: [{ userId: ids.examiner1, role: 'examiner' }],
    });
    await joined;
    const second = await socketOf('student1');
    expect(await oralMsg(second, { type: 'oral-enter', slotId })).toMatchObject({
      ok: false,
      reason: 'already-connected',
    });
    // Signalling reaches only the addressed participant in the room.
    const s2 = await socketOf('student2');
    expect(
      await oralMsg(s2, {
        type: 'oral-signal',
        slotId,
        to: ids.examiner1,
        signal: { description: { type: 'offer', sdp: 'x' } },
      }),
    ).toMatchObject({ ok: false, reason: 'not-in-room' });
    const got = new Promise((resolve) =>
      ex.on(ORAL_SOCKET_EVENT, (m: { type: string }) => m.type === 'oral-signal' && resolve(m)),
    );
    await oralMsg(s1, {
      type: 'oral-signal',
      slotId,
      to: ids.examiner1,
      signal: { description: { type: 'offer', sdp: 'v=0' } },
    });
    expect(await got).toMatchObject({
      from: ids.student1,
      signal: { description: { type: 'offer' } },
    });
  });

  it('keeps the recording of the turn as evidence: idempotent, in the oral chain, played by the commission', async () => {
    const sessionId = (await room()).turns[0].sessionId as string;
    // A stand-in for a recorded WebM segment: the server checks the type, size and hash only.
    const bytes = new Uint8Array(4096).map((_, i) => i % 251);
    const sha256 = createHash('sha256').update(bytes).digest('hex');
    const upload = (who: string, body: Uint8Array, hash = sha256) =>
      fetch(
        `${server.url}/api/sessions/${sessionId}/evidence/camera/0?sha256=${hash}&startedAt=${Date.now()}&durationMs=4000`,
        {
          method: 'POST',
          headers: {
            'content-type': 'video/webm',
            cookie: c[who]!.cookie,
            'x-csrf-token': c[who]!.csrf,
          },
          body,
        },
      );
    const first = await upload('student1', bytes);
    expect(first.status).toBe(200);
    expect(await first.json()).toMatchObject({ track: 'camera', seq: 0, sha256, duplicate: false });
    const again = await upload('student1', bytes);
    expect(await again.json()).toMatchObject({ duplicate: true });
    const other = bytes.map((b) => b ^ 1);
    const otherHash = createHash('sha256').update(other).digest('hex');
    expect((await upload('student1', other, otherHash)).status).toBe(409);
    expect((await upload('student2', bytes)).status).toBe(403);

    const recordings = (await room()).turns[0].recordings;
    expect(recordings).toEqual([
      expect.objectContaining({ track: 'camera', seq: 0, sha256, size: 4096 }),
    ]);
    expect((await room('student1')).turns[0].recordings).toEqual([]);
    const play = (who: string) =>
      fetch(`${server.url}/api/sessions/${sessionId}/evidence/camera/0`, {
        headers: { cookie: c[who]!.cookie },
      });
    const played = await play('examiner1');
    expect(played.headers.get('content-type')).toBe('video/webm');
    expect(new Uint8Array(await played.arrayBuffer())).toEqual(bytes);
    expect((await play('student2')).status).toBe(403);
    expect((await play('proctor1')).status).toBe(403);
  });

  it('checks the ID, draws a ticket for everyone to see, and refuses a grade off the scale', async () => {
    const sessionId = (await room()).turns[0].sessionId as string;
    const snapshot = (body: Uint8Array) =>
      fetch(`${server.url}/api/oral/sessions/${sessionId}/id-snapshot`, {
        method: 'POST',
        headers: {
          'content-type': 'image/png',
          cookie: c.examiner1!.cookie,
          'x-csrf-token': c.examiner1!.csrf,
        },
        body,
      });
    // Bytes that only begin like a PNG are not a picture: refused, nothing kept.
    const fake = await snapshot(new Uint8Array([0x89, 0x50, 0x4e, 0x47, 1, 2, 3]));
    expect(fake.status).toBe(415);
    expect(((await fake.json()) as { error: string }).error).toBe('unsupported-media-type');
    const png = await tinyPicture(3, 'png');
    const up = await snapshot(png);
    expect(up.status).toBe(200);
    const early = await command('student1', sessionId, { type: 'draw-ticket' });
    expect(early.body.reason).toBe('identity-not-approved');
    await command('examiner1', sessionId, { type: 'approve-identity' });
    const drawn = await command('student1', sessionId, { type: 'draw-ticket' });
    expect(drawn.status).toBe(200);
    const ticket = drawn.body.turns[0].ticket;
    expect(ticket.questions.length).toBeGreaterThan(0);
    expect((await room()).turns[0].ticket).toEqual(ticket);
    await command('student1', sessionId, { type: 'start-answer' });
    await command('examiner1', sessionId, { type: 'note', text: 'Good on Abai, weak on dates' });
    expect((await room('student1')).notes).toEqual([]);
    const off = await command('examiner1', sessionId, { type: 'grade', mark: 101 });
    expect(off.status).toBe(409);
    expect(off.body.reason).toBe('invalid-grade');
    for (const mark of [-1, 86.5]) {
      const bad = await command('examiner1', sessionId, { type: 'grade', mark });
      expect(bad.body.reason).toBe('invalid-grade');
    }
    expect((await room()).turns[0]).toMatchObject({ status: 'answering', grades: [] });
    const own = await command('student1', sessionId, { type: 'grade', mark: 100 });
    expect(own.status).toBe(403);
    const graded = await command('examiner1', sessionId, { type: 'grade', mark: 87 });
    expect(graded.body.turns[0]).toMatchObject({ status: 'graded', finalMark: 87 });
    expect((await room()).turns[1]).toMatchObject({ status: 'waiting_room', place: 1 });
    const rejoin = await c.student1!.call('joinOralSlot', { params: { slotId } });
    expect(rejoin.body.reason).toBe('already-examined');

    const { db } = openDatabase({ dataDir: server.dataDir });
    try {
      const chain = await new OralRepo(db).auditChain(sessionId);
      expect(chain.map((e) => e.type)).toEqual([
        'oral.joined',
        'oral.queue-moved',
        'oral.call-in',
        'evidence.stored',
        'oral.id-snapshot',
        'oral.approve-identity',
        'oral.draw-ticket',
        'oral.start-answer',
        'oral.examiner-graded',
        'oral.grade',
      ]);
      expect(verifyAuditChain(chain)).toMatchObject({ ok: true });
    } finally {
      await db.destroy();
    }
  });

  it('warns the next student, who acknowledges; stops the exam and takes the student out of the room; annuls it', async () => {
    const turn = (await room()).turns[1];
    const sessionId = turn.sessionId as string;
    await command('examiner1', sessionId, { type: 'call-in' });
    const s2 = await socketOf('student2');
    expect(await oralMsg(s2, { type: 'oral-enter', slotId })).toMatchObject({ ok: true });
    const badCategory = await command('examiner1', sessionId, {
      type: 'issue-warning',
      category: 'nap',
    });
    expect(badCategory.body.reason).toBe('unknown-category');
    const warned = await command('examiner1', sessionId, {
      type: 'issue-warning',
      category: 'headphones',
    });
    const warning = warned.body.turns[1].warnings[0];
    expect(warning).toMatchObject({ category: 'headphones', acknowledgedAt: null });
    const acked = await command('student2', sessionId, {
      type: 'acknowledge-warning',
      warningId: warning.warningId,
    });
    expect(acked.body.turns[0].warnings[0].acknowledgedAt).not.toBeNull();
    const left = new Promise((resolve) =>
      s2.on(ORAL_SOCKET_EVENT, (m: { type: string }) => m.type === 'oral-peer-left' && resolve(m)),
    );
    const stopped = await command('examiner1', sessionId, {
      type: 'terminate',
      reason: 'a phone call during the answer',
    });
    expect(stopped.body.turns[1]).toMatchObject({
      status: 'terminated',
      endReason: 'a phone call during the answer',
    });
    await left;
    expect(
      await oralMsg(s2, {
        type: 'oral-signal',
        slotId,
        to: ids.examiner1,
        signal: { description: { type: 'offer', sdp: 'x' } },
      }),
    ).toMatchObject({ ok: false, reason: 'not-in-room' });
    expect(await oralMsg(s2, { type: 'oral-enter', slotId })).toMatchObject({
      ok: false,
      reason: 'not-admitted',
    });
    const annulled = await command('examiner1', sessionId, {
      type: 'annul',
      reason: 'impersonation',
    });
    expect(annulled.body.turns[1].status).toBe('annulled');
  });

  it('writes the protocol as a PDF with both students, in Kazakh', async () => {
    const res = await fetch(`${server.url}/api/oral/slots/${slotId}/protocol.pdf?lang=kk`, {
      headers: { cookie: c.examiner1!.cookie },
    });
    expect(res.headers.get('content-type')).toBe('application/pdf');
    const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'oral-pdf-')), 'p.pdf');
    fs.writeFileSync(file, Buffer.from(await res.arrayBuffer()));
    const text = execFileSync('pdftotext', [file, '-']).toString();
    expect(text).toContain('Ауызша емтихан хаттамасы');
    expect(text).toContain('Әлібекова Аружан Қайратқызы');
    expect(text).toContain('Нұрланов Дәулет Серікұлы');
    expect(text).toContain('87 (B+)');
    expect(text).toContain('жойылды');
    // The recording of the first turn, by its hash.
    const { recordings } = (await room()).turns[0];
    expect(recordings).toHaveLength(1);
    expect(text).toContain('Жазбалар (дәлел ретінде сақталған, SHA-256)');
    expect(text).toContain(recordings[0].sha256);
    const student = await fetch(`${server.url}/api/oral/slots/${slotId}/protocol.pdf`, {
      headers: { cookie: c.student2!.cookie },
    });
    expect(student.status).toBe(403);
  });
});
