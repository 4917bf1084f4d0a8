// Use cases of accommodations (ADR 0018): the office (admins and the `accommodations` duty) keeps
// students' profiles, one at a time or by CSV; an exam's examiners give one student an override;
// a student reads their own. Ranges are the domain's rules; each write goes with its history
// entry (who, when, why, before, after) in one transaction, then reaches the student's sittings
// not ended (`amend-terms`), so a running timer follows at once.
import { randomUUID } from 'node:crypto';
import {
  accommodationProblems,
  changesAnything,
  overrideProblems,
  validOn,
  type Accommodation,
} from '@emtihan/domain';
import {
  ACCOMMODATION_CSV_COLUMNS,
  AccommodationBody,
  type AccommodationDetail,
  type AccommodationImportReport,
  type AccommodationView,
  type ExamAccommodationRow,
  type ExamAccommodationsResponse,
  type ExamOverrideBody,
  type ExamView,
  type MyAccommodationResponse,
  type RemovalBody,
  type UserView,
} from '@emtihan/protocol';
import type {
  AccommodationRepo,
  ChangeAction,
  NewChange,
  StoredOverride,
  StoredProfile,
} from '../repositories/accommodation.repo.ts';
import type { CourseRepo } from '../repositories/course.repo.ts';
import type { ExamRepo } from '../repositories/exam.repo.ts';
import type { UserRepo } from '../repositories/user.repo.ts';
import type { Clock } from './clock.ts';
import { columnNames, readCsv } from './csv.ts';
import { dayIn, effectOf, profileOn, studentTerms, termsSummary } from './accommodation-terms.ts';
import { ok, refuse, type Refusal, type Result } from './result.ts';

/** What a change asks of the sittings (ExamSessionService.applyStudentTerms). */
export interface StudentTermsPort {
  applyStudentTerms(
    studentId: string,
    actor: { userId: string; role: 'examiner' | 'admin' },
    examId?: string,
  ): Promise<number>;
}

/** Problems the server finds beside the domain's: by field, with a stable code. */
type Issue = { field: string; code: string };

/** A refusal that names its fields, as the authoring service's: the web shows each code there. */
const refuseWith = (problems: Issue[]): Refusal => ({
  ok: false,
  reason: 'bad-request',
  message: problems.map((p) => `${p.field}: ${p.code}`).join('; '),
  detail: problems[0]?.code,
  issues: problems.map((p) => ({ path: p.field, message: p.code })),
});

const UNKNOWN_STUDENT: Issue = { field: 'studentId', code: 'unknown-student' };

type Column = (typeof ACCOMMODATION_CSV_COLUMNS)[number];
type ImportRow = AccommodationImportReport['rows'][number];
type ImportCode = ImportRow['errors'][number]['code'];

/** The profile's fields as the CSV's columns, so an error names the column the person typed. */
const COLUMN_OF: Record<string, Column> = {
  timeFactor: 'time_factor',
  extraMinutes: 'extra_minutes',
  breakMinutes: 'break_minutes',
  skippedChecks: 'skip_checks',
  proctorNote: 'proctor_note',
  documentRef: 'document_ref',
  validUntil: 'valid_until',
};

export class AccommodationService {
  constructor(
    private readonly deps: {
      accommodations: AccommodationRepo;
      users: UserRepo;
      courses: CourseRepo;
      exams: ExamRepo;
      clock: Clock;
      timeZone: string;
      sittings?: StudentTermsPort;
    },
  ) {}

  // ---- the office's profiles -------------------------------------------------------------

  async list(): Promise<AccommodationView[]> {
    const [profiles, users] = await Promise.all([
      this.deps.accommodations.profiles(),
      this.deps.users.list(),
    ]);
    const byId = new Map(users.map((u) => [u.id, u]));
    return profiles
      .map((p) => this.view(p, byId))
      .sort((a, b) => a.studentName.localeCompare(b.studentName));
  }

