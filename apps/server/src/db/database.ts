// Opens the database named by the config (SQLite file by default, PostgreSQL by URL) and
// brings its schema up to date.
import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import SQLite from 'better-sqlite3';
import { Kysely, Migrator, PostgresDialect, SqliteDialect, sql, type SqliteDatabase } from 'kysely';
import type * as Pg from 'pg';
import { migrationProvider } from './migrations.ts';
import type { Database } from './schema.ts';

export type Db = Kysely<Database>;

/**
 * The SQLite file behind a Kysely instance, for the few hot paths that run prepared statements
 * synchronously inside `db.connection()` (signal group commits, ADR 0015). None on PostgreSQL.
 * `syncWal` makes everything committed so far durable (fdatasync of the write-ahead log) on
 * libuv's thread pool, so the event loop goes on meanwhile.
 */
export interface SqliteFile {
  file: SQLite.Database;
  syncWal(): Promise<void>;
  /** The statement of this SQL text, prepared once (the cache Kysely's queries use too). */
  prepare(sqlText: string): SQLite.Statement;
}
const sqliteFiles = new WeakMap<Db, SqliteFile>();
export const sqliteFileOf = (db: Db): SqliteFile | undefined => sqliteFiles.get(db);

/**
 * On SQLite, a reader of hot queries written as SQL: each text prepared once per file, run under
 * the connection's lock (so it never reads inside another caller's open transaction). Kysely
 * builds and compiles each query anew (more CPU than running our small ones); the few queries
 * asked on every request go this way. Undefined on PostgreSQL, where Kysely's path stays.
 */
export type SqliteReader = <R>(sqlText: string, params: readonly unknown[]) => Promise<R[]>;
export function sqliteReaderOf(db: Db): SqliteReader | undefined {
  const sqlite = sqliteFiles.get(db);
  if (!sqlite) return undefined;
  return <R>(sqlText: string, params: readonly unknown[]) =>
    db.connection().execute(async () => sqlite.prepare(sqlText).all(...params) as R[]);
}

function walSyncer(file: SQLite.Database): { syncWal(): Promise<void>; close(): void } {
  let fd: number | undefined;
  let running: Promise<void> | null = null;
  let queued: Promise<void> | null = null;
  let closed = false;
  const start = (): Promise<void> => {
    if (closed) return Promise.reject(new Error('the database is closed'));
    if (fd === undefined) {
      // The log exists from the first commit on and keeps its inode while the file is open;
      // its directory entry is made durable once.
      fd = fs.openSync(`${file.name}-wal`, 'r');
      const dir = fs.openSync(path.dirname(file.name), 'r');
      fs.fsyncSync(dir);
      fs.closeSync(dir);
    }
    const handle = fd;
    running = new Promise<void>((resolve, reject) =>
      fs.fdatasync(handle, (err) => (err ? reject(err) : resolve())),
    ).finally(() => {
      running = null;
    });
    return running;
  };
  return {
    // One sync at a time: a caller that comes while one runs (which may have begun before its
    // commit was written) waits for the next, shared by everyone who comes meanwhile.
    syncWal() {
      if (queued) return queued;
      if (!running) return start();
      queued = running
        .catch(() => {})
        .then(() => {
          queued = null;
          return start();
        });
      return queued;
    },
    close() {
      closed = true;
      const open = fd;
      fd = undefined;
      if (open === undefined) return;
      // A sync still running keeps its descriptor until it ends (closing it under the sync
      // would fail it with EBADF).
      if (running) void running.catch(() => {}).then(() => fs.closeSync(open));
      else fs.closeSync(open);
    },
  };
}

export interface DbOptions {
  dataDir: string;
  databaseUrl?: string | undefined;
  /** PostgreSQL only: the schema to use, created when missing (tests use one per run). */
  schema?: string | undefined;
  /**
   * PostgreSQL only: an idle connection was ended by the database (a restart, a failover, an
   * administrator). The pool drops it and opens a new one for the next query.
   */
  onConnectionLost?: (err: Error) => void;
}

