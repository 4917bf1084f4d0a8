// Use cases of oral exams: the examiner's setup and schedule, the student's slot and waiting
// room, the room's commands (call in, ID check, ticket draw, answer, grades, warnings, stop,
// annul, notes), the ID snapshot and the protocol. Rules are the domain's; this file loads, asks
// the domain, stores state and audit together, and tells the slot's room that it changed.
import { createHash, randomInt, randomUUID } from 'node:crypto';
import {
  canEnterWaitingRoom,
  checkOralSlotPlan,
  checkOralTickets,
  createOralSession,
  createTicketDraw,
  drawTicket,
  finalMark,
  isFlagCategory,
  isOnScale,
  moveInQueue,
  queuePosition,
  toScore100,
  transitionOral,
  waitingRoomWindow,
  type Actor,
  type AuditDraft,
  type OralEvent,
  type OralScaleId,
  type OralSessionState,
  type OralTicket,
  type QueueStatus,
} from '@emtihan/domain';
import type {
  Language,
  MyOralSlot,
  OralCommand,
  OralExamPlan,
  OralPerson,
  OralQueueMoveBody,
  OralRoomView,
  OralSetupBody,
  OralSlotBody,
  OralSlotPlanView,
  OralTurnView,
  UserView,
} from '@emtihan/protocol';
import type { BlobStore } from '../adapters/blob-store.port.ts';
import type { CourseRepo } from '../repositories/course.repo.ts';
import type { EvidenceRepo } from '../repositories/evidence.repo.ts';
import type { ExamRepo } from '../repositories/exam.repo.ts';
import type { OralRepo, StoredOralSession, StoredOralSlot } from '../repositories/oral.repo.ts';
import type { UserRepo } from '../repositories/user.repo.ts';
import type { Clock } from './clock.ts';
import {
  effectivePools,
  ticketKey,
  ticketsOfDraw,
  type OralPlanningService,
} from './oral-planning.service.ts';
import { renderOralProtocol } from './oral-protocol.pdf.ts';
import { parseTickets } from './oral-tickets.ts';
import { ok, refuse, refusedBy, type Result } from './result.ts';
import { cleanPhoto } from './upload-content.ts';

/** Tells the slot's room that something changed; removes a finished student from the media. */
export interface OralNotifier {
  slotChanged(slotId: string): void;
  leaveMedia(slotId: string, userId: string): void;
}

const LIVE = ['identity_check', 'ticket_drawn', 'answering'] as const;
const ENDED = ['graded', 'terminated', 'annulled'] as const;
const isLive = (s: OralSessionState) => (LIVE as readonly string[]).includes(s.status);
const isEnded = (s: OralSessionState) => (ENDED as readonly string[]).includes(s.status);
const DEFAULT_SCALE: OralScaleId = 'kz-letter-100';
const MAX_RETRIES = 5;

type PlannedSlot = StoredOralSlot & { plan: NonNullable<StoredOralSlot['plan']> };

export class OralService {
  constructor(
    private readonly deps: {
      oral: OralRepo;
      /** Recorded turns (the oral chain of the evidence store). */
      evidence: EvidenceRepo;
      exams: ExamRepo;
      courses: CourseRepo;
      users: UserRepo;
      blobs: BlobStore;
      clock: Clock;
      notifier: OralNotifier;
      /** Committees, day plan, pools, placement (oral-planning.service.ts). */
      planning: () => OralPlanningService;
    },
  ) {}

  // ---- examiner: setup and schedule ----

  async plan(examId: string, caller: UserView): Promise<Result<OralExamPlan>> {
    const exam = await this.examinerExam(examId, caller);
    if (!exam.ok) return exam;
    const { oral, courses } = this.deps;
    await this.deps.planning().placeAfterCutOff(examId, exam.value.courseId);
    const [setup, slots, members] = await Promise.all([
      oral.setup(examId),
      oral.slots(examId),
      courses.listEnrolments(exam.value.courseId),
    ]);
    const names = await this.names(slots.flatMap((s) => s.plan?.examinerIds ?? []));
    for (const m of members) names.set(m.userId, m.fullName);
    const scale = setup?.scale ?? DEFAULT_SCALE;
    const person = (role: string) =>
      members
        .filter((m) => m.role === role)
        .map((m) => ({ id: m.userId, fullName: m.fullName }))
        .sort((a, b) => a.fullName.localeCompare(b.fullName));
    return ok({
      examId,
      title: exam.value.title,
      scale,
      tickets: setup?.tickets ?? [],
      slots: slots.map((s) => this.slotView(s, exam.value.title, scale, names)),
      courseExaminers: person('examiner'),
      courseStudents: person('student'),
      ...(await this.deps.planning().extras(examId, setup, members, slots)),
    });
  }

