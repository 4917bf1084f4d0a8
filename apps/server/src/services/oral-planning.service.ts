// Planning an oral exam's day (ADR 0012, "Planning a university's day"): committees, the day
// plan that generates their slots, ticket pools with the committee rule, placing the students
// (by the examiner, or by themselves until a cut-off, the rest placed after it). Rules are the
// domain's; this file checks who asks, loads, asks the domain and stores in one transaction.
import { randomUUID } from 'node:crypto';
import {
  bookingIsOver,
  canBookSlot,
  checkBookingSettings,
  checkDayPlan,
  checkOralTickets,
  generateDaySlots,
  placeStudents,
  PICK_SEPARATOR,
  type OralTicket,
  type PlacementSlot,
} from '@emtihan/domain';
import type {
  MyOralSlot,
  OralBookBody,
  OralCommitteesBody,
  OralCommitteeView,
  OralDayPlan,
  OralExamPlan,
  OralPerson,
  OralPlacementResult,
  OralTicketPoolsBody,
  OralTicketPoolView,
  EnrolmentView,
  UserView,
} from '@emtihan/protocol';
import type { CourseRepo } from '../repositories/course.repo.ts';
import type {
  OralRepo,
  OralSetup,
  StoredCommittee,
  StoredOralSlot,
  StoredPool,
} from '../repositories/oral.repo.ts';
import type { Clock } from './clock.ts';
import type { OralNotifier, OralService } from './oral.service.ts';
import { parseTickets } from './oral-tickets.ts';
import { ok, refuse, refuseFields, refusedBy, type Result } from './result.ts';

const MAX_RETRIES = 5;

/** A pool as the draw sees it; the single list of an exam made before pools has id ''. */
export interface EffectivePool {
  poolId: string;
  name: string;
  tickets: OralTicket[];
}

/** The pools a student draws from: the stored ones, or the setup's single list as one pool. */
export function effectivePools(
  setup: OralSetup | undefined,
  pools: readonly StoredPool[],
): EffectivePool[] {
  if (pools.length) return pools.map((p) => ({ poolId: p.id, name: p.name, tickets: p.tickets }));
  return [{ poolId: '', name: '', tickets: setup?.tickets ?? [] }];
}

/** A ticket's id in a draw: its number alone in the single list (as before pools), else `pool:n`. */
export const ticketKey = (poolId: string, number: number) =>
  poolId ? `${poolId}:${number}` : String(number);

/** The tickets behind a drawn id (one per pool), each with its pool's name. */
export function ticketsOfDraw(
  pools: readonly EffectivePool[],
  ticketId: string,
): { pool: string; ticket: OralTicket }[] {
  return ticketId.split(PICK_SEPARATOR).flatMap((key) => {
    for (const p of pools) {
      const t = p.tickets.find((tk) => ticketKey(p.poolId, tk.number) === key);
      if (t) return [{ pool: p.name, ticket: t }];
    }
    return [];
  });
}

type Member = EnrolmentView;

export class OralPlanningService {
  constructor(
    private readonly deps: {
      oral: OralRepo;
      courses: CourseRepo;
      clock: Clock;
      notifier: OralNotifier;
      /** The examiner's whole plan, presented after each change. */
      present: () => OralService;
    },
  ) {}

  async setCommittees(
    examId: string,
    caller: UserView,
    body: OralCommitteesBody,
  ): Promise<Result<OralExamPlan>> {
    const exam = await this.deps.present().examinerExam(examId, caller);
    if (!exam.ok) return exam;
    const members = await this.deps.courses.listEnrolments(exam.value.courseId);
    const examiner = (id: string) => members.some((m) => m.userId === id && m.role === 'examiner');
    const issues: { field: string; problem: string }[] = [];
    const seen = new Set<string>();
    body.committees.forEach((c, i) => {
      [c.chairId, ...c.memberIds].forEach((id, k) => {
        const field = k === 0 ? `committees.${i}.chairId` : `committees.${i}.memberIds.${k - 1}`;
        if (!examiner(id)) issues.push({ field, problem: 'not-an-examiner' });
        // Committees sit in parallel: one person cannot be in two (or twice in one).
        else if (seen.has(id)) issues.push({ field, problem: 'examiner-in-two-committees' });
        seen.add(id);
      });
    });
    if (issues.length) return refuseFields(issues);
    const before = await this.deps.oral.committees(examId);
    const list: StoredCommittee[] = body.committees.map((c, position) => ({
      id: before[position]?.id ?? randomUUID(),
      position,
      chairId: c.chairId,
      memberIds: c.memberIds,
    }));
    const saved = await this.deps.oral.saveCommittees(examId, list, this.nowIso());
    if (!saved) return refusedBy('committee-has-slots', 'a committee to remove still has slots');
    return this.deps.present().plan(examId, caller);
  }

