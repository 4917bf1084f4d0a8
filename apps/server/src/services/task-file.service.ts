// Files of an exam's task: the examiner attaches and removes them; the course's staff see them
// at any time; a student only once their own work has started (like the task text).
import { randomUUID } from 'node:crypto';
import type { TaskFileView, UserView } from '@emtihan/protocol';
import type { BlobStore } from '../adapters/blob-store.port.ts';
import type { CourseRepo } from '../repositories/course.repo.ts';
import type { ExamRepo } from '../repositories/exam.repo.ts';
import type { SessionRepo } from '../repositories/session.repo.ts';
import type { StoredTaskFile, TaskFileRepo } from '../repositories/task-file.repo.ts';
import type { Clock } from './clock.ts';
import { ok, refuse, refusedBy, type Result } from './result.ts';

const present = ({ blobKey: _, examId: __, ...f }: StoredTaskFile): TaskFileView => f;

export class TaskFileService {
  constructor(
    private readonly deps: {
      taskFiles: TaskFileRepo;
      exams: ExamRepo;
      courses: CourseRepo;
      sessions: SessionRepo;
      blobs: BlobStore;
      clock: Clock;
    },
  ) {}

  async list(examId: string, caller: UserView): Promise<Result<{ files: TaskFileView[] }>> {
    const may = await this.mayRead(examId, caller);
    if (!may.ok) return may;
    return ok({ files: (await this.deps.taskFiles.list(examId)).map(present) });
  }

  async upload(
    examId: string,
    caller: UserView,
    f: { name: string; contentType: string; bytes: Uint8Array },
  ): Promise<Result<TaskFileView>> {
    const may = await this.mayEdit(examId, caller);
    if (!may.ok) return may;
    if (f.bytes.byteLength === 0) return refusedBy('file-empty', 'the file is empty');
    const id = randomUUID();
    const blobKey = `exams/${examId}/task/${id}`;
    // Durable bytes before the row that points at them.
    const info = await this.deps.blobs.put(blobKey, f.bytes);
    const stored: StoredTaskFile = {
      id,
      examId,
      name: f.name,
      contentType: f.contentType,
      size: info.size,
      sha256: info.sha256,
      blobKey,
      createdAt: this.deps.clock.now().toISOString(),
    };
    await this.deps.taskFiles.insert(stored, caller.id);
    return ok(present(stored));
  }

  async file(
    examId: string,
    fileId: string,
    caller: UserView,
  ): Promise<Result<{ bytes: Uint8Array; contentType: string; name: string }>> {
    const may = await this.mayRead(examId, caller);
    if (!may.ok) return may;
    const meta = await this.deps.taskFiles.find(examId, fileId);
    const bytes = meta && (await this.deps.blobs.get(meta.blobKey));
    if (!meta || !bytes) return refuse('not-found', 'no such file');
    return ok({ bytes, contentType: meta.contentType, name: meta.name });
  }

  async remove(examId: string, fileId: string, caller: UserView): Promise<Result<{ ok: true }>> {
    const may = await this.mayEdit(examId, caller);
    if (!may.ok) return may;
    const meta = await this.deps.taskFiles.find(examId, fileId);
    if (!meta || !(await this.deps.taskFiles.remove(examId, fileId)))
      return refuse('not-found', 'no such file');
    await this.deps.blobs.delete(meta.blobKey);
    return ok({ ok: true });
  }

  /** The course's examiners edit the task. */
  private async mayEdit(examId: string, caller: UserView): Promise<Result<true>> {
    const exam = await this.deps.exams.findById(examId);
    if (!exam) return refuse('not-found', 'no such exam');
    const roles = await this.deps.courses.rolesOf(exam.courseId, caller.id);
    if (!roles.includes('examiner'))
      return refuse('forbidden', 'only an examiner of this course edits the task');
    return ok(true);
  }

  /** Staff read at any time; a student once their work has started (the task is hidden before). */
  private async mayRead(examId: string, caller: UserView): Promise<Result<true>> {
    const exam = await this.deps.exams.findById(examId);
    if (!exam) return refuse('not-found', 'no such exam');
    const roles = await this.deps.courses.rolesOf(exam.courseId, caller.id);
    if (roles.includes('examiner') || roles.includes('proctor')) return ok(true);
    if (!roles.includes('student')) return refuse('not-found', 'no such exam');
    const mine = await this.deps.sessions.findByExamAndStudent(examId, caller.id);
    if (!mine || mine.state.workStartedAt === null)
      return refusedBy('task-not-started', 'the task is shown once your work has started');
    return ok(true);
  }
}
