// The student's written exam in the words a student sees (English), for the browser tests.
import { createHash } from 'node:crypto';
import type {
  Browser,
  BrowserContext,
  Locator,
  Page,
  Route,
  WebSocketRoute,
} from 'playwright-core';
import { TestClient } from '../../server/test/client.ts';

export const sha256 = (text: string | Uint8Array) =>
  createHash('sha256').update(text).digest('hex');

/** What the editor stores for paragraphs of plain text (ADR 0011). */
export const asHtml = (...paragraphs: string[]) => paragraphs.map((p) => `<p>${p}</p>`).join('');

export const STUDENT1_NAME = 'Әлібекова Аружан Қайратқызы';

/**
 * Makes every screen share look like a window share (`displaySurface: 'window'`), as if the
 * student had picked a window in the browser's dialog: headless Chromium's fake picker always
 * shares the whole screen.
 */
export const PICK_A_WINDOW = `(() => {
  const original = navigator.mediaDevices.getDisplayMedia.bind(navigator.mediaDevices);
  navigator.mediaDevices.getDisplayMedia = async (constraints) => {
    const stream = await original(constraints);
    for (const track of stream.getVideoTracks()) {
      const settings = track.getSettings.bind(track);
      track.getSettings = () => ({ ...settings(), displaySurface: 'window' });
    }
    return stream;
  };
})();`;

export class WrittenExamPage {
  private constructor(
    readonly context: BrowserContext,
    readonly page: Page,
    readonly baseUrl: string,
  ) {}

  /** A fresh device with camera and microphone allowed, logged in as `login`, in English. */
  static async logIn(
    browser: Browser,
    baseUrl: string,
    login: string,
    opts: { initScript?: string; home?: string } = {},
  ): Promise<WrittenExamPage> {
    const context = await browser.newContext({
      viewport: { width: 1366, height: 768 },
      permissions: ['camera', 'microphone'],
    });
    if (opts.initScript) await context.addInitScript(opts.initScript);
    const page = await context.newPage();
    const app = new WrittenExamPage(context, page, baseUrl);
    await page.goto(new URL('/login', baseUrl).href);
    await page.getByRole('button', { name: 'English', exact: true }).click();
    await page.getByRole('textbox', { name: 'Login', exact: true }).fill(login);
    await page.getByRole('textbox', { name: 'Password', exact: true }).fill('demo');
    await page.getByRole('button', { name: 'Log in', exact: true }).click();
    await app.heading(opts.home ?? 'My exams').waitFor();
    return app;
  }

  close(): Promise<void> {
    return this.context.close();
  }

  heading(name: string, level = 1): Locator {
    return this.page.getByRole('heading', { level, name, exact: true });
  }

  button(name: string, scope: Page | Locator = this.page): Locator {
    return scope.getByRole('button', { name, exact: true });
  }

  /** A live message (role=status) with this text. */
  status(text: string | RegExp): Locator {
    return this.page.getByRole('status').filter({ hasText: text });
  }

  alert(text: string | RegExp): Locator {
    return this.page.getByRole('alert').filter({ hasText: text });
  }

  /** The rich-text answer editor (a contenteditable with the name "Your answer"). */
  answerBox(): Locator {
    return this.page.getByRole('textbox', { name: 'Your answer', exact: true });
  }

  /** Types at the end of the answer as a person does: click into it, go to the end, type. */
  async typeAnswer(text: string): Promise<void> {
    await this.answerBox().click();
    await this.page.keyboard.press('ControlOrMeta+End');
    await this.page.keyboard.type(text);
  }

  /** The answer's text as shown (paragraphs joined by new lines). */
  async answerText(box: Locator = this.answerBox()): Promise<string> {
    return (await box.innerText()).replace(/\n+$/, '');
  }

  /** The save indicator's current words. */
  saveStatus(text: string | RegExp): Locator {
    return this.page.locator('[data-save-state]').filter({ hasText: text });
  }

  /** Opens a written exam from the student's home, with the room scan shortened. */
  async openWrittenExam(title = 'Written exam', scanSeconds = 2): Promise<void> {
    const link = this.page.getByRole('link', { name: `Open the exam: ${title}`, exact: true });
    const href = await link.getAttribute('href');
    await this.page.goto(new URL(`${href}?scanSeconds=${scanSeconds}`, this.baseUrl).href);
    await this.heading(title).waitFor();
  }

  /**
   * A network this page can lose and get back: HTTP to the API and the realtime socket both
   * (`setOffline` leaves open WebSockets alone). Call before the page opens its socket.
   */
  async cuttableNetwork() {
    let cut = false;
    // Like a router that drops the connections: both ends of each socket are closed at once.
    const open = new Set<{ page: WebSocketRoute; server: WebSocketRoute }>();
    await this.page.routeWebSocket(/\/socket\.io\//, (ws) => {
      if (cut) return void ws.close();
      const ends = { page: ws, server: ws.connectToServer() };
      open.add(ends);
      ws.onMessage((m) => ends.server.send(m));
      ends.server.onMessage((m) => ws.send(m));
      const closed = () => {
        if (!open.delete(ends)) return;
        void ends.page.close().catch(() => {});
        void ends.server.close().catch(() => {});
      };
      ws.onClose(closed);
      ends.server.onClose(closed);
    });
    const abort = (route: Route) => route.abort('internetdisconnected');
    return {
      cut: async () => {
        cut = true;
        await this.page.route('**/api/**', abort);
        await this.page.route('**/socket.io/**', abort);
        for (const ends of [...open]) {
          open.delete(ends);
          await ends.server.close();
          await ends.page.close();
        }
      },
      restore: async () => {
        cut = false;
        await this.page.unroute('**/api/**', abort);
        await this.page.unroute('**/socket.io/**', abort);
      },
    };
  }

  /** The seed's steps 5–6 after a reload: the workspace is covered until the screen is shared. */
  async shareScreenAgain(): Promise<void> {
    const gate = this.page.getByRole('dialog', { name: 'Share your entire screen' });
    await gate.waitFor();
    await this.button('Share entire screen', gate).click();
    await gate.waitFor({ state: 'hidden' });
  }
}

