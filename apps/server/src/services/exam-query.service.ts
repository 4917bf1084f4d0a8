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
    return this.exams.listForCourses(await this.courses.courseIdsOf(user.id));
  }
}
