// The accommodations office picks a student for a profile from the students' list: active
// students only, by name and login; people without the duty get nothing.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TestClient } from './client.ts';
import { startTestServer, type TestServer } from './harness.ts';

let server: TestServer;
let admin: TestClient;
beforeAll(async () => {
  server = await startTestServer();
  admin = new TestClient(server.url);
  await admin.login('admin');
  const created = await admin.call('createUser', {
    body: {
      login: 'office9',
      fullName: 'Office Person',
      roles: ['accommodations'],
      password: 'office-pass',
    },
  });
  expect(created.status).toBe(200);
  const users = (await admin.call('listUsers')).body.users as { id: string; login: string }[];
  const student5 = users.find((u) => u.login === 'student5')!;
  await admin.call('updateUser', { params: { userId: student5.id }, body: { active: false } });
});
afterAll(() => server.close());

describe('students for an accommodation', () => {
  it('a person with the accommodations duty lists the active students, and only them', async () => {
    const office = new TestClient(server.url);
    await office.login('office9', 'office-pass');
    const r = await office.call('accommodationStudents');
    expect(r.status).toBe(200);
    const students = r.body.students as { login: string; fullName: string; group: unknown }[];
    const logins = students.map((s) => s.login);
    expect(logins).toContain('student1');
    expect(logins).not.toContain('student5'); // deactivated
    expect(logins).not.toContain('examiner1');
    expect(logins).not.toContain('admin');
    expect(Object.keys(students[0]!).sort()).toEqual(['fullName', 'group', 'id', 'login']);
  });

  it('an admin may list them too', async () => {
    expect((await admin.call('accommodationStudents')).status).toBe(200);
  });

  it.each(['student1', 'proctor1', 'examiner1'])('%s is refused', async (login) => {
    const c = new TestClient(server.url);
    await c.login(login);
    expect((await c.call('accommodationStudents')).status).toBe(403);
  });
});
