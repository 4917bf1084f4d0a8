// Use cases of exam authoring (ADR 0017): examiners of a course (and admins) create, change,
// publish, duplicate and delete its exams; admins keep presets. The rules are the domain's
// (`exam-authoring.rules.ts`); this file loads, asks, writes, and tells running sittings.
import { randomUUID } from 'node:crypto';
import {
  changeAfterStartProblems,
  deleteProblems,
  draftProblems,
  publishProblems,
  type AuthoredExam,
  type AuthoringProblem,
} from '@emtihan/domain';
import {
  composeRules,
  type AuthoringCourse,
  type AuthoringCoursesResponse,
  type ExamDetail,
  type ExamDraft,
  type ExamView,
  type PresetBody,
  type PresetView,
  type UserView,
} from '@emtihan/protocol';
import type { CourseRepo } from '../repositories/course.repo.ts';
import type { ExamChange, ExamRepo } from '../repositories/exam.repo.ts';
import type { SessionRepo } from '../repositories/session.repo.ts';
import type { TaskFileRepo } from '../repositories/task-file.repo.ts';
import type { Clock } from './clock.ts';
import { ok, refuse, type Refusal, type Result } from './result.ts';

/** What authoring asks of the running sittings (ExamSessionService). */
export interface SittingsPort {
  /** Sittings that the changed exam would cut short: a dry run. */
  examChangeProblems(examId: string, next: ExamView): Promise<{ sessionId: string }[]>;
  /** Lays the changed exam's terms over every sitting not ended, and tells their pages. */
  applyExamChange(
    examId: string,
    next: ExamView,
    actor: { userId: string; role: 'examiner' | 'admin' },
  ): Promise<void>;
}

/** A refusal that names its fields: the web shows each code next to its field. */
const refuseWith = (reason: 'bad-request' | 'refused', problems: AuthoringProblem[]): Refusal => ({
  ok: false,
  reason,
  message: problems.map((p) => `${p.field}: ${p.code}`).join('; '),
  detail: problems[0]?.code,
  issues: problems.map((p) => ({ path: p.field, message: p.code })),
});

/** Hard to tell apart: the fields that may change once a sitting has begun. */
const SAFE_AFTER_START = new Set([
  'title',
  'instructions',
  'task',
  'closesAt',
  'durationMinutes',
  'proctoring',
  'ruleSet.extra',
  'settings.answer.statement',
  'settings.retentionDays',
  'presetId',
]);

/** Every leaf of the draft outside the safe set, by path, as JSON (see `AuthoredExam.locked`). */
function lockedOf(draft: ExamDraft): Record<string, string> {
  const out: Record<string, string> = {};
  const walk = (value: unknown, path: string) => {
    if (SAFE_AFTER_START.has(path)) return;
    if (value && typeof value === 'object' && !Array.isArray(value)) {
      for (const [k, v] of Object.entries(value)) walk(v, path ? `${path}.${k}` : k);
      return;
    }
    out[path] = JSON.stringify(value);
  };
  walk(draft, '');
  return out;
}

export class ExamAuthoringService {
  constructor(
    private readonly deps: {
      exams: ExamRepo;
      courses: CourseRepo;
      sessions: SessionRepo;
      taskFiles: TaskFileRepo;
      clock: Clock;
      timeZone: string;
      sittings?: SittingsPort;
    },
  ) {}

  /** Courses the caller authors exams in, with the people the form names. */
  async courses(caller: UserView): Promise<Result<AuthoringCoursesResponse>> {
    const { courses } = this.deps;
    const ids = caller.roles.includes('admin')
      ? (await courses.list()).map((c) => c.id)
      : await courses.courseIdsWithRole(caller.id, ['examiner']);
    const out = await Promise.all(ids.map((id) => this.course(id)));
    out.sort((a, b) => a.title.localeCompare(b.title));
    return ok({ courses: out, timeZone: this.deps.timeZone });
  }

  get timeZone(): string {
    return this.deps.timeZone;
  }