export function openDatabase(opts: DbOptions): { db: Db; dialect: 'sqlite' | 'postgres' } {
  if (opts.databaseUrl) {
    // The PostgreSQL driver is loaded only by a server configured with a database URL.
    const pg = createRequire(import.meta.url)('pg') as typeof Pg;
    const pool = new pg.Pool({
      connectionString: opts.databaseUrl,
      max: 10,
      ...(opts.schema ? { options: `-c search_path=${opts.schema}` } : {}),
    });
    // Without a listener, Node ends the whole process on this event: a PostgreSQL restart took
    // the server down with it (ADR 0021). The pool reports its idle connections; a connection in
    // use (a transaction between two queries) reports on itself, and the pool drops it once
    // it is given back.
    pool.on('error', () => {});
    pool.on('connect', (client) => client.on('error', (err) => opts.onConnectionLost?.(err)));
    return {
      db: new Kysely<Database>({ dialect: new PostgresDialect({ pool }) }),
      dialect: 'postgres',
    };
  }
  fs.mkdirSync(opts.dataDir, { recursive: true });
  const file = new SQLite(path.join(opts.dataDir, 'emtihan.sqlite'));
  // WAL for concurrent readers; synchronous=FULL so an acknowledged write survives power loss.
  file.pragma('journal_mode = WAL');
  file.pragma('synchronous = FULL');
  file.pragma('foreign_keys = ON');
  file.pragma('busy_timeout = 5000');
  const wal = walSyncer(file);
  const close = file.close.bind(file);
  file.close = () => {
    wal.close();
    return close();
  };
  const statements = cachingStatements(file);
  const db = new Kysely<Database>({ dialect: new SqliteDialect({ database: statements }) });
  sqliteFiles.set(db, { file, syncWal: wal.syncWal, prepare: statements.prepare });
  return { db, dialect: 'sqlite' };
}

/**
 * Kysely prepares every query anew; preparing costs more than running most of ours. The same SQL
 * text reuses its prepared statement (Kysely runs one query at a time on the one connection).
 */
/** What Kysely runs as ROLLBACK when SQLite has already rolled the transaction back. */
const NO_ROLLBACK = {
  reader: false,
  run: () => ({ changes: 0, lastInsertRowid: 0 }),
} as unknown as SQLite.Statement;

function cachingStatements(
  file: SQLite.Database,
): SqliteDatabase & { prepare(sqlText: string): SQLite.Statement } {
  const statements = new Map<string, SQLite.Statement>();
  return {
    close: () => file.close(),
    prepare(sqlText: string): SQLite.Statement {
      // SQLite rolls a transaction back itself on some errors (SQLITE_FULL: the disk is full).
      // Kysely's ROLLBACK then fails ("no transaction is active") and its error replaces the
      // first one, so a full disk looked like any bug (a 500, not a 507; ADR 0021).
      if (sqlText === 'rollback' && !file.inTransaction) return NO_ROLLBACK;
      let stmt = statements.get(sqlText);
      if (!stmt) {
        // Queries with varying lists (`in (?, ?, …)`) make many texts: keep the cache bounded.
        if (statements.size >= 2000) statements.clear();
        stmt = file.prepare(sqlText);
        statements.set(sqlText, stmt);
      }
      return stmt;
    },
  };
}

export async function migrate(db: Db, schema?: string): Promise<void> {
  if (schema) await sql`create schema if not exists ${sql.id(schema)}`.execute(db);
  // With a schema, Kysely keeps its migration tables there and looks for them only there:
  // otherwise it finds another schema's lock table on the same server and skips creating its own.
  const migrator = new Migrator({
    db,
    provider: migrationProvider,
    ...(schema ? { migrationTableSchema: schema } : {}),
  });
  const { error, results } = await migrator.migrateToLatest();
  const failed = results?.find((r) => r.status === 'Error');
  if (error || failed) {
    throw new Error(
      `Migration failed${failed ? ` at ${failed.migrationName}` : ''}: ${String(error)}`,
    );
  }
}

/** Cheap round trip for /readyz. */
export async function ping(db: Db): Promise<void> {
  await sql`select 1`.execute(db);
}
