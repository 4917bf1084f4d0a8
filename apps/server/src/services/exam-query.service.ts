// What exams a person sees: those of their courses; an admin sees all. A student sees each
// written exam as it is for them (ADR 0018): their own window and what their accommodation and
// the exam's override for them change.
import { changesAnything } from '@emtihan/domain';
import type { ExamView, UserView } from '@emtihan/protocol';
import type { StoredOverride, StoredProfile } from '../repositories/accommodation.repo.ts';
import type { CourseRepo } from '../repositories/course.repo.ts';
import type { ExamRepo } from '../repositories/exam.repo.ts';
import { studentTerms, termsSummary } from './accommodation-terms.ts';

/** A student's profile and their exams' overrides (AccommodationRepo). */
export interface OwnArrangements {
  findProfile(studentId: string): Promise<StoredProfile | undefined>;
  overridesOfStudent(studentId: string): Promise<StoredOverride[]>;
}

export class ExamQueryService {
  constructor(
    private readonly exams: ExamRepo,
    private readonly courses: CourseRepo,
    private readonly own?: { arrangements: OwnArrangements; timeZone: string },
  ) {}

  async listFor(user: UserView): Promise<ExamView[]> {
    if (user.roles.includes('admin')) return this.exams.listForCourses('all');
    // Examiners see their courses' drafts; students and proctors only published exams: a
    // student never sees an unpublished exam (ADR 0017).
    const authorOf = await this.courses.courseIdsWithRole(user.id, ['examiner']);
    const all = await this.courses.courseIdsOf(user.id);
    const others = all.filter((c) => !authorOf.includes(c));
    const [authored, published] = await Promise.all([
      this.exams.listForCourses(authorOf),
      this.exams.listForCourses(others, { publishedOnly: true }),
    ]);
    const sitting = new Set(await this.courses.courseIdsWithRole(user.id, ['student']));
    const mine = await this.asSat(
      published,
      user.id,
      (e) => sitting.has(e.courseId) && e.kind === 'written',
    );
    return [...authored, ...mine].sort(
      (a, b) => a.opensAt.localeCompare(b.opensAt) || a.title.localeCompare(b.title),
    );
  }

  /**
   * The exams the student sits, as they are for them: their window (an override's, the close
   * moved by their extra time) and `forMe`, where their profile or override changes anything.
   */
  private async asSat(
    exams: ExamView[],
    studentId: string,
    sits: (e: ExamView) => boolean,
  ): Promise<ExamView[]> {
    if (!this.own || !exams.some(sits)) return exams;
    const { arrangements, timeZone } = this.own;
    const [profile, overrides] = await Promise.all([
      arrangements.findProfile(studentId),
      arrangements.overridesOfStudent(studentId),
    ]);
    if (!profile && overrides.length === 0) return exams;
    const overrideFor = new Map(overrides.map((o) => [o.examId, o]));
    return exams.map((exam) => {
      if (!sits(exam)) return exam;
      const override = overrideFor.get(exam.id) ?? null;
      const terms = studentTerms(exam, { profile: profile ?? null, override }, timeZone);
      const a = terms.accommodation;
      const ownWindow = override?.opensAt != null && override.closesAt != null;
      if (!ownWindow && !(a && changesAnything(a))) return exam;
      const { workMinutes, opensAt, closesAt } = termsSummary(terms);
      return {
        ...exam,
        opensAt,
        closesAt,
        forMe: {
          timeFactor: a?.timeFactor ?? 1,
          extraMinutes: a?.extraMinutes ?? 0,
          breakMinutes: a?.breakMinutes ?? 0,
          skippedChecks: [...(a?.skippedChecks ?? [])],
          workMinutes,
          ownWindow,
        },
      };
    });
  }
}