  async saveSetup(
    examId: string,
    caller: UserView,
    body: OralSetupBody,
  ): Promise<Result<OralExamPlan>> {
    const exam = await this.examinerExam(examId, caller);
    if (!exam.ok) return exam;
    const parsed = parseTickets(body.tickets);
    if (!parsed.ok) return parsed;
    const problems = checkOralTickets(parsed.value);
    if (problems.length) return refuse('bad-request', problems.join(', '), 'tickets');
    const slots = await this.deps.oral.slots(examId);
    if (slots.some((s) => (s.plan?.draw?.draws.length ?? 0) > 0)) {
      return refusedBy('tickets-in-use', 'tickets were already drawn in this exam');
    }
    await this.deps.oral.saveSetup(
      { examId, scale: body.scale, tickets: [...parsed.value].sort((a, b) => a.number - b.number) },
      this.nowIso(),
    );
    return this.plan(examId, caller);
  }

  async scheduleSlot(
    examId: string,
    caller: UserView,
    body: OralSlotBody,
  ): Promise<Result<OralSlotPlanView>> {
    const exam = await this.examinerExam(examId, caller);
    if (!exam.ok) return exam;
    const { oral, courses } = this.deps;
    const members = await courses.listEnrolments(exam.value.courseId);
    const has = (id: string, role: string) =>
      members.some((m) => m.userId === id && m.role === role);
    const notExaminer = body.examinerIds.find((id) => !has(id, 'examiner'));
    if (notExaminer) return refuse('bad-request', 'not an examiner of the course', 'examinerIds');
    const notStudent = body.studentIds.find((id) => !has(id, 'student'));
    if (notStudent) return refuse('bad-request', 'not a student of the course', 'studentIds');
    const problems = checkOralSlotPlan({
      startsAt: Date.parse(body.startsAt),
      lengthMinutes: body.lengthMinutes,
      preparationMinutes: body.preparationMinutes,
      examinerIds: body.examinerIds,
      studentIds: body.studentIds,
      record: body.record,
    });
    if (problems.length) return refusedBy(problems[0]!, problems.join(', '));
    const slots = await oral.slots(examId);
    const slotId = body.slotId ?? randomUUID();
    if (body.slotId) {
      const existing = slots.find((s) => s.slotId === body.slotId);
      if (!existing) return refuse('not-found', 'no such slot in this exam');
      if ((await oral.sessionsOfSlot(slotId)).length > 0) {
        return refusedBy('slot-started', 'students have already joined this slot');
      }
    }
    const elsewhere = slots.find(
      (s) => s.slotId !== slotId && s.plan?.studentIds.some((id) => body.studentIds.includes(id)),
    );
    if (elsewhere)
      return refusedBy('student-in-other-slot', 'a student is already in another slot');
    await oral.saveSlot(
      {
        slotId,
        examId,
        startsAt: new Date(Date.parse(body.startsAt)).toISOString(),
        lengthMinutes: body.lengthMinutes,
        plan: {
          preparationMinutes: body.preparationMinutes,
          record: body.record,
          examinerIds: body.examinerIds,
          studentIds: body.studentIds,
        },
      },
      this.nowIso(),
    );
    const saved = (await oral.slot(slotId))!;
    const setup = await oral.setup(examId);
    this.deps.notifier.slotChanged(slotId);
    return ok(
      this.slotView(
        saved,
        exam.value.title,
        setup?.scale ?? DEFAULT_SCALE,
        await this.names([...body.examinerIds, ...body.studentIds]),
      ),
    );
  }

  // ---- student: slot and waiting room ----

