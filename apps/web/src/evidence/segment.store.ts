// Recorded segments and snapshots waiting on the device until the server acknowledges them.
// IndexedDB (its own database, so the answer outbox's schema is untouched), written with
// durability 'strict': a segment that is "on this computer" survives a crash or power cut.
import type { EvidenceTrack } from '@emtihan/protocol';
import { idbDone, idbRequest, openIdb } from '../storage/idb';

export interface PendingSegment {
  sessionId: string;
  track: EvidenceTrack;
  seq: number;
  blob: Blob;
  sha256: string;
  contentType: string;
  size: number;
  startedAt: number;
  durationMs: number;
  /** Set when the server refused it for a reason a resend cannot fix (kept, not sent again). */
  refused: string | null;
}

export interface SegmentStore {
  /**
   * Keeps a new segment under the next sequence number of its session's track, in one
   * transaction with the durable counter, so a reload never reuses a number. Returns the seq.
   * `minSeq`: the lowest number it may take (numbers below it are known to be used elsewhere,
   * e.g. by a phone that was replaced).
   */
  add(s: Omit<PendingSegment, 'seq'>, minSeq?: number): Promise<number>;
  put(s: PendingSegment): Promise<void>;
  list(sessionId: string): Promise<PendingSegment[]>;
  remove(sessionId: string, track: EvidenceTrack, seq: number): Promise<void>;
}

const DB_NAME = 'emtihan-evidence';
const SEGMENTS = 'segments';
const COUNTERS = 'counters';

export function openSegmentDb(): Promise<IDBDatabase> {
  return openIdb(DB_NAME, 1, (db) => {
    db.createObjectStore(SEGMENTS, { keyPath: ['sessionId', 'track', 'seq'] });
    db.createObjectStore(COUNTERS, { keyPath: ['sessionId', 'track'] });
  });
}

export function idbSegmentStore(db: IDBDatabase): SegmentStore {
  const tx = (stores: string[], mode: IDBTransactionMode) =>
    db.transaction(stores, mode, mode === 'readwrite' ? { durability: 'strict' } : undefined);
  return {
    async add(s, minSeq = 0) {
      const t = tx([COUNTERS, SEGMENTS], 'readwrite');
      const counters = t.objectStore(COUNTERS);
      const row = (await idbRequest(counters.get([s.sessionId, s.track]))) as
        { next: number } | undefined;
      const seq = Math.max(row?.next ?? 0, minSeq);
      counters.put({ sessionId: s.sessionId, track: s.track, next: seq + 1 });
      t.objectStore(SEGMENTS).put({ ...s, seq });
      t.commit?.();
      await idbDone(t);
      return seq;
    },
    async put(s) {
      const t = tx([SEGMENTS], 'readwrite');
      t.objectStore(SEGMENTS).put(s);
      t.commit?.();
      await idbDone(t);
    },
    async list(sessionId) {
      const t = tx([SEGMENTS], 'readonly');
      const range = IDBKeyRange.bound([sessionId], [sessionId, []]);
      const rows = (await idbRequest(t.objectStore(SEGMENTS).getAll(range))) as PendingSegment[];
      return rows.sort((a, b) => a.startedAt - b.startedAt || a.seq - b.seq);
    },
    async remove(sessionId, track, seq) {
      const t = tx([SEGMENTS], 'readwrite');
      t.objectStore(SEGMENTS).delete([sessionId, track, seq]);
      await idbDone(t);
    },
  };
}

/** For tests and for browsers without IndexedDB (the segments then live as long as the page). */
export function memorySegmentStore(): SegmentStore & { rows: PendingSegment[] } {
  const rows: PendingSegment[] = [];
  const counters = new Map<string, number>();
  return {
    rows,
    async add(s, minSeq = 0) {
      const k = `${s.sessionId}/${s.track}`;
      const seq = Math.max(counters.get(k) ?? 0, minSeq);
      counters.set(k, seq + 1);
      rows.push({ ...s, seq });
      return seq;
    },
    async put(s) {
      const i = rows.findIndex(
        (r) => r.sessionId === s.sessionId && r.track === s.track && r.seq === s.seq,
      );
      if (i >= 0) rows[i] = s;
      else rows.push(s);
    },
    async list(sessionId) {
      return rows
        .filter((r) => r.sessionId === sessionId)
        .sort((a, b) => a.startedAt - b.startedAt || a.seq - b.seq);
    },
    async remove(sessionId, track, seq) {
      const i = rows.findIndex(
        (r) => r.sessionId === sessionId && r.track === track && r.seq === seq,
      );
      if (i >= 0) rows.splice(i, 1);
    },
  };
}
