// The SQLite group commit of signals (ADR 0015): its own transaction commits without waiting
// for the disk and the log is synced (on the thread pool) before the group is acknowledged, while every other
// transaction of the connection keeps synchronous=FULL; a failing group stores nothing.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import SQLite from 'better-sqlite3';
import { afterEach, beforeEach, expect, it } from 'vitest';
import { migrate, openDatabase, sqliteFileOf, type Db } from '../../src/db/database.ts';
import { SignalRepo, type SignalWrite } from '../../src/repositories/signal.repo.ts';
import { seedWrittenSession } from './seed-session.ts';

const T0 = Date.parse('2026-06-01T08:00:00Z');
const iso = new Date(T0).toISOString();
let dataDir: string;
let db: Db;
let sessionId: string;

beforeEach(async () => {
  dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'emtihan-group-commit-'));
  ({ db } = openDatabase({ dataDir }));
  await migrate(db);
  sessionId = await seedWrittenSession(db, T0);
});

afterEach(async () => {
  await db.destroy();
  fs.rmSync(dataDir, { recursive: true, force: true });
});

const write = (session: string, seq: number): SignalWrite => ({
  sessionId: session,
  batch: {
    seq,
    signals: [
      {
        batchSeq: seq,
        idx: 0,
        signal: { kind: 'face-count', at: T0 + seq, count: 1 },
        evidenceFileId: null,
      },
    ],
  },
  flags: [],
  audit: [],
});
/** 2 = FULL. */
const synchronous = () => sqliteFileOf(db)!.file.pragma('synchronous', { simple: true });

it('stores the group, readable by another connection once acknowledged, and leaves FULL for the rest', async () => {
  const repo = new SignalRepo(db);
  expect(synchronous()).toBe(2);
  const first = await repo.commitMany([write(sessionId, 0), write(sessionId, 1)], iso);
  expect(first.outcomes).toEqual(['stored', 'stored']);
  // The log is synced on the thread pool while the next group commits.
  const second = await repo.commitMany([write(sessionId, 1), write(sessionId, 2)], iso);
  expect(second.outcomes).toEqual(['duplicate', 'stored']);
  await Promise.all([first.durable, second.durable]);
  expect(synchronous()).toBe(2);
  const other = new SQLite(path.join(dataDir, 'emtihan.sqlite'), { readonly: true });
  try {
    expect(other.prepare('select sum(count) as n from signal_batches').get()).toEqual({ n: 3 });
  } finally {
    other.close();
  }
});

it('a group that fails stores nothing of any write, and leaves FULL for the rest', async () => {
  const repo = new SignalRepo(db);
  // A session that does not exist breaks the foreign key: the whole group rolls back.
  await expect(
    repo.commitMany([write(sessionId, 0), write('no-such-session', 0)], iso),
  ).rejects.toThrow();
  expect(synchronous()).toBe(2);
  expect(await repo.countSignals(sessionId)).toBe(0);
  expect((await repo.commitMany([write(sessionId, 0)], iso)).outcomes).toEqual(['stored']);
});
