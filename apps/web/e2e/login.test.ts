// Browser tests as a person would use Emtihan: real server (fresh SQLite, demo data), real
// Chromium, elements found by their role and accessible name.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { startTestServer, type TestServer } from '../../server/test/harness.ts';
import { EmtihanPage, launchChromium } from './emtihan.page.ts';

let server: TestServer;
let browser: Browser;

beforeAll(async () => {
  [server, browser] = await Promise.all([startTestServer({ demo: true }), launchChromium()]);
});

afterAll(async () => {
  await browser?.close();
  await server?.close();
});

/** Opens a fresh device, switches the page to English and returns it. */
async function inEnglish(path = '/'): Promise<EmtihanPage> {
  const app = await EmtihanPage.open(browser, server.url, path);
  await app.seeHeading('Жүйеге кіру'); // Kazakh is the university's default language
  await app.chooseLanguage('en');
  await app.seeHeading('Log in');
  return app;
}

describe('logging in', () => {
  it('a first visit to the login page logs no failed request and no console error', async () => {
    const context = await browser.newContext({ viewport: { width: 1366, height: 768 } });
    try {
      const page = await context.newPage();
      const problems: string[] = [];
      page.on('console', (m) => {
        if (m.type() === 'error') problems.push(`console: ${m.text()}`);
      });
      page.on('response', (r) => {
        if (r.status() >= 400) problems.push(`${r.status()} ${r.url()}`);
      });
      const asked = page.waitForResponse((r) => r.url().endsWith('/api/whoami'));
      await page.goto(`${server.url}/login`);
      expect(await (await asked).json()).toEqual({ user: null, csrfToken: null });
      await page.getByRole('heading', { name: 'Жүйеге кіру' }).waitFor();
      await page.waitForLoadState('networkidle');
      expect(problems).toEqual([]);
    } finally {
      await context.close();
    }
  });

  it.each([
    ['student1', 'My exams', ['Student']],
    ['proctor1', 'Exam sittings to proctor', ['Proctor']],
    ['examiner1', 'My exams', ['Examiner']],
    [
      'admin',
      'Administration',
      ['Administration', 'Users', 'Import students', 'Courses', 'Accommodations'],
    ],
    ['office1', 'Accommodations', ['Accommodations']],
  ])('%s logs in and lands on their home, "%s"', async (login, heading, navEntries) => {
    const app = await inEnglish();
    try {
      await app.logIn(login, 'demo');
      await app.seeHeading(heading);
      const nav = app.page.getByRole('navigation', { name: 'Main menu' });
      const links = await nav.getByRole('link').allInnerTexts();
      // The person's areas, then their own account page.
      expect(links.map((s) => s.trim())).toEqual([...navEntries, 'Your account']);
      if (login !== 'admin' && login !== 'office1') {
        await app.page.getByRole('article', { name: 'Written exam', exact: true }).waitFor();
        await app.page.getByRole('article', { name: 'Oral exam' }).waitFor();
      }
    } finally {
      await app.close();
    }
  });

  it('a person logs in with the keyboard alone', async () => {
    const app = await inEnglish();
    try {
      const login = app.textbox('Login');
      for (
        let i = 0;
        i < 10 && !(await login.evaluate((el) => el === document.activeElement));
        i++
      ) {
        await app.page.keyboard.press('Tab');
      }
      await app.page.keyboard.type('examiner1');
      await app.page.keyboard.press('Tab');
      await app.page.keyboard.type('demo');
      await app.page.keyboard.press('Enter');
      await app.seeHeading('My exams');
    } finally {
      await app.close();
    }
  });

  it('a demo account button fills in the form, and the person logs in with it', async () => {
    const app = await inEnglish();
    try {
      await app.button('Use proctor1').click();
      expect(await app.textbox('Login').inputValue()).toBe('proctor1');
      await app.button('Log in').click();
      await app.seeHeading('Exam sittings to proctor');
    } finally {
      await app.close();
    }
  });

  it('a wrong password shows one generic alert with the support phone, as does an unknown login', async () => {
    const app = await inEnglish();
    try {
      await app.logIn('student4', 'not-the-password');
      const alert = await app.seeAlert('The login or password is wrong.');
      expect(await alert.textContent()).toContain('+7 700 000 00 00');
      const first = await alert.textContent();

      const answered = app.page.waitForResponse((r) => r.url().endsWith('/api/auth/login'));
      await app.logIn('nobody-by-this-name', 'demo');
      await answered;
      expect(
        await app.seeAlert('The login or password is wrong.').then((a) => a.textContent()),
      ).toBe(first);
      await app.seeHeading('Log in');
    } finally {
      await app.close();
    }
  });

  it('a page behind login sends a logged-out person to the login page and back after', async () => {
    const app = await inEnglish('/student');
    try {
      await app.logIn('student3', 'demo');
      await app.seeHeading('My exams');
      expect(new URL(app.page.url()).pathname).toBe('/student');
    } finally {
      await app.close();
    }
  });

  it('every page shows the technical support contact, the login page included', async () => {
    const app = await inEnglish();
    try {
      const footer = app.page.getByRole('contentinfo');
      await footer.getByRole('link', { name: '+7 700 000 00 00' }).waitFor();
      await footer.getByRole('link', { name: 'support@example.edu.kz' }).waitFor();
      await app.logIn('student3', 'demo');
      await app.seeHeading('My exams');
      await footer.getByRole('link', { name: '+7 700 000 00 00' }).waitFor();
    } finally {
      await app.close();
    }
  });
});

