// How far the student got in check-in, kept on this device (IndexedDB, its own database) so a
// reload resumes at the same step with the typed name, the photos and the room scan, instead of
// at the exam page. Cleared once check-in is complete. Nothing here is trusted by the server:
// "Join meeting" uploads the photos and the server checks everything again.
import { openIdb } from '../../storage/idb';
import type { CheckInStep } from './written-flow.rules';

export interface CheckInProgress {
  step: CheckInStep;
  typedName: string;
  idPhoto: Blob | null;
  facePhoto: Blob | null;
  scan: Blob | null;
}

const DB_NAME = 'emtihan-check-in';
const STORE = 'progress';

function openDb(): Promise<IDBDatabase> {
  return openIdb(DB_NAME, 1, (db) => db.createObjectStore(STORE));
}

function run<T>(mode: IDBTransactionMode, act: (s: IDBObjectStore) => IDBRequest<T>): Promise<T> {
  return openDb().then(
    (db) =>
      new Promise<T>((resolve, reject) => {
        const tx = db.transaction(STORE, mode);
        const req = act(tx.objectStore(STORE));
        tx.oncomplete = () => {
          db.close();
          resolve(req.result);
        };
        tx.onabort = tx.onerror = () => {
          db.close();
          reject(tx.error ?? new Error('IndexedDB transaction failed'));
        };
      }),
  );
}

/** The saved progress of this session, or null (none, or no usable IndexedDB). */
export function loadCheckInProgress(sessionId: string): Promise<CheckInProgress | null> {
  return run('readonly', (s) => s.get(sessionId) as IDBRequest<CheckInProgress | undefined>).then(
    (p) => p ?? null,
    () => null,
  );
}

export function saveCheckInProgress(sessionId: string, p: CheckInProgress): Promise<void> {
  return run('readwrite', (s) => s.put(p, sessionId)).then(
    () => undefined,
    () => undefined,
  );
}

export function clearCheckInProgress(sessionId: string): Promise<void> {
  return run('readwrite', (s) => s.delete(sessionId)).then(
    () => undefined,
    () => undefined,
  );
}