  async mySlot(examId: string, caller: UserView): Promise<Result<MyOralSlot>> {
    const exam = await this.deps.exams.findById(examId);
    // A student never sees an unpublished exam (ADR 0017).
    if (!exam || exam.kind !== 'oral' || exam.status !== 'published') {
      return refuse('not-found', 'no such oral exam');
    }
    const roles = await this.deps.courses.rolesOf(exam.courseId, caller.id);
    if (!roles.includes('student'))
      return refuse('forbidden', 'you are not a student of this course');
    await this.deps.planning().placeAfterCutOff(examId, exam.courseId);
    const slots = await this.deps.oral.slots(examId);
    const mine = slots.find((s) => s.plan?.studentIds.includes(caller.id));
    const setup = await this.deps.oral.setup(examId);
    return ok({
      slot: mine
        ? this.slotView(
            mine,
            exam.title,
            setup?.scale ?? DEFAULT_SCALE,
            await this.names([...(mine.plan?.examinerIds ?? [])]),
            false,
          )
        : null,
      serverNow: this.now(),
      booking: mine ? null : await this.deps.planning().bookingFor(examId, caller.id),
    });
  }

  async join(slotId: string, caller: UserView): Promise<Result<OralRoomView>> {
    const { oral } = this.deps;
    const slot = await oral.slot(slotId);
    if (!slot?.plan) return refuse('not-found', 'no such slot');
    if ((await this.deps.exams.findById(slot.examId))?.status !== 'published') {
      return refuse('not-found', 'no such slot');
    }
    const planned = slot as PlannedSlot;
    if (!planned.plan.studentIds.includes(caller.id)) {
      return { ...refuse('forbidden', 'this is not your slot'), detail: 'not-your-slot' };
    }
    const now = this.now();
    const existing = await oral.sessionOf(slotId, caller.id);
    if (existing && isEnded(existing.state)) {
      return refusedBy('already-examined', 'your oral exam in this slot has ended');
    }
    if (!existing) {
      const gate = canEnterWaitingRoom(
        { ...planned.plan, startsAt: Date.parse(slot.startsAt), lengthMinutes: slot.lengthMinutes },
        caller.id,
        now,
      );
      if (!gate.ok) {
        const w = waitingRoomWindow({
          startsAt: Date.parse(slot.startsAt),
          lengthMinutes: slot.lengthMinutes,
        });
        return refusedBy(
          gate.reason,
          gate.reason === 'too-early'
            ? `the waiting room opens at ${new Date(w.opensAt).toISOString()}`
            : 'the slot is over',
        );
      }
      const state = createOralSession(
        { sessionId: randomUUID(), examId: slot.examId, slotId, studentId: caller.id },
        now,
      );
      const audit: AuditDraft = {
        at: now,
        actor: { role: 'student', userId: caller.id },
        type: 'oral.joined',
        payload: { sessionId: state.sessionId, slotId },
      };
      await oral.insertOrGetSession(
        { id: state.sessionId, slotId, examId: slot.examId, studentId: caller.id, state },
        [audit],
        this.nowIso(),
      );
      this.deps.notifier.slotChanged(slotId);
    }
    return this.room(slotId, caller);
  }

  // ---- the room ----

  async room(slotId: string, caller: UserView): Promise<Result<OralRoomView>> {
    const slot = await this.deps.oral.slot(slotId);
    if (!slot?.plan) return refuse('not-found', 'no such slot');
    const role = this.roleIn(slot as PlannedSlot, caller.id);
    if (!role) return refuse('forbidden', 'you are not in this slot');
    return ok(await this.present(slot as PlannedSlot, role, caller.id));
  }

