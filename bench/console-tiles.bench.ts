// `npm run bench:console`: a proctor's console with 50 students live. 50 sittings waiting for
// the proctor (50 tiles), 5 of them with a real student page publishing fake camera video; the
// console's main thread is watched for long tasks (> 50 ms) while it loads and then for 15 s,
// including a scroll through all tiles (off-screen tiles pull no media). Writes
// bench/results/console-tiles.json and prints it.
import { TestClient } from '../apps/server/test/client.ts';
import { addDemoWrittenExam, startTestServer } from '../apps/server/test/harness.ts';
import { checkIn } from '../apps/server/test/live-world.ts';
import { EmtihanPage, launchChromium } from '../apps/web/e2e/emtihan.page.ts';
import { framesPlay } from '../apps/web/e2e/live.page.ts';
import { WrittenExamPage } from '../apps/web/e2e/written-exam.page.ts';
import { writeResult } from './common.ts';

const STUDENTS = 50;
const REAL = 5;
const EXAM_ID = 'bench-live';

// tsx keeps function names with a __name helper that page.evaluate's functions then call.
const LONG_TASKS = `(() => {
  window.__name = (f) => f;
  window.__long = [];
  new PerformanceObserver((l) => {
    for (const e of l.getEntries()) window.__long.push({ at: e.startTime, ms: e.duration });
  }).observe({ type: 'longtask', buffered: true });
})();`;

async function main() {
  // Rate limits off (RATE_LIMIT_FACTOR=0): every client comes from 127.0.0.1.
  const server = await startTestServer({ demo: true, env: { RATE_LIMIT_FACTOR: '0' } });
  const browser = await launchChromium();
  try {
    await addDemoWrittenExam(server, {
      id: EXAM_ID,
      title: 'Bench exam',
      settings: { liveProctoring: true, roomScanRequired: false },
    });
    const admin = new TestClient(server.url);
    await admin.login('admin');
    const courses = (await admin.call('listCourses')).body.courses as {
      id: string;
      code: string;
    }[];
    const course = courses.find((c) => c.code === 'DEMO-101')!;
    const names: Record<string, string> = {
      student1: 'Әлібекова Аружан Қайратқызы',
      student2: 'Нұрланов Дәулет Серікұлы',
    };
    const demo = (await admin.call('listUsers')).body.users as {
      login: string;
      fullName: string;
    }[];
    for (const u of demo) names[u.login] = u.fullName;
    for (let i = 6; i <= STUDENTS; i++) {
      const login = `bench${i}`;
      const abc = 'АБВГДЕЖЗИКЛМНОПРСТУФХЦЧШЭЮЯ';
      const fullName = `Бенчев ${abc[Math.floor(i / abc.length)]}${abc[i % abc.length]!.toLowerCase()}ан`;
      const u = await admin.call('createUser', {
        body: { login, fullName, roles: ['student'], password: 'bench-pass-1', language: 'kk' },
      });
      if (u.status !== 200) throw new Error(`createUser: ${JSON.stringify(u.body)}`);
      await admin.call('enrol', {
        params: { courseId: course.id },
        body: { userId: u.body.id, role: 'student' },
      });
      names[login] = fullName;
    }
    const logins = [1, 2, 3, 4, 5].map((i) => `student${i}`);
    for (let i = 6; i <= STUDENTS; i++) logins.push(`bench${i}`);
    for (const login of logins)
      await checkIn(
        server.url,
        EXAM_ID,
        login,
        names[login]!,
        login.startsWith('bench') ? 'bench-pass-1' : 'demo',
      );

    // Five real student pages publish their (fake) camera from the waiting room.
    const students = [];
    for (const login of logins.slice(0, REAL)) {
      const s = await WrittenExamPage.logIn(browser, server.url, login);
      await s.openWrittenExam('Bench exam');
      students.push(s);
    }

    const context = await browser.newContext({ viewport: { width: 1366, height: 768 } });
    await context.addInitScript(LONG_TASKS);
    const page = await context.newPage();
    const app = await EmtihanPage.open(browser, server.url, '/');
    await app.close();
    await page.goto(new URL('/', server.url).href);
    await page.getByRole('button', { name: 'English', exact: true }).click();
    await page.getByRole('textbox', { name: 'Login', exact: true }).fill('proctor1');
    await page.getByRole('textbox', { name: 'Password', exact: true }).fill('demo');
    await page.getByRole('button', { name: 'Log in', exact: true }).click();
    await page.getByRole('heading', { name: 'Exam sittings to proctor' }).waitFor();
    const t0 = Date.now();
    await page.goto(new URL(`/proctor/exams/${EXAM_ID}`, server.url).href);
    const tiles = page.getByRole('group', { name: /waiting for the proctor/ });
    await tiles.nth(STUDENTS - 1).waitFor();
    const tilesShownMs = Date.now() - t0;
    const tileCount = await tiles.count();
    // Real peers, each scrolled into view: their cameras play.
    let decoding = 0;
    for (const login of logins.slice(0, REAL)) {
      const video = page.getByLabel(`Camera of ${names[login]}`, { exact: true });
      await video.scrollIntoViewIfNeeded(); // off-screen tiles pull no media
      const played = await Promise.race([
        framesPlay(video, 3).then(() => true),
        new Promise<boolean>((r) => setTimeout(() => r(false), 20_000)),
      ]);
      if (played) decoding += 1;
    }
    const firstFramesMs = Date.now() - t0;
    // Watch 15 s, scrolling through every tile and back.
    const markAt = await page.evaluate(() => performance.now());
    for (let y = 0; y <= 6000; y += 400) {
      await page.mouse.wheel(0, 400);
      await page.waitForTimeout(400);
    }
    await page.evaluate(() => window.scrollTo(0, 0));
    await page.waitForTimeout(15_000 - 15 * 400);
    const long =
      (await page.evaluate(
        () => (window as unknown as { __long: { at: number; ms: number }[] }).__long,
      )) ?? [];
    const during = long.filter((l) => l.at >= markAt);
    const sum = (xs: { ms: number }[]) => Math.round(xs.reduce((a, b) => a + b.ms, 0));
    const result = {
      bench: 'console-tiles',
      at: new Date().toISOString(),
      machine: { cpus: (await import('node:os')).cpus().length, node: process.version },
      students: STUDENTS,
      realPublishers: REAL,
      tilesShown: tileCount,
      tilesShownMs,
      realCamerasDecoding: decoding,
      firstFramesMs,
      loading: {
        longTasks: long.filter((l) => l.at < markAt).length,
        longTaskMsTotal: sum(long.filter((l) => l.at < markAt)),
        longestMs: Math.round(Math.max(0, ...long.filter((l) => l.at < markAt).map((l) => l.ms))),
      },
      watching15sWithScroll: {
        longTasks: during.length,
        longTaskMsTotal: sum(during),
        longestMs: Math.round(Math.max(0, ...during.map((l) => l.ms))),
      },
    };
    writeResult('console-tiles', result);
    for (const s of students) await s.close();
    await context.close();
  } finally {
    await browser.close();
    await server.close();
  }
}

await main();
