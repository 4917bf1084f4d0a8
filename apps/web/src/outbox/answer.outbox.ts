// The answer outbox: every change goes to the device first (IndexedDB, durable), then to the
// server until acknowledged. Saves carry an increasing seq and the SHA-256 of the body, so the
// server takes each once (idempotent by session + seq) and never lets an older one win.
// Only the newest change is sent, and the device keeps only the newest: a newer answer
// replaces the older ones. Each change is written in the same task as the keystroke (no
// debounce, no waiting for a hash), so a reload or a closed tab right after typing loses nothing.
import type { SavedAnswer } from '@emtihan/protocol';
import { sha256OfText } from './sha256.hash';
import type { OutboxRecord, OutboxStore } from './outbox.store';

export type SendOutcome =
  | { ok: true }
  /**
   * Network down, server restarting or busy, or (`full`) the server's storage full (507): the
   * same record is sent again later.
   */
  | { ok: false; kind: 'offline'; full?: boolean }
  /** The seq was already used with other content (another tab): the body gets a new seq. */
  | { ok: false; kind: 'conflict' }
  /** The session takes no answers now (deadline passed, paused, submitted): stop sending. */
  | { ok: false; kind: 'refused'; reason: string };

export interface OutboxTransport {
  send(record: OutboxRecord & { sha256: string }): Promise<SendOutcome>;
}

/** A record the server has acknowledged: its hash is known. */
export type AckedRecord = OutboxRecord & { sha256: string; acked: true };

export type OutboxStatus =
  | { state: 'saved'; savedAt: number | null }
  | { state: 'saving' }
  /** `full`: the server answered that its storage is full (not a lost connection). */
  | { state: 'offline'; since: number; full?: true }
  | { state: 'refused'; reason: string };

export interface AnswerOutboxOptions {
  sessionId: string;
  store: OutboxStore;
  transport: OutboxTransport;
  hash?: (text: string) => Promise<string>;
  /** At most one send per this interval while typing goes on (default 1 s; "within 2 s"). */
  minSendIntervalMs?: number;
  /** Device clock, for retry timing only; never for the exam's time. */
  now?: () => number;
}

const RETRY_MIN_MS = 1000;
const RETRY_MAX_MS = 8000;

interface Waiter {
  resolve: (record: AckedRecord | null) => void;
  reject: (error: Error) => void;
}

export class OutboxRefusedError extends Error {
  constructor(readonly reason: string) {
    super(`the server refused the answer: ${reason}`);
    this.name = 'OutboxRefusedError';
  }
}

export class AnswerOutbox {
  private readonly sessionId: string;
  private readonly store: OutboxStore;
  private readonly transport: OutboxTransport;
  private readonly hash: (text: string) => Promise<string>;
  private readonly minSendIntervalMs: number;
  private readonly now: () => number;

  private nextSeq = 1;
  /** The newest record (acknowledged or not); its device write may still be under way. */
  private stored: OutboxRecord | null = null;
  private writes = 0;
  private sending = false;
  private lastSendAt = 0;
  private retryDelay = RETRY_MIN_MS;
  private conflictJump = 1;
  private timer: ReturnType<typeof setTimeout> | null = null;
  private offlineSince: number | null = null;
  private storageFull = false;
  private refusedReason: string | null = null;
  private savedAt: number | null = null;
  private closed = false;
  private status: OutboxStatus = { state: 'saved', savedAt: null };
  private readonly listeners = new Set<(s: OutboxStatus) => void>();
  private waiters: Waiter[] = [];

  constructor(options: AnswerOutboxOptions) {
    this.sessionId = options.sessionId;
    this.store = options.store;
    this.transport = options.transport;
    this.hash = options.hash ?? sha256OfText;
    this.minSendIntervalMs = options.minSendIntervalMs ?? 1000;
    this.now = options.now ?? (() => Date.now());
  }

  /**
   * Restores the answer: the newer of what this device kept and what the server has. Returns
   * the body to show (null: nothing written yet) and starts sending what the server lacks.
   */
  async open(server: SavedAnswer | null): Promise<string | null> {
    const local = await this.store.list(this.sessionId);
    const newest = local[local.length - 1] ?? null;
    const serverSeq = server?.seq ?? 0;
    if (newest && newest.seq > serverSeq) {
      // Written here while the server could not hear it (offline, closed tab, power cut).
      this.stored = { ...newest, acked: false };
    } else if (server) {
      this.stored = {
        sessionId: this.sessionId,
        seq: server.seq,
        body: server.body,
        sha256: server.sha256,
        at: Date.parse(server.savedAt),
        acked: true,
      };
      this.savedAt = this.stored.at;
    }
    this.nextSeq = Math.max(newest?.seq ?? 0, serverSeq) + 1;
    this.refresh();
    void this.pump();
    return this.stored?.body ?? null;
  }

  /** The editor changed: keep it on the device at once, send it soon. */
  change(body: string): void {
    if (this.closed || this.stored?.body === body) return;
    this.write({
      sessionId: this.sessionId,
      seq: this.nextSeq++,
      body,
      sha256: null,
      at: this.now(),
      acked: false,
    });
  }

  /**
   * The session takes answers again (resumed after a pause): send what was refused meanwhile.
   */
  resumeAfterRefusal(): void {
    if (this.refusedReason === null) return;
    this.refusedReason = null;
    this.refresh();
    this.kick();
  }

