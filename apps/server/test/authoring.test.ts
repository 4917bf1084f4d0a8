// Exam authoring through the API as the examiner's form uses it (ADR 0017): drafts students
// never see, publishing checks, bad input explained by field, safe changes after sittings begin.
import { createHash } from 'node:crypto';
import {
  DEFAULT_RULE_SET,
  ExamSettings,
  type ExamDetail,
  type ExamDraftInput,
} from '@emtihan/protocol';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TestClient } from './client.ts';
import { startTestServer, type TestServer } from './harness.ts';
import { tinyPicture } from './pictures.ts';

let server: TestServer;
const as: Record<string, TestClient> = {};
let courseId: string;
let proctorId: string;

beforeAll(async () => {
  server = await startTestServer();
  for (const login of ['admin', 'examiner1', 'proctor1', 'student1', 'student2']) {
    as[login] = new TestClient(server.url);
    await as[login].login(login);
  }
  const courses = (await as.examiner1!.call('authoringCourses')).body;
  courseId = courses.courses[0].id;
  proctorId = courses.courses[0].proctors[0].id;
});
afterAll(() => server.close());

const inMinutes = (m: number) => new Date(Date.now() + m * 60_000).toISOString();

function draft(patch: Partial<ExamDraftInput> = {}): ExamDraftInput {
  return {
    courseId,
    kind: 'written',
    title: 'Midterm',
    instructions: '',
    task: '',
    opensAt: inMinutes(-5),
    closesAt: inMinutes(120),
    durationMinutes: 45,
    checkInLeadMinutes: 15,
    ruleSet: DEFAULT_RULE_SET,
    settings: ExamSettings.parse({ liveProctoring: false, roomScanRequired: false }),
    proctoring: { proctorIds: [], maxSittingsEach: null },
    presetId: null,
    ...patch,
  };
}

async function create(patch: Partial<ExamDraftInput> = {}): Promise<ExamDetail> {
  const r = await as.examiner1!.call('createExam', { body: draft(patch) });
  expect(r.status, JSON.stringify(r.body)).toBe(200);
  return r.body as ExamDetail;
}

const titlesSeenBy = async (login: string) =>
  ((await as[login]!.call('listExams')).body.exams as { title: string }[]).map((e) => e.title);

const issuesOf = (body: Record<string, any>) =>
  (body.issues as { path: string; message: string }[]).map((i) => `${i.path}: ${i.message}`);

describe('an examiner authors an exam', () => {
  it('creates a draft that no student sees until it is published', async () => {
    const d = await create({ title: 'Draft only' });
    expect(d.exam.status).toBe('draft');
    expect(d.publishProblems).toEqual([{ field: 'instructions', code: 'content-required' }]);
    expect(await titlesSeenBy('examiner1')).toContain('Draft only');
    expect(await titlesSeenBy('student2')).not.toContain('Draft only');
    expect(await titlesSeenBy('proctor1')).not.toContain('Draft only');
    const open = await as.student2!.call('mySession', { params: { examId: d.exam.id } });
    expect(open.status).toBe(404);

    const refused = await as.examiner1!.call('publishExam', { params: { examId: d.exam.id } });
    expect(refused.status).toBe(409);
    expect(issuesOf(refused.body)).toEqual(['instructions: content-required']);
    expect(await titlesSeenBy('student2')).not.toContain('Draft only');

    const edited = await as.examiner1!.call('updateExam', {
      params: { examId: d.exam.id },
      body: draft({ title: 'Draft only', instructions: '<p>Answer all three questions.</p>' }),
    });
    expect(edited.status).toBe(200);
    expect(edited.body.version).toBe(d.version + 1);
    const published = await as.examiner1!.call('publishExam', { params: { examId: d.exam.id } });
    expect(published.status).toBe(200);
    expect(published.body.exam.status).toBe('published');
    expect(await titlesSeenBy('student2')).toContain('Draft only');
  });

  it('composes the rules students read from the checklist and the free text', async () => {
    const d = await create({
      ruleSet: {
        allowed: ['report-failure'],
        forbidden: ['phone-calls'],
        extra: { kk: 'Қосымша', ru: 'Дополнительно', en: 'Bring a pencil.' },
      },
    });
    expect(d.exam.rules.en).toBe(
      'Allowed: telling the teacher about a technical failure (the power went out, the internet was lost).\nForbidden: phone calls.\nBring a pencil.',
    );
    expect(d.exam.rules.kk).toContain('телефонмен сөйлесу');
    // Proctors read them beside every sitting.
    const roster = await as.proctor1!.call('examRoster', { params: { examId: d.exam.id } });
    expect(roster.body.rules.en).toBe(d.exam.rules.en);
  });

  it('asks for named proctors before an exam with live proctoring is published', async () => {
    const d = await create({
      instructions: '<p>Read carefully.</p>',
      settings: ExamSettings.parse({ liveProctoring: true }),
    });
    expect(d.publishProblems).toEqual([
      { field: 'proctoring.proctorIds', code: 'proctors-required' },
    ]);
    const r = await as.examiner1!.call('updateExam', {
      params: { examId: d.exam.id },
      body: draft({
        instructions: '<p>Read carefully.</p>',
        settings: ExamSettings.parse({ liveProctoring: true }),
        proctoring: { proctorIds: [proctorId], maxSittingsEach: 20 },
      }),
    });
    expect(r.body.publishProblems).toEqual([]);
    expect(r.body.draft.proctoring).toEqual({ proctorIds: [proctorId], maxSittingsEach: 20 });
  });

  it('duplicates an exam as a new draft and deletes a draft nobody opened', async () => {
    const d = await create({ title: 'To copy', instructions: '<p>x</p>' });
    const copy = await as.examiner1!.call('duplicateExam', { params: { examId: d.exam.id } });
    expect(copy.status).toBe(200);
    expect(copy.body.exam.id).not.toBe(d.exam.id);
    expect(copy.body.exam.status).toBe('draft');
    expect(copy.body.draft.instructions).toBe('<p>x</p>');
    const del = await as.examiner1!.call('deleteExam', { params: { examId: copy.body.exam.id } });
    expect(del.status).toBe(200);
    const gone = await as.examiner1!.call('getExam', { params: { examId: copy.body.exam.id } });
    expect(gone.status).toBe(404);
  });
});

