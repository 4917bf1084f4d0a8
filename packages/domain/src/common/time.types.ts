/**
 * Every instant in the domain is epoch milliseconds (UTC), a plain `number`, passed in by the
 * caller as `now`. The domain has no clock of its own: only server time counts, and tests
 * choose their own instants.
 */
export type EpochMs = number;

export const SECOND_MS = 1_000;
export const MINUTE_MS = 60_000;
export const DAY_MS = 86_400_000;

export const minutesToMs = (minutes: number): number => Math.round(minutes * MINUTE_MS);