  /** Try sending now (the connection came back, the socket reconnected). */
  kick(): void {
    if (this.closed) return;
    this.clearTimer();
    this.retryDelay = RETRY_MIN_MS;
    this.lastSendAt = 0;
    void this.pump();
  }

  /**
   * Saves `body` (even an empty answer never saved before) and resolves with the acknowledged
   * record: what "Submit assignment" hands in. Rejects if the server refuses answers now.
   */
  saveAndWait(body: string): Promise<AckedRecord> {
    if (this.stored === null) {
      // Nothing was ever written, not even an empty answer: hand in an empty one.
      this.write({
        sessionId: this.sessionId,
        seq: this.nextSeq++,
        body,
        sha256: null,
        at: this.now(),
        acked: false,
      });
    } else {
      this.change(body);
    }
    this.kick();
    return new Promise<AckedRecord | null>((resolve, reject) => {
      this.waiters.push({ resolve, reject });
      this.refresh();
    }).then((r) => {
      if (!r) throw new Error('nothing was saved');
      return r;
    });
  }

  /** The newest answer text (what the editor last handed in), or null before any. */
  current(): string | null {
    return this.stored?.body ?? null;
  }

  getStatus = (): OutboxStatus => this.status;

  subscribe = (listener: (status: OutboxStatus) => void): (() => void) => {
    this.listeners.add(listener);
    return () => {
      this.listeners.delete(listener);
    };
  };

  close(): void {
    this.closed = true;
    this.clearTimer();
    this.listeners.clear();
  }

  private write(record: OutboxRecord): void {
    this.stored = record;
    this.writes++;
    this.refresh();
    this.store
      .replace(record)
      .catch(() => {
        // The device refused the write (quota, private mode): the server copy still goes out.
      })
      .finally(() => {
        this.writes--;
        this.refresh();
      });
    void this.pump();
  }

  private async pump(): Promise<void> {
    if (this.sending || this.closed || this.refusedReason !== null) return;
    const record = this.stored;
    if (!record || record.acked) return this.refresh();
    const wait = this.lastSendAt + this.minSendIntervalMs - this.now();
    if (wait > 0) return this.schedule(wait);
    this.sending = true;
    this.lastSendAt = this.now();
    let outcome: SendOutcome;
    let sha256 = record.sha256;
    try {
      sha256 ??= await this.hash(record.body);
      outcome = await this.transport.send({ ...record, sha256 });
    } catch {
      outcome = { ok: false, kind: 'offline' };
    } finally {
      this.sending = false;
    }
    if (this.closed) return;
    if (outcome.ok && sha256 !== null) {
      this.offlineSince = null;
      this.storageFull = false;
      this.retryDelay = RETRY_MIN_MS;
      this.conflictJump = 1;
      this.savedAt = this.now();
      if (this.stored?.seq === record.seq) {
        const acked: AckedRecord = { ...record, sha256, acked: true };
        this.stored = acked;
        // Only bookkeeping: the text itself is already on the device and on the server.
        this.store.replace(acked).catch(() => {});
      }
      this.refresh();
      return this.pump();
    }
    if (outcome.ok) return;
    if (outcome.kind === 'refused') {
      this.refusedReason = outcome.reason;
      return this.refresh();
    }
    if (outcome.kind === 'conflict') {
      // Another tab used this seq: the same text goes again under a fresh, higher seq.
      this.nextSeq = Math.max(this.nextSeq, record.seq + 1) + this.conflictJump;
      this.conflictJump *= 2;
      if (this.stored?.seq === record.seq) this.write({ ...record, seq: this.nextSeq++ });
      return;
    }
    this.offlineSince ??= this.now();
    this.storageFull = outcome.kind === 'offline' && outcome.full === true;
    this.refresh();
    this.schedule(this.retryDelay);
    this.retryDelay = Math.min(this.retryDelay * 2, RETRY_MAX_MS);
  }

  private schedule(ms: number): void {
    this.clearTimer();
    this.timer = setTimeout(() => {
      this.timer = null;
      void this.pump();
    }, ms);
  }

  private clearTimer(): void {
    if (this.timer !== null) clearTimeout(this.timer);
    this.timer = null;
  }

  private refresh(): void {
    const pending = this.writes > 0 || (this.stored !== null && !this.stored.acked);
    const next: OutboxStatus =
      this.refusedReason !== null
        ? { state: 'refused', reason: this.refusedReason }
        : this.offlineSince !== null
          ? this.storageFull
            ? { state: 'offline', since: this.offlineSince, full: true }
            : { state: 'offline', since: this.offlineSince }
          : pending
            ? { state: 'saving' }
            : { state: 'saved', savedAt: this.savedAt };
    if (this.refusedReason !== null) {
      for (const w of this.waiters.splice(0)) w.reject(new OutboxRefusedError(this.refusedReason));
    } else if (!pending) {
      const s = this.stored;
      const acked =
        s && s.acked && s.sha256 !== null ? ({ ...s, sha256: s.sha256 } as AckedRecord) : null;
      for (const w of this.waiters.splice(0)) w.resolve(acked);
    }
    if (JSON.stringify(next) === JSON.stringify(this.status)) return;
    this.status = next;
    for (const listener of this.listeners) listener(next);
  }
}
