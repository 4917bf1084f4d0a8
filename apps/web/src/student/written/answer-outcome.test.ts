// A failed answer save, as the outbox takes it: a full server storage (507) is retried with its
// own message, never taken as a refusal that stops the saving.
import { describe, expect, it } from 'vitest';
import { ApiError } from '../../api/client';
import { outcomeOf } from './answer-outcome';

describe('what a failed answer save means', () => {
  it('a full server storage (507) is sent again later and says so', () => {
    expect(outcomeOf(new ApiError(507, 'insufficient-storage', 'full'))).toEqual({
      ok: false,
      kind: 'offline',
      full: true,
    });
  });

  it('a server error or a lost connection is sent again later', () => {
    expect(outcomeOf(new ApiError(500, 'internal', 'boom'))).toEqual({
      ok: false,
      kind: 'offline',
    });
    expect(outcomeOf(new TypeError('Failed to fetch'))).toEqual({ ok: false, kind: 'offline' });
  });

  it('a refusal stops the saving with its reason', () => {
    expect(outcomeOf(new ApiError(409, 'refused', 'late', [], 'deadline-passed'))).toEqual({
      ok: false,
      kind: 'refused',
      reason: 'deadline-passed',
    });
  });
});