  /** One course as the form shows it: its proctors and examiners to name. */
  async course(id: string): Promise<AuthoringCourse> {
    const { courses } = this.deps;
    const [course, members] = await Promise.all([courses.findById(id), courses.listEnrolments(id)]);
    const people = (role: string) =>
      members
        .filter((m) => m.role === role)
        .map((m) => ({ id: m.userId, fullName: m.fullName, login: m.login }));
    return {
      id,
      title: course?.title ?? id,
      proctors: people('proctor'),
      examiners: people('examiner'),
      students: members.filter((m) => m.role === 'student').length,
    };
  }

  async get(examId: string, caller: UserView): Promise<Result<ExamDetail>> {
    const found = await this.authorised(examId, caller);
    if (!found.ok) return found;
    return ok(await this.detail(found.value));
  }

  async create(draft: ExamDraft, caller: UserView): Promise<Result<ExamDetail>> {
    if (!(await this.mayAuthor(draft.courseId, caller))) {
      return refuse('forbidden', 'only an examiner of this course creates its exams', 'courseId');
    }
    const problems = draftProblems(this.authored(draft), await this.proctorsOf(draft));
    if (problems.length) return refuseWith('bad-request', problems);
    const id = randomUUID();
    await this.deps.exams.create(
      { id, ...this.change(draft), kind: draft.kind, slots: [], status: 'draft' },
      this.now(),
    );
    return ok(await this.detail(id));
  }

  /**
   * An exam created from the LMS's deep-linking page: published at once (the LMS shows it to
   * students as soon as it is added), so it must pass publishing's checks before anything is
   * written.
   */
  async createPublished(draft: ExamDraft, caller: UserView): Promise<Result<ExamDetail>> {
    if (!(await this.mayAuthor(draft.courseId, caller))) {
      return refuse('forbidden', 'only an examiner of this course creates its exams', 'courseId');
    }
    // An oral exam's day is planned in Emtihan afterwards: the LMS page cannot make slots.
    const problems = publishProblems(
      this.authored(draft),
      await this.proctorsOf(draft),
      this.deps.clock.now().getTime(),
    ).filter((p) => p.code !== 'slots-required');
    if (problems.length) return refuseWith('bad-request', problems);
    const id = randomUUID();
    await this.deps.exams.create(
      { id, ...this.change(draft), kind: draft.kind, slots: [], status: 'published' },
      this.now(),
    );
    return ok(await this.detail(id));
  }

  async update(examId: string, draft: ExamDraft, caller: UserView): Promise<Result<ExamDetail>> {
    const found = await this.authorised(examId, caller);
    if (!found.ok) return found;
    const before = await this.detail(found.value);
    if (draft.kind !== before.draft.kind) {
      return refuse('bad-request', 'an exam keeps its kind', 'kind');
    }
    if (
      draft.courseId !== before.draft.courseId &&
      !(await this.mayAuthor(draft.courseId, caller))
    ) {
      return refuse('forbidden', 'only an examiner of that course moves exams to it', 'courseId');
    }
    const saved = { taskFiles: before.taskFileCount, slots: before.exam.slots.length };
    const after = this.authored(draft, saved);
    const problems = draftProblems(after, await this.proctorsOf(draft));
    if (problems.length) return refuseWith('bad-request', problems);
    const next = this.viewOf(before.exam, draft);
    if (before.sittings.begun > 0) {
      const change = changeAfterStartProblems(this.authored(before.draft, saved), after);
      if (change.length) return refuseWith('refused', change);
    }
    if (before.sittings.opened > 0 && this.deps.sittings) {
      // Belt and braces: the sittings themselves say whether the new terms would cut one short.
      const cut = await this.deps.sittings.examChangeProblems(examId, next);
      if (cut.length) {
        return refuseWith('refused', [{ field: 'durationMinutes', code: 'cuts-running-sitting' }]);
      }
    }
    const written = await this.deps.exams.update(examId, before.version, this.change(draft));
    if (!written) return refuse('conflict', 'someone saved this exam meanwhile: reload it');
    if (before.sittings.opened > 0 && this.deps.sittings) {
      await this.deps.sittings.applyExamChange(examId, next, {
        userId: caller.id,
        role: caller.roles.includes('admin') ? 'admin' : 'examiner',
      });
    }
    return ok(await this.detail(examId));
  }

