// Planning an oral exam's day through the real server: committees, a day plan of 2 committees ×
// 6 slots of 20 minutes, ticket pools imported from lines and CSV, students placed automatically
// (by group, then name), booking until a cut-off, the committee-wide no-repeat draw, and the
// refusals (each wrong field named; nothing stored).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase } from '../src/db/database.ts';
import { OralRepo } from '../src/repositories/oral.repo.ts';
import { TestClient } from './client.ts';
import { startTestServer, type TestServer } from './harness.ts';
import { addOralPeople, GROUP_A, PASSWORD } from './oral-world.ts';

let server: TestServer;
const c: Record<string, TestClient> = {};
const ids: Record<string, string> = {};
let examId: string;

type Slot = {
  slotId: string;
  committeeId: string | null;
  startsAt: string;
  lengthMinutes: number;
  examiners: { id: string }[];
  students: { id: string; fullName: string }[];
};
type Plan = { slots: Slot[]; [k: string]: any };

const plan = async (): Promise<Plan> =>
  (await c.examiner1!.call('oralPlan', { params: { examId } })).body as Plan;

/** Tomorrow at 09:00 in Almaty (UTC+5), as the web sends it: an ISO UTC instant. */
const tomorrowNine = () => {
  const d = new Date(Date.now() + 24 * 3600_000);
  return new Date(
    Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), d.getUTCDate(), 4, 0),
  ).toISOString();
};

const dayPlan = (patch: object = {}) => ({
  firstSlotAt: tomorrowNine(),
  slotMinutes: 20,
  preparationMinutes: 5,
  studentsPerSlot: 1,
  slotsPerCommittee: 6,
  committees: 2,
  breaks: [{ afterSlot: 3, minutes: 10 }],
  lunch: null,
  ...patch,
});

const thirtyLines = Array.from({ length: 30 }, (_, i) => `${i + 1}. Сұрақ ${i + 1}`).join('\n');

beforeAll(async () => {
  server = await startTestServer();
  Object.assign(ids, await addOralPeople(server.url));
  for (const login of [
    'student1',
    'student2',
    'student3',
    'student4',
    'student5',
    'examiner1',
    'proctor1',
  ]) {
    c[login] = new TestClient(server.url);
    ids[login] = (await c[login].login(login)).body.user.id as string;
  }
  for (const login of ['examiner2', ...GROUP_A.map((s) => s.login)]) {
    c[login] = new TestClient(server.url);
    await c[login].login(login, PASSWORD);
  }
  const exams = (await c.examiner1!.call('listExams')).body.exams as { id: string; kind: string }[];
  examId = exams.find((e) => e.kind === 'oral')!.id;
});

afterAll(async () => {
  await server?.close();
});

describe('committees', () => {
  it('refuses a non-examiner and one person in two committees, naming each field', async () => {
    const r = await c.examiner1!.call('setOralCommittees', {
      params: { examId },
      body: {
        committees: [
          { chairId: ids.examiner1, memberIds: [ids.proctor1] },
          { chairId: ids.examiner1, memberIds: [] },
        ],
      },
    });
    expect(r.status).toBe(400);
    expect(r.body.issues).toEqual([
      { path: 'body.committees.0.memberIds.0', message: 'not-an-examiner' },
      { path: 'body.committees.1.chairId', message: 'examiner-in-two-committees' },
    ]);
    expect((await plan()).committees).toEqual([]);
  });

  it('refuses every planning change to a student and a proctor', async () => {
    const calls = [
      ['generateOralDayPlan', dayPlan()],
      [
        'setOralTicketPools',
        {
          pools: [{ name: 'X', tickets: { format: 'lines', text: 'a' } }],
          noRepeatInCommittee: false,
        },
      ],
      ['placeOralStudents', {}],
    ] as const;
    for (const who of ['student1', 'proctor1']) {
      for (const [name, body] of calls) {
        const r = await c[who]!.call(name, { params: { examId }, body });
        expect([name, r.status]).toEqual([name, 403]);
      }
    }
    expect((await plan()).pools.map((p: { poolId: string }) => p.poolId)).toEqual(['']);
  });

  it('lets only the course’s examiners set them', async () => {
    const body = { committees: [{ chairId: ids.examiner1, memberIds: [] }] };
    expect((await c.student1!.call('setOralCommittees', { params: { examId }, body })).status).toBe(
      403,
    );
    expect((await c.proctor1!.call('setOralCommittees', { params: { examId }, body })).status).toBe(
      403,
    );
  });

  it('stores two committees, each a chair', async () => {
    const r = await c.examiner1!.call('setOralCommittees', {
      params: { examId },
      body: {
        committees: [
          { chairId: ids.examiner1, memberIds: [] },
          { chairId: ids.examiner2, memberIds: [] },
        ],
      },
    });
    expect(r.status).toBe(200);
    expect(
      r.body.committees.map((k: { number: number; chair: { id: string } }) => [
        k.number,
        k.chair.id,
      ]),
    ).toEqual([
      [1, ids.examiner1],
      [2, ids.examiner2],
    ]);
  });
});

