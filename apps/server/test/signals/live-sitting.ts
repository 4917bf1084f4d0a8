// Test support: a demo student at work in a written exam without a live proctor, checked in
// through the real API, with a socket that has said hello.
import { createHash } from 'node:crypto';
import { io, type Socket } from 'socket.io-client';
import { TestClient } from '../client.ts';
import type { TestServer } from '../harness.ts';
import { tinyPicture } from '../pictures.ts';

const sha = (b: Uint8Array) => createHash('sha256').update(b).digest('hex');

export async function connect(url: string, client: TestClient): Promise<Socket> {
  const socket = io(url, { extraHeaders: { cookie: client.cookie }, transports: ['websocket'] });
  await new Promise((resolve) => socket.once('msg', resolve));
  return socket;
}

export async function liveSitting(
  server: TestServer,
  login: string,
  examId: string,
): Promise<{ client: TestClient; sessionId: string }> {
  const client = new TestClient(server.url);
  const me = await client.login(login);
  const fullName = (me.body.user as { fullName: string }).fullName;
  const opened = await client.call('mySession', { params: { examId } });
  const sessionId = opened.body.sessionId as string;
  const command = (body: object) => client.call('sessionCommand', { params: { sessionId }, body });
  await command({ type: 'begin-check-in' });
  const photo = await tinyPicture(login.length);
  for (const kind of ['id-document', 'face']) {
    await fetch(`${server.url}/api/sessions/${sessionId}/files?kind=${kind}&name=p.jpg`, {
      method: 'POST',
      headers: { 'content-type': 'image/jpeg', cookie: client.cookie, 'x-csrf-token': client.csrf },
      body: photo,
    });
  }
  const started = await command({
    type: 'complete-check-in',
    typedName: fullName,
    idDocumentSha256: sha(photo),
    faceSha256: sha(photo),
    consentRecording: true,
  });
  if (started.body.state?.status !== 'in_progress') {
    throw new Error(`not at work: ${JSON.stringify(started.body)}`);
  }
  return { client, sessionId };
}
