// All SQL about exams, their presets and oral slots.
import {
  ExamSettings,
  type ExamKind,
  type ExamStatus,
  type ExamView,
  type PresetBody,
  type PresetView,
  type Proctoring,
  type RuleSet,
  type Translated,
} from '@emtihan/protocol';
import type { Transaction } from 'kysely';
import type { Db } from '../db/database.ts';
import type { Database } from '../db/schema.ts';

export interface NewExam {
  id: string;
  courseId: string;
  kind: ExamKind;
  title: string;
  opensAt: string;
  closesAt: string;
  durationMinutes: number;
  checkInLeadMinutes: number;
  rules: Translated;
  settings: Partial<ExamSettings>;
  task?: string;
  slots: { id: string; startsAt: string; lengthMinutes: number }[];
  /** Absent: published at once (the demo, LMS links). */
  status?: ExamStatus;
  instructions?: string;
  ruleSet?: RuleSet | null;
  proctoring?: Proctoring;
  presetId?: string | null;
}

/** What authoring keeps beside the view: the rule checklist, proctors, version. */
export interface ExamAuthoring {
  ruleSet: RuleSet | null;
  proctoring: Proctoring;
  presetId: string | null;
  version: number;
  publishedAt: string | null;
  task: string;
}

/** The fields an edit writes (everything the examiner's form holds). */
export type ExamChange = Omit<NewExam, 'id' | 'slots' | 'status' | 'kind' | 'courseId'> & {
  courseId: string;
  ruleSet: RuleSet;
  proctoring: Proctoring;
  presetId: string | null;
  instructions: string;
  task: string;
};

const NO_PROCTORING: Proctoring = { proctorIds: [], maxSittingsEach: null };

export class ExamRepo {
  constructor(private readonly db: Db) {}

  async create(e: NewExam, now: string): Promise<void> {
    await this.createMany([e], now);
  }

  /** Several exams in one transaction: all of them or none (the timetable import). */
  async createMany(list: NewExam[], now: string): Promise<void> {
    await this.db.transaction().execute(async (trx) => {
      for (const e of list) await this.insertIn(trx, e, now);
    });
  }

  private async insertIn(trx: Transaction<Database>, e: NewExam, now: string): Promise<void> {
    {
      const status = e.status ?? 'published';
      await trx
        .insertInto('exams')
        .values({
          id: e.id,
          course_id: e.courseId,
          kind: e.kind,
          title: e.title,
          opens_at: e.opensAt,
          closes_at: e.closesAt,
          duration_minutes: e.durationMinutes,
          check_in_lead_minutes: e.checkInLeadMinutes,
          rules: JSON.stringify(e.rules),
          settings: JSON.stringify(e.settings),
          task: e.task ?? '',
          created_at: now,
          status,
          instructions: e.instructions ?? '',
          rule_set: e.ruleSet ? JSON.stringify(e.ruleSet) : null,
          proctoring: JSON.stringify(e.proctoring ?? NO_PROCTORING),
          preset_id: e.presetId ?? null,
          published_at: status === 'published' ? now : null,
        })
        .execute();
      if (e.slots.length) {
        await trx
          .insertInto('oral_slots')
          .values(
            e.slots.map((s) => ({
              id: s.id,
              exam_id: e.id,
              starts_at: s.startsAt,
              length_minutes: s.lengthMinutes,
            })),
          )
          .execute();
      }
    }
  }

  /**
   * Writes an edit if the exam is still at `version` (optimistic: two examiners saving at once
   * do not overwrite each other). False when someone saved in between.
   */
  async update(id: string, version: number, c: ExamChange): Promise<boolean> {
    const r = await this.db
      .updateTable('exams')
      .set({
        course_id: c.courseId,
        title: c.title,
        opens_at: c.opensAt,
        closes_at: c.closesAt,
        duration_minutes: c.durationMinutes,
        check_in_lead_minutes: c.checkInLeadMinutes,
        rules: JSON.stringify(c.rules),
        settings: JSON.stringify(c.settings),
        task: c.task,
        instructions: c.instructions,
        rule_set: JSON.stringify(c.ruleSet),
        proctoring: JSON.stringify(c.proctoring),
        preset_id: c.presetId,
        version: version + 1,
      })
      .where('id', '=', id)
      .where('version', '=', version)
      .executeTakeFirst();
    return Number(r.numUpdatedRows) === 1;
  }

  async publish(id: string, version: number, now: string): Promise<boolean> {
    const r = await this.db
      .updateTable('exams')
      .set({ status: 'published', published_at: now, version: version + 1 })
      .where('id', '=', id)
      .where('version', '=', version)
      .executeTakeFirst();
    return Number(r.numUpdatedRows) === 1;
  }

  /** Removes an exam with nothing hanging on it (the service checks there are no sittings). */
  async delete(id: string): Promise<void> {
    await this.db.transaction().execute(async (trx) => {
      await trx.deleteFrom('exam_task_files').where('exam_id', '=', id).execute();
      await trx.deleteFrom('oral_slots').where('exam_id', '=', id).execute();
      await trx.deleteFrom('exams').where('id', '=', id).execute();
    });
  }

  async findById(id: string): Promise<ExamView | undefined> {
    return (await this.list((q) => q.where('exams.id', '=', id)))[0];
  }

