// A demo student through check-in with chosen photos, through the API as the page does it: the
// ID photo and the face photo uploaded, then the check-in completed with the roster name.
import { createHash } from 'node:crypto';
import { expect } from 'vitest';
import { TestClient } from './client.ts';

const sha = (b: Uint8Array) => createHash('sha256').update(b).digest('hex');

/** Ends awaiting the proctor (the exam must have live proctoring). */
export async function checkInWithPhotos(
  baseUrl: string,
  examId: string,
  login: string,
  photos: { id: Uint8Array; face: Uint8Array },
  consentFaceMatching: boolean,
): Promise<{ client: TestClient; sessionId: string }> {
  const client = new TestClient(baseUrl);
  const me = await client.login(login);
  const opened = await client.call('mySession', { params: { examId } });
  const sessionId = opened.body.sessionId as string;
  const command = (body: object) => client.call('sessionCommand', { params: { sessionId }, body });
  await command({ type: 'begin-check-in' });
  for (const [kind, bytes] of [
    ['id-document', photos.id],
    ['face', photos.face],
  ] as const) {
    const r = await fetch(`${baseUrl}/api/sessions/${sessionId}/files?kind=${kind}&name=p.jpg`, {
      method: 'POST',
      headers: { 'content-type': 'image/jpeg', cookie: client.cookie, 'x-csrf-token': client.csrf },
      body: new Uint8Array(bytes),
    });
    expect(r.status).toBe(200);
  }
  const done = await command({
    type: 'complete-check-in',
    typedName: (me.body.user as { fullName: string }).fullName,
    idDocumentSha256: sha(photos.id),
    faceSha256: sha(photos.face),
    consentRecording: true,
    consentFaceMatching,
  });
  expect(done.body.state?.status).toBe('awaiting_approval');
  return { client, sessionId };
}
