// Live media in the words a proctor sees, for the browser tests: tiles, videos, frames decoded.
import type { Locator } from 'playwright-core';

/**
 * Resolves once the video element has presented `frames` new frames (decoded and painted:
 * requestVideoFrameCallback), i.e. the media really plays, not only that a track exists.
 */
export async function framesPlay(video: Locator, frames = 5): Promise<number> {
  await video.waitFor();
  return video.evaluate(
    (el: HTMLVideoElement, n: number) =>
      new Promise<number>((resolve) => {
        let count = 0;
        const tick = () => {
          count += 1;
          if (count >= n) resolve(count);
          else el.requestVideoFrameCallback(tick);
        };
        el.requestVideoFrameCallback(tick);
      }),
    frames,
  );
}

/** The decoded size of what the video shows (tile: scaled down; focus: full). */
export function videoSize(video: Locator): Promise<{ width: number; height: number }> {
  return video.evaluate((el: HTMLVideoElement) => ({
    width: el.videoWidth,
    height: el.videoHeight,
  }));
}
