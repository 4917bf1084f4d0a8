import { describe, expect, it } from 'vitest';
import { judgeBrowser, judgeOs, parseBrowser, parseOs } from './browser-os.rules';

const UA = {
  chromeWin:
    'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36',
  edgeWin:
    'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36 Edg/131.0.2903.86',
  firefoxMac: 'Mozilla/5.0 (Macintosh; Intel Mac OS X 14.7; rv:133.0) Gecko/20100101 Firefox/133.0',
  safariMac:
    'Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/18.1 Safari/605.1.15',
  operaWin:
    'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/130.0.0.0 Safari/537.36 OPR/115.0.0.0',
  yandexWin:
    'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/128.0.0.0 YaBrowser/24.10.0.0 Safari/537.36',
  headlessLinux:
    'Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) HeadlessChrome/156.0.0.0 Safari/537.36',
  oldChromeWin7:
    'Mozilla/5.0 (Windows NT 6.1; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/109.0.0.0 Safari/537.36',
  ancientChrome:
    'Mozilla/5.0 (Windows NT 6.1; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/90.0.0.0 Safari/537.36',
  chromeAndroid:
    'Mozilla/5.0 (Linux; Android 14; Pixel 8) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Mobile Safari/537.36',
  safariIphone:
    'Mozilla/5.0 (iPhone; CPU iPhone OS 18_1 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/18.1 Mobile/15E148 Safari/604.1',
  chromeOs:
    'Mozilla/5.0 (X11; CrOS x86_64 14541.0.0) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36',
};

describe('the browser is read from the user agent', () => {
  it.each([
    [UA.chromeWin, 'chrome', 131],
    [UA.edgeWin, 'edge', 131],
    [UA.firefoxMac, 'firefox', 133],
    [UA.safariMac, 'safari', 18],
    [UA.operaWin, 'opera', 115],
    [UA.yandexWin, 'yandex', 24],
    [UA.headlessLinux, 'chromium', 156],
    [UA.safariIphone, 'safari', 18],
    ['curl/8.0', 'other', null],
  ])('%s is %s %s', (ua, name, version) => {
    expect(parseBrowser(ua)).toEqual({ name, version });
  });

  it('Chrome, Chromium, Edge and Firefox pass; Safari, Opera, Yandex and unknown ones warn', () => {
    expect(judgeBrowser(UA.chromeWin).verdict).toBe('pass');
    expect(judgeBrowser(UA.edgeWin).verdict).toBe('pass');
    expect(judgeBrowser(UA.firefoxMac).verdict).toBe('pass');
    expect(judgeBrowser(UA.headlessLinux).verdict).toBe('pass');
    for (const ua of [UA.safariMac, UA.operaWin, UA.yandexWin, 'curl/8.0']) {
      expect(judgeBrowser(ua)).toMatchObject({ verdict: 'warn', code: 'unsupported' });
    }
  });

  it('a supported browser too old for whole-screen sharing warns to update, naming its version', () => {
    expect(judgeBrowser(UA.ancientChrome)).toEqual({
      verdict: 'warn',
      code: 'old',
      params: { name: 'Google Chrome', version: 90 },
    });
    expect(judgeBrowser(UA.oldChromeWin7).verdict).toBe('pass');
  });
});

describe('the operating system is read from the user agent', () => {
  it.each([
    [UA.chromeWin, 'windows'],
    [UA.oldChromeWin7, 'windows'],
    [UA.firefoxMac, 'macos'],
    [UA.headlessLinux, 'linux'],
    [UA.chromeAndroid, 'android'],
    [UA.safariIphone, 'ios'],
    [UA.chromeOs, 'chromeos'],
    ['curl/8.0', 'other'],
  ])('%s runs on %s', (ua, os) => {
    expect(parseOs(ua)).toBe(os);
  });

  it('Windows (7, 8, 10 and later) and macOS pass as the seed lists them; the others warn', () => {
    expect(judgeOs(UA.oldChromeWin7)).toEqual({
      verdict: 'pass',
      code: 'supported',
      params: { name: 'Windows' },
    });
    expect(judgeOs(UA.firefoxMac).verdict).toBe('pass');
    for (const ua of [UA.headlessLinux, UA.chromeAndroid, UA.safariIphone, UA.chromeOs]) {
      expect(judgeOs(ua).verdict).toBe('warn');
    }
  });
});