  async generateDayPlan(
    examId: string,
    caller: UserView,
    body: OralDayPlan,
  ): Promise<Result<OralExamPlan>> {
    const exam = await this.deps.present().examinerExam(examId, caller);
    if (!exam.ok) return exam;
    const { oral } = this.deps;
    const committees = await oral.committees(examId);
    const plan = {
      ...body,
      firstSlotAt: Date.parse(body.firstSlotAt),
      lunch: body.lunch && { ...body.lunch, startsAt: Date.parse(body.lunch.startsAt) },
    };
    const issues: { field: string; problem: string }[] = [
      ...checkDayPlan(plan),
      ...checkBookingSettings(
        body.placement,
        body.bookingClosesAt === null ? null : Date.parse(body.bookingClosesAt),
        plan.firstSlotAt,
      ),
    ];
    if (Number.isInteger(body.committees) && body.committees > committees.length)
      issues.push({ field: 'committees', problem: 'not-enough-committees' });
    if (issues.length) return refuseFields(issues);
    const generated = generateDaySlots(plan);
    if (!generated.ok) return refuseFields(generated.issues);
    const slots = generated.slots.map((s) => {
      const c = committees[s.committee]!;
      return {
        slotId: randomUUID(),
        startsAt: new Date(s.startsAt).toISOString(),
        lengthMinutes: s.lengthMinutes,
        committeeId: c.id,
        examinerIds: [c.chairId, ...c.memberIds],
        preparationMinutes: body.preparationMinutes,
        record: body.record,
      };
    });
    // The exam's window becomes the day's: from the first slot to the end of the last.
    const window = {
      opensAt: new Date(Math.min(...generated.slots.map((s) => s.startsAt))).toISOString(),
      closesAt: new Date(
        Math.max(...generated.slots.map((s) => s.startsAt + s.lengthMinutes * 60_000)),
      ).toISOString(),
    };
    const stored = await oral.replaceDaySlots(examId, body, slots, this.nowIso(), window);
    if (!stored) {
      return refusedBy('slot-started', 'students have joined a slot; the day cannot be re-planned');
    }
    return this.deps.present().plan(examId, caller);
  }

  async setPools(
    examId: string,
    caller: UserView,
    body: OralTicketPoolsBody,
  ): Promise<Result<OralExamPlan>> {
    const exam = await this.deps.present().examinerExam(examId, caller);
    if (!exam.ok) return exam;
    const { oral } = this.deps;
    const pools: StoredPool[] = [];
    const issues: { field: string; problem: string }[] = [];
    for (const [i, p] of body.pools.entries()) {
      const parsed = parseTickets(p.tickets);
      if (!parsed.ok) return { ...parsed, field: `pools.${i}.tickets` };
      for (const problem of checkOralTickets(parsed.value))
        issues.push({ field: `pools.${i}.tickets`, problem });
      pools.push({
        id: `p${i + 1}`,
        name: p.name,
        tickets: [...parsed.value].sort((a, b) => a.number - b.number),
      });
    }
    const names = body.pools.map((p) => p.name.toLocaleLowerCase());
    names.forEach((n, i) => {
      if (names.indexOf(n) !== i)
        issues.push({ field: `pools.${i}.name`, problem: 'duplicate-pool' });
    });
    if (issues.length) return refuseFields(issues);
    const slots = await oral.slots(examId);
    if (slots.some((s) => (s.plan?.draw?.draws.length ?? 0) > 0)) {
      return refusedBy('tickets-in-use', 'tickets were already drawn in this exam');
    }
    const setup = await oral.setup(examId);
    await oral.savePools(
      examId,
      pools,
      body.noRepeatInCommittee,
      setup?.scale ?? 'kz-letter-100',
      this.nowIso(),
    );
    return this.deps.present().plan(examId, caller);
  }

