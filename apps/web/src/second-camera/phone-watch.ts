// What the phone page watches while it films (ADR 0023): the page hidden or left (a locked
// phone hides it), the camera track ended, frames that stop coming (frozen), the battery; and it
// keeps the screen awake, asking again after every return (the browser lets the lock go when
// the page hides). Each change is reported once, as the `camera-state` the server keeps.
export type PhoneCameraState = 'live' | 'hidden' | 'ended' | 'frozen';

/** No new frame for this long: the camera is frozen (a phone's camera app took it, say). */
export const FROZEN_AFTER_MS = 5_000;

interface BatteryLike extends EventTarget {
  level: number;
  charging: boolean;
}

export interface PhoneWatch {
  stop(): void;
  /** The state now (for a new socket: say it again). */
  state(): PhoneCameraState;
  battery(): { level: number; charging: boolean } | null;
}

export function watchPhone(
  video: HTMLVideoElement,
  track: MediaStreamTrack,
  report: (state: PhoneCameraState, battery: number | null) => void,
): PhoneWatch {
  let state: PhoneCameraState = 'live';
  let battery: BatteryLike | null = null;
  let lastFrameAt = performance.now();
  let stopped = false;
  let wake: { release(): Promise<void> } | null = null;

  const now = (): PhoneCameraState => {
    if (track.readyState === 'ended') return 'ended';
    if (document.visibilityState === 'hidden') return 'hidden';
    if (performance.now() - lastFrameAt > FROZEN_AFTER_MS) return 'frozen';
    return 'live';
  };
  const update = (force = false) => {
    if (stopped) return;
    const next = now();
    if (next === state && !force) return;
    state = next;
    report(state, battery?.level ?? null);
  };

  const keepAwake = async () => {
    const wl = (
      navigator as { wakeLock?: { request(t: 'screen'): Promise<{ release(): Promise<void> }> } }
    ).wakeLock;
    if (!wl || document.visibilityState !== 'visible' || stopped) return;
    try {
      wake = await wl.request('screen');
    } catch {
      // Refused (battery saver): the page tells the student not to lock the phone.
    }
  };

  // Frames: `requestVideoFrameCallback` where there is one, else the element's time moving on.
  const rvfc = (video as { requestVideoFrameCallback?: (cb: () => void) => number })
    .requestVideoFrameCallback;
  let lastTime = -1;
  const onFrame = () => {
    lastFrameAt = performance.now();
    if (!stopped && rvfc) rvfc.call(video, onFrame);
  };
  if (rvfc) rvfc.call(video, onFrame);
  const tick = setInterval(() => {
    if (!rvfc && video.currentTime !== lastTime) {
      lastTime = video.currentTime;
      lastFrameAt = performance.now();
    }
    update();
  }, 1000);

  const onVisibility = () => {
    if (document.visibilityState === 'visible') {
      lastFrameAt = performance.now();
      void keepAwake();
    }
    update();
  };
  const onHide = () => {
    state = 'hidden';
    report('hidden', battery?.level ?? null);
  };
  const onEnded = () => update();
  document.addEventListener('visibilitychange', onVisibility);
  window.addEventListener('pagehide', onHide);
  track.addEventListener('ended', onEnded);
  void keepAwake();
  const getBattery = (navigator as { getBattery?: () => Promise<BatteryLike> }).getBattery;
  const onBattery = () => update(true);
  void getBattery
    ?.call(navigator)
    .then((b) => {
      if (stopped) return;
      battery = b;
      b.addEventListener('levelchange', onBattery);
      b.addEventListener('chargingchange', onBattery);
      update(true);
    })
    .catch(() => {});

  return {
    state: () => state,
    battery: () => (battery ? { level: battery.level, charging: battery.charging } : null),
    stop() {
      stopped = true;
      clearInterval(tick);
      document.removeEventListener('visibilitychange', onVisibility);
      window.removeEventListener('pagehide', onHide);
      track.removeEventListener('ended', onEnded);
      battery?.removeEventListener('levelchange', onBattery);
      battery?.removeEventListener('chargingchange', onBattery);
      void wake?.release().catch(() => {});
    },
  };
}
