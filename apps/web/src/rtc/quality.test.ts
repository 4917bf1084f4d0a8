import { describe, expect, it } from 'vitest';
import { encodingFor } from './quality';

describe('media quality per viewer', () => {
  it('grid tiles get small, slow video and no sound', () => {
    expect(encodingFor('camera', 'tile')).toMatchObject({
      scaleResolutionDownBy: 4,
      maxFramerate: 5,
    });
    expect(encodingFor('screen', 'tile').maxBitrate).toBeLessThanOrEqual(100_000);
    expect(encodingFor('microphone', 'tile').active).toBe(false);
  });
  it('the student in focus gets full resolution and sound', () => {
    expect(encodingFor('camera', 'full')).toMatchObject({ scaleResolutionDownBy: 1, active: true });
    expect(encodingFor('microphone', 'full').active).toBe(true);
  });
});
