// Grading a sitting (ADR 0010): the examiner accepts a finished sitting with a score, or annuls
// it (the existing session command); an annulled sitting gets the zero its exam's policy says.
// The rules are the domain's (`grading/`); this file loads, asks, stores the grade, its audit
// entry and its scores for the LMS (the outbox) in one transaction.
import {
  gradeAnnulment,
  gradeSitting,
  validateGradingPolicy,
  type GradingPolicy,
  type SittingGrade,
} from '@emtihan/domain';
import type {
  ExamGradingResponse,
  GradeSittingBody,
  GradeSittingResponse,
  GradingEntry,
  Language,
  LtiGradeSendView,
  UpdateGradingPolicyBody,
  UserView,
} from '@emtihan/protocol';
import type { LtiGradeService } from '../lti/lti-grade.service.ts';
import type { CourseRepo } from '../repositories/course.repo.ts';
import type { ExamRepo } from '../repositories/exam.repo.ts';
import type { GradingRepo, StoredGrade } from '../repositories/grading.repo.ts';
import { appendAuditIn, type SessionRepo } from '../repositories/session.repo.ts';
import type { UserRepo } from '../repositories/user.repo.ts';
import type { Clock } from './clock.ts';
import type { ExamSessionService } from './exam-session.service.ts';
import { ok, refuse, refusedBy, type Result } from './result.ts';

/** The first word of an annulled sitting's comment in the LMS, in the student's language. */
const ANNULLED_LABEL: Record<Language, string> = {
  kk: 'Күші жойылды',
  ru: 'Аннулировано',
  en: 'Annulled',
};

const FINISHED = ['submitted', 'timed_out', 'terminated'];

export interface GradingDeps {
  sessions: SessionRepo;
  exams: ExamRepo;
  courses: CourseRepo;
  users: UserRepo;
  grading: GradingRepo;
  examSessions: ExamSessionService;
  ltiGrades: LtiGradeService;
  clock: Clock;
}

export class GradingService {
  private running = false;

  constructor(private readonly d: GradingDeps) {}

  /** The examiner's screen: every student with the sitting's state, grade and LMS send. */
  async overview(examId: string, caller: UserView): Promise<Result<ExamGradingResponse>> {
    const exam = await this.d.exams.findById(examId);
    if (!exam || !(await this.isExaminer(exam.courseId, caller)))
      return refuse('not-found', 'no such exam');
    const [members, sittings, grades, sends, policy, targets] = await Promise.all([
      this.d.courses.listEnrolments(exam.courseId),
      this.d.sessions.listByExam(examId),
      this.d.grading.listByExam(examId),
      this.d.ltiGrades.historyFor(examId, caller),
      this.d.grading.policy(examId),
      this.d.ltiGrades.isLinked(examId),
    ]);
    const sent = sends.ok ? sends.value : [];
    const entries = members
      .filter((m) => m.role === 'student')
      .map((m): GradingEntry => {
        const s = sittings.find((x) => x.studentId === m.userId);
        const g = s && grades.find((x) => x.sessionId === s.id);
        const lms = sent.filter((x) => x.userId === m.userId).at(-1) ?? null;
        return {
          studentId: m.userId,
          fullName: m.fullName,
          login: m.login,
          group: m.group,
          sessionId: s?.id ?? null,
          status: s?.state.status ?? 'not_opened',
          submittedAt: s?.state.endedAt ?? null,
          handIn: s?.state.notSubmitted ? 'not-submitted' : s?.state.late ? 'late' : null,
          grade: g ? view(g) : null,
          lms,
        };
      });
    // What waits for the examiner first: finished and not yet graded, then the rest.
    const rank = (e: GradingEntry) =>
      [...FINISHED, 'under_review'].includes(e.status) ? 0 : e.sessionId ? 1 : 2;
    entries.sort((a, b) => rank(a) - rank(b));
    return ok({ examId, examTitle: exam.title, policy, lmsLinked: targets, entries });
  }

  async setPolicy(
    examId: string,
    caller: UserView,
    body: UpdateGradingPolicyBody,
  ): Promise<Result<GradingPolicy>> {
    const exam = await this.d.exams.findById(examId);
    if (!exam || !(await this.isExaminer(exam.courseId, caller)))
      return refuse('not-found', 'no such exam');
    const check = validateGradingPolicy(body);
    if (!check.ok)
      return refuse('bad-request', 'the grading policy cannot work', check.problems[0]);
    await this.d.grading.setPolicy(examId, body, this.d.clock.now().toISOString());
    return ok(body);
  }

  /** Accepts a finished sitting with a score (or corrects an accepted one's score). */
  async grade(
    sessionId: string,
    caller: UserView,
    body: GradeSittingBody,
  ): Promise<Result<GradeSittingResponse>> {
    const session = await this.d.sessions.findById(sessionId);
    const exam = session && (await this.d.exams.findById(session.examId));
    if (!session || !exam || !(await this.isExaminer(exam.courseId, caller, false)))
      return refuse('not-found', 'no such session');
    const policy = await this.d.grading.policy(exam.id);
    const decided = gradeSitting({
      policy,
      status: session.state.status,
      score: body.score,
      comment: body.comment ?? null,
      now: this.d.clock.now().getTime(),
    });
    if (!decided.ok) {
      const r = refusedBy(decided.reason, refusalText(decided.reason, policy));
      return decided.reason.startsWith('score') ? { ...r, field: 'score' } : r;
    }
    // The sitting's own machine moves it to accepted (its audit, its notifications).
    if (FINISHED.includes(session.state.status)) {
      const r = await this.d.examSessions.command(sessionId, caller, { type: 'begin-review' });
      if (!r.ok) return r;
    }
    if (session.state.status !== 'accepted') {
      const r = await this.d.examSessions.command(sessionId, caller, {
        type: 'accept',
        ...(decided.grade.comment ? { note: decided.grade.comment } : {}),
      });
      if (!r.ok) return r;
    }
    const stored = toStored(session, decided.grade, caller.id);
    const lms = await this.record(stored, { role: 'examiner', userId: caller.id }, 'upsert');
    return ok({ grade: view(stored), lms: lms ?? [] });
  }