describe('the day plan', () => {
  it('refuses an invalid plan with every wrong field named, and stores nothing', async () => {
    const before = await plan();
    const r = await c.examiner1!.call('generateOralDayPlan', {
      params: { examId },
      body: dayPlan({
        slotMinutes: 3,
        committees: 3,
        breaks: [{ afterSlot: 6, minutes: 10 }],
        placement: 'booking',
      }),
    });
    expect(r.status).toBe(400);
    expect(r.body.error).toBe('bad-request');
    expect(r.body.issues).toEqual([
      { path: 'body.slotMinutes', message: 'invalid-length' },
      { path: 'body.breaks.0.afterSlot', message: 'invalid-break' },
      { path: 'body.bookingClosesAt', message: 'cut-off-required' },
      { path: 'body.committees', message: 'not-enough-committees' },
    ]);
    const shape = await c.examiner1!.call('generateOralDayPlan', {
      params: { examId },
      body: { ...dayPlan(), firstSlotAt: 'tomorrow at nine', extra: 1 },
    });
    expect(shape.status).toBe(400);
    expect(shape.body.issues.map((i: { path: string }) => i.path).sort()).toEqual([
      'body.extra',
      'body.firstSlotAt',
    ]);
    const after = await plan();
    expect(after.slots.map((s) => s.slotId)).toEqual(before.slots.map((s) => s.slotId));
    expect(after.dayPlan).toBeNull();
  });

  it('generates 2 committees × 6 slots of 20 minutes with the break, each with its committee', async () => {
    const r = await c.examiner1!.call('generateOralDayPlan', {
      params: { examId },
      body: dayPlan(),
    });
    expect(r.status).toBe(200);
    const slots = r.body.slots as Slot[];
    expect(slots).toHaveLength(12);
    const [c1, c2] = (r.body.committees as { committeeId: string }[]).map((k) => k.committeeId);
    for (const [committeeId, examiner] of [
      [c1, ids.examiner1],
      [c2, ids.examiner2],
    ] as const) {
      const mine = slots.filter((s) => s.committeeId === committeeId);
      expect(mine.map((s) => s.startsAt.slice(11, 16))).toEqual([
        '04:00',
        '04:20',
        '04:40',
        '05:10',
        '05:30',
        '05:50',
      ]);
      expect(mine.every((s) => s.lengthMinutes === 20)).toBe(true);
      expect(mine.every((s) => s.examiners.map((e) => e.id).join() === examiner)).toBe(true);
    }
    // The demo's old slots were replaced (nobody had joined them).
    expect(slots.every((s) => s.committeeId !== null)).toBe(true);
    expect(r.body.dayPlan.slotsPerCommittee).toBe(6);
    expect(r.body.unplacedStudents).toHaveLength(8);
    // The exam's window is the day's now: the student's list does not show it closed.
    const exam = (await c.examiner1!.call('getExam', { params: { examId } })).body.exam;
    expect([exam.opensAt.slice(11, 16), exam.closesAt.slice(11, 16)]).toEqual(['04:00', '06:10']);
    expect(exam.opensAt.slice(0, 10)).toBe(slots[0]!.startsAt.slice(0, 10));
  });
});

describe('ticket pools', () => {
  it('imports a pool of 30 lines and a CSV pool, with the committee rule on', async () => {
    const csv = 'Есеп 1;Кесте\nЕсеп 2\n"Есеп 3, екі бөлім"\n';
    const r = await c.examiner1!.call('setOralTicketPools', {
      params: { examId },
      body: {
        pools: [
          { name: 'Теория', tickets: { format: 'lines', text: thirtyLines } },
          { name: 'Практика', tickets: { format: 'csv', text: csv } },
        ],
        noRepeatInCommittee: true,
      },
    });
    expect(r.status).toBe(200);
    expect(r.body.noRepeatInCommittee).toBe(true);
    expect(
      r.body.pools.map((p: { name: string; tickets: unknown[] }) => [p.name, p.tickets.length]),
    ).toEqual([
      ['Теория', 30],
      ['Практика', 3],
    ]);
    expect(r.body.pools[0].tickets[29]).toEqual({ number: 30, questions: ['Сұрақ 30'] });
    expect(r.body.pools[1].tickets[0]).toEqual({ number: 1, questions: ['Есеп 1', 'Кесте'] });
    expect(r.body.pools[1].tickets[2]).toEqual({ number: 3, questions: ['Есеп 3, екі бөлім'] });
  });

  it('refuses two pools of one name and a ticket of four questions; the pools stay', async () => {
    const r = await c.examiner1!.call('setOralTicketPools', {
      params: { examId },
      body: {
        pools: [
          { name: 'A', tickets: { format: 'text', text: 'Ticket 1\na\nb\nc\nd' } },
          { name: 'a', tickets: { format: 'lines', text: 'x' } },
        ],
        noRepeatInCommittee: false,
      },
    });
    expect(r.status).toBe(400);
    expect(r.body.issues).toEqual([
      { path: 'body.pools.0.tickets', message: 'questions-count' },
      { path: 'body.pools.1.name', message: 'duplicate-pool' },
    ]);
    const after = await plan();
    expect(after.pools.map((p: { name: string }) => p.name)).toEqual(['Теория', 'Практика']);
    expect(after.noRepeatInCommittee).toBe(true);
  });
});

