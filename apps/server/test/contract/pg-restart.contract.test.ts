// PostgreSQL restarted under a running server (found by `npm run drill -- --db postgres
// --restart-db`, ADR 0021): the server's idle connections are ended by the database ("terminating
// connection due to administrator command"). The server must let them go and carry on with new
// ones; before, the pool's unhandled 'error' event ended the whole process.
import { sql } from 'kysely';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase, type Db } from '../../src/db/database.ts';
import { TEST_PG_URL } from './databases.ts';

let db: Db;
let admin: pg.Client;

beforeAll(async () => {
  ({ db } = openDatabase({ dataDir: '', databaseUrl: TEST_PG_URL }));
  admin = new pg.Client({ connectionString: TEST_PG_URL });
  await admin.connect();
});
afterAll(async () => {
  await db?.destroy();
  await admin?.end();
});

const backendPid = async (on: Db = db) =>
  (await sql<{ pid: number }>`select pg_backend_pid() as pid`.execute(on)).rows[0]!.pid;

/** Ends a backend as a restart does, and waits until the database no longer lists it. */
async function terminate(pid: number) {
  await admin.query('select pg_terminate_backend($1)', [pid]);
  for (;;) {
    const { rowCount } = await admin.query('select 1 from pg_stat_activity where pid = $1', [pid]);
    if (rowCount === 0) return;
  }
}

describe('the database ends the server’s connections (a restart)', () => {
  it('keeps the process up and answers the next query on a new connection', async () => {
    const before = await backendPid();
    await terminate(before);
    // One query may still meet the dead connection if its goodbye is read only then.
    const after = await backendPid().catch(() => backendPid());
    expect(after).not.toBe(before);
  });

  it('fails only the transaction whose connection was ended, and keeps the process up', async () => {
    let ended = 0;
    const failed = await db
      .transaction()
      .execute(async (trx) => {
        ended = await backendPid(trx);
        await terminate(ended);
        await backendPid(trx);
      })
      .then(
        () => false,
        () => true,
      );
    expect(failed).toBe(true);
    const after = await backendPid().catch(() => backendPid());
    expect(after).not.toBe(ended);
  });
});
