// A clearly labelled demo university, seeded into an empty database when DEMO is on.
import { randomUUID } from 'node:crypto';
import {
  DEFAULT_RULE_SET,
  ExamSettings,
  composeRules,
  type DemoAccount,
  type PresetBody,
  type Role,
} from '@emtihan/protocol';
import type { CourseRepo } from '../repositories/course.repo.ts';
import type { ExamRepo } from '../repositories/exam.repo.ts';
import type { OralRepo } from '../repositories/oral.repo.ts';
import type { NewUser, UserRepo } from '../repositories/user.repo.ts';
import type { Clock } from './clock.ts';
import { hashPassword } from './password.ts';

export const DEMO_PASSWORD = 'demo';

const DEMO_TASK = [
  'Тапсырма / Задание / Task',
  '',
  '1. Қазақстанның үш ірі қаласын атаңыз және әрқайсысы туралы бір сөйлем жазыңыз.',
  '1. Назовите три крупнейших города Казахстана и напишите по одному предложению о каждом.',
  '1. Name the three largest cities of Kazakhstan and write one sentence about each.',
  '',
  '2. Write a short paragraph (5–7 sentences) on why online exams need clear rules.',
].join('\n');

const STUDENTS = [
  'Әлібекова Аружан Қайратқызы',
  'Нұрланов Дәулет Серікұлы',
  'Ivanova Maria Sergeyevna',
  'Өмірзақов Ғалымжан Бауыржанұлы',
  'Үсенова Іңкәр Һадиқызы',
];

const ACCOUNTS: { login: string; fullName: string; roles: Role[]; group?: string }[] = [
  ...STUDENTS.map((fullName, i) => ({
    login: `student${i + 1}`,
    fullName,
    roles: ['student'] as Role[],
    group: 'DEMO-101',
  })),
  { login: 'proctor1', fullName: 'Серікова Гүлнар Маратқызы', roles: ['proctor'] },
  { login: 'examiner1', fullName: 'Қасымов Ерлан Төлеуұлы', roles: ['examiner'] },
  { login: 'admin', fullName: 'Demo Administrator', roles: ['admin'] },
  // The disability office (ADR 0018): keeps students' accommodations; no demo student has one.
  { login: 'office1', fullName: 'Жақыпова Сәуле Ерланқызы', roles: ['accommodations'] },
];

export const DEMO_ACCOUNTS: DemoAccount[] = ACCOUNTS.map((a) => ({
  login: a.login,
  password: DEMO_PASSWORD,
  roles: a.roles,
}));

/** Rich text shown on the exam page before check-in (the answer editor's schema). */
const DEMO_INSTRUCTIONS = [
  '<p>Емтиханға 15–20 минут бұрын кіріңіз: камера, микрофон және бүкіл экран қажет. Жеке куәлігіңізді дайындаңыз.</p>',
  '<p>Войдите за 15–20 минут до экзамена: нужны камера, микрофон и весь экран. Приготовьте удостоверение личности.</p>',
  '<p>Come in 15–20 minutes before the exam: you need a camera, a microphone and your entire screen. Have your ID card ready.</p>',
].join('');

/** "Final exam, live proctoring" (the default) and "Quiz, recorded only". */
export function demoPresets(): { id: string; body: PresetBody }[] {
  const base = {
    durationMinutes: 60,
    checkInLeadMinutes: 20,
    ruleSet: DEFAULT_RULE_SET,
  };
  return [
    {
      id: randomUUID(),
      body: {
        ...base,
        name: 'Final exam, live proctoring',
        isDefault: true,
        durationMinutes: 90,
        settings: ExamSettings.parse({ liveProctoring: true, roomScanRequired: true }),
      },
    },
    {
      id: randomUUID(),
      body: {
        ...base,
        name: 'Quiz, recorded only',
        isDefault: false,
        settings: ExamSettings.parse({ liveProctoring: false, roomScanRequired: true }),
      },
    },
  ];
}

