// A running Emtihan (real server, real SQLite file) with a fake Moodle registered through the
// `npm run lti -- add-platform` command, plus helpers to drive launches without a browser.
import { createHash } from 'node:crypto';
import net from 'node:net';
import { expect } from 'vitest';
import { loadConfig } from '../../src/config.ts';
import { openDatabase, type Db } from '../../src/db/database.ts';
import { runLtiCli } from '../../src/lti-cli.ts';
import { LtiKeyVault } from '../../src/lti/lti-key-vault.ts';
import { TestClient } from '../client.ts';
import { startTestServer, type TestServer } from '../harness.ts';
import { FakeMoodle, type LaunchSpec } from './fake-moodle.ts';
import { tinyPicture } from '../pictures.ts';

export interface LtiWorld {
  moodle: FakeMoodle;
  server: TestServer;
  publicUrl: string;
  admin: TestClient;
  /** A second connection to the server's database, to look at what a launch wrote. */
  db: Db;
  /** The demo written exam. */
  examId: string;
  /** Opens the tool's keys as the server does (its data folder's secret). */
  vault: LtiKeyVault;
  cliOutput: string[];
  close(): Promise<void>;
}

export async function startLtiWorld(env: Record<string, string> = {}): Promise<LtiWorld> {
  const moodle = await FakeMoodle.start();
  const port = await freePort();
  const publicUrl = `http://127.0.0.1:${port}`;
  moodle.setTool(publicUrl);
  const server = await startTestServer({
    env: { PORT: String(port), PUBLIC_URL: publicUrl, ...env },
  });
  const cliOutput: string[] = [];
  const code = await runLtiCli(
    [
      'add-platform',
      '--issuer',
      moodle.issuer,
      '--client-id',
      moodle.clientId,
      '--deployment-id',
      moodle.deploymentId,
      '--auth-url',
      moodle.authUrl,
      '--token-url',
      moodle.tokenUrl,
      '--jwks-url',
      moodle.jwksUrl,
    ],
    loadConfig({ DATA_DIR: server.dataDir, PUBLIC_URL: publicUrl }),
    (l) => cliOutput.push(l),
  );
  expect(code).toBe(0);
  const admin = new TestClient(server.url);
  await admin.login('admin');
  const exams = (await admin.call('listExams')).body.exams as { id: string; kind: string }[];
  const { db } = openDatabase({ dataDir: server.dataDir });
  return {
    moodle,
    server,
    publicUrl,
    admin,
    db,
    examId: exams.find((e) => e.kind === 'written')!.id,
    vault: LtiKeyVault.fromConfig({ dataDir: server.dataDir }),
    cliOutput,
    async close() {
      await db.destroy();
      await server.close();
      await moodle.close();
    },
  };
}

/** Step 1 of a launch as the LMS does it: the initiation post; returns the state and nonce. */
export async function beginLogin(w: LtiWorld, spec: LaunchSpec) {
  const res = await fetch(`${w.publicUrl}/lti/login`, {
    method: 'POST',
    body: new URLSearchParams(w.moodle.initiation(spec)),
    redirect: 'manual',
  });
  expect(res.status).toBe(302);
  const to = new URL(res.headers.get('location')!);
  return { state: to.searchParams.get('state')!, nonce: to.searchParams.get('nonce')!, to };
}

/** Step 2: the id_token form post. */
export async function postLaunch(
  w: LtiWorld,
  form: Record<string, string>,
  headers: Record<string, string> = {},
  path = '/lti/launch',
) {
  const res = await fetch(`${w.publicUrl}${path}`, {
    method: 'POST',
    body: new URLSearchParams(form),
    redirect: 'manual',
    headers,
  });
  return { status: res.status, location: res.headers.get('location'), text: await res.text() };
}

/** A user's launch from Moodle all the way to a logged-in API client (cookie and CSRF token). */
export async function launchedClient(w: LtiWorld, spec: LaunchSpec): Promise<TestClient> {
  const { state, nonce } = await beginLogin(w, spec);
  const r = await postLaunch(w, {
    id_token: await w.moodle.sign(w.moodle.claims(spec, nonce)),
    state,
  });
  expect(r.status).toBe(303);
  const handoff = await fetch(`${w.publicUrl}${r.location}`, { redirect: 'manual' });
  const client = new TestClient(w.server.url);
  client.cookie = (handoff.headers.get('set-cookie') ?? '').split(';')[0]!;
  expect((await client.call('me')).status).toBe(200);
  return client;
}

const sha = (s: string | Uint8Array) => createHash('sha256').update(s).digest('hex');

/** The student sits the (unproctored) exam through the API: check-in, one answer, submit. */
export async function sitAndSubmit(w: LtiWorld, student: TestClient, examId: string) {
  const opened = await student.call('mySession', { params: { examId } });
  expect(opened.status).toBe(200);
  const sessionId = opened.body.sessionId as string;
  const fullName = (await student.call('me')).body.user.fullName as string;
  const command = (body: object) => student.call('sessionCommand', { params: { sessionId }, body });
  expect((await command({ type: 'begin-check-in' })).status).toBe(200);
  const photo = async (kind: string, bytes: Uint8Array, type = 'image/jpeg') => {
    const res = await fetch(
      `${w.server.url}/api/sessions/${sessionId}/files?kind=${kind}&name=p.jpg`,
      {
        method: 'POST',
        headers: {
          'content-type': type,
          cookie: student.cookie,
          'x-csrf-token': student.csrf,
        },
        body: bytes as unknown as RequestInit['body'],
      },
    );
    expect(res.status).toBe(200);
  };
  const id = await tinyPicture(1);
  const face = await tinyPicture(2);
  const scan = new Uint8Array([0x1a, 0x45, 0xdf, 0xa3, 4, 5, 6]);
  await photo('id-document', id);
  await photo('face', face);
  await photo('room-scan', scan, 'video/webm');
  const checkedIn = await command({
    type: 'complete-check-in',
    typedName: fullName,
    idDocumentSha256: sha(id),
    faceSha256: sha(face),
    roomScanSha256: sha(scan),
    consentRecording: true,
  });
  expect(checkedIn.body.state?.status, JSON.stringify(checkedIn.body)).toBe('in_progress');
  const answer = '<p>Жауап</p>';
  const saved = await student.call('saveAnswer', {
    params: { sessionId },
    body: { seq: 1, body: answer, sha256: sha(answer) },
  });
  expect(saved.status).toBe(200);
  const submitted = await command({ type: 'submit', answerSha256: sha(answer) });
  expect(submitted.body.state.status).toBe('submitted');
  return sessionId;
}

/** Counts of everything a launch may create: if a refusal wrote anything, this differs. */
export async function snapshot(w: LtiWorld) {
  const count = async (
    t: 'users' | 'courses' | 'enrolments' | 'lti_users' | 'lti_links' | 'auth_sessions',
  ) =>
    Number(
      (
        await w.db
          .selectFrom(t)
          .select((eb) => eb.fn.countAll<number>().as('n'))
          .executeTakeFirstOrThrow()
      ).n,
    );
  const handoffs = await w.db
    .selectFrom('lti_states')
    .select('id')
    .where('kind', '!=', 'login')
    .execute();
  return {
    users: await count('users'),
    courses: await count('courses'),
    enrolments: await count('enrolments'),
    ltiUsers: await count('lti_users'),
    ltiLinks: await count('lti_links'),
    sessions: await count('auth_sessions'),
    handoffs: handoffs.length,
  };
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = net.createServer();
    s.once('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const { port } = s.address() as net.AddressInfo;
      s.close(() => resolve(port));
    });
  });
}
