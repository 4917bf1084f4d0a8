import { z } from 'zod';
import { Id, Language } from './common.schema.ts';
import { EvidenceSegmentView } from './evidence.schema.ts';

// Oral exams (ADR 0012): the examiner's schedule, the student's slot and waiting room, the
// room's commands, the signalling that carries WebRTC between the slot's admitted participants.

export const ORAL_SCALES = ['kz-letter-100', 'five-point'] as const;
export const OralScaleId = z.enum(ORAL_SCALES);

export const OralTicketView = z.object({
  number: z.number().int(),
  questions: z.array(z.string()),
});
export type OralTicketView = z.infer<typeof OralTicketView>;

const question = z.string().trim().min(1).max(1000);

/** Tickets typed in, or a text / CSV file's content to import (parsed on the server). */
export const OralTicketsInput = z.discriminatedUnion('format', [
  z.strictObject({
    format: z.literal('list'),
    tickets: z
      .array(
        z.strictObject({
          number: z.number().int().min(1).max(100_000),
          questions: z.array(question).min(1).max(3),
        }),
      )
      .min(1)
      .max(200),
  }),
  z.strictObject({ format: z.literal('text'), text: z.string().min(1).max(200_000) }),
  /** CSV rows: `number, question…` when the first cells are numbers, else one ticket a row. */
  z.strictObject({ format: z.literal('csv'), text: z.string().min(1).max(200_000) }),
  /** One ticket a line: each non-empty line is a ticket with that one question. */
  z.strictObject({ format: z.literal('lines'), text: z.string().min(1).max(200_000) }),
]);
export type OralTicketsInput = z.infer<typeof OralTicketsInput>;

export const OralSetupBody = z.strictObject({
  scale: OralScaleId,
  tickets: OralTicketsInput,
});
export type OralSetupBody = z.infer<typeof OralSetupBody>;

export const OralSlotBody = z.strictObject({
  /** An existing slot of the exam to plan; absent: a new slot. */
  slotId: Id.optional(),
  startsAt: z.iso.datetime(),
  lengthMinutes: z.number().int().min(5).max(480),
  preparationMinutes: z.number().int().min(0).max(120),
  examinerIds: z.array(Id).min(1).max(3),
  studentIds: z.array(Id).min(1).max(30),
  record: z.boolean(),
});
export type OralSlotBody = z.infer<typeof OralSlotBody>;

export const OralPerson = z.object({ id: Id, fullName: z.string() });
export type OralPerson = z.infer<typeof OralPerson>;

export const ORAL_STATUSES = [
  'not_joined',
  'waiting_room',
  'identity_check',
  'ticket_drawn',
  'answering',
  'graded',
  'terminated',
  'annulled',
] as const;
export const OralStatusView = z.enum(ORAL_STATUSES);
export type OralStatusView = z.infer<typeof OralStatusView>;

export const OralSlotPlanView = z.object({
  slotId: Id,
  examId: Id,
  /** The committee whose slot this is (made from a day plan); null for a slot planned alone. */
  committeeId: Id.nullable(),
  examTitle: z.string(),
  startsAt: z.string(),
  lengthMinutes: z.number(),
  /** False until the examiner has planned it (commission and students). */
  planned: z.boolean(),
  preparationMinutes: z.number(),
  record: z.boolean(),
  scale: OralScaleId,
  examiners: z.array(OralPerson),
  students: z.array(OralPerson),
  waitingRoomOpensAt: z.string(),
  waitingRoomClosesAt: z.string(),
});
export type OralSlotPlanView = z.infer<typeof OralSlotPlanView>;

// ---- Planning a day (ADR 0012, "Planning a university's day"): committees, a day plan that
// generates their slots, ticket pools, placing students or letting them book. ----

/** A committee: its chair and up to two members, each an examiner of the course. */
export const OralCommitteeInput = z.strictObject({
  chairId: Id,
  memberIds: z.array(Id).max(2),
});
export const OralCommitteesBody = z.strictObject({
  committees: z.array(OralCommitteeInput).min(1).max(20),
});
export type OralCommitteesBody = z.infer<typeof OralCommitteesBody>;

