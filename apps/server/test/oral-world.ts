// People an oral exam's day needs beyond the demo: a second examiner (two committees sit at
// once) and three students of another group, made and enrolled through the admin API.
import { TestClient } from './client.ts';

export const EXAMINER2 = { login: 'examiner2', fullName: 'Жұмабаев Асқар Нұрланұлы' };
export const GROUP_A = [
  { login: 'studentA1', fullName: 'Бекова Дана Ерланқызы' },
  { login: 'studentA2', fullName: 'Ахметов Нұрсұлтан Бекұлы' },
  { login: 'studentA3', fullName: 'Сейітова Айгерім Маратқызы' },
];
export const PASSWORD = 'demo-pass';

/** Creates examiner2 and group A-01's students, enrolled in the demo course; returns their ids. */
export async function addOralPeople(url: string): Promise<Record<string, string>> {
  const admin = new TestClient(url);
  await admin.login('admin');
  const courses = (await admin.call('listCourses')).body.courses as { id: string; code: string }[];
  const courseId = courses.find((c) => c.code === 'DEMO-101')!.id;
  const ids: Record<string, string> = {};
  const people = [
    { ...EXAMINER2, role: 'examiner' as const, group: null },
    ...GROUP_A.map((s) => ({ ...s, role: 'student' as const, group: 'A-01' })),
  ];
  for (const p of people) {
    const made = await admin.call('createUser', {
      body: {
        login: p.login,
        fullName: p.fullName,
        group: p.group,
        roles: [p.role],
        password: PASSWORD,
      },
    });
    if (made.status !== 200) throw new Error(`createUser ${p.login}: ${JSON.stringify(made.body)}`);
    ids[p.login] = made.body.id as string;
    const enrolled = await admin.call('enrol', {
      params: { courseId },
      body: { userId: made.body.id, role: p.role },
    });
    if (enrolled.status !== 200)
      throw new Error(`enrol ${p.login}: ${JSON.stringify(enrolled.body)}`);
  }
  return ids;
}
