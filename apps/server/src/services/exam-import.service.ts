// The timetable import (ADR 0017): many exams at once from a CSV, with a preview and the errors
// per row. All rows or none: an import with any error creates nothing.
import { randomUUID } from 'node:crypto';
import { draftProblems, publishProblems, type AuthoredExam } from '@emtihan/domain';
import {
  DEFAULT_RULE_SET,
  EXAM_CSV_COLUMNS,
  EXAM_CSV_REQUIRED,
  ExamDraft,
  ExamSettings,
  composeRules,
  zonedToIso,
  type ExamImportReport,
  type ExamImportRow,
  type PresetView,
  type UserView,
} from '@emtihan/protocol';
import type { CourseRepo } from '../repositories/course.repo.ts';
import type { ExamRepo, NewExam } from '../repositories/exam.repo.ts';
import type { Clock } from './clock.ts';
import { columnNames, readCsv } from './csv.ts';
import { ok, type Result } from './result.ts';

export { EXAM_CSV_COLUMNS };
const REQUIRED = EXAM_CSV_REQUIRED;

type Column = (typeof EXAM_CSV_COLUMNS)[number];
type Code = ExamImportRow['errors'][number]['code'];
type Raw = Partial<Record<Column, string>> & { line: number };

interface Course {
  id: string;
  code: string;
  title: string;
  proctors: Map<string, string>; // login -> user id
}

const YES = ['yes', 'true', '1', 'иә', 'да'];

export class ExamImportService {
  constructor(
    private readonly deps: {
      exams: ExamRepo;
      courses: CourseRepo;
      clock: Clock;
      timeZone: string;
    },
  ) {}

  /** What the file would create, row by row; with `commit`, creates it if no row has an error. */
  async run(csv: string, caller: UserView, commit: boolean): Promise<Result<ExamImportReport>> {
    const table = readTimetable(csv);
    if ('fileErrors' in table) return ok({ rows: [], fileErrors: table.fileErrors, created: 0 });
    const [allCourses, presets] = await Promise.all([
      this.deps.courses.list(),
      this.deps.exams.listPresets(),
    ]);
    const courses = await this.coursesOf(caller, allCourses);
    const now = this.deps.clock.now();
    const made: { row: ExamImportRow; exam: NewExam | null }[] = table.rows.map((raw) =>
      this.row(raw, courses, allCourses, presets, now.getTime()),
    );
    const valid = made.every((m) => m.exam);
    let created = 0;
    if (commit && valid && made.length > 0) {
      await this.deps.exams.createMany(
        made.map((m) => m.exam!),
        now.toISOString(),
      );
      created = made.length;
    }
    return ok({
      rows: made.map((m) => ({
        ...m.row,
        examId: commit && valid ? (m.exam?.id ?? null) : null,
      })),
      fileErrors: [],
      created,
    });
  }

  private row(
    raw: Raw,
    mine: Map<string, Course>,
    all: { id: string; code: string; title: string }[],
    presets: PresetView[],
    now: number,
  ): { row: ExamImportRow; exam: NewExam | null } {
    const errors: ExamImportRow['errors'] = [];
    const err = (field: string, code: Code, message: string) =>
      errors.push({ field, code, message });
    const courseKey = (raw.course ?? '').trim();
    const known = all.find(
      (c) => c.id === courseKey || c.code === courseKey || c.title === courseKey,
    );
    const course = known && mine.get(known.id);
    if (!known) err('course', 'unknown-course', `no course "${courseKey}"`);
    else if (!course) err('course', 'not-your-course', 'you are not an examiner of this course');

    const presetName = (raw.preset ?? '').trim();
    const preset = presetName
      ? presets.find((p) => p.name === presetName)
      : presets.find((p) => p.isDefault);
    if (presetName && !preset) err('preset', 'unknown-preset', `no preset "${presetName}"`);

    const opensAt = this.instant(raw.opens_at);
    const closesAt = this.instant(raw.closes_at);
    if (!opensAt) err('opens_at', 'invalid', 'expected YYYY-MM-DD HH:MM');
    if (!closesAt) err('closes_at', 'invalid', 'expected YYYY-MM-DD HH:MM');

    const proctorIds: string[] = [];
    for (const login of (raw.proctors ?? '').split(/[\s,]+/).filter(Boolean)) {
      const id = course?.proctors.get(login);
      if (id) proctorIds.push(id);
      else if (course)
        err('proctors', 'unknown-proctor', `${login} is not a proctor of the course`);
    }
    const instructions = (raw.instructions ?? '').trim();
    const candidate = {
      courseId: course?.id ?? known?.id ?? 'unknown',
      kind: (raw.kind ?? 'written').trim().toLowerCase() || 'written',
      title: raw.title ?? '',
      instructions: instructions ? `<p>${escapeHtml(instructions)}</p>` : '',
      task: '',
      opensAt: opensAt ?? '',
      closesAt: closesAt ?? '',
      durationMinutes: Number((raw.duration_minutes ?? '').trim() || Number.NaN),
      checkInLeadMinutes: preset?.checkInLeadMinutes ?? 20,
      ruleSet: preset?.ruleSet ?? DEFAULT_RULE_SET,
      settings: preset?.settings ?? ExamSettings.parse({}),
      proctoring: { proctorIds, maxSittingsEach: null },
      presetId: preset?.id ?? null,
    };
    const parsed = ExamDraft.safeParse(candidate);
    if (!parsed.success) {
      for (const i of parsed.error.issues) {
        const field = COLUMN_OF[String(i.path[0])] ?? String(i.path[0]);
        if (!errors.some((e) => e.field === field)) err(field, 'invalid', i.message);
      }
    }
    const publish = YES.includes((raw.publish ?? '').trim().toLowerCase());
    if (parsed.success && course) {
      const d = parsed.data;
      const authored: AuthoredExam = {
        kind: d.kind,
        opensAt: Date.parse(d.opensAt),
        closesAt: Date.parse(d.closesAt),
        durationMinutes: d.durationMinutes,
        liveProctoring: d.settings.liveProctoring,
        timeOut: d.settings.timeOut,
        media: d.settings.media,
        proctorIds: d.proctoring.proctorIds,
        hasContent: instructions.length > 0,
        slotCount: 0,
        locked: {},
      };
      const proctors = [...course.proctors.values()];
      const problems = publish
        ? publishProblems(authored, proctors, now)
        : draftProblems(authored, proctors);
      for (const p of problems) err(COLUMN_OF[p.field] ?? p.field, p.code, p.code);
    }
    const row: ExamImportRow = {
      line: raw.line,
      title: raw.title ?? '',
      course: courseKey,
      opensAt,
      closesAt,
      errors,
      examId: null,
    };
    if (errors.length || !parsed.success) return { row, exam: null };
    const d = parsed.data;
    return {
      row,
      exam: {
        id: randomUUID(),
        courseId: d.courseId,
        kind: d.kind,
        title: d.title,
        opensAt: d.opensAt,
        closesAt: d.closesAt,
        durationMinutes: d.durationMinutes,
        checkInLeadMinutes: d.checkInLeadMinutes,
        rules: composeRules(d.ruleSet),
        ruleSet: d.ruleSet,
        settings: d.settings,
        instructions: d.instructions,
        proctoring: d.proctoring,
        presetId: d.presetId,
        slots: [],
        status: publish ? 'published' : 'draft',
      },
    };
  }