/** The API as the student (for checking in quickly and reading what the server holds). */
export async function studentApi(baseUrl: string, login: string, examTitle = 'Written exam') {
  const client = new TestClient(baseUrl);
  await client.login(login);
  const exams = (await client.call('listExams')).body.exams as { id: string; title: string }[];
  const examId = exams.find((e) => e.title === examTitle)!.id;
  const sessionId = (await client.call('mySession', { params: { examId } })).body
    .sessionId as string;
  const session = async () =>
    (await client.call('getSession', { params: { sessionId } })).body as {
      state: { status: string; finalAnswerHash: string | null; incidents: unknown[] };
      answer: { body: string; seq: number } | null;
      files: { id: string; kind: string; name: string }[];
    };
  return { client, examId, sessionId, session };
}

/**
 * Checks in through the API: without a live proctor work starts at once, with one the session
 * waits for approval. A rejected session is checked in again (`retry-check-in`).
 */
/** Two 8×8 JPEGs (the server decodes photos, ADR 0019): a red one for the ID, a blue one for the face. */
const ID_PHOTO =
  '/9j/2wBDABALDA4MChAODQ4SERATGCgaGBYWGDEjJR0oOjM9PDkzODdASFxOQERXRTc4UG1RV19iZ2hnPk1xeXBkeFxlZ2P/2wBDARESEhgVGC8aGi9jQjhCY2NjY2NjY2NjY2NjY2NjY2NjY2NjY2NjY2NjY2NjY2NjY2NjY2NjY2NjY2NjY2NjY2P/wAARCAAIAAgDASIAAhEBAxEB/8QAFQABAQAAAAAAAAAAAAAAAAAAAAT/xAAUEAEAAAAAAAAAAAAAAAAAAAAA/8QAFQEBAQAAAAAAAAAAAAAAAAAABAb/xAAUEQEAAAAAAAAAAAAAAAAAAAAA/9oADAMBAAIRAxEAPwCIARQv/9k=';
const FACE_PHOTO =
  '/9j/2wBDABALDA4MChAODQ4SERATGCgaGBYWGDEjJR0oOjM9PDkzODdASFxOQERXRTc4UG1RV19iZ2hnPk1xeXBkeFxlZ2P/2wBDARESEhgVGC8aGi9jQjhCY2NjY2NjY2NjY2NjY2NjY2NjY2NjY2NjY2NjY2NjY2NjY2NjY2NjY2NjY2NjY2NjY2P/wAARCAAIAAgDASIAAhEBAxEB/8QAFQABAQAAAAAAAAAAAAAAAAAAAAX/xAAUEAEAAAAAAAAAAAAAAAAAAAAA/8QAFQEBAQAAAAAAAAAAAAAAAAAAAwb/xAAUEQEAAAAAAAAAAAAAAAAAAAAA/9oADAMBAAIRAxEAPwCKAoRP/9k=';

export async function checkInThroughApi(
  baseUrl: string,
  login: string,
  fullName: string,
  examTitle = 'Written exam',
) {
  const api = await studentApi(baseUrl, login, examTitle);
  const { client, sessionId } = api;
  const command = (body: object) => client.call('sessionCommand', { params: { sessionId }, body });
  const status = (await api.session()).state.status;
  if (status === 'scheduled') await command({ type: 'begin-check-in' });
  if (status === 'rejected') await command({ type: 'retry-check-in' });
  const upload = async (kind: string, bytes: Uint8Array) => {
    const res = await fetch(
      `${baseUrl}/api/sessions/${sessionId}/files?kind=${kind}&name=${kind}.jpg`,
      {
        method: 'POST',
        headers: {
          'content-type': 'image/jpeg',
          cookie: client.cookie,
          'x-csrf-token': client.csrf,
        },
        body: Buffer.from(bytes),
      },
    );
    if (!res.ok) throw new Error(`upload ${kind}: ${res.status}`);
    return ((await res.json()) as { sha256: string }).sha256;
  };
  const idDocumentSha256 = await upload('id-document', Buffer.from(ID_PHOTO, 'base64'));
  const faceSha256 = await upload('face', Buffer.from(FACE_PHOTO, 'base64'));
  const done = await command({
    type: 'complete-check-in',
    typedName: fullName,
    idDocumentSha256,
    faceSha256,
    consentRecording: true,
  });
  if (!['in_progress', 'awaiting_approval'].includes(done.body.state?.status))
    throw new Error(`check-in: ${JSON.stringify(done.body)}`);
  return api;
}