  /** The commission moves a student still to be called in up, down or to the front. */
  async moveInQueue(
    slotId: string,
    caller: UserView,
    body: OralQueueMoveBody,
  ): Promise<Result<OralRoomView>> {
    const { oral } = this.deps;
    for (let attempt = 0; attempt < MAX_RETRIES; attempt++) {
      const slot = (await oral.slot(slotId)) as PlannedSlot | undefined;
      if (!slot?.plan) return refuse('not-found', 'no such slot');
      if (this.roleIn(slot, caller.id) !== 'examiner')
        return refuse('forbidden', 'only the commission orders the queue');
      const sessions = await oral.sessionsOfSlot(slotId);
      const moved = moveInQueue(
        slot.plan.studentIds,
        queueStatuses(slot.plan.studentIds, sessions),
        body.studentId,
        body.move,
      );
      if (!moved.ok) return refusedBy(moved.reason);
      const session = sessions.find((s) => s.studentId === body.studentId);
      const audit = session && {
        sessionId: session.id,
        drafts: [
          {
            at: Math.max(this.now(), session.state.lastEventAt ?? 0),
            actor: { role: 'examiner' as const, userId: caller.id },
            type: 'oral.queue-moved',
            payload: { sessionId: session.id, move: body.move, queue: moved.order },
          },
        ],
      };
      const saved = await oral.saveQueueOrder(
        slotId,
        slot.plan.version,
        moved.order,
        audit ?? null,
        this.nowIso(),
      );
      if (!saved) continue;
      this.deps.notifier.slotChanged(slotId);
      return this.room(slotId, caller);
    }
    return refuse('conflict', 'the queue changed too often; try again');
  }

  async command(
    sessionId: string,
    caller: UserView,
    cmd: OralCommand,
  ): Promise<Result<OralRoomView>> {
    const { oral } = this.deps;
    for (let attempt = 0; attempt < MAX_RETRIES; attempt++) {
      const session = await oral.session(sessionId);
      if (!session) return refuse('not-found', 'no such oral session');
      const slot = (await oral.slot(session.slotId)) as PlannedSlot | undefined;
      if (!slot?.plan) return refuse('not-found', 'no such slot');
      const role = this.roleIn(slot, caller.id);
      const mine = role === 'student' && session.studentId === caller.id;
      if (role !== 'examiner' && !mine) return refuse('forbidden', 'not your oral session');
      const actor: Actor = { role: role!, userId: caller.id };
      const r = await this.apply(slot, session, actor, cmd);
      if (r === 'stale') continue;
      if (!r.ok) return r;
      this.deps.notifier.slotChanged(slot.slotId);
      const after = await oral.session(sessionId);
      if (after && isEnded(after.state))
        this.deps.notifier.leaveMedia(slot.slotId, after.studentId);
      return this.room(slot.slotId, caller);
    }
    return refuse('conflict', 'the session changed too often; try again');
  }

