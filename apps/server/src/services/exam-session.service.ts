// Use cases of one student's written-exam sitting: open it, command it, save answers, hand in
// files, and let time act (deadline, auto-start). The rules are the domain's; this file loads,
// asks the domain, stores state and audit together, and tells the people watching.
import { createHash, randomUUID } from 'node:crypto';
import {
  amendableStatuses,
  answerWordCount,
  assessViolations,
  checkSessionFile,
  checkSessionFileRemoval,
  defaultExamConfig,
  createWrittenSession,
  matchTypedName,
  roomScanRequestedAt,
  sessionTermsProblems,
  termsChangeProblem,
  openBreak,
  wakesAt,
  transition,
  type Actor,
  type AuditDraft,
  type SessionTerms,
  type SessionEffect,
  type TermsChangeProblem,
  type WrittenEvent,
  type WrittenSessionState,
} from '@emtihan/domain';
import { attachmentTypeAllowed } from '@emtihan/protocol';
import type {
  ExamView,
  RosterEntry,
  RosterResponse,
  SaveAnswerAck,
  SaveAnswerBody,
  SessionCommand,
  SessionFileKind,
  SessionFileView,
  SessionView,
  UserView,
} from '@emtihan/protocol';
import type { BlobStore } from '../adapters/blob-store.port.ts';
import {
  actingAs,
  canRead,
  canWork,
  relationsTo,
  type SessionRelation,
} from '../policies/session.policy.ts';
import type { CourseRepo } from '../repositories/course.repo.ts';
import type { ExamRepo } from '../repositories/exam.repo.ts';
import type { SessionRepo, StoredSession, Trx } from '../repositories/session.repo.ts';
import type { StoredFlag } from '../repositories/signal.repo.ts';
import type { TaskFileRepo } from '../repositories/task-file.repo.ts';
import type { UserRepo } from '../repositories/user.repo.ts';
import { toDomainFlag, toFlagView } from './signal.service.ts';
import type { Clock } from './clock.ts';
import { examConfigOf, sessionTermsOfExam } from './exam-terms.ts';
import { arrangementFor, studentTerms, type ArrangementSource } from './accommodation-terms.ts';
import type { StoredOverride, StoredProfile } from '../repositories/accommodation.repo.ts';
import { ok, refuse, refusedBy, type Refusal, type Result } from './result.ts';
import { checkAttachmentContent, cleanPhoto } from './upload-content.ts';

/** Tells the people watching a session that it changed (realtime rooms). */
export interface SessionNotifier {
  changed(session: StoredSession, effects: SessionEffect[]): void;
}

const MAX_RETRIES = 5;

export class ExamSessionService {
  constructor(
    private readonly deps: {
      sessions: SessionRepo;
      exams: ExamRepo;
      courses: CourseRepo;
      users: UserRepo;
      blobs: BlobStore;
      clock: Clock;
      notifier: SessionNotifier;
      /** The sittings' flags (signal service, ADR 0006). */
      flags?: { flagsByExam(examId: string): Promise<Map<string, StoredFlag[]>> };
      /** Arms a warning's acknowledgement deadline in the transaction that issues it. */
      warningChecks?: {
        scheduleWarningCheck(
          trx: Trx,
          sessionId: string,
          warningId: string,
          dueAt: string,
        ): Promise<void>;
      };
      taskFiles?: TaskFileRepo;
      /** Refuses a proctor's command on a student assigned to another proctor (ADR 0007). */
      actGuard?: (session: StoredSession, userId: string) => Promise<Refusal | null>;
      /** Queues the face comparison of a finished check-in with it (ADR 0009). */
      identityChecks?: {
        queueIdentity(
          trx: Trx,
          session: StoredSession,
          files: { idFileId: string | null; faceFileId: string | null; consent: boolean },
          now: string,
        ): Promise<void>;
        wake(): void;
      };
      /**
       * Students' accommodations and exams' overrides (ADR 0018), folded into each sitting's
       * terms; absent, every sitting runs under its exam's terms.
       */
      arrangements?: ArrangementSource;
      /** The university's zone: a profile applies when valid on the sitting's opening day. */
      timeZone?: string;
      /**
       * Whether work may start by the exam's second-camera mode (ADR 0023): a refusal's reason,
       * or null. Absent: no gate.
       */
      secondCameraGate?: (
        session: StoredSession,
        step: 'complete-check-in' | 'approve-identity',
      ) => Promise<string | null>;
    },
  ) {}

  /** The caller's relations to a sitting (none for a stranger, or no such sitting). */
  async relationsOf(sessionId: string, caller: UserView): Promise<SessionRelation[]> {
    const found = await this.load(sessionId, caller);
    return found.ok ? found.value.relations : [];
  }

  private get timeZone(): string {
    return this.deps.timeZone ?? 'UTC';
  }

