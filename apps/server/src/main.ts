// Composition root: config -> adapters -> services -> transports. The only file that starts
// things; everything else receives what it needs.
import path from 'node:path';
import { pino } from 'pino';
import type { BlobStore } from './adapters/blob-store.port.ts';
import { LocalDiskBlobStore } from './adapters/local-disk.blob-store.ts';
import { buildApp } from './app.ts';
import { ConfigError, loadConfig, type Config } from './config.ts';
import { migrate, openDatabase } from './db/database.ts';
import { systemClock } from './services/clock.ts';
import type { SnapshotDetector } from './services/detection-check.service.ts';
import { seedDemo } from './services/demo-seed.ts';

/** `blobs` replaces the configured store (tests: a store that runs out of space). */
export async function start(
  config: Config,
  overrides: { blobs?: BlobStore; detector?: SnapshotDetector } = {},
) {
  const logger = pino({ level: config.LOG_LEVEL });
  const { db, dialect } = openDatabase({
    dataDir: config.dataDir,
    databaseUrl: config.DATABASE_URL,
    schema: config.DATABASE_SCHEMA,
    onConnectionLost: (err) =>
      logger.warn({ err }, 'the database ended a connection; the next query opens a new one'),
  });
  await migrate(db, config.DATABASE_SCHEMA);
  // The S3 client (AWS SDK) is loaded only when S3 is configured.
  const blobs =
    overrides.blobs ??
    (config.S3_BUCKET
      ? new (await import('./adapters/s3.blob-store.ts')).S3BlobStore({
          bucket: config.S3_BUCKET,
          region: config.S3_REGION,
          endpoint: config.S3_ENDPOINT,
          accessKeyId: config.S3_ACCESS_KEY_ID,
          secretAccessKey: config.S3_SECRET_ACCESS_KEY,
          forcePathStyle: config.S3_FORCE_PATH_STYLE,
          prefix: config.S3_PREFIX,
        })
      : new LocalDiskBlobStore(path.join(config.dataDir, 'blobs')));
  const { app, repos, services } = await buildApp({
    config,
    db,
    blobs,
    clock: systemClock,
    logger,
    ...(overrides.detector ? { detector: overrides.detector } : {}),
  });
  if (config.DEMO && (await seedDemo({ ...repos, clock: systemClock }))) {
    logger.info('seeded the demo university (log in as admin / demo)');
  }
  app.addHook('onClose', async () => {
    await db.destroy();
  });
  const address = await app.listen({ port: config.PORT, host: config.HOST });
  logger.info({ address, dialect, dataDir: config.dataDir }, 'Emtihan is listening');
  return { app, address, services, db };
}

if (process.argv[1] === import.meta.filename) {
  let config: Config;
  try {
    config = loadConfig();
  } catch (e) {
    if (e instanceof ConfigError) {
      console.error(e.message);
      process.exit(2);
    }
    throw e;
  }
  const { app } = await start(config);
  // Graceful shutdown: stop accepting, finish in-flight requests, close sockets and the database.
  for (const signal of ['SIGINT', 'SIGTERM'] as const) {
    process.once(signal, () => {
      app.log.info({ signal }, 'shutting down');
      app.close().then(
        () => process.exit(0),
        (err: unknown) => {
          app.log.error({ err }, 'shutdown failed');
          process.exit(1);
        },
      );
    });
  }
}