  async get(studentId: string): Promise<Result<AccommodationDetail>> {
    const student = await this.student(studentId);
    if (!student) return refuse('not-found', 'no such student');
    const [profile, history] = await Promise.all([
      this.deps.accommodations.findProfile(studentId),
      this.deps.accommodations.history(studentId),
    ]);
    return ok({
      accommodation: profile ? await this.viewOf(profile) : null,
      history: history.map((c) => ({
        at: c.at,
        action: c.action,
        byName: c.actorName,
        reason: c.reason,
        examId: c.examId,
        examTitle: c.examTitle,
        before: c.before,
        after: c.after,
      })),
    });
  }

  async set(
    studentId: string,
    body: AccommodationBody,
    caller: UserView,
  ): Promise<Result<AccommodationView>> {
    if (!(await this.student(studentId))) return refuseWith([UNKNOWN_STUDENT]);
    const problems = accommodationProblems(
      effectOfBody(body),
      await this.longestExamMinutes(studentId),
    );
    if (problems.length) return refuseWith(problems);
    const before = await this.deps.accommodations.findProfile(studentId);
    const profile = this.profileOf(studentId, body, caller);
    await this.deps.accommodations.saveProfiles([
      {
        profile,
        change: this.change(studentId, null, 'profile-set', caller, body.reason, before, profile),
      },
    ]);
    await this.reachSittings(studentId, caller);
    return ok(await this.viewOf(profile));
  }

  async remove(
    studentId: string,
    body: RemovalBody,
    caller: UserView,
  ): Promise<Result<{ ok: true }>> {
    const before = await this.deps.accommodations.findProfile(studentId);
    if (!before) return refuse('not-found', 'this student has no accommodation');
    const removed = await this.deps.accommodations.removeProfile(
      studentId,
      this.change(studentId, null, 'profile-removed', caller, body.reason, before, null),
    );
    if (!removed) return refuse('not-found', 'this student has no accommodation');
    await this.reachSittings(studentId, caller);
    return ok({ ok: true });
  }

  /**
   * Profiles from a CSV (columns `ACCOMMODATION_CSV_COLUMNS`, `login` required): a report per row;
   * with `commit`, all rows are saved if none has an error, else nothing.
   */
  async import(
    csv: string,
    commit: boolean,
    reason: string,
    caller: UserView,
  ): Promise<Result<AccommodationImportReport>> {
    const table = readProfiles(csv);
    if ('fileErrors' in table) {
      return ok({ rows: [], fileErrors: table.fileErrors, valid: false, imported: 0 });
    }
    const students = new Map(
      (await this.deps.users.list())
        .filter((u) => u.roles.includes('student'))
        .map((u) => [u.login, u.id]),
    );
    const seen = new Set<string>();
    const rows: { row: ImportRow; profile: StoredProfile | null }[] = [];
    for (const raw of table.rows) {
      const errors: ImportRow['errors'] = [];
      const err = (field: string, code: ImportCode, message: string) =>
        errors.push({ field, code, message });
      const login = (raw.login ?? '').trim();
      const studentId = students.get(login);
      if (!studentId) err('login', 'unknown-student', `no student "${login}"`);
      else if (seen.has(login)) err('login', 'duplicate', `${login} appears twice`);
      seen.add(login);
      const candidate = {
        timeFactor: numberIn(raw.time_factor, 1),
        extraMinutes: numberIn(raw.extra_minutes, 0),
        breakMinutes: numberIn(raw.break_minutes, 0),
        skippedChecks: (raw.skip_checks ?? '').split(/[\s,;]+/).filter(Boolean),
        proctorNote: raw.proctor_note ?? '',
        documentRef: raw.document_ref ?? '',
        validUntil: (raw.valid_until ?? '').trim() || null,
        reason,
      };
      const parsed = AccommodationBody.safeParse(candidate);
      if (!parsed.success) {
        for (const i of parsed.error.issues) {
          const field = COLUMN_OF[String(i.path[0])] ?? String(i.path[0]);
          if (errors.some((e) => e.field === field)) continue;
          if (field === 'skip_checks') err(field, 'unknown-check', i.message);
          else err(field, 'invalid', i.message);
        }
      } else if (studentId) {
        const longest = await this.longestExamMinutes(studentId);
        for (const p of accommodationProblems(effectOfBody(parsed.data), longest)) {
          const field = COLUMN_OF[p.field] ?? p.field;
          if (!errors.some((e) => e.field === field)) err(field, p.code as ImportCode, p.code);
        }
      }
      rows.push({
        row: { line: raw.line, login, errors },
        profile:
          errors.length === 0 && parsed.success && studentId
            ? this.profileOf(studentId, parsed.data, caller)
            : null,
      });
    }
    const valid = rows.every((r) => r.profile !== null);
    let imported = 0;
    if (commit && valid) {
      const list = [];
      for (const { profile } of rows) {
        const p = profile!;
        const before = await this.deps.accommodations.findProfile(p.studentId);
        list.push({
          profile: p,
          change: this.change(p.studentId, null, 'profile-set', caller, reason, before, p),
        });
      }
      await this.deps.accommodations.saveProfiles(list);
      imported = list.length;
      for (const { profile } of list) await this.reachSittings(profile.studentId, caller);
    }
    return ok({ rows: rows.map((r) => r.row), fileErrors: [], valid, imported });
  }