  /** The caller's own sitting of a written exam, created on first open. */
  async openMine(examId: string, caller: UserView): Promise<Result<SessionView>> {
    const { exams, courses, sessions } = this.deps;
    const exam = await exams.findById(examId);
    if (!exam) return refuse('not-found', 'no such exam');
    if (exam.kind !== 'written') return refuse('not-found', 'not a written exam');
    // A student never sees an unpublished exam (ADR 0017): as if it did not exist.
    if (exam.status !== 'published') return refuse('not-found', 'no such exam');
    if (!(await courses.rolesOf(exam.courseId, caller.id)).includes('student')) {
      return refuse('forbidden', 'you are not a student of this course');
    }
    const existing = await sessions.findByExamAndStudent(examId, caller.id);
    if (existing) return ok(await this.present(existing));
    // The student's accommodation (valid on the day) and the exam's override for them.
    const { accommodation, override } = arrangementFor(
      exam,
      await this.arrangementOf(examId, caller.id),
      this.timeZone,
    );
    const created = createWrittenSession({
      sessionId: randomUUID(),
      examId,
      studentId: caller.id,
      config: examConfigOf(exam),
      accommodation,
      override,
    });
    if (!created.ok)
      return refuse('conflict', `the exam is misconfigured: ${created.problems.join(', ')}`);
    const stored = await sessions.insertOrGet(
      { id: created.state.sessionId, examId, studentId: caller.id, state: created.state },
      this.nowIso(),
    );
    return ok(await this.present(stored));
  }

  /** Every student of the exam's course with their sitting: the proctor's and examiner's list. */
  async roster(examId: string, caller: UserView): Promise<Result<RosterResponse>> {
    const { exams, courses, sessions, clock } = this.deps;
    const exam = await exams.findById(examId);
    if (!exam) return refuse('not-found', 'no such exam');
    const roles = await courses.rolesOf(exam.courseId, caller.id);
    const role = roles.includes('proctor')
      ? 'proctor'
      : roles.includes('examiner')
        ? 'examiner'
        : undefined;
    if (!role) return refuse('forbidden', 'you are not a proctor or examiner of this course');
    const [members, sittings, flags] = await Promise.all([
      courses.listEnrolments(exam.courseId),
      sessions.listByExam(examId),
      this.deps.flags?.flagsByExam(examId) ?? new Map<string, StoredFlag[]>(),
    ]);
    const arrangements = await this.arrangementsOfExam(
      examId,
      members.filter((m) => m.role === 'student').map((m) => m.userId),
    );
    const now = clock.now().getTime();
    const sittingOf = new Map(sittings.map((x) => [x.studentId, x.state]));
    // The accommodation a proctor sees: the sitting's effect as it runs (before the student
    // opens the exam, what their profile and override will give), with the profile's note.
    const accommodationOf = (studentId: string, s: WrittenSessionState | undefined) => {
      const { profile, override } = arrangements.of(studentId);
      const effect = s
        ? (s.terms.accommodation ?? null)
        : (studentTerms(exam, { profile, override }, this.timeZone).accommodation ?? null);
      const proctorNote = profile?.proctorNote ?? '';
      if (!effect && !proctorNote) return null;
      const { timeFactor, extraMinutes, breakMinutes, skippedChecks } = effect ?? {
        timeFactor: 1,
        extraMinutes: 0,
        breakMinutes: 0,
        skippedChecks: [],
      };
      return {
        timeFactor,
        extraMinutes,
        breakMinutes,
        skippedChecks: [...skippedChecks],
        proctorNote,
      };
    };
    const entries = members
      .filter((m) => m.role === 'student')
      .map((m): RosterEntry => {
        const s = sittingOf.get(m.userId);
        // The exam's own policy (ADR 0017); the sitting's acknowledgement limit as it ran.
        const policy = {
          ...defaultExamConfig.violationPolicy,
          ...exam.settings.violationPolicy,
          warningAckLimitSeconds:
            s?.terms.warningAckLimitSeconds ?? exam.settings.violationPolicy.warningAckLimitSeconds,
        };
        const own = (s && flags.get(s.sessionId)) ?? [];
        const assessment = s
          ? assessViolations({ flags: own.map(toDomainFlag), warnings: s.warnings, now }, policy)
          : undefined;
        return {
          studentId: m.userId,
          login: m.login,
          fullName: m.fullName,
          group: m.group,
          sessionId: s?.sessionId ?? null,
          status: s?.status ?? 'not_opened',
          deadline: s?.deadline ?? null,
          warningsIssued: s?.warnings.length ?? 0,
          warningsUnacknowledged: assessment?.unacknowledgedWarnings ?? 0,
          incidents: s?.incidents.length ?? 0,
          terminationProposed: assessment?.proposeTermination ?? false,
          lastEventAt: s?.lastEventAt ?? null,
          flags: own.map(toFlagView),
          roomScanRequestedAt: s ? roomScanRequestedAt(s) : null,
          accommodation: accommodationOf(m.userId, s),
          onBreakSince: s ? (openBreak(s)?.startedAt ?? null) : null,
        };
      });
    return ok({
      examId,
      role,
      serverNow: now,
      examTitle: exam.title,
      courseTitle: exam.courseTitle,
      liveProctoring: exam.settings.liveProctoring,
      liveVideo: {
        camera: exam.settings.liveProctoring && exam.settings.media.camera,
        screen: exam.settings.liveProctoring && exam.settings.media.screen,
      },
      automaticChecks: exam.settings.automaticChecks,
      roomScanOnRequest: exam.settings.roomScanOnRequest,
      secondCamera: exam.settings.secondCamera,
      rules: exam.rules,
      entries,
    });
  }