export const OralCommitteeView = z.object({
  committeeId: Id,
  /** 1, 2, … in the examiner's order. */
  number: z.number().int(),
  chair: OralPerson,
  members: z.array(OralPerson),
});
export type OralCommitteeView = z.infer<typeof OralCommitteeView>;

export const ORAL_PLACEMENT_MODES = ['auto', 'booking'] as const;
export const OralPlacementMode = z.enum(ORAL_PLACEMENT_MODES);

/**
 * The day: instants as ISO UTC (the web turns the university's date and time into them). The
 * domain checks the ranges and their combinations, each problem named by its field.
 */
export const OralDayPlanBody = z.strictObject({
  firstSlotAt: z.iso.datetime(),
  slotMinutes: z.number().int(),
  preparationMinutes: z.number().int(),
  studentsPerSlot: z.number().int().default(1),
  slotsPerCommittee: z.number().int(),
  committees: z.number().int(),
  breaks: z
    .array(z.strictObject({ afterSlot: z.number().int(), minutes: z.number().int() }))
    .max(20)
    .default([]),
  lunch: z
    .strictObject({ startsAt: z.iso.datetime(), minutes: z.number().int() })
    .nullable()
    .default(null),
  record: z.boolean().default(false),
  /** `auto`: the examiner places the students; `booking`: they book until `bookingClosesAt`. */
  placement: OralPlacementMode.default('auto'),
  bookingClosesAt: z.iso.datetime().nullable().default(null),
});
export type OralDayPlanBody = z.input<typeof OralDayPlanBody>;
export type OralDayPlan = z.output<typeof OralDayPlanBody>;

export const OralTicketPoolInput = z.strictObject({
  name: z.string().trim().min(1).max(100),
  tickets: OralTicketsInput,
});
export const OralTicketPoolsBody = z.strictObject({
  pools: z.array(OralTicketPoolInput).min(1).max(5),
  /** No two students of a committee draw the same ticket (while unused tickets remain). */
  noRepeatInCommittee: z.boolean(),
});
export type OralTicketPoolsBody = z.infer<typeof OralTicketPoolsBody>;

export const OralTicketPoolView = z.object({
  /** Empty for an exam's single ticket list (made before pools). */
  poolId: z.string(),
  name: z.string(),
  tickets: z.array(OralTicketView),
});
export type OralTicketPoolView = z.infer<typeof OralTicketPoolView>;

export const OralExamPlan = z.object({
  examId: Id,
  title: z.string(),
  scale: OralScaleId,
  tickets: z.array(OralTicketView),
  slots: z.array(OralSlotPlanView),
  courseExaminers: z.array(OralPerson),
  courseStudents: z.array(OralPerson),
  committees: z.array(OralCommitteeView),
  /** The pools a student draws from: the single list as one pool when no pools were set. */
  pools: z.array(OralTicketPoolView),
  noRepeatInCommittee: z.boolean(),
  /** The last day plan that generated the slots. */
  dayPlan: OralDayPlanBody.nullable(),
  /** The course's students in no slot yet. */
  unplacedStudents: z.array(OralPerson),
});

export const OralPlacementResult = z.object({
  placed: z.number().int(),
  unplaced: z.number().int(),
  plan: OralExamPlan,
});
export type OralPlacementResult = z.infer<typeof OralPlacementResult>;

export const OralBookBody = z.strictObject({ slotId: Id });
export type OralBookBody = z.infer<typeof OralBookBody>;

/** A slot a student may book: its time and how many places are free. */
export const OralBookableSlot = z.object({
  slotId: Id,
  startsAt: z.string(),
  lengthMinutes: z.number(),
  committee: z.number().int(),
  examiners: z.array(OralPerson),
  free: z.number().int(),
});
export type OralExamPlan = z.infer<typeof OralExamPlan>;

export const OralGradeView = z.object({ examinerId: Id, mark: z.number(), at: z.string() });

