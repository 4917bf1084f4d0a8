// The seed asks for "Firefox or Google Chrome" on "Windows 7, 8, 10 or macOS". We read the
// user agent (every browser still sends one) and warn, never block, outside that list.
import type { CheckOutcome } from './check.types';

export type BrowserName =
  'chrome' | 'chromium' | 'edge' | 'firefox' | 'safari' | 'opera' | 'yandex' | 'other';
export interface BrowserInfo {
  name: BrowserName;
  version: number | null;
}

export type OsName = 'windows' | 'macos' | 'linux' | 'chromeos' | 'android' | 'ios' | 'other';

const version = (ua: string, re: RegExp): number | null => {
  const m = re.exec(ua);
  return m?.[1] ? Number(m[1]) : null;
};

/** Order matters: Edge, Opera and Yandex also say "Chrome"; Chrome also says "Safari". */
export function parseBrowser(ua: string): BrowserInfo {
  const rules: [BrowserName, RegExp][] = [
    ['edge', /\bEdg(?:e|A|iOS)?\/(\d+)/],
    ['opera', /\bOPR\/(\d+)/],
    ['yandex', /\bYaBrowser\/(\d+)/],
    ['other', /\bSamsungBrowser\/(\d+)/],
    ['firefox', /\b(?:Firefox|FxiOS)\/(\d+)/],
    ['chromium', /\b(?:HeadlessChrome|Chromium)\/(\d+)/],
    ['chrome', /\b(?:Chrome|CriOS)\/(\d+)/],
    ['safari', /\bVersion\/(\d+)[^ ]* (?:Mobile\/\S+ )?Safari\//],
  ];
  for (const [name, re] of rules) {
    const v = version(ua, re);
    if (v !== null) return { name, version: v };
  }
  return { name: 'other', version: null };
}

export function parseOs(ua: string): OsName {
  if (/\b(?:iPhone|iPad|iPod)\b/.test(ua)) return 'ios';
  if (/\bAndroid\b/.test(ua)) return 'android';
  if (/\bWindows\b/.test(ua)) return 'windows';
  if (/\bCrOS\b/.test(ua)) return 'chromeos';
  if (/\bMac OS X\b|\bMacintosh\b/.test(ua)) return 'macos';
  if (/\bLinux\b|\bX11\b/.test(ua)) return 'linux';
  return 'other';
}

/** Oldest versions with what the exam uses (getDisplayMedia with displaySurface, MediaRecorder). */
const MIN_VERSION: Partial<Record<BrowserName, number>> = {
  chrome: 107,
  chromium: 107,
  edge: 107,
  firefox: 115,
};

const BROWSER_LABEL: Record<BrowserName, string> = {
  chrome: 'Google Chrome',
  chromium: 'Chromium',
  edge: 'Microsoft Edge',
  firefox: 'Firefox',
  safari: 'Safari',
  opera: 'Opera',
  yandex: 'Yandex Browser',
  other: '?',
};

const OS_LABEL: Record<OsName, string> = {
  windows: 'Windows',
  macos: 'macOS',
  linux: 'Linux',
  chromeos: 'ChromeOS',
  android: 'Android',
  ios: 'iOS',
  other: '?',
};

export type BrowserCode = 'supported' | 'old' | 'unsupported';
export type OsCode = 'supported' | 'unsupported';

export function judgeBrowser(ua: string): CheckOutcome<BrowserCode> {
  const b = parseBrowser(ua);
  const min = MIN_VERSION[b.name];
  const params = { name: BROWSER_LABEL[b.name], version: b.version ?? '?' };
  if (min === undefined) return { verdict: 'warn', code: 'unsupported', params };
  if (b.version !== null && b.version < min) return { verdict: 'warn', code: 'old', params };
  return { verdict: 'pass', code: 'supported', params };
}

export function judgeOs(ua: string): CheckOutcome<OsCode> {
  const os = parseOs(ua);
  const params = { name: OS_LABEL[os] };
  return os === 'windows' || os === 'macos'
    ? { verdict: 'pass', code: 'supported', params }
    : { verdict: 'warn', code: 'unsupported', params };
}