describe('language', () => {
  it('switching to Kazakh shows Kazakh text, and the choice survives a reload', async () => {
    const app = await inEnglish();
    try {
      await app.logIn('student2', 'demo');
      await app.seeHeading('My exams');
      await app.chooseLanguage('kk');
      await app.seeHeading('Менің емтихандарым');
      await app.button('Шығу').waitFor();
      expect(await app.htmlLang()).toBe('kk');

      await app.page.reload();
      await app.seeHeading('Менің емтихандарым');
      expect(await app.htmlLang()).toBe('kk');
    } finally {
      await app.close();
    }
  });

  it('a language chosen while logged in is the account language on another device', async () => {
    const first = await inEnglish();
    try {
      await first.logIn('student5', 'demo');
      await first.seeHeading('My exams');
      const saved = first.page.waitForResponse(
        (r) => r.url().endsWith('/api/me') && r.request().method() === 'PATCH' && r.ok(),
      );
      await first.chooseLanguage('ru');
      await saved;
      await first.seeHeading('Мои экзамены');
    } finally {
      await first.close();
    }

    const second = await EmtihanPage.open(browser, server.url, '/login');
    try {
      await second.seeHeading('Жүйеге кіру');
      await second.logIn('student5', 'demo', 'kk');
      await second.seeHeading('Мои экзамены');
      expect(await second.htmlLang()).toBe('ru');
    } finally {
      await second.close();
    }
  });
});

describe('logging out', () => {
  it('logging out lands on the login page, and the home page is closed again', async () => {
    const app = await inEnglish();
    try {
      await app.logIn('student3', 'demo');
      await app.seeHeading('My exams');
      await app.button('Log out').click();
      await app.seeHeading('Log in');
      await app.seeStatus('You have logged out.');

      await app.goto('/student');
      await app.seeHeading('Log in');
    } finally {
      await app.close();
    }
  });
});

