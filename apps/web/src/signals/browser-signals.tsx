// What the browser itself tells about the sitting (issue 6, item 3): the page hidden or
// unfocused, fullscreen left (when the exam asks for it), the screen share ended or not a whole
// monitor, camera or microphone muted or ended, the devices in use (headphones, virtual
// cameras), a second display, copy / cut / paste and the context menu (when the exam watches
// them), a virtual machine's graphics, and the connection. Each goes to the signal sink; the
// moments that may begin a flag carry a camera snapshot.
import { useEffect, useRef } from 'react';
import type { DisplaySurface } from '@emtihan/domain';
import { useMedia } from '../media/media.context';
import { useCameraSnapshot } from './camera-snapshot';
import { useSignalSink, type SignalInput } from './signal-sink';

export interface BrowserSignalOptions {
  requireFullscreen: boolean;
  watchClipboard: boolean;
  /**
   * The page hidden or the window unfocused (the exam's `checks.browser`; default on). Off, the
   * proctor still hears of the screen share, the devices, the displays and the connection.
   */
  watchFocus?: boolean;
}

const label = (s: string) => s.slice(0, 200);
const SURFACES: readonly string[] = ['monitor', 'window', 'browser'];

/** The WebGL renderer's name, e.g. "ANGLE (VMware, Inc., SVGA3D …)"; null without WebGL. */
export function webglRenderer(): string | null {
  try {
    const gl = document.createElement('canvas').getContext('webgl');
    if (!gl) return null;
    const ext = gl.getExtension('WEBGL_debug_renderer_info');
    const name: unknown = gl.getParameter(ext ? ext.UNMASKED_RENDERER_WEBGL : gl.RENDERER);
    return typeof name === 'string' && name ? label(name) : null;
  } catch {
    return null;
  }
}

