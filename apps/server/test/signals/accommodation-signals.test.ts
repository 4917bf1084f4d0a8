// Accommodations and flags on the real server: a student whose accommodation skips the face
// check gets no face flag from the same signals that flag another student of the same exam; a
// student on a rest break gets no flag for leaving (no face, another tab) while on it, and the
// same signals after it do raise them. Signals go over the socket as the page sends them.
import type { Socket } from 'socket.io-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { NO_ACCOMMODATION, type Accommodation, type WrittenSessionState } from '@emtihan/domain';
import { SignalRepo } from '../../src/repositories/signal.repo.ts';
import { TestClient } from '../client.ts';
import { addDemoWrittenExam, startTestServer, type TestServer } from '../harness.ts';
import { connect, liveSitting } from './live-sitting.ts';

let server: TestServer;
const examId = 'accommodation-signals';
let proctor: TestClient;

beforeAll(async () => {
  server = await startTestServer();
  // Strict: a face away for 4 s is a flag (8 s at the standard sensitivity), so a test needs no
  // more than the 10 s a page's clock may run ahead of the server's.
  await addDemoWrittenExam(server, {
    id: examId,
    title: 'Accommodations and signals',
    settings: { liveProctoring: false, sensitivity: 'strict' },
  });
  proctor = new TestClient(server.url);
  await proctor.login('proctor1');
});
afterAll(() => server.close());

/**
 * Gives a sitting the accommodation the student's profile would have folded into its terms when
 * it was made (the profiles themselves are another part of the server).
 */
async function accommodate(sessionId: string, patch: Partial<Accommodation>): Promise<void> {
  const row = await server.db
    .selectFrom('exam_sessions')
    .select(['state', 'version'])
    .where('id', '=', sessionId)
    .executeTakeFirstOrThrow();
  const state = JSON.parse(row.state) as WrittenSessionState;
  state.terms = { ...state.terms, accommodation: { ...NO_ACCOMMODATION, ...patch } };
  await server.db
    .updateTable('exam_sessions')
    .set({ state: JSON.stringify(state), version: row.version + 1 })
    .where('id', '=', sessionId)
    .execute();
}

/** A student at work, with their accommodation, and their page's socket. */
async function sitting(login: string, accommodation?: Partial<Accommodation>) {
  const { client, sessionId } = await liveSitting(server, login, examId);
  if (accommodation) await accommodate(sessionId, accommodation);
  const socket = await connect(server.url, client);
  let seq = 0;
  const send = async (signals: object[]) => {
    const ack = await socket.emitWithAck('msg', { type: 'signals', sessionId, seq, signals });
    expect(ack).toEqual({ ok: true, seq, duplicate: false });
    seq += 1;
  };
  const command = (body: object) =>
    client.call('sessionCommand', { params: { sessionId }, body }).then((r) => {
      expect(r.status, JSON.stringify(r.body)).toBe(200);
      return r.body.state as WrittenSessionState;
    });
  return { client, sessionId, socket, send, command };
}

/** The flags the proctor's roster shows for a sitting. */
async function rosterFlags(sessionId: string): Promise<{ category: string; startAt: number }[]> {
  const roster = await proctor.call('examRoster', { params: { examId } });
  expect(roster.status).toBe(200);
  const entry = roster.body.entries.find((e: { sessionId: string }) => e.sessionId === sessionId);
  return entry.flags;
}

/** The face gone for `ms` from `from`, then back: what a page sends when the student leaves. */
const faceAway = (from: number, ms: number) => [
  { kind: 'face-count', at: from, count: 0 },
  { kind: 'face-count', at: from + ms, count: 1 },
];

const sockets: Socket[] = [];
afterAll(() => sockets.forEach((s) => s.close()));

describe('a check skipped by a student’s accommodation', () => {
  it('raises no face flag for the student without face checks, and one for the student with them', async () => {
    const skipped = await sitting('student1', { skippedChecks: ['faces'] });
    const usual = await sitting('student2');
    sockets.push(skipped.socket, usual.socket);
    const t = Date.now();
    for (const s of [skipped, usual]) {
      await s.send([{ kind: 'face-count', at: t, count: 1 }]);
      await s.send(faceAway(t + 100, 5_000));
    }
    expect((await rosterFlags(usual.sessionId)).map((f) => f.category)).toEqual(['face_absent']);
    expect(await rosterFlags(skipped.sessionId)).toEqual([]);
    // The page's other checks still count for the student without face checks.
    await skipped.send([
      { kind: 'visibility', at: t + 5_200, visible: false },
      { kind: 'visibility', at: t + 7_000, visible: true },
    ]);
    expect((await rosterFlags(skipped.sessionId)).map((f) => f.category)).toEqual(['tab_switch']);
  });
});

describe('a rest break', () => {
  it('raises no flag for leaving while the student is on it; the same signals after it do', async () => {
    const s = await sitting('student3', { breakMinutes: 10 });
    sockets.push(s.socket);
    await s.send([{ kind: 'face-count', at: Date.now(), count: 1 }]);

    const onBreak = await s.command({ type: 'start-break' });
    const startedAt = onBreak.breaks!.at(-1)!.startedAt;
    // Away from the desk and on another tab, 4.5 s of it (a page may stamp up to 10 s ahead).
    const during = startedAt + 50;
    await s.send([
      ...faceAway(during, 4_500),
      { kind: 'visibility', at: during + 100, visible: false },
      { kind: 'head-pose', at: during + 4_550, yawDeg: 80, pitchDeg: 0 },
      { kind: 'visibility', at: during + 4_500, visible: true },
    ]);
    expect(await rosterFlags(s.sessionId)).toEqual([]);

    const back = await s.command({ type: 'end-break' });
    expect(back.breaks!.at(-1)!.endedAt).not.toBeNull();
    // The same again, after the break: each a flag.
    const after = during + 4_600;
    await s.send([
      { kind: 'head-pose', at: after, yawDeg: 0, pitchDeg: 0 },
      ...faceAway(after + 50, 4_500),
      { kind: 'visibility', at: after + 100, visible: false },
      { kind: 'visibility', at: after + 4_500, visible: true },
    ]);
    const flags = await rosterFlags(s.sessionId);
    expect(flags.map((f) => f.category).sort()).toEqual(['face_absent', 'tab_switch']);
    expect(flags.every((f) => f.startAt >= after)).toBe(true);

    // A node that takes the sitting over (here: the same stored batches read again) replays the
    // break's marks as they were taken: the same flags, none in the break.
    const replayed = await new SignalRepo(server.db).loadSession(s.sessionId, { whole: true });
    const marks = replayed.signals.filter((x) => x.signal.kind === 'rest-break');
    expect(marks.map((m) => m.signal)).toEqual([
      { kind: 'rest-break', at: startedAt, active: true, since: startedAt },
      expect.objectContaining({ kind: 'rest-break', active: false, since: startedAt }),
    ]);
  });
});