describe('administration', () => {
  it('the admin creates a user whose name keeps its Kazakh letters', async () => {
    const app = await inEnglish();
    try {
      await app.logIn('admin', 'demo');
      await app.seeHeading('Administration');
      await app.navLink('Users').click();
      await app.seeHeading('Users');

      await app.button('Create user').click();
      const dialog = app.dialog('New user');
      await dialog.waitFor();
      await app.textbox('Login', dialog).fill('g.nurlanqyzy');
      await app.textbox('Full name', dialog).fill('Әбенова Ғалия Нұрланқызы');
      await app.textbox('Group', dialog).fill('ИС-22');
      await app.textbox('Password', dialog).fill('Tau-2025');
      await dialog.getByRole('button', { name: 'Create user', exact: true }).click();

      await app.seeStatus('User g.nurlanqyzy has been created.');
      const row = app.page.getByRole('row').filter({ hasText: 'g.nurlanqyzy' });
      expect(await row.textContent()).toContain('Әбенова Ғалия Нұрланқызы');
      expect(await row.textContent()).toContain('Student');
    } finally {
      await app.close();
    }
  });

  // student3 is deactivated here; the tests above that log in as student3 run before it.
  it('the admin deactivates a user, who then cannot log in', async () => {
    const admin = await inEnglish();
    try {
      await admin.logIn('admin', 'demo');
      await admin.seeHeading('Administration');
      await admin.navLink('Users').click();
      await admin.button('Edit student3').click();
      const dialog = admin.dialog('Edit user student3');
      await dialog.getByRole('checkbox', { name: 'Active' }).uncheck();
      await dialog.getByRole('button', { name: 'Save', exact: true }).click();
      await admin.seeStatus('User student3 has been saved.');
      const row = admin.page.getByRole('row').filter({ hasText: 'student3' });
      await row.getByText('Deactivated').waitFor();
    } finally {
      await admin.close();
    }

    const student = await inEnglish();
    try {
      await student.logIn('student3', 'demo');
      await student.seeAlert('The login or password is wrong.');
    } finally {
      await student.close();
    }
  });

  it('the admin creates a course and enrols a student in it, then removes them', async () => {
    const app = await inEnglish();
    try {
      await app.logIn('admin', 'demo');
      await app.seeHeading('Administration');
      await app.navLink('Courses').click();
      await app.button('Create course').click();
      const dialog = app.dialog('New course');
      await app.textbox('Code', dialog).fill('MAT-201');
      await app.textbox('Title', dialog).fill('Математикалық талдау');
      await dialog.getByRole('button', { name: 'Create course', exact: true }).click();
      await app.seeStatus('Course “Математикалық талдау” has been created.');

      await app.link('Participants of Математикалық талдау').click();
      await app.seeHeading('Participants: Математикалық талдау');
      await app.page.getByText('Nobody takes part in this course yet.').waitFor();
      await app.page.getByRole('combobox', { name: 'Person' }).fill('student4');
      await app.page.getByRole('option', { name: /student4/ }).click();
      await app.button('Add').click();
      await app.seeStatus('has been added as Student.');
      const row = app.page.getByRole('row').filter({ hasText: 'student4' });
      await row.waitFor();

      await row.getByRole('button', { name: /^Remove / }).click();
      await app.seeStatus('has been removed from the course.');
      await app.page.getByText('Nobody takes part in this course yet.').waitFor();

      await app.navLink('Courses').click();
      const course = app.page.getByRole('row').filter({ hasText: 'MAT-201' });
      expect(await course.getByRole('cell').nth(2).textContent()).toBe('0');
    } finally {
      await app.close();
    }
  });

  it('the admin sees the error of a bad CSV row, nothing is imported, then imports a good CSV', async () => {
    const app = await inEnglish();
    try {
      await app.logIn('admin', 'demo');
      await app.seeHeading('Administration');
      await app.navLink('Import students').click();
      await app.seeHeading('Import students');

      const csv = app.textbox('CSV text');
      const importButton = app.button('Import');
      await csv.fill(
        [
          'login;full_name;email;group;language;password',
          'e.sadyq;Садықов Ерлан Әсетұлы;;ИС-23;kk;Dala-2025',
          'bad login;Серікқызы Айгүл;;ИС-23;kk;Dala-2025',
        ].join('\n'),
      );
      await app.button('Preview').click();
      await app.seeAlert('Rows with errors: 1 of 2.');
      const badRow = app.page.getByRole('row').filter({ hasText: 'bad login' });
      expect(await badRow.getByRole('cell').last().textContent()).toBe(
        'login: 2–64 characters: Latin letters, digits, dot, underscore, @ and hyphen',
      );
      expect(await importButton.isDisabled()).toBe(true);

      // Nothing was imported: the valid row's person does not exist.
      await app.navLink('Users').click();
      await app.seeHeading('Users');
      await app.page
        .getByRole('searchbox', { name: 'Search by login, name, group or e-mail' })
        .fill('e.sadyq');
      await app.page.getByText('Users found: 0').waitFor();

      await app.navLink('Import students').click();
      await app.seeHeading('Import students');
      await csv.fill(
        [
          'login,full_name,email,group,language,password',
          'e.sadyq,Садықов Ерлан Әсетұлы,e.sadyq@example.edu.kz,ИС-23,kk,Dala-2025',
          'a.serikqyzy,Серікқызы Айгүл,,ИС-23,ru,Dala-2025',
        ].join('\n'),
      );
      await app.button('Preview').click();
      await app.seeStatus('All rows are valid (2).');
      await importButton.click();
      await app.seeStatus('Students imported: 2.');

      await app.navLink('Users').click();
      await app.page
        .getByRole('searchbox', { name: 'Search by login, name, group or e-mail' })
        .fill('ИС-23');
      await app.page.getByText('Users found: 2').waitFor();
    } finally {
      await app.close();
    }
  });
});

