import { describe, expect, it } from 'vitest';
import { judgeLink } from './stats';

describe('connection quality of a tile', () => {
  const f = { rttMs: 20, lossPercent: 0, fps: 5, framesDecoded: 10 };
  it('is none before a frame was decoded', () => {
    expect(judgeLink(null)).toBe('none');
    expect(judgeLink({ ...f, framesDecoded: 0 })).toBe('none');
  });
  it('is good, fair or poor by round trip and loss', () => {
    expect(judgeLink(f)).toBe('good');
    expect(judgeLink({ ...f, rttMs: 200 })).toBe('fair');
    expect(judgeLink({ ...f, lossPercent: 10 })).toBe('poor');
  });
});
