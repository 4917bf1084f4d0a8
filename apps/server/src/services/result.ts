import type { ErrorCode } from '@emtihan/protocol';

/** Expected outcomes of a use case: a value, or a typed refusal the transport presents. */
export type Result<T> = { ok: true; value: T } | Refusal;
export interface Refusal {
  ok: false;
  reason: ErrorCode;
  message: string;
  field?: string;
}
export const ok = <T>(value: T): Result<T> => ({ ok: true, value });
export const refuse = (reason: ErrorCode, message: string, field?: string): Refusal =>
  field === undefined ? { ok: false, reason, message } : { ok: false, reason, message, field };
