// Planning an oral exam's day in Chromium: examiner1 sets two committees, generates 2 × 6 slots
// of 20 minutes on the university's clock, imports a pool of 30 tickets (one a line) from a file
// with the committee rule on, and places the students; the schedule shows a table per committee.
// Then two students of committee 1 draw: the first through the API, the second in the browser
// (on a device in another time zone, which also shows the university's time): the second ticket
// is not the first.
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TestClient } from '../../server/test/client.ts';
import { startTestServer, type TestServer } from '../../server/test/harness.ts';
import { addOralPeople, EXAMINER2, PASSWORD } from '../../server/test/oral-world.ts';
import { EmtihanPage, launchChromium } from './emtihan.page.ts';

let server: TestServer;
let browser: Browser;
const ids: Record<string, string> = {};
const EXAMINER1 = 'Қасымов Ерлан Төлеуұлы';
const ZONE = 'Asia/Almaty';

beforeAll(async () => {
  [server, browser] = await Promise.all([startTestServer({ demo: true }), launchChromium()]);
  Object.assign(ids, await addOralPeople(server.url));
});

afterAll(async () => {
  await browser?.close();
  await server?.close();
});

/** The university's wall clock at an instant: "YYYY-MM-DD" and "HH:MM". */
function almaty(at: number): { date: string; time: string } {
  const parts = new Intl.DateTimeFormat('en-CA', {
    timeZone: ZONE,
    hourCycle: 'h23',
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
  }).formatToParts(new Date(at));
  const get = (type: string) => parts.find((p) => p.type === type)!.value;
  return {
    date: `${get('year')}-${get('month')}-${get('day')}`,
    time: `${get('hour')}:${get('minute')}`,
  };
}

/** Logs in through the API: the login of each demo student, and group A-01's (other password). */
async function client(login: string): Promise<TestClient> {
  const c = new TestClient(server.url);
  await c.login(login, /^studentA/.test(login) || login === 'examiner2' ? PASSWORD : 'demo');
  return c;
}