  private async apply(
    slot: PlannedSlot,
    session: StoredOralSession,
    actor: Actor,
    cmd: OralCommand,
  ): Promise<Result<null> | 'stale'> {
    const { oral } = this.deps;
    const now = this.now();
    const at = this.nowIso();
    if (cmd.type === 'note') {
      if (actor.role !== 'examiner') return refuse('forbidden', 'only examiners write notes');
      await oral.addNote(randomUUID(), {
        sessionId: session.id,
        examinerId: actor.userId!,
        text: cmd.text,
        at,
      });
      return ok(null);
    }
    if (cmd.type === 'call-in') {
      const others = await oral.sessionsOfSlot(slot.slotId);
      if (others.some((s) => s.id !== session.id && isLive(s.state))) {
        return refusedBy('room-busy', 'another student is in the room');
      }
    }
    if (cmd.type === 'grade') return this.grade(slot, session, actor, cmd.mark, cmd.comment);
    let event: OralEvent;
    let extra: Parameters<OralRepo['commit']>[4];
    switch (cmd.type) {
      case 'draw-ticket': {
        const setup = await oral.setup(slot.examId);
        const pools = effectivePools(setup, await oral.pools(slot.examId));
        if (pools.some((p) => p.tickets.length === 0))
          return refusedBy('no-tickets', 'no tickets yet');
        const keys = pools.map((p) => p.tickets.map((t) => ticketKey(p.poolId, t.number)));
        let drawState = slot.plan.draw;
        if (!drawState) {
          const seed = randomInt(0, 2 ** 31 - 1);
          // An exam's single list draws as it always did (its old draws replay the same).
          const created =
            pools[0]!.poolId === ''
              ? createTicketDraw({ slotId: slot.slotId, seed, ticketIds: keys[0]! })
              : createTicketDraw({ slotId: slot.slotId, seed, pools: keys });
          if (!created.ok) return refusedBy(created.reason);
          drawState = created.state;
        }
        if (session.state.identityApprovedAt === null) {
          return refusedBy('identity-not-approved', 'the identity is not approved yet');
        }
        const drawn = drawTicket(
          drawState,
          session.studentId,
          setup?.noRepeatInCommittee ? await this.drawnInCommittee(slot) : [],
        );
        if (!drawn.ok) return refusedBy(drawn.reason);
        event = { type: 'draw-ticket', actor, draw: drawn.draw, seed: drawn.seed };
        const planVersion = slot.plan.version;
        extra = (trx) => oral.saveDrawIn(trx, slot.slotId, planVersion, drawn.state);
        break;
      }
      case 'issue-warning':
        if (!isFlagCategory(cmd.category)) return refusedBy('unknown-category');
        event = {
          type: 'issue-warning',
          actor,
          warningId: randomUUID(),
          category: cmd.category,
          ...(cmd.note ? { note: cmd.note } : {}),
        };
        break;
      case 'call-in':
      case 'approve-identity':
      case 'start-answer':
        event = { type: cmd.type, actor };
        break;
      case 'reject-identity':
      case 'terminate':
      case 'annul':
        event = { type: cmd.type, actor, reason: cmd.reason };
        break;
      case 'acknowledge-warning':
        event = { type: cmd.type, actor, warningId: cmd.warningId };
        break;
    }
    const result = transitionOral(
      session.state,
      event,
      Math.max(now, session.state.lastEventAt ?? 0),
    );
    if (!result.ok) return refusedBy(result.reason);
    const audit = result.effects.flatMap((e) => (e.type === 'audit' ? [e.entry] : []));
    const stored = await oral.commit(session, result.state, audit, at, extra);
    return stored ? ok(null) : 'stale';
  }

  /** One examiner's mark; the last of the commission makes the final grade. */
  private async grade(
    slot: PlannedSlot,
    session: StoredOralSession,
    actor: Actor,
    mark: number,
    comment: string | undefined,
  ): Promise<Result<null> | 'stale'> {
    const { oral } = this.deps;
    if (actor.role !== 'examiner') return refuse('forbidden', 'only examiners grade');
    const setup = await oral.setup(slot.examId);
    const scale = setup?.scale ?? DEFAULT_SCALE;
    if (!isOnScale(scale, mark))
      return refusedBy('invalid-grade', `the mark is not on the ${scale} scale`);
    if (session.state.status !== 'answering') return refusedBy('not-allowed-in-state');
    const now = Math.max(this.now(), session.state.lastEventAt ?? 0);
    const at = this.nowIso();
    const grade = {
      sessionId: session.id,
      examinerId: actor.userId!,
      mark,
      comment: comment ?? null,
      at,
    };
    const given = (await oral.grades([session.id])).filter((g) => g.examinerId !== actor.userId);
    const marks = new Map(given.map((g) => [g.examinerId, g.mark]));
    marks.set(actor.userId!, mark);
    const own: AuditDraft = {
      at: now,
      actor,
      type: 'oral.examiner-graded',
      payload: { sessionId: session.id, mark, scale },
    };
    if (!slot.plan.examinerIds.every((id) => marks.has(id))) {
      await oral.saveGrade(grade, [own]);
      return ok(null);
    }
    const final = finalMark(scale, [...marks.values()])!;
    const result = transitionOral(
      session.state,
      { type: 'grade', actor, score: toScore100(scale, final), ...(comment ? { comment } : {}) },
      now,
    );
    if (!result.ok) return refusedBy(result.reason);
    const audit = [own, ...result.effects.flatMap((e) => (e.type === 'audit' ? [e.entry] : []))];
    const stored = await oral.commit(session, result.state, audit, at, (trx) =>
      oral.saveGradeIn(trx, grade),
    );
    return stored ? ok(null) : 'stale';
  }

