// `[ROOT=<checkout>] npx tsx bench/realtime-start.mts [N]` (ADR 0015): N sittings start sending
// at once on a fresh SignalService in this process (no sockets; the real SQLite database, seeded
// as bench/realtime.ts seeds it), as after a restart: the time until every first batch is
// acknowledged and the CPU it took; then a second batch of each (the steady state). ROOT runs
// another checkout's code (the code before, for a back-to-back comparison).
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
const ROOT = process.env.ROOT ?? path.resolve(import.meta.dirname, '..');
const N = Number(process.argv[2] ?? 10000);
const { seedWrittenExam } = await import(`${ROOT}/bench/seed.ts`);
const { openDatabase } = await import(`${ROOT}/apps/server/src/db/database.ts`);
const { SignalRepo } = await import(`${ROOT}/apps/server/src/repositories/signal.repo.ts`);
const { SessionRepo } = await import(`${ROOT}/apps/server/src/repositories/session.repo.ts`);
const { ExamRepo } = await import(`${ROOT}/apps/server/src/repositories/exam.repo.ts`);
const { LocalDiskBlobStore } = await import(
  `${ROOT}/apps/server/src/adapters/local-disk.blob-store.ts`
);
const { SignalService } = await import(`${ROOT}/apps/server/src/services/signal.service.ts`);
const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'storm-'));
const seeded = await seedWrittenExam(dataDir, N);
const { db } = openDatabase({ dataDir });
const owners = new Map(
  (await db.selectFrom('exam_sessions').select(['id', 'student_id']).execute()).map((r: any) => [
    r.id,
    r.student_id,
  ]),
);
const service = new SignalService({
  repo: new SignalRepo(db),
  sessions: new SessionRepo(db),
  exams: new ExamRepo(db),
  blobs: new LocalDiskBlobStore(path.join(dataDir, 'blobs')),
  clock: { now: () => new Date() },
  publish: () => {},
  publishLive: () => {},
  log: { error: console.error, warn: () => {} },
});
const round = async (seq: number) => {
  const cpu0 = process.cpuUsage();
  const t0 = performance.now();
  let bad = 0;
  await Promise.all(
    seeded.students.map(async (s: any) => {
      const ack = await service.receive(owners.get(s.sessionId), {
        type: 'signals',
        sessionId: s.sessionId,
        seq,
        signals: [{ kind: 'face-count', at: Date.now(), count: 1 }],
      });
      if (!ack.ok) bad++;
    }),
  );
  const ms = performance.now() - t0;
  const c = process.cpuUsage(cpu0);
  return {
    seq,
    allAckedMs: Math.round(ms),
    cpuMs: Math.round((c.user + c.system) / 1000),
    bad,
  };
};
const load = os.loadavg()[0]!.toFixed(1);
const r0 = await round(0);
const r1 = await round(1);
console.log(JSON.stringify({ root: ROOT, n: N, load, start: r0, steady: r1 }));
await service.close();
await db.destroy();
fs.rmSync(dataDir, { recursive: true, force: true });
process.exit(0);