  /**
   * Grades annulled sittings that have none yet, as their exam's policy says: zero with the
   * reason (sent to the LMS), or no grade at all (`void`). Safe on every node at once.
   */
  async gradeAnnulled(limit = 50): Promise<number> {
    let n = 0;
    for (const { id } of await this.d.grading.annulledUngraded(limit)) {
      const s = await this.d.sessions.findById(id);
      if (!s || s.state.status !== 'annulled') continue;
      const policy = await this.d.grading.policy(s.examId);
      const student = await this.d.users.findById(s.studentId);
      const decided = gradeAnnulment({
        policy,
        status: s.state.status,
        reason: s.state.annulmentReason,
        label: ANNULLED_LABEL[(student?.language as Language | undefined) ?? 'kk'],
        now: this.d.clock.now().getTime(),
      });
      const grade: SittingGrade = decided.ok
        ? decided.grade
        : {
            outcome: 'annulled',
            score: 0,
            maxScore: policy.maxScore,
            percent: 0,
            grade: '',
            points: null,
            passed: false,
            comment: s.state.annulmentReason,
            gradedAt: this.d.clock.now().getTime(),
          };
      const stored: StoredGrade = {
        ...toStored(s, grade, null),
        outcome: decided.ok ? 'annulled' : 'void',
      };
      if (await this.record(stored, { role: 'system' }, 'first')) n++;
    }
    return n;
  }

  /** One pass of the grading job: annulments, then the LMS outbox. Never overlaps itself. */
  async tick(): Promise<void> {
    if (this.running) return;
    this.running = true;
    try {
      await this.gradeAnnulled();
      await this.d.ltiGrades.processDue();
    } finally {
      this.running = false;
    }
  }

  /**
   * The grade, its audit entry and its scores for the LMS, together. `first`: only if the
   * sitting has no grade yet (returns undefined when another node recorded it first).
   */
  private async record(
    g: StoredGrade,
    actor: { role: 'examiner'; userId: string } | { role: 'system' },
    mode: 'upsert' | 'first',
  ): Promise<LtiGradeSendView[] | undefined> {
    const at = Date.parse(g.gradedAt);
    // Read first (SQLite has one connection: no reads of other tables inside the transaction).
    const sends =
      g.outcome === 'void'
        ? []
        : await this.d.ltiGrades.prepare({
            examId: g.examId,
            userId: g.studentId,
            sessionId: g.sessionId,
            scoreGiven: g.score,
            scoreMaximum: g.maxScore,
            ...(g.comment ? { comment: g.comment } : {}),
            timestamp: new Date(at),
          });
    const stored = await this.d.grading.transaction(async (trx) => {
      if (mode === 'first') {
        if (!(await this.d.grading.saveFirst(g, trx))) return false;
      } else await this.d.grading.save(g, trx);
      await appendAuditIn(trx, g.sessionId, [
        {
          at,
          actor,
          type: 'grading.graded',
          payload: {
            outcome: g.outcome,
            score: g.score,
            maxScore: g.maxScore,
            percent: g.percent,
            grade: g.grade,
            comment: g.comment,
          },
        },
      ]);
      await this.d.ltiGrades.store(sends, trx);
      return true;
    });
    if (!stored) return undefined;
    return sends.map((s) => this.d.ltiGrades.present(s));
  }

  private async isExaminer(courseId: string, caller: UserView, adminToo = true) {
    if (adminToo && caller.roles.includes('admin')) return true;
    return (await this.d.courses.rolesOf(courseId, caller.id)).includes('examiner');
  }
}

function toStored(
  s: { id: string; examId: string; studentId: string },
  g: SittingGrade,
  gradedBy: string | null,
): StoredGrade {
  return {
    sessionId: s.id,
    examId: s.examId,
    studentId: s.studentId,
    outcome: g.outcome,
    score: g.score,
    maxScore: g.maxScore,
    percent: g.percent,
    grade: g.grade,
    points: g.points,
    passed: g.passed,
    comment: g.comment,
    gradedBy,
    gradedAt: new Date(g.gradedAt).toISOString(),
  };
}

function view({ sessionId: _s, examId: _e, studentId: _st, ...g }: StoredGrade) {
  return g;
}

function refusalText(reason: string, p: GradingPolicy): string {
  switch (reason) {
    case 'score-out-of-range':
      return `The score must be between 0 and ${p.maxScore}`;
    case 'score-not-a-number':
      return 'The score must be a number';
    case 'score-too-precise':
      return 'The score may have at most two decimals';
    case 'not-gradable-in-state':
      return 'Only a finished sitting can be graded';
    default:
      return reason.replace(/-/g, ' ');
  }
}