  // ---- the student's own ------------------------------------------------------------------

  /** The caller's own profile, without the document reference. */
  async mine(caller: UserView): Promise<MyAccommodationResponse> {
    const p = await this.deps.accommodations.findProfile(caller.id);
    if (!p) return { accommodation: null };
    return {
      accommodation: { ...effectOf(p), validUntil: p.validUntil, active: this.activeToday(p) },
    };
  }

  // ---- an exam's examiners -----------------------------------------------------------------

  /** The course's students with an accommodation or override, as the examiner sees them. */
  async examRows(examId: string, caller: UserView): Promise<Result<ExamAccommodationsResponse>> {
    const exam = await this.authorised(examId, caller);
    if (!exam.ok) return exam;
    return ok(await this.rowsOf(exam.value));
  }

  async setOverride(
    examId: string,
    studentId: string,
    body: ExamOverrideBody,
    caller: UserView,
  ): Promise<Result<ExamAccommodationsResponse>> {
    const found = await this.authorised(examId, caller);
    if (!found.ok) return found;
    const exam = found.value;
    if (!(await this.deps.courses.rolesOf(exam.courseId, studentId)).includes('student')) {
      return refuseWith([UNKNOWN_STUDENT]);
    }
    const issues: Issue[] = [];
    if ((body.opensAt === null) !== (body.closesAt === null)) {
      issues.push({
        field: body.opensAt === null ? 'opensAt' : 'closesAt',
        code: 'window-incomplete',
      });
    }
    const window =
      body.opensAt !== null && body.closesAt !== null
        ? { opensAt: Date.parse(body.opensAt), closesAt: Date.parse(body.closesAt) }
        : null;
    issues.push(
      ...overrideProblems(
        { window, extraMinutes: body.extraMinutes },
        { opensAt: Date.parse(exam.opensAt), durationMinutes: exam.durationMinutes },
      ),
    );
    if (issues.length) return refuseWith(issues);
    const before = await this.deps.accommodations.findOverride(examId, studentId);
    const now = this.deps.clock.now().toISOString();
    const override: StoredOverride = {
      examId,
      studentId,
      opensAt: window ? new Date(window.opensAt).toISOString() : null,
      closesAt: window ? new Date(window.closesAt).toISOString() : null,
      extraMinutes: body.extraMinutes,
      reason: body.reason,
      updatedAt: now,
      updatedBy: caller.id,
    };
    await this.deps.accommodations.saveOverride(
      override,
      this.change(studentId, examId, 'override-set', caller, body.reason, before, override),
    );
    await this.reachSittings(studentId, caller, examId);
    return ok(await this.rowsOf(exam));
  }

