// The signal outbox: every observation goes to the device first (IndexedDB), then to the server
// in numbered batches until acknowledged. A batch, once formed, keeps its number and content, so
// a batch sent twice (no answer in time, a reload, a server restart) is stored once by the
// server (idempotent by session + seq). At most one snapshot rides with a batch.
import type { Signal } from '@emtihan/domain';
import type { ClientAck, SignalBatchMessage } from '@emtihan/protocol';

export interface SignalRecord {
  /** Local order (an increasing key). */
  id: number;
  sessionId: string;
  signal: Signal;
  evidence: Blob | null;
  /** The batch it was sent in, once formed; null while waiting. */
  batch: number | null;
}

export interface SignalStore {
  add(record: Omit<SignalRecord, 'id'>): Promise<void>;
  /** The session's records in local order. */
  list(sessionId: string): Promise<SignalRecord[]>;
  /** Marks the records as batch `seq` and sets the session's next seq to `seq + 1`, at once. */
  formBatch(sessionId: string, ids: number[], seq: number): Promise<void>;
  nextSeq(sessionId: string): Promise<number | null>;
  remove(ids: number[]): Promise<void>;
}

export type SendOutcome =
  | { kind: 'stored' }
  /**
   * Not now (offline, busy, no answer in time, too many messages): the same batch goes again
   * later, after `afterMs` when the server said when.
   */
  | { kind: 'retry'; afterMs?: number }
  /** Refused for good (malformed, not this student's, the sitting is over): dropped. */
  | { kind: 'dropped'; reason: string };

export interface SignalTransport {
  send(batch: SignalBatchMessage): Promise<SendOutcome>;
}

export interface SignalOutboxOptions {
  sessionId: string;
  store: SignalStore;
  transport: SignalTransport;
  /** Signals wait this long for company before a batch goes (default 300 ms). */
  batchDelayMs?: number;
  maxBatch?: number;
  /** The first seq when the device has none stored (default 0). */
  firstSeq?: number;
  onDropped?: (reason: string) => void;
}

const RETRY_MIN_MS = 1000;
const RETRY_MAX_MS = 15_000;

/** Reads an outcome out of the server's acknowledgement. */
export function outcomeOf(ack: ClientAck): SendOutcome {
  if (ack.ok) return { kind: 'stored' };
  if (ack.reason === 'unavailable' || ack.reason === 'unauthenticated') return { kind: 'retry' };
  if (ack.reason === 'rate-limited') return { kind: 'retry', afterMs: ack.retryAfterMs ?? 0 };
  return { kind: 'dropped', reason: `${ack.reason}: ${ack.message}` };
}

export class SignalOutbox {
  private readonly o: Required<Omit<SignalOutboxOptions, 'onDropped'>> &
    Pick<SignalOutboxOptions, 'onDropped'>;
  private pumping: Promise<void> | null = null;
  private timer: ReturnType<typeof setTimeout> | null = null;
  private closed = false;
  private writes: Promise<void> = Promise.resolve();
  private retryMs = RETRY_MIN_MS;

  constructor(options: SignalOutboxOptions) {
    this.o = { batchDelayMs: 300, maxBatch: 50, firstSeq: 0, ...options };
  }

  /** Keeps the signal on the device (in call order) and sends it soon. */
  push(signal: Signal, evidence: Blob | null = null): Promise<void> {
    const { sessionId, store } = this.o;
    this.writes = this.writes
      .then(() => store.add({ sessionId, signal, evidence, batch: null }))
      .catch(() => {});
    const written = this.writes;
    void written.then(() => this.schedule(this.o.batchDelayMs));
    return written;
  }

  /** Sends what is waiting now (after a reconnect). */
  flush(): void {
    this.retryMs = RETRY_MIN_MS;
    this.schedule(0);
  }

  /** Resolves when nothing is waiting or sending (tests). */
  async idle(): Promise<void> {
    await this.writes;
    while (this.pumping || this.timer) {
      if (this.pumping) await this.pumping;
      else await new Promise((r) => setTimeout(r, 5));
    }
  }

