// The phone as a second camera (ADR 0023), through the API and sockets as the pages use them:
// the laptop asks for a pairing, a phone redeems it once (by the QR code's token or the typed
// code), holds a credential for that one sitting and nothing else, and its reports reach the
// proctor at once. A required second camera holds work back until the phone's view is confirmed.
import { createHash } from 'node:crypto';
import { io, type Socket } from 'socket.io-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase } from '../src/db/database.ts';
import { checkInWithPhotos } from './check-in.ts';
import { TestClient } from './client.ts';
import { addDemoWrittenExam, startTestServer, type TestServer } from './harness.ts';
import { next, socketOf } from './live-world.ts';
import { tinyPicture } from './pictures.ts';

const JPEG = await tinyPicture(1);
const FACE = await tinyPicture(2);
const sha = (b: Uint8Array) => createHash('sha256').update(b).digest('hex');

let server: TestServer;
let proctor: TestClient;
let student: { client: TestClient; sessionId: string };

/** A phone: no login, only what the pairing gives it. */
const phone = () => new TestClient(server.url);
const pairing = (who: { client: TestClient; sessionId: string }) =>
  who.client.call('createPairing', { params: { sessionId: who.sessionId } });
const tokenOf = (path: string) => path.replace('/pair/', '');

async function phoneSocket(p: TestClient): Promise<Socket> {
  const socket = io(server.url, {
    extraHeaders: { cookie: p.cookie },
    auth: { as: 'phone' },
    transports: ['websocket'],
  });
  await new Promise((resolve, reject) => {
    socket.once('msg', resolve);
    socket.once('connect_error', reject);
  });
  return socket;
}
const send = (s: Socket, m: object) =>
  new Promise<Record<string, any>>((resolve) => s.emit('msg', m, resolve));

beforeAll(async () => {
  server = await startTestServer();
  proctor = new TestClient(server.url);
  await proctor.login('proctor1');
  await addDemoWrittenExam(server, {
    id: 'phone-optional',
    title: 'Second camera optional',
    settings: { liveProctoring: true, roomScanRequired: false, secondCamera: 'optional' },
  });
  await addDemoWrittenExam(server, {
    id: 'phone-off',
    title: 'No second camera',
    settings: { liveProctoring: true, roomScanRequired: false },
  });
  await addDemoWrittenExam(server, {
    id: 'phone-required-live',
    title: 'Second camera required, live',
    settings: { liveProctoring: true, roomScanRequired: false, secondCamera: 'required' },
  });
  await addDemoWrittenExam(server, {
    id: 'phone-required-alone',
    title: 'Second camera required, no proctor',
    settings: {
      liveProctoring: false,
      roomScanRequired: false,
      secondCamera: 'required',
      idCheck: { idPhoto: false, facePhoto: false },
    },
  });
  student = await checkInWithPhotos(
    server.url,
    'phone-optional',
    'student1',
    { id: JPEG, face: FACE },
    false,
  );
});
afterAll(() => server.close());

