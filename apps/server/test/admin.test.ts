import { api, DEFAULT_RULE_SET, ExamSettings, type EndpointName } from '@emtihan/protocol';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TestClient } from './client.ts';
import { startTestServer, type TestServer } from './harness.ts';

const PRESET = {
  name: 'Final exam',
  isDefault: true,
  durationMinutes: 90,
  checkInLeadMinutes: 20,
  ruleSet: DEFAULT_RULE_SET,
  settings: ExamSettings.parse({}),
};

let server: TestServer;
let admin: TestClient;
const staff: Record<string, TestClient> = {};
beforeAll(async () => {
  server = await startTestServer();
  admin = new TestClient(server.url);
  await admin.login('admin');
  await admin.call('createPreset', { body: PRESET });
  for (const login of ['student1', 'student2', 'proctor1', 'examiner1', 'office1']) {
    staff[login] = new TestClient(server.url);
    await staff[login].login(login);
  }
});
afterAll(() => server.close());

/** Everything an admin can see: if a refused call changed anything, this differs. */
async function snapshot() {
  const users = (await admin.call('listUsers')).body.users;
  const courses = (await admin.call('listCourses')).body.courses as { id: string }[];
  const enrolments = await Promise.all(
    courses.map(
      async (c) => (await admin.call('listEnrolments', { params: { courseId: c.id } })).body,
    ),
  );
  const presets = (await admin.call('listPresets')).body.presets;
  const accommodations = (await admin.call('listAccommodations')).body.accommodations as {
    studentId: string;
  }[];
  const histories = await Promise.all(
    accommodations.map(
      async (a) =>
        (await admin.call('getAccommodation', { params: { studentId: a.studentId } })).body,
    ),
  );
  return JSON.stringify({ users, courses, enrolments, presets, accommodations, histories });
}

const adminEndpoints = (Object.keys(api) as EndpointName[]).filter(
  (n) => api[n].access === 'admin',
);

/** Plausible, valid input for each admin endpoint, so only the role decides the outcome. */
async function validInput(name: EndpointName): Promise<{ params?: any; body?: any }> {
  const users = (await admin.call('listUsers')).body.users as { id: string; login: string }[];
  const courseId = ((await admin.call('listCourses')).body.courses as { id: string }[])[0]!.id;
  const student = users.find((u) => u.login === 'student1')!.id;
  const presetId = ((await admin.call('listPresets')).body.presets as { id: string }[])[0]!.id;
  const inputs: Partial<Record<EndpointName, { params?: any; body?: any }>> = {
    createUser: {
      body: { login: 'intruder', fullName: 'Intruder One', roles: ['admin'], password: 'xxxxxx' },
    },
    updateUser: { params: { userId: student }, body: { roles: ['admin'] } },
    revokeUserSessions: { params: { userId: student } },
    previewImport: { body: { csv: 'login,full_name,password\nx1,Xx Yy,pass1' } },
    importUsers: { body: { csv: 'login,full_name,password\nx1,Xx Yy,pass1' } },
    createCourse: { body: { code: 'HACK', title: 'Hack' } },
    updateCourse: { params: { courseId }, body: { title: 'Hacked' } },
    listEnrolments: { params: { courseId } },
    enrol: { params: { courseId }, body: { userId: student, role: 'student' } },
    unenrol: { params: { courseId, userId: student, role: 'student' } },
    syncLtiRoster: { params: { courseId } },
    createPreset: { body: PRESET },
    updatePreset: { params: { presetId }, body: PRESET },
    deletePreset: { params: { presetId } },
    addLtiPlatform: {
      body: {
        issuer: 'https://lms.example.kz',
        clientId: 'intruder',
        deploymentId: '1',
        authUrl: 'https://lms.example.kz/mod/lti/auth.php',
        tokenUrl: 'https://lms.example.kz/mod/lti/token.php',
        jwksUrl: 'https://lms.example.kz/mod/lti/certs.php',
      },
    },
  };
  return inputs[name] ?? {};
}