  async removeOverride(
    examId: string,
    studentId: string,
    body: RemovalBody,
    caller: UserView,
  ): Promise<Result<ExamAccommodationsResponse>> {
    const found = await this.authorised(examId, caller);
    if (!found.ok) return found;
    const before = await this.deps.accommodations.findOverride(examId, studentId);
    const removed =
      before &&
      (await this.deps.accommodations.removeOverride(
        examId,
        studentId,
        this.change(studentId, examId, 'override-removed', caller, body.reason, before, null),
      ));
    if (!removed) return refuse('not-found', 'this student has no override for this exam');
    await this.reachSittings(studentId, caller, examId);
    return ok(await this.rowsOf(found.value));
  }

  // ---- helpers ----------------------------------------------------------------------------

  private async rowsOf(exam: ExamView): Promise<ExamAccommodationsResponse> {
    const members = (await this.deps.courses.listEnrolments(exam.courseId)).filter(
      (m) => m.role === 'student',
    );
    const ids = members.map((m) => m.userId);
    const [profiles, overrides] = await Promise.all([
      this.deps.accommodations.profiles(ids),
      this.deps.accommodations.overridesOfExam(exam.id),
    ]);
    const profileOf = new Map(profiles.map((p) => [p.studentId, p]));
    const overrideFor = new Map(overrides.map((o) => [o.studentId, o]));
    const rows: ExamAccommodationRow[] = [];
    for (const m of members) {
      const profile = profileOf.get(m.userId) ?? null;
      const override = overrideFor.get(m.userId) ?? null;
      const opensAt = override?.opensAt ? Date.parse(override.opensAt) : Date.parse(exam.opensAt);
      const effect = profileOn(profile, opensAt, this.deps.timeZone);
      const shown = effect && changesAnything(effect) ? effect : null;
      if (!shown && !override) continue;
      rows.push({
        studentId: m.userId,
        studentName: m.fullName,
        // The effect only: never the document, nor why the office set it.
        effect: shown,
        override: override && {
          opensAt: override.opensAt,
          closesAt: override.closesAt,
          extraMinutes: override.extraMinutes,
          reason: override.reason,
        },
        ...termsSummary(studentTerms(exam, { profile, override }, this.deps.timeZone)),
      });
    }
    return {
      examDurationMinutes: exam.durationMinutes,
      rows,
      students: members.map((m) => ({ id: m.userId, fullName: m.fullName, login: m.login })),
    };
  }

  /** The exam, if the caller is its course's examiner or an admin; a stranger learns nothing. */
  private async authorised(examId: string, caller: UserView): Promise<Result<ExamView>> {
    const exam = await this.deps.exams.findById(examId);
    if (!exam) return refuse('not-found', 'no such exam');
    const allowed =
      caller.roles.includes('admin') ||
      (await this.deps.courses.rolesOf(exam.courseId, caller.id)).includes('examiner');
    if (!allowed) return refuse('forbidden', 'only an examiner of this course edits its exams');
    return ok(exam);
  }

  /** A student's account (a user with the student role), or undefined. */
  private async student(id: string): Promise<UserView | undefined> {
    const u = await this.deps.users.findById(id);
    return u?.roles.includes('student') ? u : undefined;
  }

  /** The longest written exam of the student's courses (breaks must be shorter). */
  private async longestExamMinutes(studentId: string): Promise<number | undefined> {
    const courseIds = await this.deps.courses.courseIdsWithRole(studentId, ['student']);
    if (courseIds.length === 0) return undefined;
    const written = (await this.deps.exams.listForCourses(courseIds)).filter(
      (e) => e.kind === 'written',
    );
    return written.length ? Math.max(...written.map((e) => e.durationMinutes)) : undefined;
  }