describe('sessions', () => {
  it('a student who opens an admin page is sent to their own home', async () => {
    const app = await inEnglish();
    try {
      await app.logIn('student4', 'demo');
      await app.seeHeading('My exams');
      await app.goto('/admin/users');
      await app.seeHeading('My exams');
      expect(new URL(app.page.url()).pathname).toBe('/student');
    } finally {
      await app.close();
    }
  });

  it("when the admin revokes a student's sessions, the student's open page goes to the login page", async () => {
    const student = await inEnglish();
    const admin = await inEnglish();
    try {
      await student.logIn('student1', 'demo');
      await student.seeHeading('My exams');

      await admin.logIn('admin', 'demo');
      await admin.seeHeading('Administration');
      await admin.navLink('Users').click();
      await admin.button('Edit student1').click();
      const dialog = admin.dialog('Edit user student1');
      await dialog.getByRole('button', { name: 'Revoke sessions', exact: true }).click();
      await dialog.getByText('out on every device?').waitFor();
      await dialog.getByRole('button', { name: 'Revoke sessions', exact: true }).click();
      await admin.seeStatus('Sessions of student1 ended:');

      await student.seeHeading('Log in');
      await student.seeStatus('Your session was ended by the administrator. Please log in again.');
    } finally {
      await Promise.all([student.close(), admin.close()]);
    }
  });

  it('a person logs out on all devices from their account page; their other device goes to the login page too', async () => {
    const laptop = await inEnglish();
    const phone = await inEnglish();
    try {
      await phone.logIn('proctor1', 'demo');
      await phone.seeHeading('Exam sittings to proctor');
      await laptop.logIn('proctor1', 'demo');
      await laptop.seeHeading('Exam sittings to proctor');
      await laptop.navLink('Your account').click();
      await laptop.seeHeading('Your account');
      await laptop.page.getByRole('heading', { name: 'Серікова Гүлнар Маратқызы' }).waitFor();
      await laptop.button('Log out on all devices').click();
      await laptop.seeHeading('Log in');
      await laptop.seeStatus('You have logged out on all devices.');
      await phone.seeHeading('Log in');
      await phone.seeStatus('You have logged out on all devices.');
    } finally {
      await Promise.all([laptop.close(), phone.close()]);
    }
  });
});

describe('too many attempts', () => {
  let strict: TestServer;
  beforeAll(async () => {
    strict = await startTestServer({ demo: true, env: { LOGIN_RATE_LIMIT: '2' } });
  });
  afterAll(async () => {
    await strict?.close();
  });

  it('after too many wrong passwords the page says to wait, not that the password is wrong', async () => {
    const app = await EmtihanPage.open(browser, strict.url, '/login');
    try {
      await app.chooseLanguage('en');
      for (let attempt = 1; attempt <= 2; attempt++) {
        const answered = app.page.waitForResponse((r) => r.url().endsWith('/api/auth/login'));
        await app.logIn('student1', `wrong-${attempt}`);
        expect((await answered).status()).toBe(401);
      }
      await app.logIn('student1', 'wrong-3');
      const alert = await app.seeAlert('Too many attempts to log in: wait');
      // The wait the server gave (at most the one-minute window), in seconds.
      const seconds = Number(
        /wait (\d+) seconds, then try again\./.exec(await alert.innerText())?.[1],
      );
      expect(seconds).toBeGreaterThan(0);
      expect(seconds).toBeLessThanOrEqual(60);
    } finally {
      await app.close();
    }
  });
});