describe('admin endpoints refuse everyone but admins', () => {
  it('covers every admin endpoint of the API map', () => {
    expect(adminEndpoints.length).toBeGreaterThanOrEqual(12);
  });

  // The office's duty (`accommodations`) is no administration either.
  for (const login of ['student1', 'proctor1', 'examiner1', 'office1']) {
    it.each(adminEndpoints)(`${login} calling %s gets 403 and nothing changes`, async (name) => {
      const c = staff[login]!;
      const before = await snapshot();
      const r = await c.call(name, await validInput(name));
      expect(r.status).toBe(403);
      expect(r.body.error).toBe('forbidden');
      expect(await snapshot()).toBe(before);
    });
  }

  it.each(adminEndpoints)('without a session %s gets 401', async (name) => {
    const r = await new TestClient(server.url).call(name, await validInput(name));
    expect(r.status).toBe(401);
    expect(r.body.error).toBe('unauthenticated');
  });
});

const officeEndpoints = (Object.keys(api) as EndpointName[]).filter(
  (n) => api[n].access === 'accommodations',
);

/** Valid input for each of the office's endpoints; `student2` has a profile to remove. */
async function officeInput(name: EndpointName): Promise<{ params?: any; body?: any }> {
  const users = (await admin.call('listUsers')).body.users as { id: string; login: string }[];
  const studentId = users.find((u) => u.login === 'student2')!.id;
  const body = {
    timeFactor: 1.5,
    extraMinutes: 0,
    breakMinutes: 10,
    skippedChecks: ['faces'],
    proctorNote: 'May read aloud',
    documentRef: 'DO-1',
    validUntil: null,
    reason: 'Certificate',
  };
  const inputs: Partial<Record<EndpointName, { params?: any; body?: any }>> = {
    getAccommodation: { params: { studentId } },
    setAccommodation: { params: { studentId }, body },
    removeAccommodation: { params: { studentId }, body: { reason: 'Ended' } },
    importAccommodations: {
      body: { csv: 'login,time_factor\nstudent2,2\n', commit: true, reason: 'List' },
    },
  };
  return inputs[name] ?? {};
}

describe('accommodation endpoints: the office and admins only', () => {
  it('covers every endpoint of the accommodations level', () => {
    expect(officeEndpoints).toEqual([
      'listAccommodations',
      'getAccommodation',
      'setAccommodation',
      'removeAccommodation',
      'importAccommodations',
      'accommodationStudents',
    ]);
  });

  for (const login of ['student1', 'proctor1', 'examiner1']) {
    it.each(officeEndpoints)(`${login} calling %s gets 403 and nothing changes`, async (name) => {
      // A profile exists, so that reading or removing it would show.
      await staff.office1!.call('setAccommodation', await officeInput('setAccommodation'));
      const before = await snapshot();
      const r = await staff[login]!.call(name, await officeInput(name));
      expect(r.status).toBe(403);
      expect(r.body.error).toBe('forbidden');
      expect(JSON.stringify(r.body)).not.toContain('DO-1');
      expect(await snapshot()).toBe(before);
    });
  }

  for (const login of ['admin', 'office1']) {
    it.each(officeEndpoints)(`${login} calling %s is served`, async (name) => {
      const caller = login === 'admin' ? admin : staff.office1!;
      if (name === 'removeAccommodation')
        await caller.call('setAccommodation', await officeInput('setAccommodation'));
      const r = await caller.call(name, await officeInput(name));
      expect(r.status, JSON.stringify(r.body)).toBe(200);
    });
  }

  it.each(officeEndpoints)('without a session %s gets 401', async (name) => {
    const r = await new TestClient(server.url).call(name, await officeInput(name));
    expect(r.status).toBe(401);
  });

  it('no endpoint shows a student another student’s accommodation', async () => {
    await staff.office1!.call('setAccommodation', await officeInput('setAccommodation'));
    const other = (await officeInput('getAccommodation')).params;
    const student = staff.student1!;
    // Their own only: student1 has none, student2 has one.
    expect((await student.call('myAccommodation')).body).toEqual({ accommodation: null });
    expect((await staff.student2!.call('myAccommodation')).body.accommodation).toMatchObject({
      timeFactor: 1.5,
    });
    expect((await student.call('getAccommodation', { params: other })).status).toBe(403);
    expect((await student.call('listAccommodations')).status).toBe(403);
    const exams = (await student.call('listExams')).body.exams as {
      id: string;
      kind: string;
      forMe?: unknown;
    }[];
    expect(exams.every((e) => e.forMe === undefined)).toBe(true);
    // An exam's accommodations are for its examiners and admins: not students, not proctors
    // (a proctor sees the note on the roster's tile).
    const examId = exams.find((e) => e.kind === 'written')!.id;
    for (const who of [student, staff.proctor1!]) {
      const r = await who.call('examAccommodations', { params: { examId } });
      expect(r.status).toBe(403);
      expect(JSON.stringify(r.body)).not.toContain('May read aloud');
    }
    expect((await student.call('examRoster', { params: { examId } })).status).toBe(403);
    const examiner = await staff.examiner1!.call('examAccommodations', { params: { examId } });
    expect(examiner.status).toBe(200);
    expect(JSON.stringify(examiner.body)).not.toMatch(/DO-1|Certificate/);
  });
});

