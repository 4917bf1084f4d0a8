import { describe, expect, it } from 'vitest';
import type { TFunction } from 'i18next';
import { ApiError } from '../api/client';
import { errorMessage, fieldMessages, fieldOf } from './errors';

const t = ((key: string) => `«${key}»`) as unknown as TFunction;

describe('error messages', () => {
  it.each([
    ['body.login', 'login'],
    ['login', 'login'],
    ['params.userId', 'userId'],
    ['body.roles.0', 'roles'],
    ['', ''],
  ])('the issue path %j is about the field %j', (path, field) => {
    expect(fieldOf(path)).toBe(field);
  });

  it('explains a known field in our words and keeps the server words for others', () => {
    expect(
      fieldMessages(t, [
        { path: 'body.login', message: 'latin letters only' },
        { path: 'body.nickname', message: 'unknown field' },
      ]),
    ).toEqual({ login: '«validation.login»', nickname: 'unknown field' });
  });

  it('translates a failed call by its code', () => {
    expect(errorMessage(t, new ApiError(409, 'conflict', 'login is taken'))).toBe(
      '«errors.conflict»',
    );
    expect(errorMessage(t, new Error('boom'))).toBe('«errors.internal»');
  });

  it('says how long to wait when there were too many requests', () => {
    const tWith = ((key: string, o?: { seconds?: number }) =>
      `«${key}:${o?.seconds ?? ''}»`) as unknown as TFunction;
    const refused = new ApiError(429, 'rate-limited', 'Too many requests', [], null, 12_300);
    expect(errorMessage(tWith, refused)).toBe('«hHarden.tooManyRequests:13»');
    expect(errorMessage(tWith, new ApiError(429, 'rate-limited', 'slow down'))).toBe(
      '«errors.rate-limited:»',
    );
  });
});
