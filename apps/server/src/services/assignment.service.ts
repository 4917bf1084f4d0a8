// Who may act live on one sitting (ADR 0007). Its student publishes media. Each sitting is
// assigned to one proctor of the exam's course — automatically, to the least busy of the
// proctors the exam names, up to the sittings each may watch (domain `chooseProctor`, ADR 0017),
// the first time anyone needs to know — and only that proctor watches, commands and chats with the student until
// another proctor takes the student over (audited). Examiners watch everything, read-only.
import { chooseProctor, type WrittenStatus } from '@emtihan/domain';
import type { AssignmentsResponse, RejectReason, UserView } from '@emtihan/protocol';
import type { CourseRepo } from '../repositories/course.repo.ts';
import type { ExamRepo } from '../repositories/exam.repo.ts';
import type { AssignmentRepo, StoredAssignment } from '../repositories/assignment.repo.ts';
import type { SessionRepo, StoredSession } from '../repositories/session.repo.ts';
import type { Clock } from './clock.ts';
import { ok, refuse, type Refusal, type Result } from './result.ts';

/** Statuses in which a student's page publishes media: from "Join meeting" until the end. */
export const LIVE_STATUSES: ReadonlySet<WrittenStatus> = new Set<WrittenStatus>([
  'checking_in',
  'awaiting_approval',
  'rejected',
  'in_progress',
  'paused',
]);

export type LiveRefusal = { reason: RejectReason; message: string };

/** Tells the people concerned that a sitting changed proctor. */
export interface AssignmentNotifier {
  reassigned(a: StoredAssignment, previousProctorId: string): Promise<void>;
}

export class AssignmentService {
  constructor(
    private readonly deps: {
      sessions: SessionRepo;
      exams: ExamRepo;
      courses: CourseRepo;
      assignments: AssignmentRepo;
      clock: Clock;
      notifier?: AssignmentNotifier;
    },
  ) {}

  setNotifier(notifier: AssignmentNotifier) {
    this.deps.notifier = notifier;
  }

  /** The student of a live-proctored sitting that is live now may publish its media. */
  async mayPublish(sessionId: string, userId: string): Promise<LiveRefusal | null> {
    const s = await this.deps.sessions.findById(sessionId);
    if (!s || s.studentId !== userId) return { reason: 'forbidden', message: 'not your session' };
    const exam = await this.deps.exams.findById(s.examId);
    if (!exam?.settings.liveProctoring)
      return { reason: 'not-live', message: 'this exam has no live proctor' };
    if (!LIVE_STATUSES.has(s.state.status))
      return { reason: 'not-live', message: `the sitting is ${s.state.status}` };
    return null;
  }

  /** Examiners and the sitting's own proctor may pull its media. */
  async mayView(sessionId: string, userId: string): Promise<LiveRefusal | null> {
    const s = await this.deps.sessions.findById(sessionId);
    if (!s) return { reason: 'forbidden', message: 'no such session' };
    const role = await this.staffRole(s.examId, userId);
    if (!role) return { reason: 'forbidden', message: 'not your exam' };
    if (role === 'examiner') return null;
    return this.ownProctor(s, userId);
  }

  /**
   * A proctor's command on a sitting (approve, warn, pause, stop …) is refused unless the
   * student is theirs. Other relations (student, examiner) are not this check's business.
   */
  async mayAct(session: StoredSession, userId: string): Promise<Refusal | null> {
    const no = await this.ownProctor(session, userId);
    return no && { ok: false, reason: 'forbidden', message: no.message, detail: no.reason };
  }

  /** Who writes in a sitting's chat: its student, or its own proctor. */
  async chatRole(
    session: StoredSession,
    userId: string,
  ): Promise<Result<'student' | 'proctor' | 'examiner'>> {
    if (session.studentId === userId) return ok('student');
    const role = await this.staffRole(session.examId, userId);
    if (!role) return refuse('forbidden', 'not your session');
    if (role === 'examiner') return ok('examiner');
    const no = await this.ownProctor(session, userId);
    if (no) return { ok: false, reason: 'forbidden', message: no.message, detail: no.reason };
    return ok('proctor');
  }

