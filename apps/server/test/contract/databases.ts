// The databases every repository must work on: a fresh SQLite file and a fresh PostgreSQL schema.
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { sql } from 'kysely';
import { migrate, openDatabase, type Db } from '../../src/db/database.ts';

/** PostgreSQL of this machine and of CI; override with TEST_DATABASE_URL. */
export const TEST_PG_URL =
  process.env.TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';

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
      await migrate(db, schema);
      return {
        db,
        async drop() {
          await sql`drop schema ${sql.id(schema)} cascade`.execute(db);
          await db.destroy();
        },
      };
    },
  },
];