  /** "Place students automatically": the examiner asks. */
  async place(examId: string, caller: UserView): Promise<Result<OralPlacementResult>> {
    const exam = await this.deps.present().examinerExam(examId, caller);
    if (!exam.ok) return exam;
    const placed = await this.placeUnplaced(examId, exam.value.courseId);
    if (!placed.ok) return placed;
    const plan = await this.deps.present().plan(examId, caller);
    if (!plan.ok) return plan;
    return ok({ ...placed.value, plan: plan.value });
  }

  /** After the booking cut-off: the students who did not book are placed (on the next read). */
  async placeAfterCutOff(examId: string, courseId: string): Promise<void> {
    const dayPlan = await this.deps.oral.dayPlan<OralDayPlan>(examId);
    const closes = dayPlan?.bookingClosesAt ? Date.parse(dayPlan.bookingClosesAt) : null;
    if (dayPlan && bookingIsOver(dayPlan.placement, closes, this.now())) {
      await this.placeUnplaced(examId, courseId);
    }
  }

  async book(examId: string, caller: UserView, body: OralBookBody): Promise<Result<MyOralSlot>> {
    const { oral } = this.deps;
    for (let attempt = 0; attempt < MAX_RETRIES; attempt++) {
      // The student's own slot and the exam: the same checks as reading it.
      const mine = await this.deps.present().mySlot(examId, caller);
      if (!mine.ok) return mine;
      const [dayPlan, slots] = await Promise.all([
        oral.dayPlan<OralDayPlan>(examId),
        oral.slots(examId),
      ]);
      const slot = slots.find((s) => s.slotId === body.slotId && s.plan?.committeeId);
      if (!slot?.plan) return refuse('not-found', 'no such slot to book', 'slotId');
      const decision = canBookSlot({
        mode: dayPlan?.placement ?? 'auto',
        bookingClosesAt: dayPlan?.bookingClosesAt ? Date.parse(dayPlan.bookingClosesAt) : null,
        now: this.now(),
        alreadyPlaced: slots.some((s) => s.plan?.studentIds.includes(caller.id)),
        slot: {
          startsAt: Date.parse(slot.startsAt),
          capacity: dayPlan?.studentsPerSlot ?? 1,
          studentIds: slot.plan.studentIds,
        },
      });
      if (!decision.ok) return refusedBy(decision.reason);
      const saved = await oral.saveQueues(
        examId,
        [
          {
            slotId: slot.slotId,
            version: slot.plan.version,
            studentIds: [...slot.plan.studentIds, caller.id],
          },
        ],
        [caller.id],
        this.nowIso(),
      );
      if (!saved) continue;
      this.deps.notifier.slotChanged(slot.slotId);
      return this.deps.present().mySlot(examId, caller);
    }
    return refuse('conflict', 'the slot changed too often; try again');
  }

  // ---- views for the examiner's plan and the student's page ----

  async extras(
    examId: string,
    setup: OralSetup | undefined,
    members: readonly Member[],
    slots: readonly StoredOralSlot[],
  ): Promise<
    Pick<
      OralExamPlan,
      'committees' | 'pools' | 'noRepeatInCommittee' | 'dayPlan' | 'unplacedStudents'
    >
  > {
    const { oral } = this.deps;
    const [committees, pools, dayPlan] = await Promise.all([
      oral.committees(examId),
      oral.pools(examId),
      oral.dayPlan<OralDayPlan>(examId),
    ]);
    const person = (id: string): OralPerson => ({
      id,
      fullName: members.find((m) => m.userId === id)?.fullName ?? id,
    });
    const placed = new Set(slots.flatMap((s) => s.plan?.studentIds ?? []));
    return {
      committees: committees.map((c): OralCommitteeView => ({
        committeeId: c.id,
        number: c.position + 1,
        chair: person(c.chairId),
        members: c.memberIds.map(person),
      })),
      pools: effectivePools(setup, pools).map((p): OralTicketPoolView => ({
        poolId: p.poolId,
        name: p.name,
        tickets: p.tickets,
      })),
      noRepeatInCommittee: setup?.noRepeatInCommittee ?? false,
      dayPlan,
      unplacedStudents: members
        .filter((m) => m.role === 'student' && !placed.has(m.userId))
        .map((m) => person(m.userId)),
    };
  }