export const OralWarningView = z.object({
  warningId: Id,
  category: z.string(),
  issuedAt: z.number(),
  acknowledgedAt: z.number().nullable(),
});

/** One student's turn in a slot as the room shows it. */
export const OralTurnView = z.object({
  studentId: Id,
  fullName: z.string(),
  sessionId: Id.nullable(),
  status: OralStatusView,
  /** 1 = next (or now); null when done or not joined. */
  place: z.number().nullable(),
  estimatedAt: z.number().nullable(),
  ticket: OralTicketView.nullable(),
  /** The drawn ticket of each pool (pool name, number): one entry for a single list. */
  picks: z.array(z.object({ pool: z.string(), number: z.number().int() })),
  answeringStartedAt: z.number().nullable(),
  ticketDrawnAt: z.number().nullable(),
  identityApproved: z.boolean(),
  hasIdSnapshot: z.boolean(),
  grades: z.array(OralGradeView),
  finalMark: z.number().nullable(),
  warnings: z.array(OralWarningView),
  endReason: z.string().nullable(),
  /**
   * The turn's recorded segments (camera with both sides' sound, the screen when shared), kept
   * as evidence like the written exam's; played from `evidenceSegment`. Empty for students.
   */
  recordings: z.array(EvidenceSegmentView),
});
export type OralTurnView = z.infer<typeof OralTurnView>;

export const OralNoteView = z.object({ examinerId: Id, text: z.string(), at: z.string() });

/** The slot as one participant sees it: examiners see every turn, a student only their own. */
export const OralRoomView = z.object({
  slot: OralSlotPlanView,
  myRole: z.enum(['examiner', 'student']),
  serverNow: z.number(),
  turns: z.array(OralTurnView),
  /** The student in the room now (identity check, ticket, answer), if any. */
  current: Id.nullable(),
  /** Examiners' private notes on the current and past turns; empty for students. */
  notes: z.array(OralNoteView.extend({ studentId: Id })),
});
export type OralRoomView = z.infer<typeof OralRoomView>;

export const MyOralSlot = z.object({
  slot: OralSlotPlanView.nullable(),
  serverNow: z.number(),
  /** While students book their slots themselves (and have none yet): the free ones. */
  booking: z.object({ closesAt: z.string(), slots: z.array(OralBookableSlot) }).nullable(),
});
export type MyOralSlot = z.infer<typeof MyOralSlot>;

const reason = z.string().trim().min(3).max(2000);

export const OralCommand = z.discriminatedUnion('type', [
  z.strictObject({ type: z.literal('call-in') }),
  z.strictObject({ type: z.literal('approve-identity') }),
  z.strictObject({ type: z.literal('reject-identity'), reason }),
  z.strictObject({ type: z.literal('draw-ticket') }),
  z.strictObject({ type: z.literal('start-answer') }),
  z.strictObject({
    type: z.literal('grade'),
    mark: z.number(),
    comment: z.string().max(2000).optional(),
  }),
  z.strictObject({
    type: z.literal('issue-warning'),
    category: z.string().min(1).max(64),
    note: z.string().max(2000).optional(),
  }),
  z.strictObject({ type: z.literal('acknowledge-warning'), warningId: Id }),
  z.strictObject({ type: z.literal('terminate'), reason }),
  z.strictObject({ type: z.literal('annul'), reason }),
  z.strictObject({ type: z.literal('note'), text: z.string().trim().min(1).max(4000) }),
]);
export type OralCommand = z.infer<typeof OralCommand>;

/** The commission moves a student still to be called in within the slot's queue. */
export const OralQueueMoveBody = z.strictObject({
  studentId: Id,
  move: z.enum(['up', 'down', 'first']),
});
export type OralQueueMoveBody = z.infer<typeof OralQueueMoveBody>;

export const OralSlotParams = z.strictObject({ slotId: Id });
export const OralSessionParams = z.strictObject({ sessionId: Id });
export const OralProtocolQuery = z.strictObject({ lang: Language.default('kk') });
