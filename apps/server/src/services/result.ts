import type { ErrorCode, ErrorIssue } from '@emtihan/protocol';

/** Expected outcomes of a use case: a value, or a typed refusal the transport presents. */
export type Result<T> = { ok: true; value: T } | Refusal;
export interface Refusal {
  ok: false;
  reason: ErrorCode;
  message: string;
  field?: string;
  /** For `refused`: the domain's typed reason, passed to the client as it is. */
  detail?: string;
  /**
   * Several fields wrong at once, each with its stable code as the message
   * (`slotMinutes: invalid-length`, `closesAt: end-before-start`).
   */
  issues?: ErrorIssue[];
}
export const ok = <T>(value: T): Result<T> => ({ ok: true, value });
export const refuse = (reason: ErrorCode, message: string, field?: string): Refusal =>
  field === undefined ? { ok: false, reason, message } : { ok: false, reason, message, field };

/** A refusal by the exam's rules (the domain), e.g. `deadline-passed`. */
export const refusedBy = (detail: string, message = detail.replace(/-/g, ' ')): Refusal => ({
  ok: false,
  reason: 'refused',
  message,
  detail,
});

/**
 * Bad input found by the rules, one typed problem per field of the body (paths as zod's:
 * `body.slotMinutes`); the message lists them all.
 */
export const refuseFields = (issues: { field: string; problem: string }[]): Refusal => ({
  ok: false,
  reason: 'bad-request',
  message: issues.map((i) => `body.${i.field}: ${i.problem}`).join('; '),
  issues: issues.map((i) => ({ path: `body.${i.field}`, message: i.problem })),
});
