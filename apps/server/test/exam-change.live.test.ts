// An exam lengthened while a student works, through the real server: the student's open page
// (its socket watching the sitting) hears of it at once and reads the new deadline.
import { io, type Socket } from 'socket.io-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ExamRepo } from '../src/repositories/exam.repo.ts';
import { SessionRepo } from '../src/repositories/session.repo.ts';
import { checkInWithPhotos } from './check-in.ts';
import { TestClient } from './client.ts';
import { addDemoWrittenExam, startTestServer, type TestServer } from './harness.ts';
import { tinyPicture } from './pictures.ts';

const JPEG = await tinyPicture(1);
const FACE = await tinyPicture(2);
const MIN = 60_000;

let server: TestServer;
let socket: Socket | undefined;
beforeAll(async () => {
  server = await startTestServer();
  await addDemoWrittenExam(server, {
    id: 'changing',
    title: 'An exam that changes',
    durationMinutes: 45,
    settings: { liveProctoring: true },
  });
});
afterAll(async () => {
  socket?.close();
  await server.close();
});

describe('a change of a published exam reaches a running sitting', () => {
  it('the student’s page is told within 2 s and reads the new deadline; the audit chain has the change', async () => {
    const { client: student, sessionId } = await checkInWithPhotos(
      server.url,
      'changing',
      'student1',
      { id: JPEG, face: FACE },
      false,
    );
    const proctor = new TestClient(server.url);
    await proctor.login('proctor1');
    const approved = await proctor.call('sessionCommand', {
      params: { sessionId },
      body: { type: 'approve-identity' },
    });
    expect(approved.body.state.status).toBe('in_progress');
    const startedAt = approved.body.state.workStartedAt as number;
    expect(approved.body.state.deadline).toBe(startedAt + 45 * MIN);

    socket = io(server.url, {
      extraHeaders: { cookie: student.cookie },
      transports: ['websocket'],
    });
    await new Promise((resolve) => socket!.once('msg', resolve));
    expect(await socket.emitWithAck('msg', { type: 'watch-session', sessionId })).toEqual({
      ok: true,
    });
    const heard = new Promise<{ changed: any; notice: any }>((resolve) => {
      let changed: any;
      let notice: any;
      socket!.on('msg', (m) => {
        if (m.type === 'session-changed') changed = m;
        if (m.type === 'notice' && m.key === 'session.terms-amended') notice = m;
        if (changed && notice) resolve({ changed, notice });
      });
    });

    const examiner = new TestClient(server.url);
    const me = await examiner.login('examiner1');
    const exam = (await new ExamRepo(server.db).findById('changing'))!;
    const sent = Date.now();
    await server.examSessions.applyExamChange(
      'changing',
      { ...exam, durationMinutes: 90 },
      { userId: me.body.user.id as string, role: 'examiner' },
    );
    const { changed, notice } = await heard;
    expect(Date.now() - sent).toBeLessThan(2000);
    expect(changed).toMatchObject({ sessionId, status: 'in_progress' });
    expect(notice.params).toEqual({ deadline: startedAt + 90 * MIN });

    const view = await student.call('getSession', { params: { sessionId } });
    expect(view.body.state.deadline).toBe(startedAt + 90 * MIN);
    const last = (await new SessionRepo(server.db).auditChain(sessionId)).at(-1);
    expect(last).toMatchObject({
      type: 'written.amend-terms',
      actor: { role: 'examiner', userId: me.body.user.id },
      payload: { previousDeadline: startedAt + 45 * MIN, deadline: startedAt + 90 * MIN },
    });
  });
});
