// kill -9 of the server while segments are uploading: after a restart on the same data, the
// client sends everything it was not sure about again, and every segment is stored exactly
// once — one row, one blob, one audit entry, the bytes matching the hash.
import { spawn, type ChildProcess } from 'node:child_process';
import { createHash, randomBytes } from 'node:crypto';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { verifyAuditChain } from '@emtihan/domain';
import { afterAll, describe, expect, it } from 'vitest';
import { openDatabase } from '../src/db/database.ts';
import { SessionRepo } from '../src/repositories/session.repo.ts';
import { checkInThroughApi } from '../../web/e2e/written-exam.page.ts';

const root = path.resolve(import.meta.dirname, '../../..');
const sha = (b: Uint8Array) => createHash('sha256').update(b).digest('hex');
const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'emtihan-crash-'));
let child: ChildProcess | undefined;

afterAll(() => {
  child?.kill('SIGKILL');
  fs.rmSync(dataDir, { recursive: true, force: true });
});

function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const s = net.createServer().listen(0, '127.0.0.1', () => {
      const { port } = s.address() as net.AddressInfo;
      s.close(() => resolve(port));
    });
  });
}

/** Starts the real server as its own process and resolves once it listens. */
function startServer(port: number): Promise<ChildProcess> {
  // `node --import tsx` (not the tsx binary, which runs the server in a child of its own): the
  // process killed is the server itself.
  const p = spawn(process.execPath, ['--import', 'tsx', 'apps/server/src/main.ts'], {
    cwd: root,
    env: {
      ...process.env,
      DATA_DIR: dataDir,
      PORT: String(port),
      HOST: '127.0.0.1',
      DEMO: 'true',
      LOG_LEVEL: 'info',
    },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  return new Promise((resolve, reject) => {
    let out = '';
    p.stdout!.on('data', (d: Buffer) => {
      out += d.toString();
      if (out.includes('Emtihan is listening')) resolve(p);
    });
    p.once('exit', (code) => reject(new Error(`server exited with ${code}: ${out}`)));
  });
}

describe('the server is killed (kill -9) during uploads', () => {
  it('after a restart every segment is stored exactly once', async () => {
    const port = await freePort();
    const url = `http://127.0.0.1:${port}`;
    child = await startServer(port);
    const { client, sessionId } = await checkInThroughApi(
      url,
      'student1',
      'Әлібекова Аружан Қайратқызы',
    );
    const segments = Array.from({ length: 40 }, (_, seq) => ({
      seq,
      bytes: new Uint8Array(randomBytes(200 * 1024)),
    }));
    const send = (s: (typeof segments)[number]) =>
      fetch(
        `${url}/api/sessions/${sessionId}/evidence/screen/${s.seq}?sha256=${sha(s.bytes)}&startedAt=${1_760_000_000_000 + s.seq}&durationMs=60000`,
        {
          method: 'POST',
          headers: {
            'content-type': 'video/webm',
            cookie: client.cookie,
            'x-csrf-token': client.csrf,
          },
          body: s.bytes,
        },
      ).then(
        async (r) => ({
          seq: s.seq,
          status: r.status,
          body: (await r.json()) as Record<string, unknown>,
        }),
        () => ({ seq: s.seq, status: 0, body: {} as Record<string, unknown> }),
      );

    // Eight at a time; the server is killed once the first ten are acknowledged.
    const acked = new Set<number>();
    let killed = false;
    const queue = [...segments];
    const workers = Array.from({ length: 8 }, async () => {
      for (let s = queue.shift(); s; s = queue.shift()) {
        const r = await send(s);
        if (r.status === 200) acked.add(r.seq);
        if (acked.size >= 10 && !killed) {
          killed = true;
          child!.kill('SIGKILL');
        }
      }
    });
    await Promise.all(workers);
    expect(killed).toBe(true);
    expect(acked.size).toBeLessThan(segments.length);

    // Restarted on the same data and port; the client resends all it holds (acked ones too).
    const old = child;
    if (old.exitCode === null && old.signalCode === null)
      await new Promise((r) => old.once('exit', r));
    child = await startServer(port);
    const again = await Promise.all(segments.map(send));
    expect(again.map((r) => r.status)).toEqual(segments.map(() => 200));
    for (const r of again)
      if (acked.has(r.seq)) expect(r.body.duplicate, `seq ${r.seq}`).toBe(true);

    const listed = (await client.call('listEvidence', { params: { sessionId } })).body.segments as {
      seq: number;
      sha256: string;
    }[];
    expect(listed.map((s) => s.seq)).toEqual(segments.map((s) => s.seq));
    expect(listed.map((s) => s.sha256)).toEqual(segments.map((s) => sha(s.bytes)));
    const blobDir = path.join(dataDir, 'blobs', 'evidence', sessionId, 'screen');
    const files = fs.readdirSync(blobDir).filter((f) => !f.endsWith('.tmp'));
    expect(files).toHaveLength(segments.length);
    for (const s of segments) {
      const file = files.find((f) => f.startsWith(String(s.seq).padStart(6, '0')))!;
      expect(sha(fs.readFileSync(path.join(blobDir, file)))).toBe(sha(s.bytes));
    }
    child.kill('SIGKILL');
    await new Promise((r) => child!.once('exit', r));
    child = undefined;

    const { db } = openDatabase({ dataDir });
    try {
      const chain = await new SessionRepo(db).auditChain(sessionId);
      expect(verifyAuditChain(chain)).toEqual({ ok: true });
      const stored = chain
        .filter((e) => e.type === 'evidence.stored')
        .map((e) => (e.payload as { sequence: number }).sequence)
        .sort((a, b) => a - b);
      expect(stored).toEqual(segments.map((s) => s.seq));
    } finally {
      await db.destroy();
    }
  }, 90_000);
});