describe('pairing a phone', () => {
  it('the QR code pairs once; the phone sees its sitting and nothing of the exam', async () => {
    const made = await pairing(student);
    expect(made.status).toBe(200);
    expect(made.body.path).toMatch(/^\/pair\/[A-Za-z0-9_-]{20,}$/);
    expect(made.body.code).toMatch(/^[A-Z2-9]{6}$/);
    const p = phone();
    const r = await p.call('redeemPairing', { body: { token: tokenOf(made.body.path) } });
    expect(r.status).toBe(200);
    expect(r.body).toMatchObject({ sessionId: student.sessionId, sitting: 'checking-in' });
    expect(r.headers.get('set-cookie')).toMatch(/emtihan_phone=.*HttpOnly.*SameSite=Strict/i);
    expect(JSON.stringify(r.body)).not.toContain('Second camera optional');
    expect((await p.call('phone')).body.sessionId).toBe(student.sessionId);

    const again = await phone().call('redeemPairing', { body: { token: tokenOf(made.body.path) } });
    expect(again.status).toBe(409);
    expect(again.body.reason).toBe('pairing-used');
    const status = await student.client.call('secondCamera', {
      params: { sessionId: student.sessionId },
    });
    expect(status.body).toMatchObject({ mode: 'optional', paired: true, replaced: 0 });
  });

  it('the phone’s credential opens nothing of the student’s account', async () => {
    const made = await pairing(student);
    const p = phone();
    await p.call('redeemPairing', { body: { token: tokenOf(made.body.path) } });
    for (const name of ['me', 'listExams'] as const) expect((await p.call(name)).status).toBe(401);
    expect((await p.call('getSession', { params: { sessionId: student.sessionId } })).status).toBe(
      401,
    );
    // …and a student's login is no phone.
    expect((await student.client.call('phone')).status).toBe(401);
  });

  it('the typed code pairs too, however typed, and the newer phone replaces the older', async () => {
    const first = await pairing(student);
    const older = phone();
    await older.call('redeemPairing', { body: { token: tokenOf(first.body.path) } });
    const made = await pairing(student);
    const typed = `${made.body.code.slice(0, 3).toLowerCase()}-${made.body.code.slice(3)}`;
    const newer = phone();
    const r = await newer.call('redeemPairing', { body: { code: typed } });
    expect(r.status).toBe(200);
    expect((await newer.call('phone')).status).toBe(200);
    expect((await older.call('phone')).status).toBe(401);
    const status = await proctor.call('secondCamera', { params: { sessionId: student.sessionId } });
    expect(status.body.replaced).toBeGreaterThanOrEqual(1);
  });

  it('an old QR code is void once a newer one is shown, and an expired one is refused', async () => {
    const old = await pairing(student);
    await pairing(student);
    const r = await phone().call('redeemPairing', { body: { token: tokenOf(old.body.path) } });
    expect(r.body.reason).toBe('pairing-expired');

    const made = await pairing(student);
    const { db } = openDatabase({ dataDir: server.dataDir });
    await db
      .updateTable('second_camera_pairings')
      .set({ created_at: new Date(Date.now() - 11 * 60_000).toISOString() })
      .where('token_hash', '=', sha(new TextEncoder().encode(tokenOf(made.body.path))))
      .execute();
    await db.destroy();
    const late = await phone().call('redeemPairing', { body: { token: tokenOf(made.body.path) } });
    expect(late.status).toBe(409);
    expect(late.body.reason).toBe('pairing-expired');
  });

  it('refuses unknown codes, other students’ sittings and exams without a second camera', async () => {
    const unknown = await phone().call('redeemPairing', { body: { token: 'x'.repeat(32) } });
    expect(unknown.body.reason).toBe('pairing-unknown');
    const bad = await phone().call('redeemPairing', { body: { token: '../../etc' } });
    expect(bad.status).toBe(400);
    const other = new TestClient(server.url);
    await other.login('student2');
    expect((await pairing({ client: other, sessionId: student.sessionId })).status).toBe(404);
    const off = await checkInWithPhotos(
      server.url,
      'phone-off',
      'student2',
      { id: JPEG, face: FACE },
      false,
    );
    const r = await pairing(off);
    expect(r.status).toBe(409);
    expect(r.body.reason).toBe('second-camera-off');
  });
});

describe('the phone’s socket', () => {
  it('reports reach the proctor at once; the phone may do nothing else', async () => {
    const made = await pairing(student);
    const p = phone();
    await p.call('redeemPairing', { body: { token: tokenOf(made.body.path) } });
    const watcher = await socketOf(server.url, proctor);
    await send(watcher, { type: 'watch-exam', examId: 'phone-optional' });
    const socket = await phoneSocket(p);
    const heard = next(watcher, 'second-camera');
    expect(await send(socket, { type: 'camera-state', state: 'hidden', battery: 0.15 })).toEqual({
      ok: true,
    });
    expect((await heard).camera).toMatchObject({ paired: true, state: 'hidden', battery: 0.15 });

    expect((await send(socket, { type: 'watch-exam', examId: 'phone-optional' })).reason).toBe(
      'forbidden',
    );
    expect((await send(socket, { type: 'rtc-publish', sessionId: 'someone-else' })).reason).toBe(
      'forbidden',
    );
    const signals = {
      type: 'signals',
      sessionId: student.sessionId,
      seq: 0,
      signals: [{ kind: 'context-menu', at: Date.now() }],
    };
    expect((await send(socket, signals)).reason).toBe('forbidden');

    // The connection drops: the server says the phone is offline.
    const offline = next(watcher, 'second-camera');
    socket.disconnect();
    expect((await offline).camera.state).toBe('offline');
    watcher.disconnect();
  });

  it('a student’s socket cannot speak for a phone', async () => {
    const s = await socketOf(server.url, student.client);
    expect((await send(s, { type: 'camera-state', state: 'live' })).reason).toBe('forbidden');
    s.disconnect();
  });

  it('a socket without a phone’s credential is refused', async () => {
    const socket = io(server.url, { auth: { as: 'phone' }, transports: ['websocket'] });
    const err = await new Promise<Error>((resolve) => socket.once('connect_error', resolve));
    expect(err.message).toBe('unauthenticated');
    socket.close();
  });
});

