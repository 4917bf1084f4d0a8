// The phone page's camera and connection (ADR 0023): the rear camera (switchable), a socket
// that says it is a phone, the video offered to the proctors who pull it, the camera's state
// reported on every change, and a rough check that the view is not dark.
import { io, type Socket } from 'socket.io-client';
import { useCallback, useEffect, useRef, useState, type RefObject } from 'react';
import {
  ServerMessage,
  SOCKET_EVENT,
  type ClientAck,
  type ClientMessage,
  type PhoneView,
} from '@emtihan/protocol';
import type { ApiClient } from '../api/client';
import { Publisher } from '../rtc/publisher';
import { watchPhone, type PhoneCameraState } from './phone-watch';

/** The side camera's picture: small and slow is enough to see a desk (ADR 0023). */
const SIDE_VIDEO: MediaTrackConstraints = {
  width: { ideal: 640, max: 640 },
  height: { ideal: 360, max: 360 },
  frameRate: { ideal: 15, max: 15 },
};

type Facing = 'environment' | 'user';

export interface PhoneCamera {
  connected: boolean;
  recording: boolean;
  viewers: number;
  sitting: PhoneView['sitting'];
  error: 'denied' | 'unavailable' | null;
  /** The view's rough check: `dark` when the picture is too dark to see the desk. */
  view: 'ok' | 'dark' | null;
  canSwitch: boolean;
  switchCamera(): void;
  /** The camera's stream (for the side recording). */
  stream: MediaStream | null;
}

