// The exam form's values and rules, without React: the draft ↔ form conversion (times on the
// university's wall clock), what a preset fills in, which fields stay open once a sitting has
// begun, where each field lives, and every problem as a translation key next to its field.
import { z } from 'zod';
import { draftProblems } from '@emtihan/domain';
import {
  AUTHORING_PROBLEMS,
  DEFAULT_RULE_SET,
  ExamDraft,
  ExamSettings,
  PresetBody,
  type AuthoringProblemCode,
  type ErrorIssue,
  type ExamDraftInput,
  type ExamKind,
  type PresetBodyInput,
  type PresetView,
  type RuleSet,
} from '@emtihan/protocol';
import { isoToZoned, nextDayAt, zonedToIso } from '../../ui/zoned-time';

export interface WallTime {
  date: string;
  time: string;
}

/** What the person edits. Numbers may be NaN while a field is empty (the check says so). */
export interface ExamFormValues {
  courseId: string;
  kind: ExamKind;
  title: string;
  instructions: string;
  task: string;
  opens: WallTime;
  closes: WallTime;
  durationMinutes: number;
  checkInLeadMinutes: number;
  ruleSet: RuleSet;
  settings: ExamSettings;
  proctoring: { proctorIds: string[]; maxSittingsEach: number | null };
  presetId: string | null;
}

/** The part of an exam a preset holds (also the admin's preset form, with its name). */
export interface PresetFormValues {
  name: string;
  isDefault: boolean;
  durationMinutes: number;
  checkInLeadMinutes: number;
  ruleSet: RuleSet;
  settings: ExamSettings;
}

export const DEFAULT_DURATION_MINUTES = 60;
export const DEFAULT_CHECK_IN_LEAD_MINUTES = 20;
/** A new exam opens the next day at this time, and closes this long after its duration. */
const FIRST_OPENS_AT = '10:00';
const WINDOW_SLACK_MINUTES = 30;

function cloneRules(set: RuleSet): RuleSet {
  return { allowed: [...set.allowed], forbidden: [...set.forbidden], extra: { ...set.extra } };
}

/** The settings of an exam with no preset: the protocol's defaults. */
export function defaultSettings(): ExamSettings {
  return ExamSettings.parse({});
}

/** The preset a new exam starts from when none is chosen. */
export function defaultPreset<P extends { isDefault: boolean }>(presets: readonly P[]): P | null {
  return presets.find((p) => p.isDefault) ?? null;
}

export function blankPresetValues(): PresetFormValues {
  return {
    name: '',
    isDefault: false,
    durationMinutes: DEFAULT_DURATION_MINUTES,
    checkInLeadMinutes: DEFAULT_CHECK_IN_LEAD_MINUTES,
    ruleSet: cloneRules(DEFAULT_RULE_SET),
    settings: defaultSettings(),
  };
}

export function presetToValues(preset: PresetView): PresetFormValues {
  return {
    name: preset.name,
    isDefault: preset.isDefault,
    durationMinutes: preset.durationMinutes,
    checkInLeadMinutes: preset.checkInLeadMinutes,
    ruleSet: cloneRules(preset.ruleSet),
    settings: structuredClone(preset.settings),
  };
}

export function presetValuesToBody(values: PresetFormValues): PresetBodyInput {
  return {
    name: values.name,
    isDefault: values.isDefault,
    durationMinutes: values.durationMinutes,
    checkInLeadMinutes: values.checkInLeadMinutes,
    ruleSet: values.ruleSet,
    settings: values.settings,
  };
}

/** The window that fits a duration: opens at `opens`, closes the duration and some slack later. */
function windowFrom(opens: WallTime, durationMinutes: number, zone: string) {
  const opensIso = zonedToIso(opens.date, opens.time, zone);
  const minutes =
    (Number.isFinite(durationMinutes) ? durationMinutes : DEFAULT_DURATION_MINUTES) +
    WINDOW_SLACK_MINUTES;
  const closes = opensIso
    ? isoToZoned(new Date(Date.parse(opensIso) + minutes * 60_000).toISOString(), zone)
    : { date: '', time: '' };
  return { opens, closes };
}

/** A new exam: the chosen (or default) preset's settings, tomorrow's window in the zone. */
export function newExamValues(args: {
  kind: ExamKind;
  courseId: string;
  preset: PresetView | null;
  zone: string;
  nowMs: number;
}): ExamFormValues {
  const base = args.preset ? presetToValues(args.preset) : blankPresetValues();
  const { opens, closes } = windowFrom(
    nextDayAt(args.nowMs, args.zone, FIRST_OPENS_AT),
    base.durationMinutes,
    args.zone,
  );
  return {
    courseId: args.courseId,
    kind: args.kind,
    title: '',
    instructions: '',
    task: '',
    opens,
    closes,
    durationMinutes: base.durationMinutes,
    checkInLeadMinutes: base.checkInLeadMinutes,
    ruleSet: base.ruleSet,
    settings: base.settings,
    proctoring: { proctorIds: [], maxSittingsEach: null },
    presetId: args.preset?.id ?? null,
  };
}