describe('bad input gets a clear error and changes nothing', () => {
  it('an unknown field is named in the 400', async () => {
    const before = await snapshot();
    const r = await admin.call('createCourse', { body: { code: 'C1', title: 'T', colour: 'red' } });
    expect(r.status).toBe(400);
    expect(r.body.issues).toContainEqual({ path: 'body.colour', message: 'unknown field' });
    expect(r.body.message).toContain('body.colour');
    expect(await snapshot()).toBe(before);
  });

  it('malformed JSON gets 400', async () => {
    const r = await admin.raw('POST', '/api/admin/courses', '{"code": ');
    expect(r.status).toBe(400);
    expect(r.body.error).toBe('bad-request');
  });

  it('a missing required field is named', async () => {
    const r = await admin.call('createUser', {
      body: { login: 'nofull', roles: ['student'], password: 'xxxx' },
    });
    expect(r.status).toBe(400);
    expect(r.body.issues.map((i: { path: string }) => i.path)).toContain('body.fullName');
  });

  it('a taken login is a 409 naming the field', async () => {
    const r = await admin.call('createUser', {
      body: { login: 'student1', fullName: 'Someone Else', roles: ['student'], password: 'xxxx' },
    });
    expect(r.status).toBe(409);
    expect(r.body.issues[0].path).toBe('login');
  });
});

describe('users', () => {
  it('keeps a Kazakh full name exactly as typed, and edits it', async () => {
    const name = 'Әбілқайыр Ғалия Қоңырқызы Ңөұүһі';
    const created = await admin.call('createUser', {
      body: {
        login: 'galiya',
        fullName: name,
        email: 'g@example.kz',
        group: 'ИС-21',
        language: 'kk',
        roles: ['student', 'proctor'],
        password: 'pass12',
      },
    });
    expect(created.status).toBe(200);
    expect(created.body).toMatchObject({
      fullName: name,
      group: 'ИС-21',
      roles: ['student', 'proctor'],
      active: true,
    });
    const edited = await admin.call('updateUser', {
      params: { userId: created.body.id },
      body: { fullName: 'Әбілқайыр Ғалия' },
    });
    expect(edited.body.fullName).toBe('Әбілқайыр Ғалия');
    const who = new TestClient(server.url);
    await who.login('galiya', 'pass12');
    expect((await who.call('me')).body.user.fullName).toBe('Әбілқайыр Ғалия');
  });

  it('editing an unknown user is a 404', async () => {
    const r = await admin.call('updateUser', {
      params: { userId: 'nope' },
      body: { active: false },
    });
    expect(r.status).toBe(404);
  });
});