describe('a required second camera', () => {
  it('without a proctor: no work before the phone is paired and the student confirms its view', async () => {
    const client = new TestClient(server.url);
    const me = await client.login('student3');
    const sessionId = (
      await client.call('mySession', { params: { examId: 'phone-required-alone' } })
    ).body.sessionId as string;
    const command = (body: object) =>
      client.call('sessionCommand', { params: { sessionId }, body });
    await command({ type: 'begin-check-in' });
    const complete = () =>
      command({
        type: 'complete-check-in',
        typedName: me.body.user.fullName,
        consentRecording: true,
      });
    expect((await complete()).body.reason).toBe('second-camera-missing');
    const made = await pairing({ client, sessionId });
    await phone().call('redeemPairing', { body: { token: tokenOf(made.body.path) } });
    expect((await complete()).body.reason).toBe('second-camera-unconfirmed');
    expect((await command({ type: 'begin-check-in' })).status).not.toBe(200);
    const confirmed = await client.call('confirmSecondCamera', { params: { sessionId } });
    expect(confirmed.body.viewConfirmed).toBe(true);
    expect((await complete()).body.state?.status).toBe('in_progress');
  });

  it('under live proctoring the proctor confirms the view before approving', async () => {
    const s = await checkInWithPhotos(
      server.url,
      'phone-required-live',
      'student4',
      { id: JPEG, face: FACE },
      false,
    ).catch((e: unknown) => e);
    // Check-in itself needs the phone paired first.
    expect(s).toBeInstanceOf(Error);
    const client = new TestClient(server.url);
    const me = await client.login('student4');
    const sessionId = (
      await client.call('mySession', { params: { examId: 'phone-required-live' } })
    ).body.sessionId as string;
    const made = await pairing({ client, sessionId });
    await phone().call('redeemPairing', { body: { token: tokenOf(made.body.path) } });
    const done = await client.call('sessionCommand', {
      params: { sessionId },
      body: {
        type: 'complete-check-in',
        typedName: me.body.user.fullName,
        idDocumentSha256: sha(JPEG),
        faceSha256: sha(FACE),
        consentRecording: true,
      },
    });
    expect(done.body.state?.status).toBe('awaiting_approval');
    // The student cannot confirm for the proctor.
    expect((await client.call('confirmSecondCamera', { params: { sessionId } })).status).toBe(403);
    const approve = () =>
      proctor.call('sessionCommand', { params: { sessionId }, body: { type: 'approve-identity' } });
    expect((await approve()).body.reason).toBe('second-camera-unconfirmed');
    expect((await proctor.call('confirmSecondCamera', { params: { sessionId } })).status).toBe(200);
    expect((await approve()).body.state?.status).toBe('in_progress');
  });
});

