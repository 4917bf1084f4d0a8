// What an examiner may save, publish and change (ADR 0017). Pure: the server's authoring service
// asks these before it writes anything, and the web shows the answers next to the fields.
import type { EpochMs } from '../common/time.types.ts';
import { MINUTE_MS } from '../common/time.types.ts';

/** The facts of an exam the rules look at, as plain data. */
export interface AuthoredExam {
  kind: 'written' | 'oral';
  opensAt: EpochMs;
  closesAt: EpochMs;
  durationMinutes: number;
  liveProctoring: boolean;
  timeOut: { mode: 'submit' | 'grace' | 'refuse'; graceMinutes: number };
  media: { camera: boolean; microphone: boolean; screen: boolean };
  proctorIds: readonly string[];
  /** Instructions, a task text or a task file: something for the student to read. */
  hasContent: boolean;
  slotCount: number;
  /**
   * Every field that is locked once a sitting has begun, by its path in the draft, as a
   * canonical string (JSON): compared one by one, so a refusal names the field.
   */
  locked: Readonly<Record<string, string>>;
}

export type AuthoringProblemCode =
  | 'end-before-start'
  | 'duration-longer-than-window'
  | 'grace-minutes-required'
  | 'not-a-proctor'
  | 'no-requirement-for-live'
  | 'proctors-required'
  | 'content-required'
  | 'slots-required'
  | 'closes-in-past'
  | 'locked-after-start'
  | 'cuts-running-sitting'
  | 'proctor-removed'
  | 'has-sittings';

/** A problem with one field of the draft (its path), by a stable code. */
export interface AuthoringProblem {
  field: string;
  code: AuthoringProblemCode;
}

/** What makes a draft impossible to save: fields that contradict each other. */
export function draftProblems(
  exam: AuthoredExam,
  courseProctorIds: readonly string[],
): AuthoringProblem[] {
  const problems: AuthoringProblem[] = [];
  const windowOk = exam.closesAt > exam.opensAt;
  if (!windowOk) problems.push({ field: 'closesAt', code: 'end-before-start' });
  // An oral exam's duration is a turn's length; its slots say when, not the window.
  if (
    windowOk &&
    exam.kind === 'written' &&
    exam.durationMinutes * MINUTE_MS > exam.closesAt - exam.opensAt
  ) {
    problems.push({ field: 'durationMinutes', code: 'duration-longer-than-window' });
  }
  if (exam.timeOut.mode === 'grace' && exam.timeOut.graceMinutes < 1) {
    problems.push({ field: 'settings.timeOut.graceMinutes', code: 'grace-minutes-required' });
  }
  if (exam.liveProctoring && !exam.media.camera && !exam.media.screen) {
    // A proctor with nothing to watch is not live proctoring.
    problems.push({ field: 'settings.media', code: 'no-requirement-for-live' });
  }
  if (exam.proctorIds.some((id) => !courseProctorIds.includes(id))) {
    problems.push({ field: 'proctoring.proctorIds', code: 'not-a-proctor' });
  }
  return problems;
}

/** What publishing still needs (empty: it can be published now). */
export function publishProblems(
  exam: AuthoredExam,
  courseProctorIds: readonly string[],
  now: EpochMs,
): AuthoringProblem[] {
  const problems = draftProblems(exam, courseProctorIds);
  if (exam.liveProctoring && exam.proctorIds.length === 0) {
    problems.push({ field: 'proctoring.proctorIds', code: 'proctors-required' });
  }
  if (exam.kind === 'written' && !exam.hasContent) {
    problems.push({ field: 'instructions', code: 'content-required' });
  }
  if (exam.kind === 'oral' && exam.slotCount === 0) {
    problems.push({ field: 'slots', code: 'slots-required' });
  }
  if (exam.closesAt <= now && !problems.some((p) => p.field === 'closesAt')) {
    problems.push({ field: 'closesAt', code: 'closes-in-past' });
  }
  return problems;
}

/**
 * A change to an exam whose sittings have begun. Only safe changes pass: a later close, more
 * time, more proctors, and texts (the fields not in `locked`). Anything that would cut a running
 * sitting short is refused with that reason; any other locked field is refused as locked.
 */
export function changeAfterStartProblems(
  before: AuthoredExam,
  after: AuthoredExam,
): AuthoringProblem[] {
  const problems: AuthoringProblem[] = [];
  if (after.closesAt < before.closesAt) {
    problems.push({ field: 'closesAt', code: 'cuts-running-sitting' });
  }
  if (after.durationMinutes < before.durationMinutes) {
    problems.push({ field: 'durationMinutes', code: 'cuts-running-sitting' });
  }
  if (before.proctorIds.some((id) => !after.proctorIds.includes(id))) {
    problems.push({ field: 'proctoring.proctorIds', code: 'proctor-removed' });
  }
  const fields = new Set([...Object.keys(before.locked), ...Object.keys(after.locked)]);
  for (const field of [...fields].sort()) {
    if (before.locked[field] !== after.locked[field]) {
      problems.push({ field, code: 'locked-after-start' });
    }
  }
  return problems;
}

/** An exam may be deleted only while no student has opened a sitting of it. */
export function deleteProblems(sittingsOpened: number): AuthoringProblem[] {
  return sittingsOpened > 0 ? [{ field: 'exam', code: 'has-sittings' }] : [];
}
