// Uploads are what they say (ADR 0019): a "photo" that is not a picture is refused and nothing is
// kept, a real one is kept without its metadata (EXIF with GPS); an attachment is checked by its
// content, not by its name alone, and is downloaded under a safe name, never shown as a page.
import { createHash } from 'node:crypto';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TestClient } from './client.ts';
import { addDemoWrittenExam, startTestServer, type TestServer } from './harness.ts';
import { tinyPicture } from './pictures.ts';

const sha = (b: Uint8Array) => createHash('sha256').update(b).digest('hex');
const EXAM = 'uploads-exam';
/** A one-page PDF as a PDF writer makes it. */
const PDF = new TextEncoder().encode(
  [
    '%PDF-1.4',
    '1 0 obj << /Type /Catalog /Pages 2 0 R >> endobj',
    '2 0 obj << /Type /Pages /Kids [3 0 R] /Count 1 >> endobj',
    '3 0 obj << /Type /Page /Parent 2 0 R /MediaBox [0 0 200 200] >> endobj',
    'trailer << /Root 1 0 R >>',
    '%%EOF',
  ].join('\n'),
);

let server: TestServer;
let student: TestClient;
let sessionId: string;

async function post(path: string, type: string, bytes: Uint8Array) {
  const res = await fetch(`${server.url}${path}`, {
    method: 'POST',
    headers: { 'content-type': type, cookie: student.cookie, 'x-csrf-token': student.csrf },
    body: bytes,
  });
  return { status: res.status, body: (await res.json()) as any };
}
const upload = (kind: string, name: string, type: string, bytes: Uint8Array) =>
  post(
    `/api/sessions/${sessionId}/files?kind=${kind}&name=${encodeURIComponent(name)}`,
    type,
    bytes,
  );
const files = async () =>
  (await student.call('getSession', { params: { sessionId } })).body.files as {
    id: string;
    kind: string;
    name: string;
  }[];
const download = (fileId: string) =>
  fetch(`${server.url}/api/sessions/${sessionId}/files/${fileId}`, {
    headers: { cookie: student.cookie },
  });

beforeAll(async () => {
  server = await startTestServer({ demo: true });
  await addDemoWrittenExam(server, {
    id: EXAM,
    title: 'Uploads exam',
    settings: { liveProctoring: false, roomScanRequired: false },
  });
  student = new TestClient(server.url);
  await student.login('student1');
  sessionId = (await student.call('mySession', { params: { examId: EXAM } })).body.sessionId;
  await student.call('sessionCommand', { params: { sessionId }, body: { type: 'begin-check-in' } });
});
afterAll(() => server.close());

describe('identity photos', () => {
  it('a five-byte "JPEG" is refused as not a picture and nothing is kept', async () => {
    const fake = await upload(
      'id-document',
      'id.jpg',
      'image/jpeg',
      new Uint8Array([0xff, 0xd8, 0xff, 0xe0, 0]),
    );
    expect(fake.status).toBe(415);
    expect(fake.body.error).toBe('unsupported-media-type');
    expect(fake.body.reason).toBe('not-a-picture');
    expect(fake.body.message).toMatch(/not a picture of type image\/jpeg/);
    // A PNG sent as a JPEG is not one either.
    const png = await upload('face', 'face.jpg', 'image/jpeg', await tinyPicture(4, 'png'));
    expect(png.status).toBe(415);
    expect(await files()).toEqual([]);
  });

  it('a real photo is kept as sent when it has no metadata, without it when it has (GPS)', async () => {
    const plain = await tinyPicture(5);
    const face = await upload('face', 'face.jpg', 'image/jpeg', plain);
    expect(face.status).toBe(200);
    expect(face.body.sha256).toBe(sha(plain));

    const located = new Uint8Array(
      await sharp(await tinyPicture(6))
        .withExif({
          IFD0: { Copyright: 'phone' },
          IFD3: { GPSLatitudeRef: 'N', GPSLatitude: '43/1 15/1 0/1' },
        })
        .jpeg()
        .toBuffer(),
    );
    expect((await sharp(located).metadata()).exif).toBeDefined();
    const id = await upload('id-document', 'id.jpg', 'image/jpeg', located);
    expect(id.status).toBe(200);
    const stored = new Uint8Array(await (await download(id.body.id)).arrayBuffer());
    const meta = await sharp(stored).metadata();
    expect(meta.format).toBe('jpeg');
    expect(meta.exif).toBeUndefined();
    expect(id.body.sha256).toBe(sha(stored));

    // The hashes the upload answered with check the student in, as the page does it.
    const me = (await student.call('me')).body.user as { fullName: string };
    const done = await student.call('sessionCommand', {
      params: { sessionId },
      body: {
        type: 'complete-check-in',
        typedName: me.fullName,
        idDocumentSha256: id.body.sha256,
        faceSha256: face.body.sha256,
        consentRecording: true,
      },
    });
    expect(done.body.state?.status).toBe('in_progress');
  });
});

describe('attachments', () => {
  it('an HTML page renamed .pdf (or .txt) is refused; a real PDF is kept', async () => {
    const html = new TextEncoder().encode('<!doctype html><script>alert(1)</script>');
    const before = (await files()).length;
    const asPdf = await upload('attachment', 'answer.pdf', 'application/pdf', html);
    expect(asPdf.status).toBe(415);
    expect(asPdf.body.error).toBe('unsupported-media-type');
    expect(asPdf.body.reason).toBe('content-not-of-type');
    const asText = await upload('attachment', 'answer.txt', 'text/plain', html);
    expect(asText.status).toBe(415);
    expect((await files()).length).toBe(before);

    const pdf = await upload('attachment', 'Жауап 1.pdf', 'application/pdf', PDF);
    expect(pdf.status).toBe(200);
    expect((await files()).map((f) => f.name)).toContain('Жауап 1.pdf');
  });

  it('is downloaded as an attachment under a safe name, never sniffed', async () => {
    const file = (await files()).find((f) => f.name === 'Жауап 1.pdf')!;
    const res = await download(file.id);
    expect(res.status).toBe(200);
    expect(res.headers.get('x-content-type-options')).toBe('nosniff');
    const disposition = res.headers.get('content-disposition')!;
    expect(disposition).toMatch(/^attachment; filename="[\x20-\x7e]+"; filename\*=UTF-8''/);
    expect(disposition).toContain('filename="_____ 1.pdf"');
    const encoded = /filename\*=UTF-8''(.+)$/.exec(disposition)![1]!;
    expect(encoded).toMatch(/^[A-Za-z0-9%._~-]+$/);
    expect(decodeURIComponent(encoded)).toBe('Жауап 1.pdf');
    expect(new Uint8Array(await res.arrayBuffer())).toEqual(PDF);
  });
});
