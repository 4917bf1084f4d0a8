// Admin use cases on courses and enrolments.
import { randomUUID } from 'node:crypto';
import type {
  CourseView,
  CreateCourseBody,
  EnrolBody,
  EnrolmentRole,
  EnrolmentView,
  UpdateCourseBody,
} from '@emtihan/protocol';
import type { CourseRepo } from '../repositories/course.repo.ts';
import type { UserRepo } from '../repositories/user.repo.ts';
import type { Clock } from './clock.ts';
import { ok, refuse, type Result } from './result.ts';

export class CourseAdminService {
  constructor(
    private readonly courses: CourseRepo,
    private readonly users: UserRepo,
    private readonly clock: Clock,
    /** Someone left a course: what their open connections joined for it is theirs no more. */
    private readonly onLeft: (userId: string) => void = () => {},
  ) {}

  list(): Promise<CourseView[]> {
    return this.courses.list();
  }

  async create(b: CreateCourseBody): Promise<Result<CourseView>> {
    if (await this.courses.findByCode(b.code))
      return refuse('conflict', 'course code is taken', 'code');
    const id = randomUUID();
    await this.courses.create({ id, ...b }, this.clock.now().toISOString());
    return this.view(id);
  }

  async update(id: string, b: UpdateCourseBody): Promise<Result<CourseView>> {
    const other = b.code ? await this.courses.findByCode(b.code) : undefined;
    if (other && other.id !== id) return refuse('conflict', 'course code is taken', 'code');
    if (!(await this.courses.update(id, b))) return refuse('not-found', 'no such course');
    return this.view(id);
  }

  async enrolments(courseId: string): Promise<Result<EnrolmentView[]>> {
    if (!(await this.courses.findById(courseId))) return refuse('not-found', 'no such course');
    return ok(await this.courses.listEnrolments(courseId));
  }

  async enrol(courseId: string, b: EnrolBody): Promise<Result<{ ok: true }>> {
    if (!(await this.courses.findById(courseId))) return refuse('not-found', 'no such course');
    const user = await this.users.findById(b.userId);
    if (!user) return refuse('not-found', 'no such user', 'userId');
    // Staff roles in a course need the matching account role; anyone may be enrolled as student.
    if (b.role !== 'student' && !user.roles.includes(b.role)) {
      return refuse('conflict', `the user does not hold the ${b.role} role`, 'role');
    }
    await this.courses.enrol(courseId, b.userId, b.role, this.clock.now().toISOString());
    return ok({ ok: true });
  }

  async unenrol(
    courseId: string,
    userId: string,
    role: EnrolmentRole,
  ): Promise<Result<{ ok: true }>> {
    if (!(await this.courses.unenrol(courseId, userId, role)))
      return refuse('not-found', 'no such enrolment');
    this.onLeft(userId);
    return ok({ ok: true });
  }

  private async view(id: string): Promise<Result<CourseView>> {
    const c = await this.courses.findById(id);
    return c ? ok(c) : refuse('not-found', 'no such course');
  }
}