describe('planning an oral exam’s day', () => {
  it('makes 2 committees × 6 slots of 20 minutes, imports 30 tickets, places the students, and the committee’s next student draws a ticket no one in it drew', async () => {
    // The first slot starts at the next whole minute at least 45 s away: the second slot's
    // waiting room opens 20 minutes before it, that is at the first slot's start.
    const first = Math.ceil((Date.now() + 45_000) / 60_000) * 60_000;
    const examiner = await EmtihanPage.open(browser, server.url, '/');
    try {
      await examiner.chooseLanguage('en');
      await examiner.logIn('examiner1', 'demo');
      await examiner.link('Tickets and slots: Oral exam').click();
      await examiner.seeHeading('Oral exam');
      const page = examiner.page;

      // Committees: examiner1 chairs the first, examiner2 the second.
      await page
        .getByLabel('Chair of committee 1', { exact: true })
        .selectOption({ label: EXAMINER1 });
      await examiner.button('Add a committee').click();
      await page
        .getByLabel('Chair of committee 2', { exact: true })
        .selectOption({ label: EXAMINER2.fullName });
      await examiner.button('Save committees').click();
      await examiner.seeStatus('Committees saved: 2.');

      // The day plan, first with a preparation as long as a turn: refused, the field named.
      const day = page.getByRole('region', { name: 'Day plan' });
      const at = almaty(first);
      await day.getByLabel('Date', { exact: true }).fill(at.date);
      await day.getByLabel('First slot starts at', { exact: true }).fill(at.time);
      await examiner.textbox('Slot length, minutes', day).fill('20');
      await examiner.textbox('Preparation, minutes', day).fill('20');
      await examiner.textbox('Slots per committee', day).fill('6');
      await examiner.textbox('Committees at the same time', day).fill('2');
      await examiner.button('Generate the slots').click();
      const refused = await examiner.seeAlert('The plan has mistakes; nothing was saved:');
      await refused.getByText(/^Preparation: must be shorter than one student's turn/).waitFor();
      await examiner.textbox('Preparation, minutes', day).fill('5');
      await examiner.button('Generate the slots').click();
      await examiner.seeStatus('Slots generated: 12, for 2 committees.');

      // A pool of 30 tickets, one a line, from a file; no repeats within a committee.
      const pools = page.getByRole('region', { name: 'Ticket pools' });
      await examiner.textbox('Name of pool 1', pools).fill('Theory');
      const lines = Array.from({ length: 30 }, (_, i) => `Question ${i + 1} of the theory`);
      await pools.getByLabel('File for pool 1', { exact: true }).setInputFiles({
        name: 'theory.txt',
        mimeType: 'text/plain',
        buffer: Buffer.from(lines.join('\n')),
      });
      await expect
        .poll(() => examiner.textbox('Tickets of pool 1', pools).inputValue())
        .toContain('Question 30 of the theory');
      await pools.getByLabel('No two students in a committee draw the same ticket').check();
      await examiner.button('Save the pools').click();
      await examiner.seeStatus('Theory: 30 tickets.');

      await examiner.button('Place students automatically').click();
      await examiner.seeStatus('Students placed: 8.');

      // The schedule: a table per committee, six slots each, on the university's clock.
      for (const n of [1, 2]) {
        const table = page.getByRole('table', { name: `Schedule of committee ${n}` });
        await expect.poll(() => table.getByRole('row').count()).toBe(7);
        await table.getByRole('cell', { name: new RegExp(`^${at.time}–`) }).waitFor();
      }
    } finally {
      await examiner.close();
    }

    // Committee 1's first two slots, in time order, and who is in them.
    const api = await client('examiner1');
    const exams = (await api.call('listExams')).body.exams as { id: string; kind: string }[];
    const examId = exams.find((e) => e.kind === 'oral')!.id;
    const plan = (await api.call('oralPlan', { params: { examId } })).body;
    expect(plan.pools).toHaveLength(1);
    expect(plan.pools[0].tickets).toHaveLength(30);
    expect(plan.noRepeatInCommittee).toBe(true);
    const committee1 = plan.committees[0].committeeId as string;
    const slots = (
      plan.slots as {
        slotId: string;
        committeeId: string;
        startsAt: string;
        students: { id: string }[];
      }[]
    )
      .filter((s) => s.committeeId === committee1)
      .sort((a, b) => a.startsAt.localeCompare(b.startsAt));
    expect(slots).toHaveLength(6);
    expect(Date.parse(slots[0]!.startsAt)).toBe(first);
    const logins = new Map<string, string>(Object.entries(ids).map(([login, id]) => [id, login]));
    for (const login of ['student1', 'student2', 'student3', 'student4', 'student5']) {
      const c = await client(login);
      logins.set((await c.call('me')).body.user.id as string, login);
    }
    const [firstLogin, secondLogin] = slots.slice(0, 2).map((s) => logins.get(s.students[0]!.id)!);

    // The first student of the committee draws through the API.
    const s1 = await client(firstLogin!);
    const joined = await s1.call('joinOralSlot', { params: { slotId: slots[0]!.slotId } });
    expect(joined.status).toBe(200);
    const firstSession = joined.body.turns[0].sessionId as string;
    for (const type of ['call-in', 'approve-identity']) {
      await api.call('oralCommand', { params: { sessionId: firstSession }, body: { type } });
    }
    const drawn = await s1.call('oralCommand', {
      params: { sessionId: firstSession },
      body: { type: 'draw-ticket' },
    });
    const firstTicket = drawn.body.turns[0].picks[0].number as number;

    // The second slot's waiting room opens at the first slot's start.
    while (Date.now() < first + 1000) await new Promise((r) => setTimeout(r, 500));

    // The next student of the committee, on a device in another time zone, draws in the browser.
    const student = await EmtihanPage.open(browser, server.url, '/', {
      timezoneId: 'Europe/London',
    });
    try {
      await student.chooseLanguage('en');
      await student.logIn(secondLogin!, /^studentA/.test(secondLogin!) ? PASSWORD : 'demo');
      await student.link('Go to the oral exam: Oral exam').click();
      await student.seeHeading('Oral exam');
      await student.page.getByText(`University time (${ZONE}):`, { exact: false }).waitFor();
      await student.button('Turn on the camera and microphone').click();
      await student.seeStatus('The camera works.');
      await student.button('Enter the waiting room').click();
      await student.page.getByRole('heading', { name: 'Waiting room' }).waitFor();
      const room = (await api.call('oralRoom', { params: { slotId: slots[1]!.slotId } })).body;
      const sessionId = room.turns[0].sessionId as string;
      for (const type of ['call-in', 'approve-identity']) {
        const r = await api.call('oralCommand', { params: { sessionId }, body: { type } });
        expect(r.status).toBe(200);
      }
      await student.page.getByText('Your identity is confirmed. Draw your ticket.').waitFor();
      await student.button('Draw a ticket').click();
      const ticket = student.page.getByRole('region', { name: /^Ticket \d+$/ });
      await ticket.waitFor();
      const secondTicket = Number(/\d+/.exec((await ticket.getAttribute('aria-label'))!)![0]);
      expect(secondTicket).toBeGreaterThanOrEqual(1);
      expect(secondTicket).toBeLessThanOrEqual(30);
      expect(secondTicket).not.toBe(firstTicket);
      await ticket.getByText(`Question ${secondTicket} of the theory`).waitFor();
    } finally {
      await student.close();
    }
  }, 240_000); // a browser form, two logins, the wait for the second waiting room (≤ 2 min)
});
