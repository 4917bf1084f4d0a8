// One session's evidence outbox on this device: segments and snapshots kept (IndexedDB when
// there is one) until the server acknowledges them, and the uploader that sends them. The
// laptop's recorder and the phone's side recorder share it, so both take the same resumable path.
import type { EvidenceTrack } from '@emtihan/protocol';
import { sha256OfBlob } from '../outbox/sha256.hash';
import { EvidenceUploader } from './evidence.uploader';
import {
  idbSegmentStore,
  memorySegmentStore,
  openSegmentDb,
  type SegmentStore,
} from './segment.store';

export interface Evidence {
  store: SegmentStore;
  uploader: EvidenceUploader;
  keep(
    track: EvidenceTrack,
    blob: Blob,
    contentType: string,
    startedAt: number,
    durationMs: number,
  ): Promise<void>;
}

/** The device's durable outbox (IndexedDB), in memory until it opens or where there is none. */
export function deviceSegmentStore(): SegmentStore {
  let store: SegmentStore = memorySegmentStore();
  const ready =
    typeof indexedDB === 'undefined'
      ? Promise.resolve()
      : openSegmentDb().then(
          (db) => {
            store = idbSegmentStore(db);
          },
          () => {},
        );
  return {
    add: async (...a) => (await ready, store.add(...a)),
    put: async (...a) => (await ready, store.put(...a)),
    list: async (...a) => (await ready, store.list(...a)),
    remove: async (...a) => (await ready, store.remove(...a)),
  };
}

export interface OutboxOptions {
  /** The CSRF token the uploads carry (fetched again after a 401 or a CSRF refusal). */
  fetchCsrf: () => Promise<string>;
  /** How requests go out (default: the page's `fetch`, with its cookies). */
  fetch?: typeof fetch;
  /** Where segments wait (default: `deviceSegmentStore()`). */
  store?: SegmentStore;
  /**
   * The lowest sequence number a new segment of a track may take: above what the server already
   * holds from another device (a replaced phone), so no number is used twice.
   */
  minSeq?: Partial<Record<EvidenceTrack, number>>;
}

/**
 * A session's outbox and uploader: `keep` hashes a segment, stores it under its track's next
 * sequence number and wakes the uploader; the uploader sends again on coming back online.
 */
export function evidenceOutbox(sessionId: string, o: OutboxOptions): Evidence {
  const store = o.store ?? deviceSegmentStore();
  const uploader = new EvidenceUploader(sessionId, store, o.fetchCsrf, o.fetch);
  // Serialized, so sequence numbers follow the order segments end in.
  let queue = Promise.resolve();
  const evidence: Evidence = {
    store,
    uploader,
    keep(track, blob, contentType, startedAt, durationMs) {
      queue = queue.then(async () => {
        const sha256 = await sha256OfBlob(blob);
        await store.add(
          {
            sessionId,
            track,
            blob,
            sha256,
            contentType,
            size: blob.size,
            startedAt,
            durationMs,
            refused: null,
          },
          o.minSeq?.[track] ?? 0,
        );
        uploader.kick();
      });
      return queue;
    },
  };
  if (typeof window !== 'undefined') window.addEventListener('online', () => uploader.kick());
  uploader.kick();
  return evidence;
}