  /** Whether the caller may watch every session of the exam (its proctors and examiners). */
  async isStaffOf(examId: string, userId: string): Promise<boolean> {
    const exam = await this.deps.exams.findById(examId);
    if (!exam) return false;
    const roles = await this.deps.courses.rolesOf(exam.courseId, userId);
    return roles.includes('proctor') || roles.includes('examiner');
  }

  async view(sessionId: string, caller: UserView): Promise<Result<SessionView>> {
    const found = await this.load(sessionId, caller);
    if (!found.ok) return found;
    if (!canRead(found.value.relations)) return refuse('forbidden', 'not your session');
    return ok(await this.present(found.value.session));
  }

  async command(
    sessionId: string,
    caller: UserView,
    cmd: SessionCommand,
  ): Promise<Result<SessionView>> {
    const found = await this.load(sessionId, caller);
    if (!found.ok) return found;
    const role = actingAs(cmd.type, found.value.relations);
    if (!role)
      return refuse('forbidden', `you may not ${cmd.type.replace(/-/g, ' ')} this session`);
    if (role === 'proctor') {
      const notYours = await this.deps.actGuard?.(found.value.session, caller.id);
      if (notYours) return notYours;
    }
    const actor: Actor = { role, userId: caller.id };
    if (cmd.type === 'complete-check-in' || cmd.type === 'approve-identity') {
      const no = await this.deps.secondCameraGate?.(found.value.session, cmd.type);
      if (no)
        return refusedBy(
          no,
          no === 'second-camera-missing'
            ? 'Connect your phone as the second camera first'
            : 'Confirm what the phone camera shows first',
        );
    }
    const event = await this.toEvent(found.value.session, actor, cmd);
    if (!event.ok) return event;
    const identity =
      cmd.type === 'complete-check-in' ? await this.identityCheck(found.value.session, cmd) : null;
    const applied = await this.apply(sessionId, () => event.value, identity ?? undefined);
    if (applied.ok && identity) this.deps.identityChecks?.wake();
    return applied.ok ? ok(await this.present(applied.value)) : applied;
  }

  /** One autosave: idempotent by (session, seq); the content hash is checked here. */
  async saveAnswer(
    sessionId: string,
    caller: UserView,
    a: SaveAnswerBody,
  ): Promise<Result<SaveAnswerAck>> {
    const found = await this.load(sessionId, caller);
    if (!found.ok) return found;
    if (!canWork(found.value.relations))
      return refuse('forbidden', 'only the student writes the answer');
    if (sha256(a.body) !== a.sha256)
      return refuse('bad-request', 'sha256 does not match the body', 'sha256');
    const over = await this.overWordLimit(found.value.session.examId, a.body);
    if (over) return over;
    const { sessions } = this.deps;
    const same = await sessions.findAnswer(sessionId, a.seq);
    if (same) {
      return same.sha256 === a.sha256
        ? ok({ seq: a.seq, sha256: a.sha256, duplicate: true })
        : refuse('conflict', `save ${a.seq} was already stored with other content`, 'seq');
    }
    const latest = await sessions.latestAnswer(sessionId);
    // An older save arriving late is kept for the record but does not become the answer.
    const newest = !latest || a.seq > latest.seq;
    const applied = await this.apply(
      sessionId,
      (s) =>
        newest
          ? {
              type: 'save-answer',
              actor: { role: 'student', userId: caller.id },
              answerHash: a.sha256,
            }
          : {
              type: 'save-answer',
              actor: { role: 'student', userId: caller.id },
              answerHash: s.lastSavedAnswerHash ?? a.sha256,
            },
      (trx, now) => sessions.insertAnswer(trx, sessionId, a, now),
    );
    return applied.ok ? ok({ seq: a.seq, sha256: a.sha256, duplicate: false }) : applied;
  }