  async uploadIdSnapshot(
    sessionId: string,
    caller: UserView,
    bytes: Uint8Array,
    contentType: string,
  ): Promise<Result<{ ok: true }>> {
    const { oral, blobs } = this.deps;
    const session = await oral.session(sessionId);
    if (!session) return refuse('not-found', 'no such oral session');
    const slot = (await oral.slot(session.slotId)) as PlannedSlot | undefined;
    if (!slot?.plan || this.roleIn(slot, caller.id) !== 'examiner') {
      return refuse('forbidden', 'only the commission keeps the ID snapshot');
    }
    if (session.state.status !== 'identity_check') {
      return refusedBy('not-allowed-in-state', 'the ID is checked only during the identity check');
    }
    // Decoded and kept without its metadata (ADR 0019); not a picture, not kept.
    const photo = await cleanPhoto(bytes, contentType);
    if (!photo.ok) return photo;
    const id = randomUUID();
    const ext = contentType.split('/')[1] ?? 'bin';
    const blobKey = `oral/${session.examId}/${session.id}/id-${id}.${ext}`;
    const info = await blobs.put(blobKey, photo.value);
    await oral.addFile(
      {
        id,
        sessionId,
        kind: 'id-snapshot',
        contentType,
        size: info.size,
        sha256: info.sha256,
        blobKey,
        createdAt: this.nowIso(),
      },
      [
        {
          at: Math.max(this.now(), session.state.lastEventAt ?? 0),
          actor: { role: 'examiner', userId: caller.id },
          type: 'oral.id-snapshot',
          payload: { sessionId, fileId: id, sha256: info.sha256, size: info.size },
        },
      ],
    );
    this.deps.notifier.slotChanged(slot.slotId);
    return ok({ ok: true });
  }

  async idSnapshot(
    sessionId: string,
    caller: UserView,
  ): Promise<Result<{ bytes: Uint8Array; contentType: string }>> {
    const { oral, blobs } = this.deps;
    const session = await oral.session(sessionId);
    if (!session) return refuse('not-found', 'no such oral session');
    const slot = (await oral.slot(session.slotId)) as PlannedSlot | undefined;
    if (!slot?.plan || this.roleIn(slot, caller.id) !== 'examiner') {
      return refuse('forbidden', 'only the commission sees the ID snapshot');
    }
    const file = (await oral.files([sessionId])).filter((f) => f.kind === 'id-snapshot').at(-1);
    const bytes = file && (await blobs.get(file.blobKey));
    if (!file || !bytes) return refuse('not-found', 'no ID snapshot');
    return ok({ bytes, contentType: file.contentType });
  }

  async protocol(slotId: string, caller: UserView, lang: Language): Promise<Result<Uint8Array>> {
    const room = await this.room(slotId, caller);
    if (!room.ok) return room;
    if (room.value.myRole !== 'examiner')
      return refuse('forbidden', 'the protocol is the commission’s');
    const exam = await this.deps.exams.findById(room.value.slot.examId);
    return ok(
      await renderOralProtocol(room.value, {
        lang,
        courseTitle: exam?.courseTitle ?? '',
        now: this.now(),
      }),
    );
  }

  // ---- realtime checks ----

  /** Who may follow the slot's queue: its commission and its students. */
  async canWatch(slotId: string, userId: string): Promise<boolean> {
    const slot = await this.deps.oral.slot(slotId);
    return !!slot?.plan && this.roleIn(slot as PlannedSlot, userId) !== undefined;
  }

  /** Who may be in the slot's media room: its commission, and the student called in. */
  async mediaAccess(
    slotId: string,
    userId: string,
  ): Promise<{ role: 'examiner' | 'student'; fullName: string } | undefined> {
    const slot = (await this.deps.oral.slot(slotId)) as PlannedSlot | undefined;
    if (!slot?.plan) return undefined;
    const role = this.roleIn(slot, userId);
    if (!role) return undefined;
    if (role === 'student') {
      const s = await this.deps.oral.sessionOf(slotId, userId);
      if (!s || !isLive(s.state)) return undefined;
    }
    const user = await this.deps.users.findById(userId);
    return { role, fullName: user?.fullName ?? '' };
  }

  // ---- helpers ----

  private roleIn(slot: PlannedSlot, userId: string): 'examiner' | 'student' | undefined {
    if (slot.plan.examinerIds.includes(userId)) return 'examiner';
    if (slot.plan.studentIds.includes(userId)) return 'student';
    return undefined;
  }

