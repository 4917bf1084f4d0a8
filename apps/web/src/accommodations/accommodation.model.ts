// The accommodation forms without React: the office's profile form and the examiner's override
// form, their values ↔ the protocol's bodies, and every problem as a translation key next to its
// field. The ranges are the domain's rules (`accommodationProblems`, `overrideProblems`), asked
// in the browser as the server asks them, so a wrong value is said at once and in the same words.
import {
  accommodationProblems,
  MAX_BREAK_MINUTES,
  MAX_EXTRA_MINUTES,
  MAX_TIME_FACTOR,
  overrideProblems,
  TIME_FACTORS,
  type AccommodationProblemCode,
} from '@emtihan/domain';
import {
  SKIPPABLE_CHECKS,
  type AccommodationBody,
  type AccommodationEffect,
  type AccommodationView,
  type ErrorIssue,
  type ExamOverrideBody,
  type SkippableCheck,
} from '@emtihan/protocol';
import { fieldOf } from '../ui/errors';

export { MAX_BREAK_MINUTES, MAX_EXTRA_MINUTES, MAX_TIME_FACTOR, SKIPPABLE_CHECKS, TIME_FACTORS };

/** The factor select: one of the usual factors, or a number typed by hand. */
export type FactorChoice = '1' | '1.25' | '1.5' | '2' | 'custom';
export const FACTOR_CHOICES: readonly FactorChoice[] = [
  ...TIME_FACTORS.map((f) => String(f) as FactorChoice),
  'custom',
];

/** What the office edits. Numbers are NaN while their field is empty (the check says so). */
export interface ProfileFormValues {
  studentId: string | null;
  factorChoice: FactorChoice;
  customFactor: number;
  extraMinutes: number;
  breakMinutes: number;
  skippedChecks: SkippableCheck[];
  proctorNote: string;
  documentRef: string;
  /** `YYYY-MM-DD`, or '' for "until changed". */
  validUntil: string;
  reason: string;
}

/** The problems a form shows, by field: translation keys under `accommodations.problem`. */
export type ProblemKey =
  | AccommodationProblemCode
  | 'student-required'
  | 'unknown-student'
  | 'reason-required'
  | 'date-invalid'
  | 'date-required'
  | 'time-required'
  | 'nothing-to-change'
  | 'window-incomplete'
  | 'invalid';

export interface FieldProblem {
  field: string;
  key: ProblemKey;
  /** Values for the message, e.g. the largest number a field accepts. */
  values?: Record<string, number>;
}

export function blankProfile(studentId: string | null = null): ProfileFormValues {
  return {
    studentId,
    factorChoice: '1.5',
    customFactor: Number.NaN,
    extraMinutes: 0,
    breakMinutes: 0,
    skippedChecks: [],
    proctorNote: '',
    documentRef: '',
    validUntil: '',
    reason: '',
  };
}

function choiceOf(factor: number): FactorChoice {
  const found = FACTOR_CHOICES.find((c) => c !== 'custom' && Number(c) === factor);
  return found ?? 'custom';
}

/** A saved profile in the form (the reason is asked afresh for each change). */
export function profileToValues(view: AccommodationView): ProfileFormValues {
  const choice = choiceOf(view.timeFactor);
  return {
    studentId: view.studentId,
    factorChoice: choice,
    customFactor: choice === 'custom' ? view.timeFactor : Number.NaN,
    extraMinutes: view.extraMinutes,
    breakMinutes: view.breakMinutes,
    skippedChecks: SKIPPABLE_CHECKS.filter((c) => view.skippedChecks.includes(c)),
    proctorNote: view.proctorNote,
    documentRef: view.documentRef,
    validUntil: view.validUntil ?? '',
    reason: '',
  };
}

export function factorOf(values: ProfileFormValues): number {
  return values.factorChoice === 'custom' ? values.customFactor : Number(values.factorChoice);
}

export function profileToBody(values: ProfileFormValues): AccommodationBody {
  return {
    timeFactor: factorOf(values),
    extraMinutes: values.extraMinutes,
    breakMinutes: values.breakMinutes,
    skippedChecks: [...values.skippedChecks],
    proctorNote: values.proctorNote.trim(),
    documentRef: values.documentRef.trim(),
    validUntil: values.validUntil === '' ? null : values.validUntil,
    reason: values.reason.trim(),
  };
}

/** The field a problem of the domain is shown at: the custom factor's input when chosen. */
const MAX_OF: Record<string, number> = {
  extraMinutes: MAX_EXTRA_MINUTES,
  breakMinutes: MAX_BREAK_MINUTES,
};

function domainProblem(field: string, code: AccommodationProblemCode): FieldProblem {
  if (code === 'minutes-invalid') return { field, key: code, values: { max: MAX_OF[field] ?? 0 } };
  if (code === 'factor-too-large') return { field, key: code, values: { max: MAX_TIME_FACTOR } };
  return { field, key: code };
}

const isDay = (s: string) => /^\d{4}-\d{2}-\d{2}$/.test(s) && Number.isFinite(Date.parse(s));

