import type { EpochMs } from '../common/time.types.ts';
import { MINUTE_MS } from '../common/time.types.ts';

/** One numbered ticket of an oral exam: 1–3 questions. */
export type OralTicket = { number: number; questions: string[] };

/** The examiner's plan for one slot: who examines, who answers (in order), and the timing. */
export interface OralSlotPlan {
  startsAt: EpochMs;
  lengthMinutes: number;
  /** Minutes a student prepares after drawing the ticket. */
  preparationMinutes: number;
  examinerIds: string[];
  /** The queue order of the slot's students. */
  studentIds: string[];
  record: boolean;
}

export type OralPlanProblem =
  | 'invalid-start'
  | 'invalid-length'
  | 'invalid-preparation'
  | 'preparation-longer-than-turn'
  | 'examiners-count'
  | 'duplicate-examiner'
  | 'no-students'
  | 'too-many-students'
  | 'duplicate-student';

export type OralTicketProblem =
  | 'no-tickets'
  | 'too-many-tickets'
  | 'invalid-number'
  | 'duplicate-number'
  | 'questions-count'
  | 'empty-question'
  | 'question-too-long';

export const ORAL_LIMITS = {
  maxExaminers: 3,
  maxQuestions: 3,
  maxTickets: 200,
  maxStudentsPerSlot: 30,
  maxQuestionLength: 1000,
  maxLengthMinutes: 8 * 60,
  /** The seed: check-in opens 15–20 minutes before; the waiting room opens 20 minutes before. */
  waitingRoomLeadMinutes: 20,
} as const;

/** Everything wrong with a slot plan, in a stable order; empty when it is valid. */
export function checkOralSlotPlan(plan: OralSlotPlan): OralPlanProblem[] {
  const problems: OralPlanProblem[] = [];
  if (!Number.isFinite(plan.startsAt)) problems.push('invalid-start');
  const lengthOk =
    Number.isInteger(plan.lengthMinutes) &&
    plan.lengthMinutes >= 5 &&
    plan.lengthMinutes <= ORAL_LIMITS.maxLengthMinutes;
  if (!lengthOk) problems.push('invalid-length');
  const prepOk =
    Number.isInteger(plan.preparationMinutes) &&
    plan.preparationMinutes >= 0 &&
    plan.preparationMinutes <= 120;
  if (!prepOk) problems.push('invalid-preparation');
  if (plan.examinerIds.length < 1 || plan.examinerIds.length > ORAL_LIMITS.maxExaminers) {
    problems.push('examiners-count');
  }
  if (new Set(plan.examinerIds).size !== plan.examinerIds.length)
    problems.push('duplicate-examiner');
  if (plan.studentIds.length === 0) problems.push('no-students');
  if (plan.studentIds.length > ORAL_LIMITS.maxStudentsPerSlot) problems.push('too-many-students');
  if (new Set(plan.studentIds).size !== plan.studentIds.length) problems.push('duplicate-student');
  if (lengthOk && prepOk && plan.studentIds.length > 0) {
    if (plan.preparationMinutes >= turnMinutes(plan)) problems.push('preparation-longer-than-turn');
  }
  return problems;
}

/** Minutes each student has: the slot's length shared evenly among its students. */
export function turnMinutes(plan: Pick<OralSlotPlan, 'lengthMinutes' | 'studentIds'>): number {
  return plan.lengthMinutes / Math.max(1, plan.studentIds.length);
}

/** Everything wrong with a set of tickets; empty when valid. */
export function checkOralTickets(tickets: readonly OralTicket[]): OralTicketProblem[] {
  const problems = new Set<OralTicketProblem>();
  if (tickets.length === 0) problems.add('no-tickets');
  if (tickets.length > ORAL_LIMITS.maxTickets) problems.add('too-many-tickets');
  const numbers = new Set<number>();
  for (const t of tickets) {
    if (!Number.isInteger(t.number) || t.number < 1) problems.add('invalid-number');
    if (numbers.has(t.number)) problems.add('duplicate-number');
    numbers.add(t.number);
    if (t.questions.length < 1 || t.questions.length > ORAL_LIMITS.maxQuestions) {
      problems.add('questions-count');
    }
    for (const q of t.questions) {
      if (q.trim().length === 0) problems.add('empty-question');
      if (q.length > ORAL_LIMITS.maxQuestionLength) problems.add('question-too-long');
    }
  }
  return [...problems];
}

/**
 * Tickets from plain text: blocks separated by blank lines, one ticket per block, one question
 * per line. A block may start with a heading line like "Ticket 7", "Билет 7" or "7." that gives
 * its number; otherwise tickets are numbered in order. Leading "1)" / "1." on questions is dropped.
 */
export function ticketsFromText(text: string): OralTicket[] {
  const blocks = text
    .replace(/\r\n?/g, '\n')
    .split(/\n\s*\n/)
    .map((b) =>
      b
        .split('\n')
        .map((l) => l.trim())
        .filter(Boolean),
    )
    .filter((b) => b.length > 0);
  let next = 1;
  return blocks.map((lines) => {
    const heading = /^(?:ticket|билет|билет №|№)?\s*№?\s*(\d+)\s*[.:)]?$/i.exec(lines[0]!);
    const number = heading ? Number(heading[1]) : next;
    next = number + 1;
    const questions = (heading ? lines.slice(1) : lines).map((l) =>
      l.replace(/^\d+\s*[.)]\s*/, ''),
    );
    return { number, questions };
  });
}

/**
 * One ticket a line (a pool of single questions, as universities keep them): each non-empty line
 * is a ticket with that one question, numbered in order; a leading "12." or "12)" is dropped.
 */