  /** Every ticket the committee's other slots have drawn (the committee rule of the draw). */
  private async drawnInCommittee(slot: PlannedSlot): Promise<string[]> {
    const committeeId = slot.plan.committeeId;
    if (!committeeId) return [];
    return (await this.deps.oral.slots(slot.examId))
      .filter((s) => s.slotId !== slot.slotId && s.plan?.committeeId === committeeId)
      .flatMap((s) => s.plan?.draw?.draws ?? [])
      .flatMap((d) => d.picks ?? [d.ticketId]);
  }

  /** The exam if the caller examines its course (every planning change asks this). */
  async examinerExam(examId: string, caller: UserView) {
    const exam = await this.deps.exams.findById(examId);
    if (!exam || exam.kind !== 'oral') return refuse('not-found', 'no such oral exam');
    const roles = await this.deps.courses.rolesOf(exam.courseId, caller.id);
    if (!roles.includes('examiner'))
      return refuse('forbidden', 'you are not an examiner of this course');
    return ok(exam);
  }

  async names(ids: string[]): Promise<Map<string, string>> {
    const map = new Map<string, string>();
    for (const id of new Set(ids)) {
      const u = await this.deps.users.findById(id);
      if (u) map.set(id, u.fullName);
    }
    return map;
  }

  private slotView(
    s: StoredOralSlot,
    examTitle: string,
    scale: OralScaleId,
    names: Map<string, string>,
    withStudents = true,
  ): OralSlotPlanView {
    const w = waitingRoomWindow({
      startsAt: Date.parse(s.startsAt),
      lengthMinutes: s.lengthMinutes,
    });
    const person = (id: string): OralPerson => ({ id, fullName: names.get(id) ?? id });
    return {
      slotId: s.slotId,
      examId: s.examId,
      committeeId: s.plan?.committeeId ?? null,
      examTitle,
      startsAt: s.startsAt,
      lengthMinutes: s.lengthMinutes,
      planned: s.plan !== null,
      preparationMinutes: s.plan?.preparationMinutes ?? 0,
      record: s.plan?.record ?? false,
      scale,
      examiners: (s.plan?.examinerIds ?? []).map(person),
      students: withStudents ? (s.plan?.studentIds ?? []).map(person) : [],
      waitingRoomOpensAt: new Date(w.opensAt).toISOString(),
      waitingRoomClosesAt: new Date(w.closesAt).toISOString(),
    };
  }