  async uploadFile(
    sessionId: string,
    caller: UserView,
    f: { kind: SessionFileKind; name: string; contentType: string; bytes: Uint8Array },
  ): Promise<Result<SessionFileView>> {
    const found = await this.load(sessionId, caller);
    if (!found.ok) return found;
    if (!canWork(found.value.relations))
      return refuse('forbidden', 'only the student hands in files');
    const { session } = found.value;
    const check = checkSessionFile(f.kind, f.contentType, f.bytes.byteLength, session.state.status);
    if (!check.ok) {
      const code =
        check.reason === 'file-too-large'
          ? 'payload-too-large'
          : check.reason === 'file-type-not-allowed'
            ? 'unsupported-media-type'
            : 'refused';
      return { ...refusedBy(check.reason), reason: code };
    }
    if (f.kind === 'attachment') {
      // The exam's own limits (number of files, size), within the domain's.
      const exam = await this.deps.exams.findById(session.examId);
      const limits = exam?.settings.attachments;
      const attached = (await this.deps.sessions.listFiles(sessionId)).filter(
        (x) => x.kind === 'attachment',
      ).length;
      if (limits && f.bytes.byteLength > limits.maxBytes)
        return { ...refusedBy('file-too-large'), reason: 'payload-too-large' };
      if (limits && attached >= limits.maxFiles)
        return refusedBy('too-many-files', `at most ${limits.maxFiles} files may be attached`);
      if (exam && !attachmentTypeAllowed(exam.settings.attachmentTypes, f.name, f.contentType))
        return {
          ...refusedBy(
            'attachment-type-not-allowed',
            `this exam accepts only ${exam.settings.attachmentTypes.join(', ')} files`,
          ),
          reason: 'unsupported-media-type',
        };
      const content = checkAttachmentContent(f.name, f.contentType, f.bytes);
      if (!content.ok) return content;
    }
    // A photo is decoded and kept without its metadata (ADR 0019); not a picture, not kept.
    if (f.kind === 'id-document' || f.kind === 'face') {
      const photo = await cleanPhoto(f.bytes, f.contentType);
      if (!photo.ok) return photo;
      f = { ...f, bytes: photo.value };
    }
    // At work a room scan is taken only when the proctor asked for one (refused before storing).
    if (
      f.kind === 'room-scan' &&
      session.state.status !== 'checking_in' &&
      roomScanRequestedAt(session.state) === null
    )
      return refusedBy('room-scan-not-requested', 'Nobody asked for a room scan');
    const id = randomUUID();
    const blobKey = `sessions/${sessionId}/${f.kind}/${id}`;
    // The blob is durable before the row that points at it, and both before the acknowledgement.
    const info = await this.deps.blobs.put(blobKey, f.bytes);
    const view: SessionFileView = {
      id,
      kind: f.kind,
      name: f.name,
      contentType: f.contentType,
      size: info.size,
      sha256: info.sha256,
      createdAt: this.nowIso(),
    };
    const audit: AuditDraft = {
      at: this.deps.clock.now().getTime(),
      actor: { role: 'student', userId: caller.id },
      type: 'evidence-added',
      payload: {
        fileId: id,
        kind: f.kind,
        sha256: info.sha256,
        size: info.size,
        contentType: f.contentType,
      },
    };
    const file = { ...view, sessionId, blobKey };
    if (f.kind === 'room-scan' && session.state.status !== 'checking_in') {
      // At work a room scan answers the proctor's request: the machine records its hash and
      // clears the request (or refuses one nobody asked for), the file in the same transaction.
      const applied = await this.apply(
        sessionId,
        () => ({
          type: 'record-room-scan',
          actor: { role: 'student', userId: caller.id },
          roomScanHash: info.sha256,
        }),
        (trx) => this.deps.sessions.insertFileIn(trx, file, audit, view.createdAt),
      );
      return applied.ok ? ok(view) : applied;
    }
    await this.deps.sessions.insertFile(file, audit, view.createdAt);
    return ok(view);
  }

  /** The student takes an attachment back before submitting (domain rule); audited. */
  async removeFile(
    sessionId: string,
    fileId: string,
    caller: UserView,
  ): Promise<Result<SessionView>> {
    const found = await this.load(sessionId, caller);
    if (!found.ok) return found;
    if (!canWork(found.value.relations))
      return refuse('forbidden', 'only the student removes their files');
    const { session } = found.value;
    const file = (await this.deps.sessions.listFiles(sessionId)).find((f) => f.id === fileId);
    if (!file) return refuse('not-found', 'no such file');
    const check = checkSessionFileRemoval(file.kind, session.state.status);
    if (!check.ok) return refusedBy(check.reason);
    const audit: AuditDraft = {
      at: this.deps.clock.now().getTime(),
      actor: { role: 'student', userId: caller.id },
      type: 'evidence-removed',
      payload: { fileId, kind: file.kind, name: file.name, sha256: file.sha256, size: file.size },
    };
    if (!(await this.deps.sessions.removeFile(sessionId, fileId, audit)))
      return refuse('not-found', 'no such file');
    return ok(await this.present((await this.deps.sessions.findById(sessionId)) ?? session));
  }