describe('importing students from CSV', () => {
  const good =
    'login;full_name;email;group;language;password\ncsv1;Сәрсенова Әйгерім;a@x.kz;ИС-22;kk;pw1234\ncsv2;Petrov Ivan;;ИС-22;ru;pw5678\n';

  it('a preview with one bad row reports it per row and imports nothing, even on import', async () => {
    const bad =
      'login,full_name,email,group,language,password\nok1,Good Name,,G1,en,pw1234\nbad 2,X,not-an-email,G1,fr,\n';
    const before = await snapshot();
    const preview = await admin.call('previewImport', { body: { csv: bad } });
    expect(preview.body.valid).toBe(false);
    expect(preview.body.rows[0].errors).toEqual([]);
    const fields = preview.body.rows[1].errors.map((e: { field: string }) => e.field);
    expect(fields).toEqual(
      expect.arrayContaining(['login', 'full_name', 'email', 'language', 'password']),
    );
    const imported = await admin.call('importUsers', { body: { csv: bad } });
    expect(imported.body.imported).toBe(0);
    expect(await snapshot()).toBe(before);
  });

  it('a valid file (semicolons, BOM, Kazakh letters) imports every row as students who can log in', async () => {
    const preview = await admin.call('previewImport', { body: { csv: '\uFEFF' + good } });
    expect(preview.body).toMatchObject({ valid: true, imported: 0 });
    const r = await admin.call('importUsers', { body: { csv: '\uFEFF' + good } });
    expect(r.body.imported).toBe(2);
    const users = (await admin.call('listUsers')).body.users as {
      login: string;
      fullName: string;
      roles: string[];
    }[];
    expect(users.find((u) => u.login === 'csv1')).toMatchObject({
      fullName: 'Сәрсенова Әйгерім',
      roles: ['student'],
    });
    await new TestClient(server.url).login('csv2', 'pw5678');
  });

  it('importing the same file again refuses every row as taken', async () => {
    const r = await admin.call('importUsers', { body: { csv: good } });
    expect(r.body.imported).toBe(0);
    expect(
      r.body.rows.every((row: { errors: { code: string }[] }) =>
        row.errors.some((e) => e.code === 'taken'),
      ),
    ).toBe(true);
  });
});

describe('courses and enrolments', () => {
  it('an admin creates a course, enrols a student and a proctor, and the student sees its exams list', async () => {
    const course = await admin.call('createCourse', {
      body: { code: 'MATH-1', title: 'Математика' },
    });
    expect(course.status).toBe(200);
    const users = (await admin.call('listUsers')).body.users as { id: string; login: string }[];
    const id = (l: string) => users.find((u) => u.login === l)!.id;
    expect(
      (
        await admin.call('enrol', {
          params: { courseId: course.body.id },
          body: { userId: id('student2'), role: 'student' },
        })
      ).status,
    ).toBe(200);
    expect(
      (
        await admin.call('enrol', {
          params: { courseId: course.body.id },
          body: { userId: id('proctor1'), role: 'proctor' },
        })
      ).status,
    ).toBe(200);
    const list = await admin.call('listEnrolments', { params: { courseId: course.body.id } });
    expect(
      list.body.enrolments
        .map((e: { login: string; role: string }) => `${e.login}:${e.role}`)
        .sort(),
    ).toEqual(['proctor1:proctor', 'student2:student']);
    const courses = (await admin.call('listCourses')).body.courses as {
      code: string;
      studentCount: number;
      staffCount: number;
    }[];
    expect(courses.find((c) => c.code === 'MATH-1')).toMatchObject({
      studentCount: 1,
      staffCount: 1,
    });
  });

  it('a student cannot be enrolled as a proctor without the proctor role', async () => {
    const courses = (await admin.call('listCourses')).body.courses as { id: string }[];
    const users = (await admin.call('listUsers')).body.users as { id: string; login: string }[];
    const r = await admin.call('enrol', {
      params: { courseId: courses[0]!.id },
      body: { userId: users.find((u) => u.login === 'student3')!.id, role: 'proctor' },
    });
    expect(r.status).toBe(409);
  });

  it('the demo student sees the demo course’s written and oral exams', async () => {
    const exams = (await staff.student1!.call('listExams')).body.exams as {
      title: string;
      kind: string;
      slots: unknown[];
      durationMinutes: number;
    }[];
    expect(exams.map((e) => e.title).sort()).toEqual([
      'Oral exam',
      'Written exam',
      'Written exam (live proctoring)',
    ]);
    expect(exams.find((e) => e.kind === 'written')?.durationMinutes).toBe(60);
    expect(exams.find((e) => e.kind === 'oral')?.slots.length).toBeGreaterThan(0);
  });
});
