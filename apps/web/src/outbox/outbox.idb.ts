// The outbox in IndexedDB, with raw IDB (no wrapper library). Writes use durability 'strict' so
// that an acknowledged write is on disk: a power cut after "saved on this device" loses nothing.
import type { OutboxRecord, OutboxStore } from './outbox.store';
import { idbDone, idbRequest, openIdb } from '../storage/idb';

const DB_NAME = 'emtihan';
const DB_VERSION = 1;
const STORE = 'answer-outbox';

export function openOutboxDb(): Promise<IDBDatabase> {
  return openIdb(DB_NAME, DB_VERSION, (db) => {
    if (!db.objectStoreNames.contains(STORE)) {
      db.createObjectStore(STORE, { keyPath: ['sessionId', 'seq'] });
    }
  });
}

const range = (sessionId: string, below = Number.MAX_SAFE_INTEGER) =>
  IDBKeyRange.bound([sessionId, -Infinity], [sessionId, below], false, true);

export function idbOutboxStore(db: IDBDatabase): OutboxStore {
  const tx = (mode: IDBTransactionMode) =>
    db.transaction(STORE, mode, mode === 'readwrite' ? { durability: 'strict' } : undefined);
  return {
    async replace(record: OutboxRecord) {
      const t = tx('readwrite');
      const store = t.objectStore(STORE);
      store.delete(range(record.sessionId, record.seq));
      store.put(record);
      // Commit now rather than at the end of the task: the page may be closing.
      t.commit?.();
      await idbDone(t);
    },
    async list(sessionId: string) {
      const t = tx('readonly');
      const rows = await idbRequest(t.objectStore(STORE).getAll(range(sessionId)));
      return (rows as OutboxRecord[]).sort((a, b) => a.seq - b.seq);
    },
  };
}
