// What exams a person sees: those of their courses; an admin sees all.
import type { ExamView, UserView } from '@emtihan/protocol';
import type { CourseRepo } from '../repositories/course.repo.ts';
import type { ExamRepo } from '../repositories/exam.repo.ts';

export class ExamQueryService {
  constructor(
    private readonly exams: ExamRepo,
    private readonly courses: CourseRepo,
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
    return [...authored, ...published].sort(
      (a, b) => a.opensAt.localeCompare(b.opensAt) || a.title.localeCompare(b.title),
    );
  }
}