describe('bad input is explained by field and changes nothing', () => {
  const cases: [string, Partial<ExamDraftInput>, string[]][] = [
    ['an end before the start', { closesAt: inMinutes(-10) }, ['closesAt: end-before-start']],
    [
      'a duration longer than the window',
      { durationMinutes: 180 },
      ['durationMinutes: duration-longer-than-window'],
    ],
    [
      'a grace period of no minutes',
      {
        settings: ExamSettings.parse({ timeOut: { mode: 'grace', graceMinutes: 0 } }),
      },
      ['settings.timeOut.graceMinutes: grace-minutes-required'],
    ],
    [
      'live proctoring with neither camera nor screen',
      {
        settings: ExamSettings.parse({
          liveProctoring: true,
          media: { camera: false, microphone: true, screen: false },
        }),
      },
      ['settings.media: no-requirement-for-live'],
    ],
    [
      'a proctor who is not one of the course',
      { proctoring: { proctorIds: ['nobody'], maxSittingsEach: null } },
      ['proctoring.proctorIds: not-a-proctor'],
    ],
  ];
  it.each(cases)('refuses %s', async (_, patch, expected) => {
    const before = await titlesSeenBy('examiner1');
    const r = await as.examiner1!.call('createExam', { body: draft({ ...patch, title: 'Bad' }) });
    expect(r.status).toBe(400);
    expect(issuesOf(r.body)).toEqual(expected);
    expect(await titlesSeenBy('examiner1')).toEqual(before);
  });

  it('names the field of a negative or huge number and of an unknown attachment type', async () => {
    const r = await as.examiner1!.call('createExam', {
      body: {
        ...draft(),
        durationMinutes: -5,
        settings: { ...ExamSettings.parse({}), retentionDays: 1e9, attachmentTypes: ['exe'] },
      },
    });
    expect(r.status).toBe(400);
    const paths = (r.body.issues as { path: string }[]).map((i) => i.path);
    expect(paths).toEqual(
      expect.arrayContaining([
        'body.durationMinutes',
        'body.settings.retentionDays',
        'body.settings.attachmentTypes.0',
      ]),
    );
  });

  it('lets only the course’s examiners and admins author', async () => {
    for (const login of ['student1', 'proctor1']) {
      const r = await as[login]!.call('createExam', { body: draft({ title: 'Intruder' }) });
      expect(r.status).toBe(403);
    }
    const other = await as.admin!.call('createCourse', { body: { code: 'OTHER', title: 'Other' } });
    const r = await as.examiner1!.call('createExam', {
      body: draft({ courseId: other.body.id, title: 'Elsewhere' }),
    });
    expect(r.status).toBe(403);
    const d = await create({ title: 'Mine' });
    const peek = await as.student1!.call('getExam', { params: { examId: d.exam.id } });
    expect(peek.status).toBe(403);
    const byAdmin = await as.admin!.call('getExam', { params: { examId: d.exam.id } });
    expect(byAdmin.status).toBe(200);
    expect(await titlesSeenBy('examiner1')).not.toContain('Intruder');
  });
});