  /**
   * The student's live connection dropped or came back while at work: recorded in the audit
   * chain as an incident with its length, so a reviewer sees "offline 61 s" next to the work.
   * A loss is dated from `lastHeardAt` (the last packet from the student) when given, not from
   * when the server noticed it, which can be the ping timeout later.
   */
  async connectivity(
    sessionId: string,
    userId: string,
    online: boolean,
    lastHeardAt?: number,
  ): Promise<void> {
    const { sessions, clock } = this.deps;
    const s = await sessions.findById(sessionId);
    if (!s || s.studentId !== userId) return;
    if (s.state.status !== 'in_progress' && s.state.status !== 'paused') return;
    // The latest connectivity entry: saves and uploads sent on reconnecting may come after it.
    const last = (await sessions.auditChain(sessionId))
      .reverse()
      .find((e) => e.type === 'connection-lost' || e.type === 'connection-restored');
    const now = clock.now().getTime();
    const actor: Actor = { role: 'system' };
    if (!online) {
      if (last?.type === 'connection-lost') return;
      // Never before the previous connectivity entry, never after now.
      const lostAt = Math.max(Math.min(lastHeardAt ?? now, now), last?.at ?? 0);
      await sessions.appendAudit(sessionId, [
        { at: lostAt, actor, type: 'connection-lost', payload: { noticedAt: now } },
      ]);
    } else if (last?.type === 'connection-lost') {
      const offlineMs = now - last.at;
      await sessions.appendAudit(sessionId, [
        { at: now, actor, type: 'connection-restored', payload: { offlineMs } },
      ]);
    }
  }

  /** A file of the session (ID photo, face, room scan, attachment) for its student and staff. */
  async file(
    sessionId: string,
    fileId: string,
    caller: UserView,
  ): Promise<Result<{ bytes: Uint8Array; contentType: string; name: string }>> {
    const found = await this.load(sessionId, caller);
    if (!found.ok) return found;
    const meta = (await this.deps.sessions.listFiles(sessionId)).find((f) => f.id === fileId);
    const bytes = meta && (await this.deps.blobs.get(meta.blobKey));
    if (!meta || !bytes) return refuse('not-found', 'no such file');
    return ok({ bytes, contentType: meta.contentType, name: meta.name });
  }

  /**
   * A dry run of changing the exam to `next` (the authoring service asks before it saves): every
   * sitting whose student the change would cut short (`termsChangeProblem`: a begun sitting's
   * deadline, or the end of its grace period, earlier than now). Changes nothing.
   */
  async examChangeProblems(
    examId: string,
    next: ExamView,
    now: Date = this.deps.clock.now(),
  ): Promise<{ sessionId: string; studentId: string; problem: TermsChangeProblem }[]> {
    const sittings = await this.deps.sessions.listByExam(examId);
    const arrangements = await this.arrangementsOfExam(
      examId,
      sittings.map((s) => s.studentId),
    );
    return sittings.flatMap((s) => {
      // Each sitting under its own student's terms (their accommodation and override).
      const terms = studentTerms(next, arrangements.of(s.studentId), this.timeZone);
      const problem = termsChangeProblem(s.state, terms, now.getTime());
      return problem ? [{ sessionId: s.id, studentId: s.studentId, problem }] : [];
    });
  }

  /**
   * The exam changed to `next`: every sitting not ended takes its new terms (`amend-terms`, one
   * transition each, audited and sent to the people watching like any other), so a running
   * sitting's timer shows the new end at once. A sitting the change would cut short
   * (`examChangeProblems`; it can also begin between the dry run and this call) is refused by
   * the domain and keeps its terms: no student loses time. Throws on terms that cannot work
   * (the authoring service validates the exam first).
   */
  async applyExamChange(
    examId: string,
    next: ExamView,
    actor: { userId: string; role: 'examiner' | 'admin' },
  ): Promise<void> {
    if (next.id !== examId) throw new Error(`exam change for ${next.id} applied to ${examId}`);
    const problems = sessionTermsProblems(sessionTermsOfExam(next));
    if (problems.length > 0) throw new Error(`exam terms cannot work: ${problems.join(', ')}`);
    const sittings = await this.deps.sessions.listByExam(examId);
    const arrangements = await this.arrangementsOfExam(
      examId,
      sittings.map((s) => s.studentId),
    );
    await this.amendSittings(
      sittings.map((s) => ({
        sessionId: s.id,
        status: s.state.status,
        terms: studentTerms(next, arrangements.of(s.studentId), this.timeZone),
      })),
      { role: actor.role, userId: actor.userId },
    );
  }