  close(): void {
    this.closed = true;
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
  }

  private schedule(delayMs: number): void {
    if (this.closed || this.pumping) return;
    if (this.timer) {
      if (delayMs > 0) return;
      clearTimeout(this.timer);
    }
    this.timer = setTimeout(() => {
      this.timer = null;
      this.pumping = this.pump().finally(() => {
        this.pumping = null;
      });
    }, delayMs);
  }

  private async pump(): Promise<void> {
    const { sessionId, store, transport } = this.o;
    while (!this.closed) {
      const rows = await store.list(sessionId);
      if (rows.length === 0) return;
      const batch = await this.nextBatch(rows);
      const evidenceRow = batch.rows.findIndex((r) => r.evidence !== null);
      const message: SignalBatchMessage = {
        type: 'signals',
        sessionId,
        seq: batch.seq,
        signals: batch.rows.map((r) => r.signal),
        ...(evidenceRow !== -1
          ? {
              evidence: {
                index: evidenceRow,
                jpeg: await batch.rows[evidenceRow]!.evidence!.arrayBuffer(),
              },
            }
          : {}),
      };
      const outcome = await transport.send(message).catch((): SendOutcome => ({ kind: 'retry' }));
      if (outcome.kind === 'retry') {
        const wait = Math.max(this.retryMs, outcome.afterMs ?? 0);
        this.retryMs = Math.min(this.retryMs * 2, RETRY_MAX_MS);
        if (!this.closed) this.timer = setTimeout(() => this.retryLater(), wait);
        return;
      }
      this.retryMs = RETRY_MIN_MS;
      if (outcome.kind === 'dropped') this.o.onDropped?.(outcome.reason);
      await store.remove(batch.rows.map((r) => r.id));
    }
  }

  private retryLater(): void {
    this.timer = null;
    this.pumping = this.pump().finally(() => {
      this.pumping = null;
    });
  }

  /** The batch formed before (resent as it was), or a new one from the waiting records. */
  private async nextBatch(rows: SignalRecord[]): Promise<{ seq: number; rows: SignalRecord[] }> {
    const formed = rows.filter((r) => r.batch !== null);
    if (formed.length > 0) {
      const seq = Math.min(...formed.map((r) => r.batch!));
      return { seq, rows: formed.filter((r) => r.batch === seq) };
    }
    const picked: SignalRecord[] = [];
    let withEvidence = false;
    for (const r of rows) {
      if (picked.length >= this.o.maxBatch) break;
      if (r.evidence) {
        if (withEvidence) break;
        withEvidence = true;
      }
      picked.push(r);
    }
    const seq = (await this.o.store.nextSeq(this.o.sessionId)) ?? this.o.firstSeq;
    await this.o.store.formBatch(
      this.o.sessionId,
      picked.map((r) => r.id),
      seq,
    );
    return { seq, rows: picked.map((r) => ({ ...r, batch: seq })) };
  }
}

/** The outbox in memory: for tests, and where IndexedDB is not available. */
export function memorySignalStore(): SignalStore & { records: SignalRecord[] } {
  const records: SignalRecord[] = [];
  const seqs = new Map<string, number>();
  let nextId = 1;
  return {
    records,
    async add(r) {
      records.push({ ...r, id: nextId++ });
    },
    async list(sessionId) {
      return records.filter((r) => r.sessionId === sessionId).map((r) => ({ ...r }));
    },
    async formBatch(sessionId, ids, seq) {
      for (const r of records) if (ids.includes(r.id)) r.batch = seq;
      seqs.set(sessionId, seq + 1);
    },
    async nextSeq(sessionId) {
      return seqs.get(sessionId) ?? null;
    },
    async remove(ids) {
      for (let i = records.length - 1; i >= 0; i--) {
        if (ids.includes(records[i]!.id)) records.splice(i, 1);
      }
    },
  };
}
