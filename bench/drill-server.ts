// The server under test for `npm run drill`, as its own process so the drill can kill it with
// SIGKILL: started exactly as `npm start` composes it, configured by environment. With
// DRILL_FULL_FLAG=<file> (only where the machine gives the drill no small file system to fill),
// the blob store fails with ENOSPC while that file exists: the stand-in for a full disk.
import fs from 'node:fs';
import path from 'node:path';
import { LocalDiskBlobStore } from '../apps/server/src/adapters/local-disk.blob-store.ts';
import type { BlobStore } from '../apps/server/src/adapters/blob-store.port.ts';
import { loadConfig } from '../apps/server/src/config.ts';
import { start } from '../apps/server/src/main.ts';

const config = loadConfig();
const flag = process.env.DRILL_FULL_FLAG;

function fullWhileFlagged(store: BlobStore, file: string): BlobStore {
  const full = () => {
    if (fs.existsSync(file))
      throw Object.assign(new Error('ENOSPC: no space left on device (drill)'), { code: 'ENOSPC' });
  };
  return {
    put: async (...a) => (full(), store.put(...a)),
    write: async (...a) => (full(), store.write(...a)),
    get: (k) => store.get(k),
    head: (k) => store.head(k),
    delete: (k) => store.delete(k),
    list: (p) => store.list(p),
  } as BlobStore;
}

const { address } = await start(
  config,
  flag
    ? { blobs: fullWhileFlagged(new LocalDiskBlobStore(path.join(config.dataDir, 'blobs')), flag) }
    : {},
);
process.send?.({ type: 'ready', address });