  /** The exam's assignments (assigning any sitting that has none yet), for its staff. */
  async list(examId: string, caller: UserView): Promise<Result<AssignmentsResponse>> {
    const role = await this.staffRole(examId, caller.id);
    if (!role) return refuse('forbidden', 'you are not a proctor or examiner of this course');
    const sittings = await this.deps.sessions.listByExam(examId);
    const known = new Set((await this.deps.assignments.listByExam(examId)).map((a) => a.sessionId));
    for (const s of sittings) if (!known.has(s.id)) await this.ensureAssigned(s);
    const entries = (await this.deps.assignments.listByExam(examId)).map((a) => ({
      sessionId: a.sessionId,
      proctorId: a.proctorId,
      proctorName: a.proctorName,
    }));
    return ok({ me: caller.id, role, entries });
  }

  /** Another proctor of the course takes the student over; the audit chain records it. */
  async takeOver(sessionId: string, caller: UserView) {
    const { sessions, assignments, clock } = this.deps;
    const s = await sessions.findById(sessionId);
    if (!s) return refuse('not-found', 'no such session');
    if ((await this.staffRole(s.examId, caller.id)) !== 'proctor')
      return refuse('forbidden', 'only a proctor of the course takes a student over');
    const before = await this.ensureAssigned(s);
    if (!before) return refuse('conflict', 'the course has no proctor');
    if (before.proctorId !== caller.id) {
      const now = clock.now();
      await assignments.reassign(sessionId, caller.id, caller.id, now.toISOString());
      await sessions.appendAudit(sessionId, [
        {
          at: now.getTime(),
          actor: { role: 'proctor', userId: caller.id },
          type: 'proctor-took-over',
          payload: { from: before.proctorId, to: caller.id },
        },
      ]);
      const after = (await assignments.find(sessionId))!;
      await this.deps.notifier?.reassigned(after, before.proctorId);
    }
    const a = (await assignments.find(sessionId))!;
    return ok({ sessionId, proctorId: a.proctorId, proctorName: a.proctorName });
  }

  async staffRole(examId: string, userId: string): Promise<'proctor' | 'examiner' | undefined> {
    const exam = await this.deps.exams.findById(examId);
    if (!exam) return undefined;
    const roles = await this.deps.courses.rolesOf(exam.courseId, userId);
    return roles.includes('proctor')
      ? 'proctor'
      : roles.includes('examiner')
        ? 'examiner'
        : undefined;
  }

  private async ownProctor(s: StoredSession, userId: string): Promise<LiveRefusal | null> {
    const a = await this.ensureAssigned(s);
    if (!a || a.proctorId === userId) return null;
    return {
      reason: 'not-assigned',
      message: `this student is assigned to ${a.proctorName}: take the student over first`,
    };
  }

  /** The sitting's assignment, made now (to the least busy proctor) if it has none. */
  private async ensureAssigned(s: StoredSession): Promise<StoredAssignment | undefined> {
    const { assignments, exams, courses, clock } = this.deps;
    const found = await assignments.find(s.id);
    if (found) return found;
    const exam = await exams.findById(s.examId);
    if (!exam) return undefined;
    const courseProctors = (await courses.listEnrolments(exam.courseId))
      .filter((e) => e.role === 'proctor')
      .map((e) => e.userId);
    const load = new Map<string, number>();
    for (const a of await assignments.listByExam(s.examId))
      load.set(a.proctorId, (load.get(a.proctorId) ?? 0) + 1);
    const staffing = (await exams.authoringOf(s.examId))?.proctoring;
    const least = chooseProctor({
      courseProctors,
      named: staffing?.proctorIds ?? [],
      maxEach: staffing?.maxSittingsEach ?? null,
      load,
    });
    if (!least) return undefined;
    await assignments.insertIfAbsent(
      { sessionId: s.id, examId: s.examId, proctorId: least, assignedBy: null },
      clock.now().toISOString(),
    );
    return assignments.find(s.id);
  }
}