describe('a published exam whose sittings have begun', () => {
  let exam: ExamDetail;
  beforeAll(async () => {
    exam = await create({ title: 'Running', instructions: '<p>Go.</p>' });
    await as.examiner1!.call('publishExam', { params: { examId: exam.exam.id } });
    // student1 checks in and starts work (recorded only: work starts after check-in).
    const c = as.student1!;
    const opened = await c.call('mySession', { params: { examId: exam.exam.id } });
    const sessionId = opened.body.sessionId as string;
    const command = (body: object) => c.call('sessionCommand', { params: { sessionId }, body });
    await command({ type: 'begin-check-in' });
    const photo = await tinyPicture(1);
    for (const kind of ['id-document', 'face']) {
      const r = await fetch(
        `${server.url}/api/sessions/${sessionId}/files?kind=${kind}&name=p.jpg`,
        {
          method: 'POST',
          headers: { 'content-type': 'image/jpeg', cookie: c.cookie, 'x-csrf-token': c.csrf },
          body: photo,
        },
      );
      expect(r.status).toBe(200);
    }
    const sha = createHash('sha256').update(photo).digest('hex');
    const me = (await c.call('me')).body.user as { fullName: string };
    const done = await command({
      type: 'complete-check-in',
      typedName: me.fullName,
      idDocumentSha256: sha,
      faceSha256: sha,
      consentRecording: true,
      consentFaceMatching: false,
    });
    expect(done.body.state.status).toBe('in_progress');
    exam = (await as.examiner1!.call('getExam', { params: { examId: exam.exam.id } }))
      .body as ExamDetail;
  });

  it('can be changed only safely, and says why not', async () => {
    expect(exam.sittings).toEqual({ opened: 1, begun: 1 });
    expect(exam.editable).toBe('safe');
    const shorter = await as.examiner1!.call('updateExam', {
      params: { examId: exam.exam.id },
      body: { ...exam.draft, durationMinutes: 10 },
    });
    expect(shorter.status).toBe(409);
    expect(issuesOf(shorter.body)).toEqual(['durationMinutes: cuts-running-sitting']);
    const stricter = await as.examiner1!.call('updateExam', {
      params: { examId: exam.exam.id },
      body: {
        ...exam.draft,
        settings: {
          ...exam.draft.settings,
          media: { camera: true, microphone: true, screen: false },
        },
      },
    });
    expect(stricter.status).toBe(409);
    expect(issuesOf(stricter.body)).toEqual(['settings.media.screen: locked-after-start']);
    const after = (await as.examiner1!.call('getExam', { params: { examId: exam.exam.id } })).body;
    expect(after.version).toBe(exam.version);
    expect(after.draft).toEqual(exam.draft);
  });

  it('takes more time, a later close and a corrected text', async () => {
    const r = await as.examiner1!.call('updateExam', {
      params: { examId: exam.exam.id },
      body: {
        ...exam.draft,
        durationMinutes: 60,
        closesAt: inMinutes(180),
        title: 'Running (corrected)',
      },
    });
    expect(r.status).toBe(200);
    expect(r.body.exam.durationMinutes).toBe(60);
    expect(r.body.exam.title).toBe('Running (corrected)');
  });

  it('cannot be deleted', async () => {
    const r = await as.examiner1!.call('deleteExam', { params: { examId: exam.exam.id } });
    expect(r.status).toBe(409);
    expect(issuesOf(r.body)).toEqual(['exam: has-sittings']);
    expect((await as.examiner1!.call('getExam', { params: { examId: exam.exam.id } })).status).toBe(
      200,
    );
  });
});

describe('presets', () => {
  it('an admin keeps presets that examiners start from; one is the default', async () => {
    const body = {
      name: 'Final exam, live proctoring',
      isDefault: true,
      durationMinutes: 90,
      checkInLeadMinutes: 20,
      ruleSet: DEFAULT_RULE_SET,
      settings: ExamSettings.parse({ liveProctoring: true, sensitivity: 'strict' }),
    };
    const a = await as.admin!.call('createPreset', { body });
    expect(a.status).toBe(200);
    const b = await as.admin!.call('createPreset', {
      body: {
        ...body,
        name: 'Quiz, recorded only',
        isDefault: false,
        settings: ExamSettings.parse({ liveProctoring: false }),
      },
    });
    expect(b.status).toBe(200);
    const list = (await as.examiner1!.call('listPresets')).body.presets as {
      id: string;
      name: string;
      isDefault: boolean;
    }[];
    // The demo's own two presets and the two made here; the newest default took the mark.
    const made = [a.body.id, b.body.id];
    expect(list.filter((p) => made.includes(p.id)).map((p) => [p.name, p.isDefault])).toEqual([
      ['Final exam, live proctoring', true],
      ['Quiz, recorded only', false],
    ]);
    expect(list.filter((p) => p.isDefault)).toHaveLength(1);
    const swap = await as.admin!.call('updatePreset', {
      params: { presetId: b.body.id },
      body: { ...body, name: 'Quiz, recorded only', isDefault: true },
    });
    expect(swap.body.isDefault).toBe(true);
    const after = (await as.examiner1!.call('listPresets')).body.presets as {
      isDefault: boolean;
    }[];
    expect(after.filter((p) => p.isDefault)).toHaveLength(1);
    expect((await as.student1!.call('listPresets')).status).toBe(403);
    expect((await as.examiner1!.call('createPreset', { body })).status).toBe(403);
  });
});

