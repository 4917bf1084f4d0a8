// A page object: what a person does in Emtihan, in the words they see on the screen.
import {
  chromium,
  type Browser,
  type BrowserContext,
  type Locator,
  type Page,
} from 'playwright-core';

export const LANGUAGE_BUTTON = { kk: 'Қазақша', ru: 'Русский', en: 'English' } as const;
type Lang = keyof typeof LANGUAGE_BUTTON;

/** The login form's words in each language, for a person who has not switched language yet. */
const LOGIN_WORDS: Record<Lang, { login: string; password: string; submit: string }> = {
  kk: { login: 'Логин', password: 'Құпиясөз', submit: 'Кіру' },
  ru: { login: 'Логин', password: 'Пароль', submit: 'Войти' },
  en: { login: 'Login', password: 'Password', submit: 'Log in' },
};

/** Debian's Chromium with a fake camera, microphone and screen; `extraArgs` after ours. */
export function launchChromium(extraArgs: string[] = []): Promise<Browser> {
  return chromium.launch({
    executablePath: '/usr/bin/chromium',
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--use-fake-ui-for-media-stream',
      '--use-fake-device-for-media-stream',
      ...extraArgs,
    ],
  });
}

export class EmtihanPage {
  private constructor(
    readonly context: BrowserContext,
    readonly page: Page,
    readonly baseUrl: string,
  ) {}

  /** A fresh device (no cookies, nothing remembered) on the given page; `device`: its time zone. */
  static async open(
    browser: Browser,
    baseUrl: string,
    path = '/',
    device: { timezoneId?: string } = {},
  ): Promise<EmtihanPage> {
    const context = await browser.newContext({
      viewport: { width: 1366, height: 768 },
      ...device,
    });
    const page = await context.newPage();
    const app = new EmtihanPage(context, page, baseUrl);
    await app.goto(path);
    return app;
  }

  async goto(path: string): Promise<void> {
    await this.page.goto(new URL(path, this.baseUrl).href);
  }

  close(): Promise<void> {
    return this.context.close();
  }

  /** The page's h1 with this exact text; waits until it is shown. */
  async seeHeading(name: string): Promise<Locator> {
    const heading = this.page.getByRole('heading', { level: 1, name, exact: true });
    await heading.waitFor();
    return heading;
  }

  async chooseLanguage(lang: Lang): Promise<void> {
    await this.page.getByRole('button', { name: LANGUAGE_BUTTON[lang], exact: true }).click();
    await this.page
      .getByRole('button', { name: LANGUAGE_BUTTON[lang], pressed: true, exact: true })
      .waitFor();
  }

  /** Types the login and password into the form shown in `lang`, and presses the button. */
  async logIn(login: string, password: string, lang: Lang = 'en'): Promise<void> {
    const words = LOGIN_WORDS[lang];
    await this.page.getByRole('textbox', { name: words.login, exact: true }).fill(login);
    await this.page.getByRole('textbox', { name: words.password, exact: true }).fill(password);
    await this.page.getByRole('button', { name: words.submit, exact: true }).click();
  }

  button(name: string): Locator {
    return this.page.getByRole('button', { name, exact: true });
  }

  textbox(name: string, scope: Page | Locator = this.page): Locator {
    return scope.getByRole('textbox', { name, exact: true });
  }

  link(name: string): Locator {
    return this.page.getByRole('link', { name, exact: true });
  }

  /** A link of the main menu (the side navigation). */
  navLink(name: string): Locator {
    return this.page.getByRole('navigation').getByRole('link', { name, exact: true });
  }

  /** A live message (role=status) containing this text; waits until it appears. */
  async seeStatus(text: string): Promise<Locator> {
    const status = this.page.getByRole('status').filter({ hasText: text });
    await status.waitFor();
    return status;
  }

  /** An alert (role=alert) containing this text; waits until it appears. */
  async seeAlert(text: string): Promise<Locator> {
    const alert = this.page.getByRole('alert').filter({ hasText: text });
    await alert.waitFor();
    return alert;
  }

  dialog(name: string): Locator {
    return this.page.getByRole('dialog', { name });
  }

  /** Opens the identity check from the student's tile in the proctor's grid; returns its dialog. */
  async openIdentityCheck(
    student: string,
    label = `Check the identity of ${student}`,
  ): Promise<Locator> {
    await this.page
      .getByRole('group', { name: new RegExp(`^${student}`) })
      .getByRole('button', { name: label })
      .click();
    return this.dialog(label);
  }

  htmlLang(): Promise<string | null> {
    return this.page.locator('html').getAttribute('lang');
  }
}
