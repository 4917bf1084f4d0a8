// Migration 0014 (ADR 0015) on SQLite and PostgreSQL: the signals stored one row each before it
// move into their batches' rows, and a session's tracker is rebuilt from them as before.
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Migrator, sql } from 'kysely';
import { describe, expect, it } from 'vitest';
import { migrate, openDatabase, type Db } from '../../src/db/database.ts';
import { migrationProvider } from '../../src/db/migrations.ts';
import { SignalRepo } from '../../src/repositories/signal.repo.ts';
import { TEST_PG_URL, withSchemaLock } from '../contract/databases.ts';
import { seedWrittenSession } from './seed-session.ts';

const T0 = Date.parse('2026-06-01T08:00:00Z');
const iso = new Date(T0).toISOString();

interface Opened {
  db: Db;
  schema?: string;
  drop(): Promise<void>;
}

const databases: { name: string; open(): Opened }[] = [
  {
    name: 'sqlite',
    open() {
      const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'emtihan-migrate-'));
      const { db } = openDatabase({ dataDir });
      return {
        db,
        async drop() {
          await db.destroy();
          fs.rmSync(dataDir, { recursive: true, force: true });
        },
      };
    },
  },
  {
    name: 'postgres',
    open() {
      const schema = `t_${randomBytes(6).toString('hex')}`;
      const { db } = openDatabase({ dataDir: '', databaseUrl: TEST_PG_URL, schema });
      return {
        db,
        schema,
        async drop() {
          await withSchemaLock(() => sql`drop schema ${sql.id(schema)} cascade`.execute(db));
          await db.destroy();
        },
      };
    },
  },
];

/** Migrations on PostgreSQL run under the test server's schema lock (`withSchemaLock`). */
async function migrateTo(db: Db, name: string, schema?: string): Promise<void> {
  const run = async () => {
    if (schema) await sql`create schema if not exists ${sql.id(schema)}`.execute(db);
    const migrator = new Migrator({
      db,
      provider: migrationProvider,
      ...(schema ? { migrationTableSchema: schema } : {}),
    });
    const { error } = await migrator.migrateTo(name);
    if (error) throw error;
  };
  await (schema ? withSchemaLock(run) : run());
}

describe.each(databases)('signals move into their batches ($name)', (database) => {
  it('keeps every signal, its batch and its evidence, in the order they were accepted', async () => {
    const { db, schema, drop } = database.open();
    try {
      await migrateTo(db, '0013_signals_lean_index', schema);
      await seedWrittenSession(db, T0);
      // Two batches stored the old way: batch 0 with two signals, batch 1 with one.
      for (const seq of [0, 1]) {
        await sql`insert into signal_batches (session_id, seq, count, received_at)
                  values ('sess-1', ${seq}, ${seq === 0 ? 2 : 1}, ${iso})`.execute(db);
      }
      const old = [
        { seq: 0, idx: 0, signal: { kind: 'face-count', at: T0 + 1, count: 1 }, file: null },
        { seq: 0, idx: 1, signal: { kind: 'context-menu', at: T0 + 2 }, file: 'f1' },
        { seq: 1, idx: 0, signal: { kind: 'face-count', at: T0 + 3, count: 2 }, file: null },
      ];
      for (const s of old) {
        await sql`insert into signals (session_id, batch_seq, idx, at, kind, data, evidence_file_id)
                  values ('sess-1', ${s.seq}, ${s.idx}, ${s.signal.at}, ${s.signal.kind},
                          ${JSON.stringify(s.signal)}, ${s.file})`.execute(db);
      }
      await (schema ? withSchemaLock(() => migrate(db, schema)) : migrate(db));
      const repo = new SignalRepo(db);
      const loaded = await repo.loadSession('sess-1');
      expect(loaded.seqs.sort()).toEqual([0, 1]);
      expect(loaded.signals).toEqual(
        old.map((s) => ({
          batchSeq: s.seq,
          idx: s.idx,
          signal: s.signal,
          evidenceFileId: s.file,
        })),
      );
      expect(await repo.countSignals('sess-1')).toBe(3);
    } finally {
      await drop();
    }
  });
});