  /**
   * A student's profile, or an exam's override for them, changed (ADR 0018): every sitting of
   * theirs not ended (of `examId` only, for an override) takes the terms their exam now gives
   * them, through `amend-terms` like an exam's change, so a running timer shows the new end at
   * once. A running sitting the change would cut short is refused by the domain and keeps its
   * time. Returns how many sittings took the new terms.
   */
  async applyStudentTerms(
    studentId: string,
    actor: { userId: string; role: 'examiner' | 'admin' },
    examId?: string,
  ): Promise<number> {
    const sittings = (await this.deps.sessions.listByStudent(studentId)).filter(
      (s) =>
        (examId === undefined || s.examId === examId) && amendableStatuses.includes(s.state.status),
    );
    const profile = (await this.deps.arrangements?.findProfile(studentId)) ?? null;
    const amendments = [];
    for (const s of sittings) {
      const exam = await this.deps.exams.findById(s.examId);
      if (!exam || exam.kind !== 'written') continue;
      const override = (await this.deps.arrangements?.findOverride(s.examId, studentId)) ?? null;
      amendments.push({
        sessionId: s.id,
        status: s.state.status,
        terms: studentTerms(exam, { profile, override }, this.timeZone),
      });
    }
    return this.amendSittings(amendments, { role: actor.role, userId: actor.userId });
  }

  /**
   * Sends `amend-terms` with each sitting's own terms to every sitting not ended. A refusal (ended
   * meanwhile, or it would be cut short) leaves the sitting as it is; a sitting busy with saves
   * is tried again, so the change is not lost to contention. Returns how many took them.
   */
  private async amendSittings(
    list: { sessionId: string; status: WrittenSessionState['status']; terms: SessionTerms }[],
    by: Actor,
  ): Promise<number> {
    let amended = 0;
    for (const { sessionId, status, terms } of list) {
      if (!amendableStatuses.includes(status)) continue;
      for (let round = 0; round < 3; round++) {
        const r = await this.apply(sessionId, () => ({ type: 'amend-terms', actor: by, terms }));
        if (r.ok) amended++;
        if (r.ok || r.reason !== 'conflict') break;
      }
    }
    return amended;
  }

  /** The student's profile and the exam's override for them (none without `arrangements`). */
  private async arrangementOf(
    examId: string,
    studentId: string,
  ): Promise<{ profile: StoredProfile | null; override: StoredOverride | null }> {
    const a = this.deps.arrangements;
    if (!a) return { profile: null, override: null };
    const [profile, override] = await Promise.all([
      a.findProfile(studentId),
      a.findOverride(examId, studentId),
    ]);
    return { profile: profile ?? null, override: override ?? null };
  }

  /** These students' profiles and the exam's overrides, to look each student's up. */
  private async arrangementsOfExam(
    examId: string,
    studentIds: string[],
  ): Promise<{
    of(studentId: string): { profile: StoredProfile | null; override: StoredOverride | null };
  }> {
    const a = this.deps.arrangements;
    const [profiles, overrides] = a
      ? await Promise.all([a.profiles(studentIds), a.overridesOfExam(examId)])
      : [[], []];
    const profileOf = new Map(profiles.map((p) => [p.studentId, p]));
    const overrideFor = new Map(overrides.map((o) => [o.studentId, o]));
    return {
      of: (studentId) => ({
        profile: profileOf.get(studentId) ?? null,
        override: overrideFor.get(studentId) ?? null,
      }),
    };
  }

  /** Lets time act on sessions whose wake time has come. Safe on every node at once. */
  async wakeDue(limit = 100): Promise<number> {
    const due = await this.deps.sessions.due(this.nowIso(), limit);
    let acted = 0;
    for (const s of due) {
      // A break whose allowance has run out ends first; the deadline then wakes the sitting later.
      const event: WrittenEvent | undefined =
        s.state.status === 'awaiting_approval'
          ? { type: 'auto-start', actor: { role: 'system' } }
          : openBreak(s.state) !== null
            ? { type: 'end-break', actor: { role: 'system' } }
            : s.state.status === 'in_progress' || s.state.status === 'paused'
              ? { type: 'deadline-reached', actor: { role: 'system' } }
              : undefined;
      const r = event ? await this.apply(s.id, () => event) : undefined;
      if (r?.ok) acted++;
      // Not due after all (e.g. compensation moved the deadline): look again at the new time.
      else
        await this.deps.sessions.commit(
          s.id,
          s.version,
          s.state,
          wakeAt(s.state),
          [],
          this.nowIso(),
        );
    }
    return acted;
  }

  /**
   * Runs one transition with optimistic concurrency: load, decide, store if unchanged, else
   * retry on the fresh state. Effects go out only after the state is stored.
   */
  private async apply(
    sessionId: string,
    makeEvent: (s: WrittenSessionState) => WrittenEvent,
    extra?: (trx: Trx, now: string) => Promise<void>,
  ): Promise<Result<StoredSession>> {
    const { sessions, notifier, clock } = this.deps;
    for (let attempt = 0; attempt < MAX_RETRIES; attempt++) {
      const current = await sessions.findById(sessionId);
      if (!current) return refuse('not-found', 'no such session');
      const now = clock.now();
      const r = transition(current.state, makeEvent(current.state), now.getTime());
      if (!r.ok) return refusedBy(r.reason);
      const audit = r.effects.flatMap((e) => (e.type === 'audit' ? [e.entry] : []));
      const nowIso = now.toISOString();
      const checks = r.effects.flatMap((e) => (e.type === 'schedule-warning-check' ? [e] : []));
      const { warningChecks } = this.deps;
      const inTrx =
        extra || (checks.length > 0 && warningChecks)
          ? async (trx: Trx) => {
              if (extra) await extra(trx, nowIso);
              for (const c of checks) {
                await warningChecks?.scheduleWarningCheck(
                  trx,
                  sessionId,
                  c.warningId,
                  new Date(c.at).toISOString(),
                );
              }
            }
          : undefined;
      const stored = await sessions.commit(
        sessionId,
        current.version,
        r.state,
        wakeAt(r.state),
        audit,
        nowIso,
        inTrx,
      );
      if (stored) {
        const next = { ...current, state: r.state, version: current.version + 1 };
        notifier.changed(next, r.effects);
        return ok(next);
      }
    }
    return refuse('conflict', 'the session is busy; try again');
  }