  async publish(examId: string, caller: UserView): Promise<Result<ExamDetail>> {
    const found = await this.authorised(examId, caller);
    if (!found.ok) return found;
    const d = await this.detail(found.value);
    if (d.exam.status === 'published') return ok(d);
    if (d.publishProblems.length) {
      return refuseWith('refused', d.publishProblems as AuthoringProblem[]);
    }
    if (!(await this.deps.exams.publish(examId, d.version, this.now()))) {
      return refuse('conflict', 'someone saved this exam meanwhile: reload it');
    }
    return ok(await this.detail(examId));
  }

  /** A new draft with everything of the original but its sittings, slots and task files. */
  async duplicate(examId: string, caller: UserView): Promise<Result<ExamDetail>> {
    const found = await this.authorised(examId, caller);
    if (!found.ok) return found;
    const d = await this.detail(found.value);
    const id = randomUUID();
    await this.deps.exams.create(
      { id, ...this.change(d.draft), kind: d.draft.kind, slots: [], status: 'draft' },
      this.now(),
    );
    return ok(await this.detail(id));
  }

  async delete(examId: string, caller: UserView): Promise<Result<{ ok: true }>> {
    const found = await this.authorised(examId, caller);
    if (!found.ok) return found;
    const problems = deleteProblems((await this.sittingsOf(examId)).opened);
    if (problems.length) return refuseWith('refused', problems);
    await this.deps.exams.delete(examId);
    return ok({ ok: true });
  }

  // Presets

  async listPresets(caller: UserView): Promise<Result<{ presets: PresetView[] }>> {
    const staff =
      caller.roles.includes('admin') ||
      caller.roles.includes('examiner') ||
      (await this.deps.courses.courseIdsWithRole(caller.id, ['examiner'])).length > 0;
    if (!staff) return refuse('forbidden', 'presets are for examiners and admins');
    return ok({ presets: await this.deps.exams.listPresets() });
  }

  async savePreset(presetId: string | null, body: PresetBody): Promise<Result<PresetView>> {
    if (presetId && !(await this.deps.exams.findPreset(presetId))) {
      return refuse('not-found', 'no such preset');
    }
    const problems = draftProblems(
      {
        kind: 'written',
        opensAt: 0,
        closesAt: Number.MAX_SAFE_INTEGER,
        durationMinutes: body.durationMinutes,
        liveProctoring: body.settings.liveProctoring,
        timeOut: body.settings.timeOut,
        media: body.settings.media,
        proctorIds: [],
        hasContent: true,
        slotCount: 0,
        locked: {},
      },
      [],
    );
    if (problems.length) return refuseWith('bad-request', problems);
    const id = presetId ?? randomUUID();
    await this.deps.exams.savePreset(id, body, this.now());
    return ok((await this.deps.exams.findPreset(id))!);
  }

  async deletePreset(presetId: string): Promise<Result<{ ok: true }>> {
    if (!(await this.deps.exams.deletePreset(presetId))) {
      return refuse('not-found', 'no such preset');
    }
    return ok({ ok: true });
  }

  // Helpers

  private now(): string {
    return this.deps.clock.now().toISOString();
  }

  private async mayAuthor(courseId: string, caller: UserView): Promise<boolean> {
    if (caller.roles.includes('admin'))
      return (await this.deps.courses.findById(courseId)) !== undefined;
    return (await this.deps.courses.rolesOf(courseId, caller.id)).includes('examiner');
  }

  /** The exam, if the caller authors it; a stranger learns nothing about it. */
  private async authorised(examId: string, caller: UserView): Promise<Result<string>> {
    const exam = await this.deps.exams.findById(examId);
    if (!exam) return refuse('not-found', 'no such exam');
    if (!(await this.mayAuthor(exam.courseId, caller))) {
      return refuse('forbidden', 'only an examiner of this course edits its exams');
    }
    return ok(examId);
  }

  private async proctorsOf(draft: ExamDraft): Promise<string[]> {
    const members = await this.deps.courses.listEnrolments(draft.courseId);
    return members.filter((m) => m.role === 'proctor').map((m) => m.userId);
  }