export async function seedDemo(deps: {
  users: UserRepo;
  courses: CourseRepo;
  exams: ExamRepo;
  oral?: OralRepo;
  clock: Clock;
}) {
  if ((await deps.users.count()) > 0) return false;
  const now = deps.clock.now();
  const iso = now.toISOString();
  const hash = await hashPassword(DEMO_PASSWORD);
  const users: NewUser[] = ACCOUNTS.map((a) => ({
    id: randomUUID(),
    login: a.login,
    fullName: a.fullName,
    email: `${a.login}@demo.example.edu.kz`,
    group: a.group ?? null,
    language: 'kk',
    passwordHash: hash,
    roles: a.roles,
  }));
  await deps.users.create(users, iso);

  const courseId = randomUUID();
  await deps.courses.create({ id: courseId, code: 'DEMO-101', title: 'Demo course' }, iso);
  for (const u of users) {
    const role = u.roles[0];
    if (role && role !== 'admin' && role !== 'accommodations')
      await deps.courses.enrol(courseId, u.id, role, iso);
  }

  const inHours = (h: number) => new Date(now.getTime() + h * 3600_000).toISOString();
  // The university's presets (ADR 0017); the demo's written exams are made from them.
  const presets = demoPresets();
  for (const p of presets) await deps.exams.savePreset(p.id, p.body, iso);
  const [live, recorded] = presets;
  const proctor1 = users.find((u) => u.login === 'proctor1')!.id;
  for (const [preset, title, proctorIds] of [
    // Without a live proctor work starts right after check-in, so the demo can be walked
    // through alone; proctor1 still watches (and can approve) through the API.
    [recorded!, 'Written exam', [] as string[]],
    // proctor1 checks the identity and starts the exam, in a second window.
    [live!, 'Written exam (live proctoring)', [proctor1]],
  ] as const) {
    await deps.exams.create(
      {
        id: randomUUID(),
        courseId,
        kind: 'written',
        title,
        opensAt: iso,
        closesAt: inHours(24),
        durationMinutes: 60,
        checkInLeadMinutes: preset.body.checkInLeadMinutes,
        rules: composeRules(preset.body.ruleSet),
        ruleSet: preset.body.ruleSet,
        // A newcomer meets the phone camera (ADR 0023): offered, not required.
        settings: { ...preset.body.settings, secondCamera: 'optional' },
        instructions: DEMO_INSTRUCTIONS,
        task: DEMO_TASK,
        proctoring: { proctorIds: [...proctorIds], maxSittingsEach: null },
        presetId: preset.id,
        slots: [],
      },
      iso,
    );
  }
  // Oral slots today: five 20-minute slots from the next quarter hour.
  const firstSlot = Math.ceil(now.getTime() / 900_000) * 900_000;
  const oralExamId = randomUUID();
  const oralSlots = Array.from({ length: 5 }, (_, i) => ({
    id: randomUUID(),
    startsAt: new Date(firstSlot + i * 20 * 60_000).toISOString(),
    lengthMinutes: 20,
  }));
  await deps.exams.create(
    {
      id: oralExamId,
      courseId,
      kind: 'oral',
      title: 'Oral exam',
      opensAt: new Date(firstSlot).toISOString(),
      closesAt: new Date(firstSlot + 5 * 20 * 60_000).toISOString(),
      durationMinutes: 20,
      checkInLeadMinutes: 20,
      rules: composeRules(DEFAULT_RULE_SET),
      settings: {},
      slots: oralSlots,
    },
    iso,
  );
  if (deps.oral) await seedDemoOral(deps.oral, oralExamId, oralSlots[0]!, users, iso);
  return true;
}

const DEMO_TICKETS = [
  [
    'Абай Құнанбайұлының «Қара сөздері» туралы айтып беріңіз. / Расскажите о «Словах назидания» Абая. / Talk about Abai’s “Book of Words”.',
    'Қазақстанның үш ірі қаласын атаңыз. / Назовите три крупнейших города Казахстана. / Name the three largest cities of Kazakhstan.',
  ],
  [
    'Алгоритм дегеніміз не? / Что такое алгоритм? / What is an algorithm?',
    'Цикл мен шарттың айырмашылығы. / Разница между циклом и условием. / The difference between a loop and a condition.',
  ],
  [
    'Онлайн емтиханның ережелері неге қажет? / Зачем нужны правила онлайн-экзамена? / Why do online exams need rules?',
  ],
];

/** The demo oral exam: three tickets, and its first slot (recorded) planned for examiner1 with two students. */
async function seedDemoOral(
  oral: OralRepo,
  examId: string,
  slot: { id: string; startsAt: string; lengthMinutes: number },
  users: NewUser[],
  iso: string,
) {
  const idOf = (login: string) => users.find((u) => u.login === login)!.id;
  await oral.saveSetup(
    {
      examId,
      scale: 'kz-letter-100',
      tickets: DEMO_TICKETS.map((questions, i) => ({ number: i + 1, questions })),
    },
    iso,
  );
  await oral.saveSlot(
    {
      slotId: slot.id,
      examId,
      startsAt: slot.startsAt,
      lengthMinutes: slot.lengthMinutes,
      plan: {
        preparationMinutes: 5,
        record: true,
        examinerIds: [idOf('examiner1')],
        studentIds: [idOf('student1'), idOf('student2')],
      },
    },
    iso,
  );
}