  /** The refusal of an answer over the exam's word limit (`settings.answer.wordLimit`), if any. */
  private async overWordLimit(examId: string, body: string): Promise<Refusal | null> {
    const limit = (await this.deps.exams.findById(examId))?.settings.answer.wordLimit ?? null;
    if (limit === null) return null;
    const words = answerWordCount(body);
    return words > limit
      ? refusedBy(
          'word-limit-exceeded',
          `the answer has ${words} words; at most ${limit} are allowed`,
        )
      : null;
  }

  /**
   * The identity comparison to queue with a check-in, where the exam matches faces: the photos
   * the student named. Read before the transaction (SQLite has one connection).
   */
  private async identityCheck(
    session: StoredSession,
    cmd: Extract<SessionCommand, { type: 'complete-check-in' }>,
  ): Promise<((trx: Trx, now: string) => Promise<void>) | null> {
    const checks = this.deps.identityChecks;
    if (!checks) return null;
    const exam = await this.deps.exams.findById(session.examId);
    if (!exam?.settings.faceMatching) return null;
    const files = await this.deps.sessions.listFiles(session.id);
    const latest = (kind: SessionFileKind, sha: string | undefined) =>
      sha === undefined
        ? null
        : ([...files].reverse().find((f) => f.kind === kind && f.sha256 === sha)?.id ?? null);
    const input = {
      idFileId: latest('id-document', cmd.idDocumentSha256),
      faceFileId: latest('face', cmd.faceSha256),
      consent: cmd.consentFaceMatching === true,
    };
    return (trx, now) => checks.queueIdentity(trx, session, input, now);
  }

  private async toEvent(
    s: StoredSession,
    actor: Actor,
    cmd: SessionCommand,
  ): Promise<Result<WrittenEvent>> {
    switch (cmd.type) {
      case 'complete-check-in': {
        const student = await this.deps.users.findById(s.studentId);
        const name = matchTypedName(cmd.typedName, student?.fullName ?? '');
        if (!name.ok)
          return refusedBy(
            'name-mismatch',
            'The name differs from the roster: type it exactly as on your ID document',
          );
        const files = await this.deps.sessions.listFiles(s.id);
        const has = (kind: SessionFileKind, hash: string | undefined) =>
          hash !== undefined && files.some((f) => f.kind === kind && f.sha256 === hash);
        // A photo the exam asks for must be one handed in; one it leaves out may still be sent.
        const idCheck = (await this.deps.exams.findById(s.examId))?.settings.idCheck ?? {
          idPhoto: true,
          facePhoto: true,
        };
        const wants = (required: boolean, hash: string | undefined) =>
          required || hash !== undefined;
        if (
          wants(idCheck.idPhoto, cmd.idDocumentSha256) &&
          !has('id-document', cmd.idDocumentSha256)
        )
          return refusedBy('id-document-missing', 'Photograph your ID document first');
        if (wants(idCheck.facePhoto, cmd.faceSha256) && !has('face', cmd.faceSha256))
          return refusedBy('face-photo-missing', 'Take a photo of your face first');
        if (cmd.roomScanSha256 && !has('room-scan', cmd.roomScanSha256))
          return refusedBy('room-scan-missing', 'Record the room scan first');
        return ok({
          type: 'complete-check-in',
          actor,
          idDocumentHash: cmd.idDocumentSha256 ?? null,
          idDocumentRequired: idCheck.idPhoto,
          ...(cmd.roomScanSha256 ? { roomScanHash: cmd.roomScanSha256 } : {}),
        });
      }
      case 'submit': {
        const latest = await this.deps.sessions.latestAnswer(s.id);
        if (!latest || latest.sha256 !== cmd.answerSha256) {
          return refusedBy('answer-not-saved', 'Wait until your answer is saved, then submit');
        }
        return ok({ type: 'submit', actor, answerHash: cmd.answerSha256 });
      }
      case 'report-incident':
        return ok({
          type: 'pause',
          actor,
          reason: cmd.kind,
          ...(cmd.note ? { note: cmd.note } : {}),
        });
      case 'pause':
        return ok({
          type: 'pause',
          actor,
          reason: 'proctor-pause',
          ...(cmd.note ? { note: cmd.note } : {}),
        });
      case 'issue-warning':
        return ok({
          type: 'issue-warning',
          actor,
          warningId: randomUUID(),
          category: cmd.category as never,
          ...(cmd.note ? { note: cmd.note } : {}),
        });
      case 'begin-check-in':
      case 'retry-check-in':
      case 'approve-identity':
      case 'begin-review':
      case 'start-break':
      case 'end-break':
        return ok({ type: cmd.type, actor });
      case 'add-time':
        return ok({ type: 'add-time', actor, minutes: cmd.minutes, reason: cmd.reason });
      case 'reject-identity':
      case 'terminate':
      case 'annul':
        return ok({ type: cmd.type, actor, reason: cmd.reason });
      case 'resume':
        return ok({
          type: 'resume',
          actor,
          ...(cmd.compensate !== undefined ? { compensate: cmd.compensate } : {}),
        });
      case 'grant-compensation':
        return ok({ type: 'grant-compensation', actor, minutes: cmd.minutes, reason: cmd.reason });
      case 'acknowledge-warning':
        return ok({ type: 'acknowledge-warning', actor, warningId: cmd.warningId });
      case 'request-room-scan': {
        // The exam's current setting; the domain refuses where it is off.
        const exam = await this.deps.exams.findById(s.examId);
        return ok({
          type: 'request-room-scan',
          actor,
          roomScanOnRequest: exam?.settings.roomScanOnRequest === true,
        });
      }
      case 'accept':
        return ok({ type: 'accept', actor, ...(cmd.note ? { note: cmd.note } : {}) });
    }
  }

