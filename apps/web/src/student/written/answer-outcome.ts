// What a failed answer save means for the outbox: sent again later (offline, server busy or
// restarting, its storage full), sent under a new seq (conflict), or stopped (refused).
import type { SendOutcome } from '../../outbox/answer.outbox';
import { ApiError } from '../../api/client';

export function outcomeOf(error: unknown): SendOutcome {
  if (error instanceof ApiError) {
    if (error.code === 'refused')
      return { ok: false, kind: 'refused', reason: error.reason ?? 'refused' };
    if (error.code === 'conflict') return { ok: false, kind: 'conflict' };
    // The server's storage is full (507): kept and sent again later, with its own message.
    if (error.code === 'insufficient-storage') return { ok: false, kind: 'offline', full: true };
    if (error.code === 'bad-request' || error.code === 'forbidden' || error.code === 'not-found')
      return { ok: false, kind: 'refused', reason: error.code };
  }
  return { ok: false, kind: 'offline' };
}
