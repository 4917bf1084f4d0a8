import type { TFunction } from 'i18next';
import type { z } from 'zod';
import { ERROR_CODES, type ErrorIssue } from '@emtihan/protocol';
import { ApiError, type ClientErrorCode } from '../api/client';

/** Fields whose rules the UI can explain in the page's language. */
export const EXPLAINED_FIELDS = [
  'login',
  'fullName',
  'email',
  'group',
  'language',
  'roles',
  'password',
  'code',
  'title',
  'userId',
  'role',
  'csv',
] as const;
type ExplainedField = (typeof EXPLAINED_FIELDS)[number];

function isExplained(field: string): field is ExplainedField {
  return (EXPLAINED_FIELDS as readonly string[]).includes(field);
}

function codeOf(error: unknown): ClientErrorCode {
  if (error instanceof ApiError) return error.code;
  return 'internal';
}

/** One sentence for a failed call, in the page's language. */
export function errorMessage(t: TFunction, error: unknown): string {
  const code = codeOf(error);
  // Too many requests: how long to wait, from the server's refusal (ADR 0022).
  if (error instanceof ApiError && code === 'rate-limited' && error.retryAfterMs !== null)
    return t('hHarden.tooManyRequests', {
      seconds: Math.max(1, Math.ceil(error.retryAfterMs / 1000)),
    });
  return (ERROR_CODES as readonly string[]).includes(code) || code === 'network'
    ? t(`errors.${code}`)
    : t('errors.internal');
}

/** The form field an issue is about: the server names it `body.login`, the browser `login`. */
export function fieldOf(path: string): string {
  const parts = path.split('.');
  if (parts.length > 1 && (parts[0] === 'body' || parts[0] === 'params')) parts.shift();
  return parts[0] ?? '';
}

/** Per-field messages: our own explanation of the rule where we have one, else the server's words. */
export function fieldMessages(t: TFunction, issues: readonly ErrorIssue[]): Record<string, string> {
  const out: Record<string, string> = {};
  for (const issue of issues) {
    const field = fieldOf(issue.path);
    if (out[field]) continue;
    out[field] = isExplained(field) ? t(`validation.${field}`) : issue.message;
  }
  return out;
}

/** Issues of a failed call, or none. */
export function issuesOf(error: unknown): ErrorIssue[] {
  return error instanceof ApiError ? error.issues : [];
}

/** The issues of a zod check made in the browser before sending, in the server's shape. */
export function zodIssues(error: z.ZodError): ErrorIssue[] {
  return error.issues.map((issue) => ({ path: issue.path.join('.'), message: issue.message }));
}
