import type { EpochMs } from '../common/time.types.ts';
import { MINUTE_MS } from '../common/time.types.ts';
import { ORAL_LIMITS } from './oral-schedule.rules.ts';

/**
 * An oral exam's day as the examiner plans it: slots of equal length one after another, with
 * breaks, run by several committees in parallel. Instants are epoch ms: the client turns the
 * university's date and time into them, so the domain knows no time zones.
 */
export interface OralDayPlan {
  firstSlotAt: EpochMs;
  slotMinutes: number;
  preparationMinutes: number;
  studentsPerSlot: number;
  slotsPerCommittee: number;
  committees: number;
  /** A break after the slot numbered `afterSlot` (1 = after the first slot). */
  breaks: readonly { afterSlot: number; minutes: number }[];
  /** A lunch break: a slot that would overlap it starts when it ends. */
  lunch: { startsAt: EpochMs; minutes: number } | null;
}

export type DayPlanProblem =
  | 'invalid-start'
  | 'invalid-length'
  | 'invalid-preparation'
  | 'preparation-longer-than-turn'
  | 'invalid-students-per-slot'
  | 'invalid-slot-count'
  | 'invalid-committee-count'
  | 'invalid-break'
  | 'duplicate-break'
  | 'invalid-lunch'
  | 'day-too-long';

/** One problem of a day plan and the field it is about (`breaks.1.afterSlot`, `lunch.minutes`). */
export type DayPlanIssue = { field: string; problem: DayPlanProblem };

export const DAY_PLAN_LIMITS = {
  maxSlotsPerCommittee: 60,
  maxCommittees: 20,
  maxBreakMinutes: 240,
  /** The whole day, first slot to last slot's end, fits in this. */
  maxDayMinutes: 24 * 60,
} as const;

const intIn = (n: number, min: number, max: number) => Number.isInteger(n) && n >= min && n <= max;

/** Everything wrong with a day plan, each with its field, in a stable order; empty when valid. */
export function checkDayPlan(plan: OralDayPlan): DayPlanIssue[] {
  const issues: DayPlanIssue[] = [];
  const add = (field: string, problem: DayPlanProblem) => issues.push({ field, problem });
  if (!Number.isFinite(plan.firstSlotAt)) add('firstSlotAt', 'invalid-start');
  const lengthOk = intIn(plan.slotMinutes, 5, ORAL_LIMITS.maxLengthMinutes);
  if (!lengthOk) add('slotMinutes', 'invalid-length');
  const studentsOk = intIn(plan.studentsPerSlot, 1, ORAL_LIMITS.maxStudentsPerSlot);
  if (!studentsOk) add('studentsPerSlot', 'invalid-students-per-slot');
  if (!intIn(plan.preparationMinutes, 0, 120)) add('preparationMinutes', 'invalid-preparation');
  else if (
    lengthOk &&
    studentsOk &&
    plan.preparationMinutes >= plan.slotMinutes / plan.studentsPerSlot
  )
    add('preparationMinutes', 'preparation-longer-than-turn');
  const countOk = intIn(plan.slotsPerCommittee, 1, DAY_PLAN_LIMITS.maxSlotsPerCommittee);
  if (!countOk) add('slotsPerCommittee', 'invalid-slot-count');
  if (!intIn(plan.committees, 1, DAY_PLAN_LIMITS.maxCommittees))
    add('committees', 'invalid-committee-count');
  const seen = new Set<number>();
  plan.breaks.forEach((b, i) => {
    // A break after the last slot would change nothing: refused as a likely typo.
    if (!countOk || !intIn(b.afterSlot, 1, plan.slotsPerCommittee - 1))
      add(`breaks.${i}.afterSlot`, 'invalid-break');
    else if (seen.has(b.afterSlot)) add(`breaks.${i}.afterSlot`, 'duplicate-break');
    seen.add(b.afterSlot);
    if (!intIn(b.minutes, 1, DAY_PLAN_LIMITS.maxBreakMinutes))
      add(`breaks.${i}.minutes`, 'invalid-break');
  });
  if (plan.lunch) {
    if (!Number.isFinite(plan.lunch.startsAt)) add('lunch.startsAt', 'invalid-lunch');
    if (!intIn(plan.lunch.minutes, 1, DAY_PLAN_LIMITS.maxBreakMinutes))
      add('lunch.minutes', 'invalid-lunch');
  }
  if (issues.length === 0) {
    const times = slotTimes(plan);
    const end = times[times.length - 1]! + plan.slotMinutes * MINUTE_MS;
    if (end - plan.firstSlotAt > DAY_PLAN_LIMITS.maxDayMinutes * MINUTE_MS)
      add('slotsPerCommittee', 'day-too-long');
  }
  return issues;
}

/** One generated slot: which committee (0-based), its number in the committee's day, its time. */
export type GeneratedSlot = {
  committee: number;
  number: number;
  startsAt: EpochMs;
  lengthMinutes: number;
};

export type DayPlanResult =
  { ok: true; slots: GeneratedSlot[] } | { ok: false; issues: DayPlanIssue[] };

/**
 * The day's slots, committee by committee (committees run in parallel, so each has the same
 * times): one after another, a break after the slots it names, and a slot that would overlap the
 * lunch break moved to the lunch's end.
 */
export function generateDaySlots(plan: OralDayPlan): DayPlanResult {
  const issues = checkDayPlan(plan);
  if (issues.length) return { ok: false, issues };
  const times = slotTimes(plan);
  const slots: GeneratedSlot[] = [];
  for (let committee = 0; committee < plan.committees; committee++) {
    times.forEach((startsAt, i) =>
      slots.push({ committee, number: i + 1, startsAt, lengthMinutes: plan.slotMinutes }),
    );
  }
  return { ok: true, slots };
}

function slotTimes(plan: OralDayPlan): EpochMs[] {
  const length = plan.slotMinutes * MINUTE_MS;
  const pause = new Map(plan.breaks.map((b) => [b.afterSlot, b.minutes * MINUTE_MS]));
  const lunch = plan.lunch && {
    from: plan.lunch.startsAt,
    to: plan.lunch.startsAt + plan.lunch.minutes * MINUTE_MS,
  };
  const times: EpochMs[] = [];
  let at = plan.firstSlotAt;
  for (let n = 1; n <= plan.slotsPerCommittee; n++) {
    if (lunch && at < lunch.to && at + length > lunch.from) at = lunch.to;
    times.push(at);
    at += length + (pause.get(n) ?? 0);
  }
  return times;
}
