/** An expected refusal: a typed value, never a throw. */
export interface Refusal<Reason extends string> {
  ok: false;
  reason: Reason;
}

export const refuse = <Reason extends string>(reason: Reason): Refusal<Reason> => ({
  ok: false,
  reason,
});

/** The unexpected (a programming error) throws this, with a stable code for the error handler. */
export class DomainError extends Error {
  readonly code: string;

  constructor(code: string, message: string) {
    super(message);
    this.name = 'DomainError';
    this.code = code;
  }
}

export const isNonEmptyText = (text: unknown): text is string =>
  typeof text === 'string' && text.trim().length > 0;