  private async sittingsOf(examId: string): Promise<{ opened: number; begun: number }> {
    const [written, oral] = await Promise.all([
      this.deps.sessions.listByExam(examId),
      this.deps.exams.oralSittingCounts(examId),
    ]);
    return {
      opened: written.length + oral.opened,
      begun: written.filter((s) => s.state.workStartedAt !== null).length + oral.begun,
    };
  }

  /** The draft as the domain's rules read it; `saved` counts what a saved exam already has. */
  private authored(
    draft: ExamDraft,
    saved: { taskFiles: number; slots: number } = { taskFiles: 0, slots: 0 },
  ): AuthoredExam {
    const files = saved.taskFiles;
    const slots = saved.slots;
    return {
      kind: draft.kind,
      opensAt: Date.parse(draft.opensAt),
      closesAt: Date.parse(draft.closesAt),
      durationMinutes: draft.durationMinutes,
      liveProctoring: draft.settings.liveProctoring,
      timeOut: draft.settings.timeOut,
      media: draft.settings.media,
      proctorIds: draft.proctoring.proctorIds,
      hasContent: hasText(draft.instructions) || hasText(draft.task) || files > 0,
      slotCount: slots,
      locked: lockedOf(draft),
    };
  }

  private change(draft: ExamDraft): ExamChange {
    return {
      courseId: draft.courseId,
      title: draft.title,
      opensAt: new Date(draft.opensAt).toISOString(),
      closesAt: new Date(draft.closesAt).toISOString(),
      durationMinutes: draft.durationMinutes,
      checkInLeadMinutes: draft.checkInLeadMinutes,
      rules: composeRules(draft.ruleSet),
      ruleSet: draft.ruleSet,
      settings: draft.settings,
      task: draft.task,
      instructions: draft.instructions,
      proctoring: draft.proctoring,
      presetId: draft.presetId,
    };
  }

  /** The exam as it will read once `draft` is saved (for the sittings' dry run). */
  private viewOf(exam: ExamView, draft: ExamDraft): ExamView {
    const c = this.change(draft);
    return {
      ...exam,
      title: c.title,
      instructions: c.instructions,
      opensAt: c.opensAt,
      closesAt: c.closesAt,
      durationMinutes: c.durationMinutes,
      checkInLeadMinutes: c.checkInLeadMinutes,
      rules: c.rules,
      settings: draft.settings,
    };
  }

  private async detail(examId: string): Promise<ExamDetail> {
    const exam = await this.deps.exams.findById(examId);
    if (!exam) throw new Error(`exam ${examId} vanished`);
    const [authoring, sittings, files, members] = await Promise.all([
      this.deps.exams.authoringOf(examId),
      this.sittingsOf(examId),
      this.deps.taskFiles.list(examId),
      this.deps.courses.listEnrolments(exam.courseId),
    ]);
    if (!authoring) throw new Error(`exam ${examId} vanished`);
    const draft: ExamDraft = {
      courseId: exam.courseId,
      kind: exam.kind,
      title: exam.title,
      instructions: exam.instructions,
      task: authoring.task,
      opensAt: exam.opensAt,
      closesAt: exam.closesAt,
      durationMinutes: exam.durationMinutes,
      checkInLeadMinutes: exam.checkInLeadMinutes,
      // An exam made before authoring keeps its rules text as the free text.
      ruleSet: authoring.ruleSet ?? { allowed: [], forbidden: [], extra: exam.rules },
      settings: exam.settings,
      proctoring: authoring.proctoring,
      presetId: authoring.presetId,
    };
    const authored = this.authored(draft, { taskFiles: files.length, slots: exam.slots.length });
    const courseProctors = members.filter((m) => m.role === 'proctor').map((m) => m.userId);
    return {
      exam,
      draft,
      version: authoring.version,
      publishedAt: authoring.publishedAt,
      sittings,
      editable: sittings.begun > 0 ? 'safe' : 'all',
      publishProblems:
        exam.status === 'published'
          ? []
          : publishProblems(authored, courseProctors, this.deps.clock.now().getTime()),
      taskFileCount: files.length,
    };
  }
}

/** Rich text with something in it: more than tags and white space. */
function hasText(html: string): boolean {
  return (
    html
      .replace(/<[^>]*>/g, '')
      .replace(/&nbsp;/g, ' ')
      .trim().length > 0
  );
}