  private async present(
    slot: PlannedSlot,
    role: 'examiner' | 'student',
    callerId: string,
  ): Promise<OralRoomView> {
    const { oral, exams } = this.deps;
    const [exam, setup, sessions, storedPools] = await Promise.all([
      exams.findById(slot.examId),
      oral.setup(slot.examId),
      oral.sessionsOfSlot(slot.slotId),
      oral.pools(slot.examId),
    ]);
    const pools = effectivePools(setup, storedPools);
    const ids = sessions.map((s) => s.id);
    const [grades, notes, files, recordings] = await Promise.all([
      oral.grades(ids),
      role === 'examiner' ? oral.notes(ids) : Promise.resolve([]),
      oral.files(ids),
      role === 'examiner'
        ? Promise.all(sessions.map((s) => this.deps.evidence.list(s.id)))
        : Promise.resolve([]),
    ]);
    const scale = setup?.scale ?? DEFAULT_SCALE;
    const names = await this.names([...slot.plan.examinerIds, ...slot.plan.studentIds]);
    const now = this.now();
    const bySt = new Map(sessions.map((s) => [s.studentId, s]));
    const statuses = queueStatuses(slot.plan.studentIds, sessions);
    const plan = {
      startsAt: Date.parse(slot.startsAt),
      lengthMinutes: slot.lengthMinutes,
      studentIds: slot.plan.studentIds,
    };
    // One ticket of each pool: shown as one, each question named by its pool when there are two.
    const ticketOf = (id: string | null): OralTicket | null => {
      const found = id === null ? [] : ticketsOfDraw(pools, id);
      if (found.length === 0) return null;
      if (found.length === 1) return found[0]!.ticket;
      return {
        number: found[0]!.ticket.number,
        questions: found.flatMap((f) =>
          f.ticket.questions.map((q) => `${f.pool} ${f.ticket.number}: ${q}`),
        ),
      };
    };
    // When the live student's ticket was drawn: the preparation timer runs from there.
    const live = sessions.find((s) => isLive(s.state) && s.state.ticketId !== null);
    const drawnAt = live
      ? ((await oral.auditChain(live.id)).find((e) => e.type === 'oral.draw-ticket')?.at ?? null)
      : null;
    const turns: OralTurnView[] = slot.plan.studentIds.map((studentId) => {
      const s = bySt.get(studentId);
      const st = s?.state;
      const q = st && !isEnded(st) ? queuePosition(plan, statuses, studentId, now) : null;
      const own = grades.filter((g) => g.sessionId === s?.id);
      return {
        studentId,
        fullName: names.get(studentId) ?? studentId,
        sessionId: s?.id ?? null,
        status: st?.status ?? 'not_joined',
        place: q?.place ?? null,
        estimatedAt: q?.estimatedAt ?? null,
        ticket: ticketOf(st?.ticketId ?? null),
        picks: st?.ticketId
          ? ticketsOfDraw(pools, st.ticketId).map((f) => ({
              pool: f.pool,
              number: f.ticket.number,
            }))
          : [],
        answeringStartedAt: st?.answeringStartedAt ?? null,
        ticketDrawnAt: s && s.id === live?.id ? drawnAt : null,
        identityApproved: st?.identityApprovedAt != null,
        hasIdSnapshot: files.some((f) => f.sessionId === s?.id && f.kind === 'id-snapshot'),
        grades: own.map((g) => ({ examinerId: g.examinerId, mark: g.mark, at: g.at })),
        finalMark:
          st?.status === 'graded' || (st?.status === 'annulled' && st.grade !== null)
            ? finalMark(
                scale,
                own.map((g) => g.mark),
              )
            : null,
        warnings: (st?.warnings ?? []).map((w) => ({
          warningId: w.id,
          category: w.category,
          issuedAt: w.issuedAt,
          acknowledgedAt: w.acknowledgedAt,
        })),
        endReason: st?.terminationReason ?? st?.annulmentReason ?? null,
        recordings: recordings
          .flat()
          .filter((r) => r.sessionId === s?.id && !r.track.endsWith('-snapshot'))
          .sort((a, b) => a.startedAt - b.startedAt)
          .map(({ sessionId: _s, blobKey: _b, ...view }) => view),
      };
    });
    const current = sessions.find((s) => isLive(s.state))?.studentId ?? null;
    return {
      slot: this.slotView(slot, exam?.title ?? '', scale, names, role === 'examiner'),
      myRole: role,
      serverNow: now,
      // A student sees their own turn only; the current student's ticket is shown to everyone
      // in the room through the student's own turn.
      turns: role === 'examiner' ? turns : turns.filter((t) => t.studentId === callerId),
      current: role === 'examiner' || current === callerId ? current : null,
      notes:
        role === 'examiner'
          ? notes.map((n) => ({
              examinerId: n.examinerId,
              text: n.text,
              at: n.at,
              studentId: sessions.find((s) => s.id === n.sessionId)!.studentId,
            }))
          : [],
    };
  }

  private now(): number {
    return this.deps.clock.now().getTime();
  }

  private nowIso(): string {
    return this.deps.clock.now().toISOString();
  }
}

/** Each student's place in the queue's terms: not here, waiting, in the room, or done. */
function queueStatuses(
  studentIds: readonly string[],
  sessions: readonly StoredOralSession[],
): Record<string, QueueStatus> {
  const statuses: Record<string, QueueStatus> = {};
  for (const id of studentIds) {
    const st = sessions.find((s) => s.studentId === id)?.state;
    statuses[id] = !st ? 'absent' : isEnded(st) ? 'done' : isLive(st) ? 'in-room' : 'waiting';
  }
  return statuses;
}

export const sha256Hex = (b: Uint8Array) => createHash('sha256').update(b).digest('hex');