/** A preset chosen on the form fills what it holds; course, texts, window and people stay. */
export function applyPreset(values: ExamFormValues, preset: PresetView): ExamFormValues {
  const p = presetToValues(preset);
  return {
    ...values,
    durationMinutes: p.durationMinutes,
    checkInLeadMinutes: p.checkInLeadMinutes,
    ruleSet: p.ruleSet,
    settings: p.settings,
    presetId: preset.id,
  };
}

export function draftToValues(draft: ExamDraft, zone: string): ExamFormValues {
  return {
    courseId: draft.courseId,
    kind: draft.kind,
    title: draft.title,
    instructions: draft.instructions,
    task: draft.task,
    opens: isoToZoned(draft.opensAt, zone),
    closes: isoToZoned(draft.closesAt, zone),
    durationMinutes: draft.durationMinutes,
    checkInLeadMinutes: draft.checkInLeadMinutes,
    ruleSet: cloneRules(draft.ruleSet),
    settings: structuredClone(draft.settings),
    proctoring: {
      proctorIds: [...draft.proctoring.proctorIds],
      maxSittingsEach: draft.proctoring.maxSittingsEach,
    },
    presetId: draft.presetId,
  };
}

/** The body of create and update: every field, the window as instants ('' when not a time). */
export function valuesToDraft(values: ExamFormValues, zone: string): ExamDraftInput {
  return {
    courseId: values.courseId,
    kind: values.kind,
    title: values.title,
    instructions: values.instructions,
    task: values.task,
    opensAt: zonedToIso(values.opens.date, values.opens.time, zone),
    closesAt: zonedToIso(values.closes.date, values.closes.time, zone),
    durationMinutes: values.durationMinutes,
    checkInLeadMinutes: values.checkInLeadMinutes,
    ruleSet: values.ruleSet,
    settings: values.settings,
    proctoring: values.proctoring,
    presetId: values.presetId,
  };
}

// ---------------------------------------------------------------------------------------------
// Once a sitting has begun ('safe'): a later close, more time, more proctors, the texts, the
// statement and how long recordings are kept.

/** As the server's authoring service has them (presetId aside: a preset would change the rest). */
const OPEN_AFTER_START = [
  'title',
  'instructions',
  'task',
  'ruleSet.extra',
  'closesAt',
  'durationMinutes',
  'proctoring',
  'settings.answer.statement',
  'settings.retentionDays',
] as const;

const within = (path: string, prefix: string) => path === prefix || path.startsWith(`${prefix}.`);

/** Whether the field at `path` can be changed now. */
export function isLocked(path: string, editable: 'all' | 'safe'): boolean {
  return editable === 'safe' && !OPEN_AFTER_START.some((open) => within(path, open));
}

// ---------------------------------------------------------------------------------------------
// Where fields live on the form.

export const FORM_TABS = [
  'basics',
  'time',
  'answer',
  'proctoring',
  'rules',
  'violations',
  'proctors',
] as const;
export type FormTab = (typeof FORM_TABS)[number];

const TAB_BY_PREFIX: [string, FormTab][] = [
  ['settings.timeOut', 'time'],
  ['settings.answer', 'answer'],
  ['settings.attachments', 'answer'],
  ['settings.attachmentTypes', 'answer'],
  ['settings.violationPolicy', 'violations'],
  ['settings', 'proctoring'],
  ['opensAt', 'time'],
  ['closesAt', 'time'],
  ['durationMinutes', 'time'],
  ['checkInLeadMinutes', 'time'],
  ['ruleSet', 'rules'],
  ['proctoring', 'proctors'],
];

/** The tab that shows the field at `path` (the basics for the rest: course, title, texts). */
export function tabOf(path: string): FormTab {
  return TAB_BY_PREFIX.find(([prefix]) => within(path, prefix))?.[1] ?? 'basics';
}

/** The id of the input of the field at `path`, for labels, focus and the "what is missing" links. */
export function fieldId(path: string): string {
  return `exam-field-${path.replace(/[^A-Za-z0-9]+/g, '-')}`;
}

// ---------------------------------------------------------------------------------------------
// Problems, as translation keys with their values, by field path.

export interface FieldProblem {
  path: string;
  key: string;
  values?: Record<string, string | number>;
}