describe('placing students', () => {
  it('places the course’s students over the committees’ free slots in order (by group, then name)', async () => {
    const r = await c.examiner1!.call('placeOralStudents', { params: { examId } });
    expect(r.status).toBe(200);
    expect(r.body).toMatchObject({ placed: 8, unplaced: 0 });
    const slots = (r.body.plan.slots as Slot[]).sort(
      (a, b) => a.startsAt.localeCompare(b.startsAt) || (a.committeeId! < b.committeeId! ? -1 : 1),
    );
    const committees = r.body.plan.committees as { committeeId: string }[];
    const ordered = slots.sort(
      (a, b) =>
        a.startsAt.localeCompare(b.startsAt) ||
        committees.findIndex((k) => k.committeeId === a.committeeId) -
          committees.findIndex((k) => k.committeeId === b.committeeId),
    );
    // Group A-01 first (by name: Ахметов, Бекова, Сейітова), then the demo group.
    expect(ordered.slice(0, 3).map((s) => s.students[0]!.fullName)).toEqual([
      'Ахметов Нұрсұлтан Бекұлы',
      'Бекова Дана Ерланқызы',
      'Сейітова Айгерім Маратқызы',
    ]);
    expect(ordered.filter((s) => s.students.length === 1)).toHaveLength(8);
    expect(ordered.slice(8).every((s) => s.students.length === 0)).toBe(true);
    expect(r.body.plan.unplacedStudents).toEqual([]);
    // A second press places no one twice.
    const again = await c.examiner1!.call('placeOralStudents', { params: { examId } });
    expect(again.body).toMatchObject({ placed: 0, unplaced: 0 });
    // The student sees their slot.
    const mine = await c.studentA2!.call('myOralSlot', { params: { examId } });
    expect(mine.body.slot.slotId).toBe(ordered[0]!.slotId);
    expect(mine.body.booking).toBeNull();
  });
});

describe('booking', () => {
  it('lets students book a free slot until the cut-off, and places the rest after it', async () => {
    const first = Date.now() + 3 * 3600_000;
    const r = await c.examiner1!.call('generateOralDayPlan', {
      params: { examId },
      body: dayPlan({
        firstSlotAt: new Date(first).toISOString(),
        breaks: [],
        placement: 'booking',
        bookingClosesAt: new Date(first - 3600_000).toISOString(),
      }),
    });
    expect(r.status).toBe(200);
    const mine = await c.student3!.call('myOralSlot', { params: { examId } });
    expect(mine.body.slot).toBeNull();
    expect(mine.body.booking.slots).toHaveLength(12);
    const target = mine.body.booking.slots[5];
    const booked = await c.student3!.call('bookOralSlot', {
      params: { examId },
      body: { slotId: target.slotId },
    });
    expect(booked.status).toBe(200);
    expect(booked.body.slot.slotId).toBe(target.slotId);
    const full = await c.student4!.call('bookOralSlot', {
      params: { examId },
      body: { slotId: target.slotId },
    });
    expect(full.body.reason).toBe('slot-full');
    // Two bookings of one student at once, of two slots: one place, never two.
    const both = await Promise.all(
      [1, 2].map((i) =>
        c.student4!.call('bookOralSlot', {
          params: { examId },
          body: { slotId: mine.body.booking.slots[i].slotId },
        }),
      ),
    );
    expect(both.filter((b) => b.status === 200)).toHaveLength(1);
    const seats = (await plan()).slots.filter((s) => s.students.some((p) => p.id === ids.student4));
    expect(seats).toHaveLength(1);
    // However the requests interleave, the store refuses a queue that puts them in a second slot.
    const { db } = openDatabase({ dataDir: server.dataDir });
    try {
      const repo = new OralRepo(db);
      const other = (await repo.slots(examId)).find(
        (s) => s.plan && s.plan.studentIds.length === 0,
      )!;
      const stored = await repo.saveQueues(
        examId,
        [{ slotId: other.slotId, version: other.plan!.version, studentIds: [ids.student4!] }],
        [ids.student4!],
        new Date().toISOString(),
      );
      expect(stored).toBe(false);
      expect((await repo.slot(other.slotId))!.plan!.studentIds).toEqual([]);
    } finally {
      await db.destroy();
    }
    const twice = await c.student3!.call('bookOralSlot', {
      params: { examId },
      body: { slotId: mine.body.booking.slots[0].slotId },
    });
    expect(twice.body.reason).toBe('already-placed');
    const byExaminer = await c.examiner1!.call('bookOralSlot', {
      params: { examId },
      body: { slotId: target.slotId },
    });
    expect(byExaminer.status).toBe(403);
    expect((await plan()).unplacedStudents).toHaveLength(6);

    // The cut-off passes (a plan whose cut-off is already over): the next read places the rest.
    const closed = await c.examiner1!.call('generateOralDayPlan', {
      params: { examId },
      body: dayPlan({
        firstSlotAt: new Date(first).toISOString(),
        breaks: [],
        placement: 'booking',
        bookingClosesAt: new Date(Date.now() - 60_000).toISOString(),
      }),
    });
    expect(closed.status).toBe(200);
    expect(closed.body.unplacedStudents).toEqual([]);
    const late = await c.student4!.call('bookOralSlot', {
      params: { examId },
      body: { slotId: (closed.body.slots as Slot[])[11]!.slotId },
    });
    expect(late.body.reason).toBe('booking-closed');
  });
});