export function usePhoneCamera(
  api: ApiClient,
  view: PhoneView,
  videoRef: RefObject<HTMLVideoElement | null>,
): Omit<PhoneCamera, 'recording'> {
  const [facing, setFacing] = useState<Facing>('environment');
  const [stream, setStream] = useState<MediaStream | null>(null);
  const [error, setError] = useState<PhoneCamera['error']>(null);
  const [connected, setConnected] = useState(false);
  const [viewers, setViewers] = useState(0);
  const [sitting, setSitting] = useState(view.sitting);
  const [look, setLook] = useState<PhoneCamera['view']>(null);
  const [cameras, setCameras] = useState(0);
  const socketRef = useRef<Socket | null>(null);
  const streamRef = useRef<MediaStream | null>(null);
  const publisherRef = useRef<Publisher | null>(null);
  const stateRef = useRef<{ state: PhoneCameraState; battery: number | null }>({
    state: 'live',
    battery: null,
  });
  const filming = sitting === 'checking-in' || sitting === 'running';

  const send = useCallback((m: ClientMessage): Promise<ClientAck> => {
    const s = socketRef.current;
    if (!s?.connected) return Promise.resolve({ ok: false, reason: 'unavailable', message: '' });
    return s
      .timeout(10_000)
      .emitWithAck(SOCKET_EVENT, m)
      .catch(() => ({ ok: false, reason: 'unavailable', message: 'no answer' }) as const);
  }, []);
  const sayState = useCallback(
    () =>
      void send({
        type: 'camera-state',
        state: stateRef.current.state,
        battery: stateRef.current.battery,
      }),
    [send],
  );

  // The camera, again after a switch.
  useEffect(() => {
    if (!filming) return;
    let live = true;
    let got: MediaStream | null = null;
    navigator.mediaDevices
      .getUserMedia({ video: { ...SIDE_VIDEO, facingMode: { ideal: facing } }, audio: false })
      .then(async (s) => {
        if (!live) return s.getTracks().forEach((t) => t.stop());
        got = s;
        setError(null);
        setStream(s);
        const devices = await navigator.mediaDevices.enumerateDevices().catch(() => []);
        setCameras(devices.filter((d) => d.kind === 'videoinput').length);
      })
      .catch((e: unknown) => {
        if (!live) return;
        setError(
          e instanceof DOMException && e.name === 'NotAllowedError' ? 'denied' : 'unavailable',
        );
      });
    return () => {
      live = false;
      got?.getTracks().forEach((t) => t.stop());
    };
  }, [facing, filming]);

  // The preview shows what is filmed.
  useEffect(() => {
    const video = videoRef.current;
    if (!video) return;
    video.srcObject = stream;
    if (stream) void video.play().catch(() => {});
  }, [stream, videoRef]);

  // The socket: a phone's, with its credential cookie; publishes again after every reconnect.
  useEffect(() => {
    if (!filming) return;
    const socket = io({ withCredentials: true, auth: { as: 'phone' } });
    socketRef.current = socket;
    let ice: RTCIceServer[] = [];
    socket.on('connect', () => {
      void api
        .call('phoneIceServers')
        .then((r) => (ice = r.iceServers))
        .catch(() => {})
        .finally(() => {
          if (!socket.connected) return;
          publisherRef.current?.close();
          const pub = new Publisher({
            iceServers: () => ice,
            send: (viewer, s) =>
              void send({ type: 'rtc-signal', sessionId: view.sessionId, peer: viewer, ...s }),
            onViewers: setViewers,
          });
          const track = streamRef.current?.getVideoTracks()[0] ?? null;
          pub.setTracks({ camera: track, microphone: null, screen: null });
          publisherRef.current = pub;
          setConnected(true);
          void send({ type: 'rtc-publish', sessionId: view.sessionId });
          sayState();
        });
    });
    socket.on('disconnect', (reason) => {
      setConnected(false);
      publisherRef.current?.close();
      setViewers(0);
      if (reason === 'io server disconnect') setTimeout(() => socket.connect(), 1000);
    });
    socket.on('connect_error', () => setConnected(false));
    socket.on(SOCKET_EVENT, (raw: unknown) => {
      const parsed = ServerMessage.safeParse(raw);
      if (!parsed.success) return;
      const m = parsed.data;
      const pub = publisherRef.current;
      if (m.type === 'phone-replaced') return setSitting('replaced');
      if (m.type === 'session-changed')
        return void api.call('phone').then(
          (v) => setSitting(v.sitting),
          () => setSitting('replaced'),
        );
      if (!pub || !('sessionId' in m) || m.sessionId !== view.sessionId) return;
      if (m.type === 'rtc-viewer') pub.addViewer(m.viewer, m.quality);
      if (m.type === 'rtc-viewer-left') pub.removeViewer(m.viewer);
      if (m.type === 'rtc-signal')
        pub.receive(m.peer, { description: m.description, candidate: m.candidate });
    });
    return () => {
      socket.disconnect();
      socketRef.current = null;
      publisherRef.current?.close();
      publisherRef.current = null;
    };
  }, [api, filming, view.sessionId, send, sayState]);

  // A new camera (a switch) goes to the proctors without a new connection.
  useEffect(() => {
    streamRef.current = stream;
    publisherRef.current?.setTracks({
      camera: stream?.getVideoTracks()[0] ?? null,
      microphone: null,
      screen: null,
    });
  }, [stream]);

  // How the camera is, reported on every change; and whether the view is bright enough.
  useEffect(() => {
    const video = videoRef.current;
    const track = stream?.getVideoTracks()[0];
    if (!video || !track) return;
    const watch = watchPhone(video, track, (state, battery) => {
      stateRef.current = { state, battery };
      sayState();
    });
    stateRef.current = { state: watch.state(), battery: stateRef.current.battery };
    sayState();
    const canvas = document.createElement('canvas');
    canvas.width = 32;
    canvas.height = 18;
    const ctx = canvas.getContext('2d', { willReadFrequently: true });
    const check = setInterval(() => {
      if (!ctx || video.readyState < 2) return;
      ctx.drawImage(video, 0, 0, 32, 18);
      const px = ctx.getImageData(0, 0, 32, 18).data;
      let sum = 0;
      for (let i = 0; i < px.length; i += 4)
        sum += 0.2126 * px[i]! + 0.7152 * px[i + 1]! + 0.0722 * px[i + 2]!;
      setLook(sum / (px.length / 4) < 40 ? 'dark' : 'ok');
    }, 2000);
    return () => {
      watch.stop();
      clearInterval(check);
    };
  }, [stream, videoRef, sayState]);

  return {
    connected,
    viewers,
    sitting,
    error,
    view: look,
    canSwitch: cameras > 1,
    switchCamera: () => setFacing((f) => (f === 'environment' ? 'user' : 'environment')),
    stream,
  };
}