  /** `YYYY-MM-DD HH:MM` in the university's zone, or an ISO-8601 instant with its offset. */
  private instant(text: string | undefined): string | null {
    const t = (text ?? '').trim();
    const m = /^(\d{4}-\d{2}-\d{2})[ T](\d{1,2}:\d{2})$/.exec(t);
    if (m) return zonedToIso(m[1]!, m[2]!, this.deps.timeZone);
    if (/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2})$/.test(t)) {
      const ms = Date.parse(t);
      return Number.isFinite(ms) ? new Date(ms).toISOString() : null;
    }
    return null;
  }

  /** The courses, of `all`, where the caller authors exams, with their proctors by login. */
  private async coursesOf(
    caller: UserView,
    all: { id: string; code: string; title: string }[],
  ): Promise<Map<string, Course>> {
    const { courses } = this.deps;
    const ids = caller.roles.includes('admin')
      ? all.map((c) => c.id)
      : await courses.courseIdsWithRole(caller.id, ['examiner']);
    const out = new Map<string, Course>();
    for (const id of ids) {
      const c = all.find((x) => x.id === id);
      if (!c) continue;
      const members = await courses.listEnrolments(id);
      out.set(id, {
        id,
        code: c.code,
        title: c.title,
        proctors: new Map(
          members.filter((m) => m.role === 'proctor').map((m) => [m.login, m.userId]),
        ),
      });
    }
    return out;
  }
}

/** Draft fields as the CSV's columns, so an error names the column the person typed. */
const COLUMN_OF: Record<string, string> = {
  courseId: 'course',
  opensAt: 'opens_at',
  closesAt: 'closes_at',
  durationMinutes: 'duration_minutes',
  'proctoring.proctorIds': 'proctors',
  proctoring: 'proctors',
  instructions: 'instructions',
  kind: 'kind',
  title: 'title',
};

function escapeHtml(s: string): string {
  return s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

/** The CSV's rows by column name, or what is wrong with the file as a whole. */
function readTimetable(
  text: string,
): { rows: Raw[] } | { fileErrors: ExamImportReport['fileErrors'] } {
  const table = readCsv(text);
  if ('syntaxError' in table) {
    return { fileErrors: [{ code: 'csv-syntax', message: table.syntaxError }] };
  }
  const [header, ...body] = table.records;
  const names = columnNames(header);
  const missing = REQUIRED.filter((c) => !names.includes(c));
  const unknown = names.filter((n) => !(EXAM_CSV_COLUMNS as readonly string[]).includes(n));
  const fileErrors: ExamImportReport['fileErrors'] = [
    ...missing.map((c) => ({ code: 'missing-column' as const, message: c })),
    ...unknown.map((c) => ({ code: 'unknown-column' as const, message: c })),
  ];
  if (fileErrors.length) return { fileErrors };
  if (body.length === 0) return { fileErrors: [{ code: 'no-rows', message: 'no rows' }] };
  return {
    rows: body.map((cells, i) => {
      const raw: Raw = { line: i + 2 };
      names.forEach((n, k) => (raw[n as Column] = cells[k] ?? ''));
      return raw;
    }),
  };
}