  /** While students book and this one has no slot: the slots with free places. */
  async bookingFor(examId: string, studentId: string): Promise<MyOralSlot['booking']> {
    const { oral } = this.deps;
    const [dayPlan, slots, committees] = await Promise.all([
      oral.dayPlan<OralDayPlan>(examId),
      oral.slots(examId),
      oral.committees(examId),
    ]);
    const now = this.now();
    const closes = dayPlan?.bookingClosesAt ? Date.parse(dayPlan.bookingClosesAt) : null;
    if (!dayPlan || dayPlan.placement !== 'booking' || closes === null || now >= closes)
      return null;
    if (slots.some((s) => s.plan?.studentIds.includes(studentId))) return null;
    const capacity = dayPlan.studentsPerSlot ?? 1;
    const names = await this.deps
      .present()
      .names(committees.flatMap((c) => [c.chairId, ...c.memberIds]));
    return {
      closesAt: new Date(closes).toISOString(),
      slots: slots.flatMap((s) => {
        const c = committees.find((k) => k.id === s.plan?.committeeId);
        if (!s.plan || !c) return [];
        const free = capacity - s.plan.studentIds.length;
        if (free <= 0 || Date.parse(s.startsAt) <= now) return [];
        return [
          {
            slotId: s.slotId,
            startsAt: s.startsAt,
            lengthMinutes: s.lengthMinutes,
            committee: c.position + 1,
            examiners: s.plan.examinerIds.map((id) => ({ id, fullName: names.get(id) ?? id })),
            free,
          },
        ];
      }),
    };
  }

  // ---- helpers ----

  private async placeUnplaced(
    examId: string,
    courseId: string,
  ): Promise<Result<{ placed: number; unplaced: number }>> {
    const { oral, courses } = this.deps;
    for (let attempt = 0; attempt < MAX_RETRIES; attempt++) {
      const [slots, members, committees, dayPlan] = await Promise.all([
        oral.slots(examId),
        courses.listEnrolments(courseId),
        oral.committees(examId),
        oral.dayPlan<OralDayPlan>(examId),
      ]);
      // Every planned slot counts for who is placed; only committees' slots have free places.
      const placing: PlacementSlot[] = slots.flatMap((s) =>
        s.plan
          ? [
              {
                slotId: s.slotId,
                committee: committees.find((c) => c.id === s.plan!.committeeId)?.position ?? 0,
                startsAt: Date.parse(s.startsAt),
                capacity: s.plan.committeeId ? (dayPlan?.studentsPerSlot ?? 1) : 0,
                studentIds: s.plan.studentIds,
              },
            ]
          : [],
      );
      const students = members
        .filter((m) => m.role === 'student')
        .map((m) => ({ id: m.userId, group: m.group, fullName: m.fullName }));
      const r = placeStudents(placing, students, this.now());
      const changed = Object.entries(r.queues).map(([slotId, studentIds]) => ({
        slotId,
        version: slots.find((s) => s.slotId === slotId)!.plan!.version,
        studentIds,
      }));
      if (changed.length && !(await oral.saveQueues(examId, changed, r.placed, this.nowIso())))
        continue;
      for (const c of changed) this.deps.notifier.slotChanged(c.slotId);
      return ok({ placed: r.placed.length, unplaced: r.unplaced.length });
    }
    return refuse('conflict', 'the slots changed too often; try again');
  }

  private now(): number {
    return this.deps.clock.now().getTime();
  }

  private nowIso(): string {
    return this.deps.clock.now().toISOString();
  }
}