describe('the committee-wide draw', () => {
  it('gives each student of a committee a ticket no one else in it drew, and then refuses re-planning', async () => {
    // Short slots from now, so every waiting room is open: committee 1 gets four students.
    const r = await c.examiner1!.call('generateOralDayPlan', {
      params: { examId },
      body: dayPlan({
        firstSlotAt: new Date(Date.now() + 2 * 60_000).toISOString(),
        slotMinutes: 5,
        preparationMinutes: 0,
        breaks: [],
      }),
    });
    expect(r.status).toBe(200);
    // Four tickets in the pool: without the rule, four slots drawing alone would repeat one in
    // about nine runs out of ten.
    const pools = await c.examiner1!.call('setOralTicketPools', {
      params: { examId },
      body: {
        pools: [{ name: 'Теория', tickets: { format: 'lines', text: 'a\nb\nc\nd' } }],
        noRepeatInCommittee: true,
      },
    });
    expect(pools.status).toBe(200);
    const placed = await c.examiner1!.call('placeOralStudents', { params: { examId } });
    const committee1 = placed.body.plan.committees[0].committeeId as string;
    const slots = (placed.body.plan.slots as Slot[]).filter(
      (s) => s.committeeId === committee1 && s.students.length > 0,
    );
    expect(slots).toHaveLength(4);
    const drawn: number[] = [];
    for (const slot of slots) {
      const student = Object.keys(ids).find((k) => ids[k] === slot.students[0]!.id)!;
      const joined = await c[student]!.call('joinOralSlot', { params: { slotId: slot.slotId } });
      expect(joined.status).toBe(200);
      const sessionId = joined.body.turns[0].sessionId as string;
      for (const type of ['call-in', 'approve-identity']) {
        const done = await c.examiner1!.call('oralCommand', {
          params: { sessionId },
          body: { type },
        });
        expect(done.status).toBe(200);
      }
      const draw = await c[student]!.call('oralCommand', {
        params: { sessionId },
        body: { type: 'draw-ticket' },
      });
      expect(draw.status).toBe(200);
      drawn.push(draw.body.turns[0].picks[0].number as number);
    }
    expect(new Set(drawn).size).toBe(4);

    // Students have joined: the day cannot be re-planned, and nothing changes.
    const before = await plan();
    const again = await c.examiner1!.call('generateOralDayPlan', {
      params: { examId },
      body: dayPlan(),
    });
    expect(again.status).toBe(409);
    expect(again.body.reason).toBe('slot-started');
    expect((await plan()).slots.map((s) => s.slotId)).toEqual(before.slots.map((s) => s.slotId));
    // Nor can the pools change once drawn.
    const pools2 = await c.examiner1!.call('setOralTicketPools', {
      params: { examId },
      body: {
        pools: [{ name: 'X', tickets: { format: 'lines', text: 'a' } }],
        noRepeatInCommittee: false,
      },
    });
    expect(pools2.body.reason).toBe('tickets-in-use');
  });
});