const PROBLEM_CODES: ReadonlySet<string> = new Set(AUTHORING_PROBLEMS);

export function isProblemCode(code: string): code is AuthoringProblemCode {
  return PROBLEM_CODES.has(code);
}

/** The schema at a path of `schema`, looking through defaults, nullables and arrays. */
function schemaAt(schema: z.ZodType, path: readonly (string | number)[]): z.ZodType | null {
  let s: z.ZodType = schema;
  for (let i = 0; ;) {
    if (s instanceof z.ZodDefault || s instanceof z.ZodNullable || s instanceof z.ZodOptional) {
      s = s.unwrap() as z.ZodType;
      continue;
    }
    if (i === path.length) return s;
    const key = path[i++]!;
    if (s instanceof z.ZodObject) {
      const next = (s.shape as Record<string, z.ZodType>)[String(key)];
      if (!next) return null;
      s = next;
    } else if (s instanceof z.ZodArray) {
      s = s.element as z.ZodType;
    } else {
      return null;
    }
  }
}

/** The bounds of a number field of the draft (`settings.timeOut.graceMinutes` → 0…240). */
export function numberBounds(
  path: string,
  schema: z.ZodType = ExamDraft,
): { min: number | null; max: number | null } | null {
  const s = schemaAt(schema, path.split('.'));
  if (!(s instanceof z.ZodNumber)) return null;
  const finite = (n: number | null) =>
    n !== null && Number.isFinite(n) && Math.abs(n) < Number.MAX_SAFE_INTEGER ? n : null;
  let min = finite(s.minValue);
  let max = finite(s.maxValue);
  // An exclusive bound (`positive()`): the next whole number for whole numbers, else none.
  if (min !== null && !s.safeParse(min).success) min = s.isInt ? min + 1 : null;
  if (max !== null && !s.safeParse(max).success) max = s.isInt ? max - 1 : null;
  return { min, max };
}
/** "Enter a number from 1 to 1440" (or its one-sided forms) for a number field. */
function rangeProblem(path: string, schema: z.ZodType): FieldProblem {
  const b = numberBounds(path, schema);
  if (b?.min !== null && b?.min !== undefined && b.max !== null) {
    return { path, key: 'authoring.invalid.range', values: { min: b.min, max: b.max } };
  }
  if (b?.min !== null && b?.min !== undefined) {
    return { path, key: 'authoring.invalid.atLeast', values: { min: b.min } };
  }
  if (b?.max !== null && b?.max !== undefined) {
    return { path, key: 'authoring.invalid.atMost', values: { max: b.max } };
  }
  return { path, key: 'authoring.invalid.positive' };
}

/** One zod issue of the browser's own check as a problem in the user's words. */
export function zodProblem(issue: z.core.$ZodIssue, schema: z.ZodType = ExamDraft): FieldProblem {
  const path = issue.path.join('.');
  const numeric = numberBounds(path, schema) !== null;
  switch (issue.code) {
    case 'too_small':
    case 'too_big':
      if (issue.origin === 'string') {
        return issue.code === 'too_small'
          ? { path, key: 'authoring.invalid.required' }
          : { path, key: 'authoring.invalid.tooLong', values: { max: Number(issue.maximum) } };
      }
      if (issue.origin === 'array') {
        return issue.code === 'too_small'
          ? { path, key: 'authoring.invalid.required' }
          : { path, key: 'authoring.invalid.tooMany', values: { max: Number(issue.maximum) } };
      }
      return rangeProblem(path, schema);
    case 'invalid_format':
      return { path, key: 'authoring.invalid.dateTime' };
    case 'invalid_type':
      if (issue.expected === 'int') return { path, key: 'authoring.invalid.whole' };
      if (numeric) return rangeProblem(path, schema);
      return { path, key: 'authoring.invalid.required' };
    default:
      return { path, key: 'authoring.invalid.generic' };
  }
}

/** A server issue: an authoring code by name, a zod bound of a number field by its bounds. */
export function serverProblem(issue: ErrorIssue, schema: z.ZodType = ExamDraft): FieldProblem {
  const parts = issue.path.split('.');
  if (parts[0] === 'body') parts.shift();
  const path = parts.join('.');
  if (isProblemCode(issue.message)) return { path, key: `authoring.problem.${issue.message}` };
  if (numberBounds(path, schema)) return rangeProblem(path, schema);
  return { path, key: 'authoring.invalid.generic' };
}

/**
 * The rules between fields, asked of the domain as the server asks them (ADR 0017), so they are
 * said at once and at the right field. `courseProctorIds` null: proctors are not checked.
 */
