import { describe, expect, it } from 'vitest';
import type { TFunction } from 'i18next';
import { ApiError } from '../../api/client';
import { flowErrorMessage } from './refusal.messages';

const t = ((key: string) => `«${key}»`) as unknown as TFunction;

describe('an upload refused for its content', () => {
  it('says the photo is not a picture, or the file not of its type, not "cannot read data"', () => {
    const refused = (reason: string) =>
      new ApiError(415, 'unsupported-media-type', 'not a picture', [], reason);
    expect(flowErrorMessage(t, refused('not-a-picture'))).toBe('«uploads.refusal.not-a-picture»');
    expect(flowErrorMessage(t, refused('content-not-of-type'))).toBe(
      '«uploads.refusal.content-not-of-type»',
    );
    expect(flowErrorMessage(t, new ApiError(415, 'unsupported-media-type', 'x'))).toBe(
      '«errors.unsupported-media-type»',
    );
  });
});