export function BrowserSignals({
  requireFullscreen,
  watchClipboard,
  watchFocus = true,
}: BrowserSignalOptions) {
  const sink = useSignalSink();
  const { camera, microphone, screen } = useMedia();
  const snapshot = useCameraSnapshot(camera);
  // Pushes in event order, even when a snapshot takes a moment. Set first: the effects below
  // run after this one in the same commit.
  const queue = useRef<Promise<void>>(Promise.resolve());
  const push = useRef<(signal: SignalInput, withSnapshot?: boolean) => void>(() => {});
  useEffect(() => {
    push.current = (signal, withSnapshot = false) => {
      const shot = withSnapshot ? snapshot().catch(() => null) : Promise.resolve(null);
      queue.current = queue.current.then(async () => {
        const blob = await shot;
        sink.push(signal, blob ?? undefined);
      });
    };
  }, [sink, snapshot]);

  // The page, the window, the connection, the displays, the graphics: once now, then on change.
  useEffect(() => {
    const send = (s: SignalInput, shot = false) => push.current(s, shot);
    const visibility = () => {
      const visible = document.visibilityState === 'visible';
      send({ kind: 'visibility', visible }, !visible);
    };
    const focus = () => send({ kind: 'focus', focused: true });
    const blur = () => send({ kind: 'focus', focused: false }, true);
    const online = () => send({ kind: 'connectivity', online: true });
    const offline = () => send({ kind: 'connectivity', online: false });
    const screenInfo = window.screen as Screen & { isExtended?: boolean } & Partial<EventTarget>;
    const displays = () => {
      if (typeof screenInfo.isExtended === 'boolean') {
        send({ kind: 'displays', count: screenInfo.isExtended ? 2 : 1 });
      }
    };
    const fullscreen = () =>
      send({ kind: 'fullscreen', active: document.fullscreenElement !== null });
    const clip = (action: 'copy' | 'cut' | 'paste') => () => send({ kind: 'clipboard', action });
    const copy = clip('copy');
    const cut = clip('cut');
    const paste = clip('paste');
    const menu = () => send({ kind: 'context-menu' });

    if (watchFocus) {
      visibility();
      if (!document.hasFocus()) blur();
      document.addEventListener('visibilitychange', visibility);
      window.addEventListener('focus', focus);
      window.addEventListener('blur', blur);
    }
    if (!navigator.onLine) offline();
    displays();
    const renderer = webglRenderer();
    if (renderer) send({ kind: 'graphics', renderer });
    if (requireFullscreen) fullscreen();

    window.addEventListener('online', online);
    window.addEventListener('offline', offline);
    screenInfo.addEventListener?.('change', displays);
    if (requireFullscreen) document.addEventListener('fullscreenchange', fullscreen);
    if (watchClipboard) {
      document.addEventListener('copy', copy);
      document.addEventListener('cut', cut);
      document.addEventListener('paste', paste);
      document.addEventListener('contextmenu', menu);
    }
    return () => {
      document.removeEventListener('visibilitychange', visibility);
      window.removeEventListener('focus', focus);
      window.removeEventListener('blur', blur);
      window.removeEventListener('online', online);
      window.removeEventListener('offline', offline);
      screenInfo.removeEventListener?.('change', displays);
      document.removeEventListener('fullscreenchange', fullscreen);
      document.removeEventListener('copy', copy);
      document.removeEventListener('cut', cut);
      document.removeEventListener('paste', paste);
      document.removeEventListener('contextmenu', menu);
    };
  }, [requireFullscreen, watchClipboard, watchFocus]);

  // The devices in use: the camera's label (virtual cameras) and the audio output (headphones).
  useEffect(() => {
    const devices = navigator.mediaDevices;
    if (!devices?.enumerateDevices) return;
    let stopped = false;
    const report = async () => {
      const list = await devices.enumerateDevices().catch(() => []);
      if (stopped) return;
      const of = (kind: MediaDeviceKind) =>
        list
          .filter((d) => d.kind === kind && d.label)
          .slice(0, 32)
          .map((d) => label(d.label));
      const output =
        list.find((d) => d.kind === 'audiooutput' && d.deviceId === 'default') ??
        list.find((d) => d.kind === 'audiooutput');
      const cameraTrack = camera?.getVideoTracks()[0];
      push.current({
        kind: 'media-devices',
        activeVideoInput: cameraTrack?.label ? label(cameraTrack.label) : null,
        activeAudioOutput: output?.label ? label(output.label) : null,
        videoInputs: of('videoinput'),
        audioOutputs: of('audiooutput'),
      });
    };
    void report();
    devices.addEventListener?.('devicechange', report);
    return () => {
      stopped = true;
      devices.removeEventListener?.('devicechange', report);
    };
  }, [camera]);

  // The entire screen stays shared (seed, steps 5–6). Before the first share on this page
  // (after a reload) nothing is reported: the workspace is covered until it is shared.
  const shared = useRef(false);
  useEffect(() => {
    const track = screen?.getVideoTracks()[0];
    if (!track) {
      if (shared.current) {
        push.current({ kind: 'screen-share', active: false, displaySurface: null }, true);
      }
      return;
    }
    shared.current = true;
    const surface = track.getSettings().displaySurface;
    push.current({
      kind: 'screen-share',
      active: true,
      displaySurface: SURFACES.includes(surface ?? '') ? (surface as DisplaySurface) : null,
    });
  }, [screen]);

  // Camera and microphone on (seed, step 7): ended, or muted by the system.
  useTrackSignals(camera, 'camera', push);
  useTrackSignals(microphone, 'microphone', push);
  return null;
}

function useTrackSignals(
  stream: MediaStream | null,
  kind: 'camera' | 'microphone',
  push: React.RefObject<(s: SignalInput, shot?: boolean) => void>,
) {
  const seen = useRef(false);
  useEffect(() => {
    const track = kind === 'camera' ? stream?.getVideoTracks()[0] : stream?.getAudioTracks()[0];
    if (!track) {
      // Only once it had been on here: the workspace may never have had a microphone open.
      if (seen.current) push.current({ kind, on: false }, kind === 'microphone');
      return;
    }
    seen.current = true;
    const on = () => push.current({ kind, on: true });
    const off = () => push.current({ kind, on: false }, kind === 'microphone');
    if (track.muted || track.readyState === 'ended') off();
    else on();
    track.addEventListener('mute', off);
    track.addEventListener('unmute', on);
    return () => {
      track.removeEventListener('mute', off);
      track.removeEventListener('unmute', on);
    };
  }, [stream, kind, push]);
}
