// Sends a session's pending segments, oldest first, until the server acknowledges each one
// (idempotent by session, track, seq and SHA-256, so a resend after a lost answer is harmless).
// Network failures, 5xx and 507 (storage full) keep the segment and try again with backoff; a
// refusal a resend cannot fix (wrong hash, not this student's session) keeps it, marked.
import { api, CSRF_HEADER, ErrorBody } from '@emtihan/protocol';
import { fillPath } from '../api/client';
import type { PendingSegment, SegmentStore } from './segment.store';

export interface UploadStatus {
  pendingCount: number;
  pendingBytes: number;
  refusedCount: number;
  /** Why the last attempt failed: 'network', 'insufficient-storage', 'server'; null when fine. */
  problem: 'network' | 'insufficient-storage' | 'server' | null;
}

const RETRYABLE = new Set([0, 408, 429, 500, 502, 503, 504, 507]);

export class EvidenceUploader {
  private status: UploadStatus = {
    pendingCount: 0,
    pendingBytes: 0,
    refusedCount: 0,
    problem: null,
  };
  private readonly listeners = new Set<() => void>();
  private running = false;
  private again = false;
  private timer: ReturnType<typeof setTimeout> | null = null;
  private backoffMs = 1000;
  /** The server's `retryAfterMs` of a 429 (ADR 0022): the next attempt waits at least this. */
  private retryAfterMs = 0;
  private csrfToken: string | null = null;

  constructor(
    private readonly sessionId: string,
    private readonly store: SegmentStore,
    private readonly fetchCsrf: () => Promise<string>,
    private readonly doFetch: typeof fetch = (i, init) => fetch(i, init),
  ) {}

  subscribe = (listener: () => void) => {
    this.listeners.add(listener);
    return () => void this.listeners.delete(listener);
  };
  getStatus = () => this.status;

  /** Sends what is pending now; called after each new segment and on coming back online. */
  kick(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    this.backoffMs = 1000;
    void this.drain();
  }

  stop(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
  }

  private async drain(): Promise<void> {
    if (this.running) {
      this.again = true;
      return;
    }
    this.running = true;
    try {
      do {
        this.again = false;
        const pending = await this.store.list(this.sessionId);
        this.publish(pending, this.status.problem);
        for (const s of pending.filter((p) => !p.refused)) {
          const outcome = await this.send(s);
          if (outcome === 'stored') {
            await this.store.remove(s.sessionId, s.track, s.seq);
            this.publish(await this.store.list(this.sessionId), null);
          } else if (outcome === 'refused') {
            this.publish(await this.store.list(this.sessionId), this.status.problem);
          } else {
            this.publish(pending, outcome);
            this.timer = setTimeout(
              () => void this.drain(),
              Math.max(this.backoffMs, this.retryAfterMs),
            );
            this.retryAfterMs = 0;
            this.backoffMs = Math.min(this.backoffMs * 2, 15_000);
            return;
          }
        }
        this.backoffMs = 1000;
      } while (this.again);
    } finally {
      this.running = false;
    }
  }

  private async send(
    s: PendingSegment,
  ): Promise<'stored' | 'refused' | 'network' | 'insufficient-storage' | 'server'> {
    const path = fillPath(api.uploadEvidence.path, {
      sessionId: s.sessionId,
      track: s.track,
      seq: String(s.seq),
    });
    const query = new URLSearchParams({
      sha256: s.sha256,
      startedAt: String(Math.round(s.startedAt)),
      durationMs: String(Math.round(s.durationMs)),
    });
    let res: Response;
    try {
      res = await this.doFetch(`${path}?${query}`, {
        method: 'POST',
        credentials: 'same-origin',
        headers: {
          'content-type': s.contentType,
          [CSRF_HEADER]: (this.csrfToken ??= await this.fetchCsrf()),
        },
        body: s.blob,
      });
    } catch {
      return 'network';
    }
    if (res.ok) return 'stored';
    if (res.status === 507) return 'insufficient-storage';
    const body = ErrorBody.safeParse(await res.json().catch(() => null));
    const code = body.success ? body.data.error : null;
    if (body.success && body.data.retryAfterMs !== undefined)
      this.retryAfterMs = body.data.retryAfterMs;
    if (RETRYABLE.has(res.status) || res.status === 401 || code === 'csrf') {
      // A lost login or CSRF token, or a server in trouble: keep it and try again later.
      if (res.status === 401 || code === 'csrf') this.csrfToken = null;
      return res.status >= 500 ? 'server' : 'network';
    }
    await this.store.put({
      ...s,
      refused: body.success ? body.data.message : `HTTP ${res.status}`,
    });
    return 'refused';
  }

  private publish(pending: PendingSegment[], problem: UploadStatus['problem']): void {
    const waiting = pending.filter((p) => !p.refused);
    const next: UploadStatus = {
      pendingCount: waiting.length,
      pendingBytes: waiting.reduce((n, p) => n + p.size, 0),
      refusedCount: pending.length - waiting.length,
      problem,
    };
    const s = this.status;
    if (
      s.pendingCount === next.pendingCount &&
      s.pendingBytes === next.pendingBytes &&
      s.refusedCount === next.refusedCount &&
      s.problem === next.problem
    )
      return;
    this.status = next;
    for (const l of this.listeners) l();
  }
}
