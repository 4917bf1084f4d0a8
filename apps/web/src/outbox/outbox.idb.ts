// The outbox in IndexedDB, with raw IDB (no wrapper library). Writes use durability 'strict' so
// that an acknowledged write is on disk: a power cut after "saved on this device" loses nothing.
import type { OutboxRecord, OutboxStore } from './outbox.store';

const DB_NAME = 'emtihan';
const DB_VERSION = 1;
const STORE = 'answer-outbox';

function request<T>(req: IDBRequest<T>): Promise<T> {
  return new Promise((resolve, reject) => {
    req.onsuccess = () => resolve(req.result);
    req.onerror = () => reject(req.error ?? new Error('IndexedDB request failed'));
  });
}

function done(tx: IDBTransaction): Promise<void> {
  return new Promise((resolve, reject) => {
    tx.oncomplete = () => resolve();
    tx.onabort = () => reject(tx.error ?? new Error('IndexedDB transaction aborted'));
    tx.onerror = () => reject(tx.error ?? new Error('IndexedDB transaction failed'));
  });
}

export function openOutboxDb(): Promise<IDBDatabase> {
  return new Promise((resolve, reject) => {
    const req = indexedDB.open(DB_NAME, DB_VERSION);
    req.onupgradeneeded = () => {
      const db = req.result;
      if (!db.objectStoreNames.contains(STORE)) {
        db.createObjectStore(STORE, { keyPath: ['sessionId', 'seq'] });
      }
    };
    req.onsuccess = () => resolve(req.result);
    req.onerror = () => reject(req.error ?? new Error('IndexedDB cannot be opened'));
    req.onblocked = () => reject(new Error('IndexedDB is blocked by another tab'));
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
      await done(t);
    },
    async list(sessionId: string) {
      const t = tx('readonly');
      const rows = await request(t.objectStore(STORE).getAll(range(sessionId)));
      return (rows as OutboxRecord[]).sort((a, b) => a.seq - b.seq);
    },
  };
}
