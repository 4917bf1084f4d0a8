// The databases every repository must work on: a fresh SQLite file and a fresh PostgreSQL schema.
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { sql } from 'kysely';
import pg from 'pg';
import { migrate, openDatabase, type Db } from '../../src/db/database.ts';

/** PostgreSQL of this machine and of CI; override with TEST_DATABASE_URL. */
export const TEST_PG_URL =
  process.env.TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';

/**
 * Runs `fn` while no other test process migrates or drops a schema on the test server. Kysely's
 * migrator lists the tables of every schema, and that query fails ("schema … does not exist")
 * when another worker drops its schema meanwhile. A session advisory lock, let go when its
 * connection ends.
 */
export async function withSchemaLock<T>(fn: () => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: TEST_PG_URL });
  await client.connect();
  try {
    await client.query('select pg_advisory_lock($1)', [SCHEMA_LOCK]);
    return await fn();
  } finally {
    await client.end();
  }
}
const SCHEMA_LOCK = 7_310_001;

export interface TestDb {
  name: 'sqlite' | 'postgres';
  open(): Promise<{ db: Db; drop(): Promise<void> }>;
}

export const testDatabases: TestDb[] = [
  {
    name: 'sqlite',
    async open() {
      const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'emtihan-contract-'));
      const { db } = openDatabase({ dataDir });
      await migrate(db);
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
    async open() {
      const schema = `t_${randomBytes(6).toString('hex')}`;
      const { db } = openDatabase({ dataDir: '', databaseUrl: TEST_PG_URL, schema });
      await withSchemaLock(() => migrate(db, schema));
      return {
        db,
        async drop() {
          await withSchemaLock(() => sql`drop schema ${sql.id(schema)} cascade`.execute(db));
          await db.destroy();
        },
      };
    },
  },
];