export function ticketsFromLines(text: string): OralTicket[] {
  return text
    .replace(/\r\n?/g, '\n')
    .split('\n')
    .map((l) => l.trim().replace(/^\d+\s*[.)]\s*/, ''))
    .filter(Boolean)
    .map((q, i) => ({ number: i + 1, questions: [q] }));
}

/** One ticket a CSV row without numbers: each row's non-empty cells are its questions. */
export function ticketsFromPlainRows(rows: readonly (readonly string[])[]): OralTicket[] {
  return rows
    .map((r) => r.map((c) => c.trim()).filter(Boolean))
    .filter((r) => r.length > 0)
    .map((questions, i) => ({ number: i + 1, questions }));
}

/**
 * Tickets from CSV rows (already split by a CSV parser): `number, question 1[, question 2[, 3]]`.
 * A first row whose number cell is not a number is a header and is skipped.
 */
export function ticketsFromRows(rows: readonly (readonly string[])[]): OralTicket[] {
  const body = rows.length > 0 && !/^\s*\d+\s*$/.test(rows[0]![0] ?? '') ? rows.slice(1) : rows;
  return body
    .filter((r) => r.some((c) => c.trim() !== ''))
    .map((r) => ({
      number: /^\s*\d+\s*$/.test(r[0] ?? '') ? Number(r[0]) : Number.NaN,
      questions: r
        .slice(1)
        .map((c) => c.trim())
        .filter(Boolean),
    }));
}

/** When the slot's waiting room opens and closes (the seed: 15–20 minutes before). */
export function waitingRoomWindow(plan: Pick<OralSlotPlan, 'startsAt' | 'lengthMinutes'>): {
  opensAt: EpochMs;
  closesAt: EpochMs;
} {
  return {
    opensAt: plan.startsAt - ORAL_LIMITS.waitingRoomLeadMinutes * MINUTE_MS,
    closesAt: plan.startsAt + plan.lengthMinutes * MINUTE_MS,
  };
}

export type WaitingRoomRefusal = 'too-early' | 'too-late' | 'not-in-slot';

/** Whether the student may enter the slot's waiting room now. */
export function canEnterWaitingRoom(
  plan: Pick<OralSlotPlan, 'startsAt' | 'lengthMinutes' | 'studentIds'>,
  studentId: string,
  now: EpochMs,
): { ok: true } | { ok: false; reason: WaitingRoomRefusal } {
  if (!plan.studentIds.includes(studentId)) return { ok: false, reason: 'not-in-slot' };
  const w = waitingRoomWindow(plan);
  if (now < w.opensAt) return { ok: false, reason: 'too-early' };
  if (now >= w.closesAt) return { ok: false, reason: 'too-late' };
  return { ok: true };
}

/** A student still to be examined (waiting or in the room) or done. */
export type QueueStatus = 'absent' | 'waiting' | 'in-room' | 'done';

/**
 * Place in the queue (1 = next or now) and the estimated time the student is called in: those
 * ahead who are not done each take one turn, starting no earlier than the slot and now.
 */
export function queuePosition(
  plan: Pick<OralSlotPlan, 'startsAt' | 'lengthMinutes' | 'studentIds'>,
  statuses: Readonly<Record<string, QueueStatus>>,
  studentId: string,
  now: EpochMs,
): { place: number; estimatedAt: EpochMs } | null {
  const index = plan.studentIds.indexOf(studentId);
  if (index < 0 || statuses[studentId] === 'done') return null;
  const ahead = plan.studentIds
    .slice(0, index)
    .filter((id) => statuses[id] !== 'done' && statuses[id] !== 'absent').length;
  const turn = turnMinutes(plan) * MINUTE_MS;
  const start = Math.max(plan.startsAt, now);
  return { place: ahead + 1, estimatedAt: Math.round(start + ahead * turn) };
}

/** How the commission moves a student in the slot's queue. */
export type QueueMove = 'up' | 'down' | 'first';

export type QueueMoveRefusal = 'not-in-slot' | 'already-examined' | 'in-room' | 'cannot-move';

/**
 * The slot's queue order after moving one student who is still to be called in (waiting or not
 * here yet): `up` / `down` past the nearest such student before / after them, `first` ahead of
 * all of them. Students done or in the room keep their places; nothing else moves.
 */
export function moveInQueue(
  order: readonly string[],
  statuses: Readonly<Record<string, QueueStatus>>,
  studentId: string,
  move: QueueMove,
): { ok: true; order: string[] } | { ok: false; reason: QueueMoveRefusal } {
  const index = order.indexOf(studentId);
  if (index < 0) return { ok: false, reason: 'not-in-slot' };
  const movable = (id: string) => statuses[id] !== 'done' && statuses[id] !== 'in-room';
  if (statuses[studentId] === 'done') return { ok: false, reason: 'already-examined' };
  if (statuses[studentId] === 'in-room') return { ok: false, reason: 'in-room' };
  const places = order.flatMap((id, i) => (movable(id) ? [i] : []));
  const at = places.indexOf(index);
  const target = move === 'up' ? places[at - 1] : move === 'down' ? places[at + 1] : places[0];
  if (target === undefined || target === index) return { ok: false, reason: 'cannot-move' };
  const next = [...order];
  if (move === 'first') {
    // Those to be called in shift one place back, each into the next such place.
    const ahead = places.slice(0, at + 1).map((i) => order[i]!);
    const rotated = [ahead[ahead.length - 1]!, ...ahead.slice(0, -1)];
    places.slice(0, at + 1).forEach((i, k) => (next[i] = rotated[k]!));
  } else {
    [next[index], next[target]] = [next[target]!, next[index]!];
  }
  return { ok: true, order: next };
}