describe('the phone’s reports become flags', () => {
  it('a phone hidden for longer than the debounce is lost; back live, the flag closes', async () => {
    await addDemoWrittenExam(server, {
      id: 'phone-flags',
      title: 'Phone flags',
      settings: {
        liveProctoring: false,
        roomScanRequired: false,
        secondCamera: 'optional',
        idCheck: { idPhoto: false, facePhoto: false },
      },
    });
    const client = new TestClient(server.url);
    const me = await client.login('student5');
    const sessionId = (await client.call('mySession', { params: { examId: 'phone-flags' } })).body
      .sessionId as string;
    const command = (body: object) =>
      client.call('sessionCommand', { params: { sessionId }, body });
    await command({ type: 'begin-check-in' });
    const made = await pairing({ client, sessionId });
    const p = phone();
    await p.call('redeemPairing', { body: { token: tokenOf(made.body.path) } });
    const started = await command({
      type: 'complete-check-in',
      typedName: me.body.user.fullName,
      consentRecording: true,
    });
    expect(started.body.state?.status).toBe('in_progress');

    // The phone went live, then hidden, 100 s ago (written as the server would have).
    const t0 = Date.now() - 100_000;
    const { db } = openDatabase({ dataDir: server.dataDir });
    const cameraId = (
      await db
        .selectFrom('second_cameras')
        .select('id')
        .where('session_id', '=', sessionId)
        .executeTakeFirstOrThrow()
    ).id;
    await db
      .insertInto('second_camera_events')
      .values([
        {
          session_id: sessionId,
          seq: 0,
          camera_id: cameraId,
          at: t0 - 5_000,
          state: 'live',
          battery: null,
        },
        {
          session_id: sessionId,
          seq: 1,
          camera_id: cameraId,
          at: t0,
          state: 'hidden',
          battery: null,
        },
      ])
      .execute();
    await db.destroy();

    const laptop = await socketOf(server.url, client);
    const batch = (seq: number, at: number) => ({
      type: 'signals',
      sessionId,
      seq,
      signals: [{ kind: 'visibility', at, visible: true }],
    });
    // The computer cannot speak for the phone.
    const fake = await send(laptop, {
      ...batch(0, Date.now()),
      signals: [{ kind: 'second-camera', at: Date.now(), state: 'live' }],
    });
    expect(fake).toMatchObject({ ok: false, reason: 'invalid-message' });

    expect(await send(laptop, batch(0, Date.now()))).toMatchObject({ ok: true });
    const flagsOf = async () => {
      const roster = await proctor.call('examRoster', { params: { examId: 'phone-flags' } });
      return roster.body.entries.find((e: { sessionId: string }) => e.sessionId === sessionId)
        .flags as { category: string; severity: string; ongoing: boolean }[];
    };
    const lost = (await flagsOf()).find((f) => f.category === 'second_camera_lost');
    expect(lost).toMatchObject({ severity: 'minor', ongoing: true });

    // The phone is back: its report, then the computer's next batch, closes the flag.
    const socket = await phoneSocket(p);
    expect(await send(socket, { type: 'camera-state', state: 'live' })).toEqual({ ok: true });
    expect(await send(laptop, batch(1, Date.now()))).toMatchObject({ ok: true });
    const after = (await flagsOf()).find((f) => f.category === 'second_camera_lost');
    expect(after).toMatchObject({ ongoing: false });
    socket.disconnect();
    laptop.disconnect();
  });
});

describe('the phone’s side track', () => {
  it('uploads through the evidence path with the phone’s own token, and only so', async () => {
    const made = await pairing(student);
    const p = phone();
    const view = await p.call('redeemPairing', { body: { token: tokenOf(made.body.path) } });
    const bytes = new Uint8Array([0x1a, 0x45, 0xdf, 0xa3, 1, 2, 3, 4, 5]);
    const upload = (seq: number, headers: Record<string, string>) =>
      fetch(
        `${server.url}/api/phone/evidence/${seq}?sha256=${sha(bytes)}&startedAt=${Date.now()}&durationMs=1000`,
        {
          method: 'POST',
          headers: { 'content-type': 'video/webm', cookie: p.cookie, ...headers },
          body: bytes,
        },
      );
    const noToken = await upload(0, {});
    expect(noToken.status).toBe(403);
    expect(((await noToken.json()) as { error: string }).error).toBe('csrf');
    const r = await upload(0, { 'x-csrf-token': view.body.csrfToken });
    expect(r.status).toBe(200);
    const listed = await proctor.call('listEvidence', { params: { sessionId: student.sessionId } });
    const side = (listed.body.segments as { track: string; seq: number; sha256: string }[]).filter(
      (s) => s.track === 'side',
    );
    expect(side).toMatchObject([{ seq: 0, sha256: sha(bytes) }]);
    // A student's login does not open the phone's path.
    const asStudent = await fetch(
      `${server.url}/api/phone/evidence/1?sha256=${sha(bytes)}&startedAt=1&durationMs=1000`,
      {
        method: 'POST',
        headers: {
          'content-type': 'video/webm',
          cookie: student.client.cookie,
          'x-csrf-token': student.client.csrf,
        },
        body: bytes,
      },
    );
    expect(asStudent.status).toBe(401);
  });
});