/** Everything wrong with the profile form, in the order of its fields. */
export function checkProfile(values: ProfileFormValues): FieldProblem[] {
  const out: FieldProblem[] = [];
  if (!values.studentId) out.push({ field: 'studentId', key: 'student-required' });
  const found = accommodationProblems({
    timeFactor: factorOf(values),
    extraMinutes: values.extraMinutes,
    breakMinutes: values.breakMinutes,
    skippedChecks: values.skippedChecks,
  });
  for (const p of found) out.push(domainProblem(p.field, p.code));
  if (values.validUntil !== '' && !isDay(values.validUntil)) {
    out.push({ field: 'validUntil', key: 'date-invalid' });
  }
  if (values.reason.trim() === '') out.push({ field: 'reason', key: 'reason-required' });
  return out;
}

const KNOWN = new Set<string>([
  'factor-below-one',
  'factor-too-large',
  'minutes-invalid',
  'breaks-longer-than-exam',
  'unknown-check',
  'window-order',
  'window-too-long',
  'window-far-from-exam',
  'window-too-short',
  'unknown-student',
  'window-incomplete',
]);

/**
 * A refusal's issue as a problem at its field: the server names the domain's code in `message`
 * (as the authoring service does); a schema refusal is explained by the field's own rule.
 */
export function serverProblem(issue: ErrorIssue): FieldProblem {
  const field = fieldOf(issue.path);
  const code = issue.message;
  if (KNOWN.has(code)) {
    if (code === 'unknown-student') return { field: 'studentId', key: 'unknown-student' };
    if (code === 'window-incomplete') return { field, key: 'window-incomplete' };
    return domainProblem(field, code as AccommodationProblemCode);
  }
  switch (field) {
    case 'studentId':
      return { field, key: 'unknown-student' };
    case 'reason':
      return { field, key: 'reason-required' };
    case 'validUntil':
      return { field, key: 'date-invalid' };
    case 'timeFactor':
      return { field, key: 'factor-below-one' };
    case 'extraMinutes':
    case 'breakMinutes':
      return domainProblem(field, 'minutes-invalid');
    case 'opensAt':
    case 'closesAt':
      return { field, key: 'window-order' };
    default:
      return { field, key: 'invalid' };
  }
}

/** The first problem at a field. */
export function problemAt(
  problems: readonly FieldProblem[],
  field: string,
): FieldProblem | undefined {
  return problems.find((p) => p.field === field);
}

/** The parts of an effect in order, for "×1.5, +10 min, breaks 15 min, no face checks". */
export type EffectPart =
  | { kind: 'factor'; factor: number }
  | { kind: 'extra'; minutes: number }
  | { kind: 'breaks'; minutes: number }
  | { kind: 'skip'; check: SkippableCheck };

export function effectParts(effect: AccommodationEffect): EffectPart[] {
  const parts: EffectPart[] = [];
  if (effect.timeFactor !== 1) parts.push({ kind: 'factor', factor: effect.timeFactor });
  if (effect.extraMinutes > 0) parts.push({ kind: 'extra', minutes: effect.extraMinutes });
  if (effect.breakMinutes > 0) parts.push({ kind: 'breaks', minutes: effect.breakMinutes });
  for (const check of SKIPPABLE_CHECKS) {
    if (effect.skippedChecks.includes(check)) parts.push({ kind: 'skip', check });
  }
  return parts;
}

/** What the examiner edits: an own window on the university's clock and/or extra minutes. */
export interface OverrideFormValues {
  studentId: string | null;
  ownWindow: boolean;
  opens: { date: string; time: string };
  closes: { date: string; time: string };
  extraMinutes: number;
  reason: string;
}

/**
 * Everything wrong with an override. `opensAt`/`closesAt` are the form's window as instants
 * ('' when a date or time is missing); `exam` the exam's own opening and duration.
 */
export function checkOverride(
  values: OverrideFormValues,
  window: { opensAt: string; closesAt: string },
  exam: { opensAt: string; durationMinutes: number },
): FieldProblem[] {
  const out: FieldProblem[] = [];
  if (!values.studentId) out.push({ field: 'studentId', key: 'student-required' });
  if (values.ownWindow) {
    if (window.opensAt === '') out.push({ field: 'opensAt', key: 'date-required' });
    if (window.closesAt === '') out.push({ field: 'closesAt', key: 'date-required' });
  }
  const bothSet = values.ownWindow && window.opensAt !== '' && window.closesAt !== '';
  const found = overrideProblems(
    {
      extraMinutes: values.extraMinutes,
      window: bothSet
        ? { opensAt: Date.parse(window.opensAt), closesAt: Date.parse(window.closesAt) }
        : null,
    },
    { opensAt: Date.parse(exam.opensAt), durationMinutes: exam.durationMinutes },
  );
  for (const p of found) out.push(domainProblem(p.field, p.code));
  if (!values.ownWindow && values.extraMinutes === 0) {
    out.push({ field: 'extraMinutes', key: 'nothing-to-change' });
  }
  if (values.reason.trim() === '') out.push({ field: 'reason', key: 'reason-required' });
  return out;
}

export function overrideToBody(
  values: OverrideFormValues,
  window: { opensAt: string; closesAt: string },
): ExamOverrideBody {
  return {
    opensAt: values.ownWindow ? window.opensAt : null,
    closesAt: values.ownWindow ? window.closesAt : null,
    extraMinutes: values.extraMinutes,
    reason: values.reason.trim(),
  };
}
