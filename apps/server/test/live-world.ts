// Helpers for the live-proctoring tests: a second proctor, a checked-in student, a socket.
import { createHash } from 'node:crypto';
import { io, type Socket } from 'socket.io-client';
import { TestClient } from './client.ts';
import { tinyPicture } from './pictures.ts';

const JPEG = await tinyPicture(1);

/** Creates a proctor account enrolled as proctor in the demo course; returns its client. */
export async function addProctor(url: string, login: string, fullName: string) {
  const admin = new TestClient(url);
  await admin.login('admin');
  const user = await admin.call('createUser', {
    body: { login, fullName, roles: ['proctor'], password: 'demo-demo-1', language: 'en' },
  });
  if (user.status !== 200) throw new Error(JSON.stringify(user.body));
  const courses = (await admin.call('listCourses')).body.courses as { id: string; code: string }[];
  const course = courses.find((c) => c.code === 'DEMO-101')!;
  await admin.call('enrol', {
    params: { courseId: course.id },
    body: { userId: user.body.id, role: 'proctor' },
  });
  const client = new TestClient(url);
  await client.login(login, 'demo-demo-1');
  return { client, id: user.body.id as string };
}

/** A student of the demo course checks in (photos through the API) and waits for the proctor. */
export async function checkIn(
  url: string,
  examId: string,
  login: string,
  fullName: string,
  password = 'demo',
) {
  const client = new TestClient(url);
  await client.login(login, password);
  const sessionId = (await client.call('mySession', { params: { examId } })).body
    .sessionId as string;
  const command = (body: object) => client.call('sessionCommand', { params: { sessionId }, body });
  await command({ type: 'begin-check-in' });
  const sha = createHash('sha256').update(JPEG).digest('hex');
  for (const kind of ['id-document', 'face']) {
    await fetch(`${url}/api/sessions/${sessionId}/files?kind=${kind}&name=${kind}.jpg`, {
      method: 'POST',
      headers: { 'content-type': 'image/jpeg', cookie: client.cookie, 'x-csrf-token': client.csrf },
      body: JPEG,
    });
  }
  const done = await command({
    type: 'complete-check-in',
    typedName: fullName,
    idDocumentSha256: sha,
    faceSha256: sha,
    consentRecording: true,
  });
  if (done.body.state?.status !== 'awaiting_approval') throw new Error(JSON.stringify(done.body));
  return { client, sessionId, command };
}

/** A realtime socket of a logged-in client, connected (its `hello` arrived). */
export async function socketOf(url: string, client: TestClient): Promise<Socket> {
  const socket = io(url, { extraHeaders: { cookie: client.cookie }, transports: ['websocket'] });
  await new Promise((resolve) => socket.once('msg', resolve));
  return socket;
}

/** The next server message of a type on a socket. */
export function next<T = Record<string, any>>(socket: Socket, type: string): Promise<T> {
  return new Promise((resolve) => {
    const on = (m: { type: string }) => {
      if (m.type !== type) return;
      socket.off('msg', on);
      resolve(m as T);
    };
    socket.on('msg', on);
  });
}
