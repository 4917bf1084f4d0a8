/** The server's only source of time: tests pass a fixed clock. Only server time counts. */
export interface Clock {
  now(): Date;
}
export const systemClock: Clock = { now: () => new Date() };