  private async load(
    sessionId: string,
    caller: UserView,
  ): Promise<Result<{ session: StoredSession; relations: SessionRelation[] }> | Refusal> {
    const session = await this.deps.sessions.findById(sessionId);
    if (!session) return refuse('not-found', 'no such session');
    const exam = await this.deps.exams.findById(session.examId);
    const courseRoles = exam ? await this.deps.courses.rolesOf(exam.courseId, caller.id) : [];
    const relations = relationsTo(session, caller.id, courseRoles);
    // Someone with no relation learns nothing, not even that the session exists.
    if (relations.length === 0) return refuse('not-found', 'no such session');
    return ok({ session, relations });
  }

  private async present(s: StoredSession): Promise<SessionView> {
    const started = s.state.workStartedAt !== null;
    const [answer, files, task, taskFiles] = await Promise.all([
      this.deps.sessions.latestAnswer(s.id),
      this.deps.sessions.listFiles(s.id),
      started ? this.deps.exams.task(s.examId) : null,
      started && this.deps.taskFiles ? this.deps.taskFiles.list(s.examId) : [],
    ]);
    return {
      sessionId: s.id,
      examId: s.examId,
      studentId: s.studentId,
      state: s.state,
      serverNow: this.deps.clock.now().getTime(),
      answer: answer ?? null,
      // The task stays hidden until work starts (then for ever after, for review).
      task: task ?? null,
      files: files.map(({ blobKey: _, ...f }) => f),
      taskFiles: taskFiles.map(({ blobKey: _, examId: __, ...f }) => f),
      ...(await this.waitingPlace(s)),
    };
  }

  /** The student's place among those of the exam waiting for the proctor's approval. */
  private async waitingPlace(s: StoredSession): Promise<{ waitingPlace?: number }> {
    const mine = s.state;
    if (mine.status !== 'awaiting_approval' || mine.identityApprovedAt !== null) return {};
    const key = (x: WrittenSessionState) => x.checkInCompletedAt ?? Number.MAX_SAFE_INTEGER;
    const ahead = (await this.deps.sessions.listByExam(s.examId)).filter(
      (o) =>
        o.id !== s.id &&
        o.state.status === 'awaiting_approval' &&
        o.state.identityApprovedAt === null &&
        (key(o.state) < key(mine) || (key(o.state) === key(mine) && o.id < s.id)),
    ).length;
    return { waitingPlace: ahead + 1 };
  }

  private nowIso() {
    return this.deps.clock.now().toISOString();
  }
}

/**
 * When time should next act on this session: at work, when time ends it (the deadline, or the
 * end of a grace period; paused, the latest deadline a grant could give); approved, the opening.
 */
export function wakeAt(s: WrittenSessionState): string | null {
  const iso = (ms: number | null) => (ms === null ? null : new Date(ms).toISOString());
  switch (s.status) {
    case 'in_progress':
    case 'paused':
      return iso(wakesAt(s));
    case 'awaiting_approval':
      return s.identityApprovedAt !== null || !s.terms.liveProctoring
        ? iso(s.terms.window.opensAt)
        : null;
    default:
      return null;
  }
}

const sha256 = (text: string) => createHash('sha256').update(text, 'utf8').digest('hex');
