/** The outcome of one system-check item: pass, warn (may go on) or fail (fix it first). */
export type Verdict = 'pass' | 'warn' | 'fail';

/** A verdict and the code of its explanation (translated as `written.check.<item>.<code>`). */
export interface CheckOutcome<Code extends string = string> {
  verdict: Verdict;
  code: Code;
  params?: Record<string, string | number>;
}