  private profileOf(studentId: string, body: AccommodationBody, caller: UserView): StoredProfile {
    return {
      studentId,
      ...effectOfBody(body),
      proctorNote: body.proctorNote.trim(),
      documentRef: body.documentRef.trim(),
      validUntil: body.validUntil,
      updatedAt: this.deps.clock.now().toISOString(),
      updatedBy: caller.id,
    };
  }

  private change(
    studentId: string,
    examId: string | null,
    action: ChangeAction,
    caller: UserView,
    reason: string,
    before: StoredProfile | StoredOverride | undefined | null,
    after: StoredProfile | StoredOverride | null,
  ): NewChange {
    return {
      id: randomUUID(),
      studentId,
      examId,
      action,
      actorId: caller.id,
      at: this.deps.clock.now().toISOString(),
      reason,
      before: before ? recordOf(before) : null,
      after: after ? recordOf(after) : null,
    };
  }

  /** The student's sittings not ended take their new terms; the actor as the domain knows it. */
  private async reachSittings(studentId: string, caller: UserView, examId?: string) {
    const role = examId !== undefined && !caller.roles.includes('admin') ? 'examiner' : 'admin';
    await this.deps.sittings?.applyStudentTerms(studentId, { userId: caller.id, role }, examId);
  }

  private activeToday(p: StoredProfile): boolean {
    return validOn(p.validUntil, dayIn(this.deps.clock.now().getTime(), this.deps.timeZone));
  }

  private async viewOf(p: StoredProfile): Promise<AccommodationView> {
    const ids = [...new Set([p.studentId, p.updatedBy])];
    const users = await Promise.all(ids.map((id) => this.deps.users.findById(id)));
    return this.view(p, new Map(users.flatMap((u) => (u ? [[u.id, u] as const] : []))));
  }

  private view(p: StoredProfile, users: Map<string, UserView>): AccommodationView {
    const student = users.get(p.studentId);
    return {
      studentId: p.studentId,
      studentName: student?.fullName ?? p.studentId,
      studentLogin: student?.login ?? '',
      ...effectOf(p),
      proctorNote: p.proctorNote,
      documentRef: p.documentRef,
      validUntil: p.validUntil,
      active: this.activeToday(p),
      updatedAt: p.updatedAt,
      updatedBy: users.get(p.updatedBy)?.fullName ?? p.updatedBy,
    };
  }
}

const effectOfBody = (b: AccommodationBody): Accommodation => ({
  timeFactor: b.timeFactor,
  extraMinutes: b.extraMinutes,
  breakMinutes: b.breakMinutes,
  skippedChecks: [...b.skippedChecks],
});

/** A profile or override as its history records it (who and when are the entry's own). */
function recordOf(x: StoredProfile | StoredOverride): Record<string, unknown> {
  const { updatedAt: _, updatedBy: __, studentId: ___, ...rest } = x;
  if ('examId' in rest) {
    const { examId: _e, ...o } = rest;
    return o;
  }
  return rest;
}

/** A number cell; empty: the default; not a number: NaN (the schema then names the column). */
function numberIn(cell: string | undefined, empty: number): number {
  const t = (cell ?? '').trim().replace(',', '.');
  return t === '' ? empty : Number(t);
}

type Raw = Partial<Record<Column, string>> & { line: number };

/** The CSV's rows by column name, or what is wrong with the file as a whole. */
function readProfiles(
  text: string,
): { rows: Raw[] } | { fileErrors: AccommodationImportReport['fileErrors'] } {
  const table = readCsv(text);
  if ('syntaxError' in table) {
    return { fileErrors: [{ code: 'csv-syntax', message: table.syntaxError }] };
  }
  const [header, ...body] = table.records;
  const names = columnNames(header);
  const unknown = names.filter(
    (n) => !(ACCOMMODATION_CSV_COLUMNS as readonly string[]).includes(n),
  );
  const fileErrors: AccommodationImportReport['fileErrors'] = [
    ...(names.includes('login') ? [] : [{ code: 'missing-column' as const, message: 'login' }]),
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
