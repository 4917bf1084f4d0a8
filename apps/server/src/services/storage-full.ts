// Whether a failed write failed because the storage is full: the disk (ENOSPC, EDQUOT), SQLite's
// file (SQLITE_FULL), PostgreSQL's disk (53100 disk_full) or an S3-compatible store's quota. Such
// a write is refused with 507 `insufficient-storage` (the client keeps its data and sends it again
// later), never a 500.
export function isStorageFull(e: unknown): boolean {
  const err = e as {
    code?: unknown;
    name?: string;
    $metadata?: { httpStatusCode?: number };
    cause?: unknown;
  } | null;
  if (!err || typeof err !== 'object') return false;
  return (
    err.code === 'ENOSPC' ||
    err.code === 'EDQUOT' ||
    err.code === 'SQLITE_FULL' ||
    err.code === '53100' ||
    err.name === 'EntityTooLarge' ||
    err.$metadata?.httpStatusCode === 507 ||
    (err.cause !== undefined && err.cause !== e && isStorageFull(err.cause))
  );
}
