// The student's page offers its camera, microphone and whole screen to the proctors watching
// (ADR 0007), from "Join meeting" until the sitting ends: a proctor pulls, the page answers with
// one peer connection per proctor. After a network drop or a server restart the socket comes
// back, publishes again, and the proctors' pages ask again.
import { ServerMessage, SOCKET_EVENT, type ChatMessage } from '@emtihan/protocol';
import { useEffect, useRef, useState } from 'react';
import { useMedia, type Media } from '../../media/media.context';
import { Publisher, type Tracks } from '../../rtc/publisher';
import { openLiveSocket } from '../../rtc/live-socket';
import { useSession } from '../../session/session';

const tracksOf = (m: Pick<Media, 'camera' | 'microphone' | 'screen'>): Tracks => ({
  camera: m.camera?.getVideoTracks()[0] ?? null,
  microphone: m.microphone?.getAudioTracks()[0] ?? null,
  screen: m.screen?.getVideoTracks()[0] ?? null,
});

/**
 * Returns how many proctors are watching now (for "the proctor sees you"), and the latest chat
 * message that arrived on the same socket (the server sends it to every page of the student).
 */
export function useLivePublisher(
  sessionId: string,
  active: boolean,
): { viewers: number; chat: ChatMessage | null } {
  const { api } = useSession();
  const media = useMedia();
  const publisher = useRef<Publisher | null>(null);
  const tracks = useRef<Tracks>(tracksOf(media));
  const [viewers, setViewers] = useState(0);
  const [chat, setChat] = useState<ChatMessage | null>(null);

  // The microphone is part of the live picture; it was allowed at the system check (where the
  // exam asks for one at all: `settings.media`).
  const { microphone, startMicrophone, needs } = media;
  const askedMic = useRef(false);
  useEffect(() => {
    if (!active || !needs.microphone || microphone || askedMic.current) return;
    askedMic.current = true;
    void startMicrophone();
  }, [active, needs.microphone, microphone, startMicrophone]);

  useEffect(() => {
    if (!active) return;
    let pub: Publisher | null = null;
    const live = openLiveSocket(
      api,
      (l) => {
        pub?.close();
        pub = new Publisher({
          iceServers: l.iceServers,
          send: (viewer, s) => void l.send({ type: 'rtc-signal', sessionId, peer: viewer, ...s }),
          onViewers: setViewers,
        });
        pub.setTracks(tracks.current);
        publisher.current = pub;
        void l.send({ type: 'rtc-publish', sessionId });
      },
      () => {
        // A new socket gets a new id: the proctors connect again to it.
        pub?.close();
        setViewers(0);
      },
    );
    live.socket.on(SOCKET_EVENT, (raw: unknown) => {
      const parsed = ServerMessage.safeParse(raw);
      if (!parsed.success) return;
      const m = parsed.data;
      if (m.type === 'chat-message' && m.message.sessionId === sessionId) setChat(m.message);
      if (!pub) return;
      if (!('sessionId' in m) || m.sessionId !== sessionId) return;
      if (m.type === 'rtc-viewer') pub.addViewer(m.viewer, m.quality);
      if (m.type === 'rtc-viewer-left') pub.removeViewer(m.viewer);
      if (m.type === 'rtc-signal') {
        const { description, candidate } = m;
        pub.receive(m.peer, { description, candidate });
      }
    });
    return () => {
      live.close();
      pub?.close();
      publisher.current = null;
      setViewers(0);
    };
  }, [api, sessionId, active]);

  useEffect(() => {
    tracks.current = tracksOf({ camera: media.camera, microphone, screen: media.screen });
    publisher.current?.setTracks(tracks.current);
  }, [media.camera, microphone, media.screen]);

  return { viewers, chat };
}
