// The signal outbox in IndexedDB (its own database, beside the answer outbox's): records with a
// local increasing key, and per session the next batch number. Writes are durable ('strict').
import type { SignalRecord, SignalStore } from './signal.outbox';
import { idbDone, idbRequest, openIdb } from '../storage/idb';

const DB_NAME = 'emtihan-signals';
const RECORDS = 'signals';
const SEQS = 'seqs';

export function openSignalDb(): Promise<IDBDatabase> {
  return openIdb(DB_NAME, 1, (db) => {
    const records = db.createObjectStore(RECORDS, { keyPath: 'id', autoIncrement: true });
    records.createIndex('session', 'sessionId');
    db.createObjectStore(SEQS, { keyPath: 'sessionId' });
  });
}

export function idbSignalStore(db: IDBDatabase): SignalStore {
  const tx = (stores: string[], mode: IDBTransactionMode) =>
    db.transaction(stores, mode, mode === 'readwrite' ? { durability: 'strict' } : undefined);
  return {
    async add(record) {
      const t = tx([RECORDS], 'readwrite');
      t.objectStore(RECORDS).add(record);
      t.commit?.();
      await idbDone(t);
    },
    async list(sessionId) {
      const t = tx([RECORDS], 'readonly');
      const rows = await idbRequest(t.objectStore(RECORDS).index('session').getAll(sessionId));
      return (rows as SignalRecord[]).sort((a, b) => a.id - b.id);
    },
    async formBatch(sessionId, ids, seq) {
      const t = tx([RECORDS, SEQS], 'readwrite');
      const records = t.objectStore(RECORDS);
      for (const id of ids) {
        const row = (await idbRequest(records.get(id))) as SignalRecord | undefined;
        if (row) records.put({ ...row, batch: seq });
      }
      t.objectStore(SEQS).put({ sessionId, next: seq + 1 });
      await idbDone(t);
    },
    async nextSeq(sessionId) {
      const t = tx([SEQS], 'readonly');
      const row = (await idbRequest(t.objectStore(SEQS).get(sessionId))) as
        { next: number } | undefined;
      return row?.next ?? null;
    },
    async remove(ids) {
      const t = tx([RECORDS], 'readwrite');
      for (const id of ids) t.objectStore(RECORDS).delete(id);
      await idbDone(t);
    },
  };
}