describe('the timetable import', () => {
  const header = 'course,title,opens_at,closes_at,duration_minutes,proctors,instructions,publish';
  it('previews every row with its errors and creates nothing while any row is wrong', async () => {
    const csv = [
      header,
      'DEMO-101,Algebra,2027-01-15 09:00,2027-01-15 12:00,90,proctor1,Solve all,yes',
      'DEMO-101,Geometry,2027-01-16 12:00,2027-01-16 09:00,60,,,no',
      'NOPE-1,History,2027-01-17 09:00,2027-01-17 11:00,60,,,no',
      'DEMO-101,Physics,2027-01-18 09:00',
    ].join('\n');
    const before = await titlesSeenBy('examiner1');
    const r = await as.examiner1!.call('importExams', { body: { csv } });
    expect(r.status).toBe(200);
    expect(r.body.created).toBe(0);
    const errs = (r.body.rows as { line: number; errors: { field: string; code: string }[] }[]).map(
      (row) => [row.line, row.errors.map((e) => `${e.field}: ${e.code}`)],
    );
    expect(errs).toEqual([
      [2, []],
      [3, ['closes_at: end-before-start']],
      [4, ['course: unknown-course']],
      [5, expect.arrayContaining(['closes_at: invalid', 'duration_minutes: invalid'])],
    ]);
    expect(r.body.rows[0].opensAt).toBe('2027-01-15T04:00:00.000Z');
    expect(await titlesSeenBy('examiner1')).toEqual(before);
  });

  it('creates every row of a correct file, published where asked', async () => {
    const csv = [
      header,
      'DEMO-101,Algebra,2027-01-15 09:00,2027-01-15 12:00,90,proctor1,Solve all,yes',
      'Demo course,Geometry,2027-01-16 09:00,2027-01-16 12:00,60,,,no',
    ].join('\n');
    const r = await as.examiner1!.call('importExams', { body: { csv } });
    expect(r.body.created).toBe(2);
    expect(await titlesSeenBy('student2')).toContain('Algebra');
    expect(await titlesSeenBy('student2')).not.toContain('Geometry');
    expect(await titlesSeenBy('examiner1')).toEqual(
      expect.arrayContaining(['Algebra', 'Geometry']),
    );
  });

  it('names a missing column of the file', async () => {
    const r = await as.examiner1!.call('previewExamImport', {
      body: { csv: 'course,title\nDEMO-101,X' },
    });
    expect(r.body.fileErrors.map((e: { message: string }) => e.message)).toEqual([
      'opens_at',
      'closes_at',
      'duration_minutes',
    ]);
  });
});

describe('the proctors an exam names', () => {
  it('watch its sittings: a new sitting goes to a named proctor, not another of the course', async () => {
    const made = await as.admin!.call('createUser', {
      body: {
        login: 'proctor2',
        fullName: 'Омаров Бекзат',
        roles: ['proctor'],
        password: 'demo',
      },
    });
    await as.admin!.call('enrol', {
      params: { courseId },
      body: { userId: made.body.id, role: 'proctor' },
    });
    const d = await create({
      title: 'Named proctor',
      instructions: '<p>Go.</p>',
      settings: ExamSettings.parse({ liveProctoring: true }),
      proctoring: { proctorIds: [made.body.id], maxSittingsEach: 30 },
    });
    expect(
      (await as.examiner1!.call('publishExam', { params: { examId: d.exam.id } })).status,
    ).toBe(200);
    // Two sittings: spread over the course's proctors they would go one each.
    await as.student1!.call('mySession', { params: { examId: d.exam.id } });
    await as.student2!.call('mySession', { params: { examId: d.exam.id } });
    const a = await as.examiner1!.call('examAssignments', { params: { examId: d.exam.id } });
    expect(a.body.entries.map((e: { proctorId: string }) => e.proctorId)).toEqual([
      made.body.id,
      made.body.id,
    ]);
  });
});