export function crossFieldProblems(
  draft: ExamDraftInput,
  courseProctorIds: readonly string[] | null,
): FieldProblem[] {
  const opensAt = Date.parse(draft.opensAt);
  const closesAt = Date.parse(draft.closesAt);
  const settings = draft.settings ?? {};
  const timeOut = settings.timeOut ?? { mode: 'submit', graceMinutes: 0 };
  const found = draftProblems(
    {
      kind: draft.kind,
      opensAt,
      closesAt,
      durationMinutes: draft.durationMinutes,
      liveProctoring: settings.liveProctoring ?? true,
      timeOut: {
        mode: timeOut.mode,
        graceMinutes: Number.isFinite(timeOut.graceMinutes) ? timeOut.graceMinutes : 0,
      },
      media: settings.media ?? { camera: true, microphone: true, screen: true },
      proctorIds: draft.proctoring.proctorIds,
      hasContent: true,
      slotCount: 0,
      locked: {},
    },
    courseProctorIds ?? draft.proctoring.proctorIds,
  );
  // Without both times the window is the schema's problem, not a contradiction.
  const windowKnown = Number.isFinite(opensAt) && Number.isFinite(closesAt);
  return found
    .filter((p) => windowKnown || (p.field !== 'closesAt' && p.field !== 'durationMinutes'))
    .filter((p) => p.field !== 'durationMinutes' || Number.isFinite(draft.durationMinutes))
    .map((p) => ({ path: p.field, key: `authoring.problem.${p.code}` }));
}

/** Once sittings have begun: no earlier close, no less time, no proctor taken off. */
export function safeChangeProblems(saved: ExamDraft, draft: ExamDraftInput): FieldProblem[] {
  const out: FieldProblem[] = [];
  if (Date.parse(draft.closesAt) < Date.parse(saved.closesAt)) {
    out.push({ path: 'closesAt', key: 'authoring.problem.cuts-running-sitting' });
  }
  if (draft.durationMinutes < saved.durationMinutes) {
    out.push({ path: 'durationMinutes', key: 'authoring.problem.cuts-running-sitting' });
  }
  const kept = new Set(draft.proctoring.proctorIds);
  if (saved.proctoring.proctorIds.some((id) => !kept.has(id))) {
    out.push({ path: 'proctoring.proctorIds', key: 'authoring.problem.proctor-removed' });
  }
  return out;
}

/**
 * Everything wrong with the form before it is sent: the schema's bounds, then the rules between
 * fields. Empty: the draft can be sent.
 */
export function checkDraft(
  draft: ExamDraftInput,
  saved: { draft: ExamDraft; editable: 'all' | 'safe' } | null,
  courseProctorIds: readonly string[] | null = null,
): FieldProblem[] {
  const parsed = ExamDraft.safeParse(draft);
  const out = parsed.success ? [] : parsed.error.issues.map((issue) => zodProblem(issue));
  const seen = new Set(out.map((p) => p.path));
  for (const p of crossFieldProblems(draft, courseProctorIds)) if (!seen.has(p.path)) out.push(p);
  if (saved?.editable === 'safe') out.push(...safeChangeProblems(saved.draft, draft));
  return out;
}

/** The preset form's check (name, duration, lead, rules, settings). */
export function checkPreset(values: PresetFormValues): FieldProblem[] {
  const body = presetValuesToBody(values);
  const parsed = PresetBody.safeParse(body);
  const out = parsed.success ? [] : parsed.error.issues.map((i) => zodProblem(i, PresetBody));
  const timeOut = values.settings.timeOut;
  if (timeOut.mode === 'grace' && !(timeOut.graceMinutes >= 1)) {
    out.push({
      path: 'settings.timeOut.graceMinutes',
      key: 'authoring.problem.grace-minutes-required',
    });
  }
  return out;
}

/** The first problem at `path` or inside it (a proctor's id inside the proctor list). */
export function problemAt(problems: readonly FieldProblem[], path: string): FieldProblem | null {
  return problems.find((p) => within(p.path, path)) ?? null;
}

/** How many problems each tab holds, for the tab's badge. */
export function problemsByTab(problems: readonly FieldProblem[]): Partial<Record<FormTab, number>> {
  const out: Partial<Record<FormTab, number>> = {};
  for (const p of problems) {
    const tab = tabOf(p.path);
    out[tab] = (out[tab] ?? 0) + 1;
  }
  return out;
}

/** Bytes as whole megabytes for the attachment size field, and back. */
export const MB = 1024 * 1024;
export function bytesToMb(bytes: number): number {
  return Math.round((bytes / MB) * 10) / 10;
}
export function mbToBytes(mb: number): number {
  return Math.round(mb * MB);
}
