// Who may act live on one sitting (ADR 0007): its student publishes media; the proctors of the
// exam's course watch and act (on the students assigned to them, once assignments exist);
// examiners watch everything read-only.
import type { WrittenStatus } from '@emtihan/domain';
import type { RejectReason } from '@emtihan/protocol';
import type { CourseRepo } from '../repositories/course.repo.ts';
import type { ExamRepo } from '../repositories/exam.repo.ts';
import type { SessionRepo } from '../repositories/session.repo.ts';

/** Statuses in which a student's page publishes media: from "Join meeting" until the end. */
export const LIVE_STATUSES: ReadonlySet<WrittenStatus> = new Set<WrittenStatus>([
  'checking_in',
  'awaiting_approval',
  'rejected',
  'in_progress',
  'paused',
]);

export type LiveRefusal = { reason: RejectReason; message: string };

export class AssignmentService {
  constructor(
    private readonly deps: { sessions: SessionRepo; exams: ExamRepo; courses: CourseRepo },
  ) {}

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

  /** Staff of the exam's course may pull a sitting's media (proctors: their own students). */
  async mayView(sessionId: string, userId: string): Promise<LiveRefusal | null> {
    const s = await this.deps.sessions.findById(sessionId);
    if (!s) return { reason: 'forbidden', message: 'no such session' };
    const role = await this.staffRole(s.examId, userId);
    if (!role) return { reason: 'forbidden', message: 'not your exam' };
    return null;
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
}