  async authoringOf(id: string): Promise<ExamAuthoring | undefined> {
    const r = await this.db
      .selectFrom('exams')
      .select(['rule_set', 'proctoring', 'preset_id', 'version', 'published_at', 'task'])
      .where('id', '=', id)
      .executeTakeFirst();
    if (!r) return undefined;
    return {
      ruleSet: r.rule_set ? (JSON.parse(r.rule_set) as RuleSet) : null,
      proctoring: JSON.parse(r.proctoring) as Proctoring,
      presetId: r.preset_id,
      version: Number(r.version),
      publishedAt: r.published_at,
      task: r.task,
    };
  }

  /** The task text, for those allowed to see it (the service decides when). */
  async task(id: string): Promise<string | undefined> {
    const r = await this.db
      .selectFrom('exams')
      .select('task')
      .where('id', '=', id)
      .executeTakeFirst();
    return r?.task;
  }

  /** Exams of the given courses, or of all courses when `courseIds` is 'all'. */
  async listForCourses(
    courseIds: string[] | 'all',
    opts: { publishedOnly?: boolean } = {},
  ): Promise<ExamView[]> {
    if (courseIds !== 'all' && courseIds.length === 0) return [];
    return this.list((q) => {
      const scoped = courseIds === 'all' ? q : q.where('exams.course_id', 'in', courseIds);
      return opts.publishedOnly ? scoped.where('exams.status', '=', 'published') : scoped;
    });
  }

  /** Oral sittings of the exam: opened (a student joined a slot) and begun (past joining). */
  async oralSittingCounts(examId: string): Promise<{ opened: number; begun: number }> {
    const rows = await this.db
      .selectFrom('oral_sessions')
      .select('status')
      .where('exam_id', '=', examId)
      .execute();
    return {
      opened: rows.length,
      begun: rows.filter((r) => r.status !== 'not_joined' && r.status !== 'waiting_room').length,
    };
  }

  // Presets (admin): a university's starting points for new exams.

  async listPresets(): Promise<PresetView[]> {
    const rows = await this.db.selectFrom('exam_presets').selectAll().orderBy('name').execute();
    return rows.map(presetOf);
  }

  async findPreset(id: string): Promise<PresetView | undefined> {
    const r = await this.db
      .selectFrom('exam_presets')
      .selectAll()
      .where('id', '=', id)
      .executeTakeFirst();
    return r ? presetOf(r) : undefined;
  }

  /** Inserts or replaces a preset; a new default takes the mark from the old one. */
  async savePreset(id: string, p: PresetBody, now: string): Promise<void> {
    const { name, isDefault, ...body } = p;
    await this.db.transaction().execute(async (trx) => {
      if (isDefault) {
        await trx
          .updateTable('exam_presets')
          .set({ is_default: 0 })
          .where('id', '!=', id)
          .execute();
      }
      const values = {
        name,
        is_default: isDefault ? 1 : 0,
        body: JSON.stringify(body),
        updated_at: now,
      };
      const updated = await trx
        .updateTable('exam_presets')
        .set(values)
        .where('id', '=', id)
        .executeTakeFirst();
      if (Number(updated.numUpdatedRows) === 0) {
        await trx
          .insertInto('exam_presets')
          .values({ id, ...values, created_at: now })
          .execute();
      }
    });
  }

  async deletePreset(id: string): Promise<boolean> {
    const r = await this.db.deleteFrom('exam_presets').where('id', '=', id).executeTakeFirst();
    return Number(r.numDeletedRows) === 1;
  }

  private base() {
    return this.db
      .selectFrom('exams')
      .innerJoin('courses', 'courses.id', 'exams.course_id')
      .selectAll('exams')
      .select('courses.title as course_title');
  }

  private async list(
    where: (q: ReturnType<ExamRepo['base']>) => ReturnType<ExamRepo['base']>,
  ): Promise<ExamView[]> {
    const rows = await where(this.base())
      .orderBy('exams.opens_at')
      .orderBy('exams.title')
      .execute();
    if (rows.length === 0) return [];
    const slots = await this.db
      .selectFrom('oral_slots')
      .selectAll()
      .where(
        'exam_id',
        'in',
        rows.map((r) => r.id),
      )
      .orderBy('starts_at')
      .execute();
    return rows.map((r) => ({
      id: r.id,
      status: r.status as ExamStatus,
      instructions: r.instructions,
      courseId: r.course_id,
      courseTitle: r.course_title,
      kind: r.kind as ExamKind,
      title: r.title,
      opensAt: r.opens_at,
      closesAt: r.closes_at,
      durationMinutes: Number(r.duration_minutes),
      checkInLeadMinutes: Number(r.check_in_lead_minutes),
      rules: JSON.parse(r.rules) as Translated,
      // Defaults fill what an older exam did not say.
      settings: ExamSettings.parse(JSON.parse(r.settings)),
      slots: slots
        .filter((s) => s.exam_id === r.id)
        .map((s) => ({ id: s.id, startsAt: s.starts_at, lengthMinutes: Number(s.length_minutes) })),
    }));
  }
}

function presetOf(r: {
  id: string;
  name: string;
  is_default: number | string;
  body: string;
  updated_at: string;
}): PresetView {
  const body = JSON.parse(r.body) as Omit<PresetBody, 'name' | 'isDefault'>;
  return {
    id: r.id,
    name: r.name,
    isDefault: Number(r.is_default) === 1,
    durationMinutes: body.durationMinutes,
    checkInLeadMinutes: body.checkInLeadMinutes,
    ruleSet: body.ruleSet,
    // Defaults fill what a preset saved by an older version did not say.
    settings: ExamSettings.parse(body.settings),
    updatedAt: r.updated_at,
  };
}
