// A WebRTC mesh for the oral exam's room (up to 5 people): one connection per other participant,
// each the shared `rtc/peer.ts` Peer ("perfect negotiation"), so either side may add a track (the
// student's screen) at any time and offers that cross are resolved by politeness. Signals go
// through the server's socket, which relays them only among the slot's admitted participants.
//
// The first negotiation has one offerer: whoever enters offers to those already in the room;
// they wait for that offer and answer with their own tracks. Two first offers crossing made
// Chromium roll one back, and the rolled-back side then sometimes gathered no ICE candidates
// at all: a connection that never came up (seen in about one run in four of the browser test).
import {
  ORAL_SOCKET_EVENT,
  OralServerMessage,
  type OralAck,
  type OralMediaState,
  type OralPeer,
  type OralSignal,
} from '@emtihan/protocol';
import type { Socket } from 'socket.io-client';
import { Peer } from '../../rtc/peer';

export interface RemoteParticipant {
  peer: OralPeer;
  camera: MediaStream | null;
  screen: MediaStream | null;
  media: OralMediaState | null;
  connection: RTCPeerConnectionState;
}

interface PeerLink {
  peer: OralPeer;
  pc: RTCPeerConnection;
  negotiation: Peer;
  streams: MediaStream[];
  media: OralMediaState | null;
  senders: Map<string, RTCRtpSender>;
  /** Waiting for the other side's first offer before sending our tracks. */
  waiting: boolean;
  waitTimer: ReturnType<typeof setTimeout> | null;
}

/** How long a participant already in the room waits for a newcomer's offer before offering. */
const FIRST_OFFER_WAIT_MS = 4000;

export type MeshEnterResult = { ok: true } | { ok: false; reason: string; message: string };

export class OralMesh {
  private readonly links = new Map<string, PeerLink>();
  private readonly local: MediaStream[] = [];
  private closed = false;
  private readonly onMessage = (raw: unknown) => {
    const m = OralServerMessage.safeParse(raw);
    if (!m.success || m.data.slotId !== this.slotId) return;
    const msg = m.data;
    if (msg.type === 'oral-peer-joined') this.link(msg.peer, false);
    else if (msg.type === 'oral-peer-left') this.drop(msg.userId);
    else if (msg.type === 'oral-signal') void this.receive(msg.from, msg.signal);
    else if (msg.type === 'oral-media') {
      const link = this.links.get(msg.userId);
      if (link) {
        link.media = msg.state;
        this.emit();
      }
    } else if (msg.type === 'oral-request-screen') this.onScreenRequest?.();
  };

  /** Called whenever the participants, their streams or states change. */
  onChange: (participants: RemoteParticipant[]) => void = () => {};
  onScreenRequest: (() => void) | null = null;

  constructor(
    private readonly socket: Socket,
    private readonly slotId: string,
    private readonly selfId: string,
  ) {
    socket.on(ORAL_SOCKET_EVENT, this.onMessage);
  }

  /** Adds a local stream (camera + microphone, later the screen) to every connection. */
  addStream(stream: MediaStream): void {
    if (this.local.includes(stream)) return;
    this.local.push(stream);
    for (const link of this.links.values()) if (!link.waiting) this.attach(link, stream);
  }

  removeStream(stream: MediaStream): void {
    const i = this.local.indexOf(stream);
    if (i < 0) return;
    this.local.splice(i, 1);
    for (const link of this.links.values()) {
      for (const track of stream.getTracks()) {
        const sender = link.senders.get(track.id);
        if (sender) link.pc.removeTrack(sender);
        link.senders.delete(track.id);
      }
    }
  }

  /** Enters the slot's media room and connects to everyone already there. */
  async enter(): Promise<MeshEnterResult> {
    const ack = (await this.socket.emitWithAck(ORAL_SOCKET_EVENT, {
      type: 'oral-enter',
      slotId: this.slotId,
    })) as OralAck;
    if (!ack.ok) return ack;
    // Entering: this side makes the first offer to everyone already there.
    for (const peer of ack.peers ?? []) this.link(peer, true);
    return { ok: true };
  }

  sendMedia(state: OralMediaState): void {
    void this.socket.emitWithAck(ORAL_SOCKET_EVENT, {
      type: 'oral-media',
      slotId: this.slotId,
      state,
    });
  }

  requestScreen(): void {
    void this.socket.emitWithAck(ORAL_SOCKET_EVENT, {
      type: 'oral-request-screen',
      slotId: this.slotId,
    });
  }

  close(): void {
    if (this.closed) return;
    this.closed = true;
    this.socket.off(ORAL_SOCKET_EVENT, this.onMessage);
    if (this.socket.connected) {
      void this.socket.emitWithAck(ORAL_SOCKET_EVENT, { type: 'oral-leave', slotId: this.slotId });
    }
    for (const id of [...this.links.keys()]) this.drop(id, false);
  }

  participants(): RemoteParticipant[] {
    return [...this.links.values()].map((l) => ({
      peer: l.peer,
      camera: l.streams[0] ?? null,
      screen: l.streams[1] ?? null,
      media: l.media,
      connection: l.pc.connectionState,
    }));
  }

  private emit() {
    if (!this.closed) this.onChange(this.participants());
  }

  private link(peer: OralPeer, offerFirst: boolean): PeerLink | undefined {
    // A mesh closed while its `enter` was under way must not open connections any more.
    if (this.closed) return undefined;
    const existing = this.links.get(peer.userId);
    if (existing) {
      existing.peer = peer;
      if (offerFirst) this.release(existing);
      return existing;
    }
    const negotiation = new Peer({
      polite: this.selfId > peer.userId,
      iceServers: [],
      send: (signal) => {
        if (signal.description) this.signal(peer.userId, { description: signal.description });
        else if (signal.candidate?.candidate !== undefined) {
          this.signal(peer.userId, {
            candidate: { ...signal.candidate, candidate: signal.candidate.candidate },
          });
        }
      },
      onConnectionState: () => this.emit(),
      onRemoteOffer: () => this.release(link),
      onTrack: ({ track, streams }) => {
        const stream = streams[0] ?? new MediaStream([track]);
        if (!link.streams.some((s) => s.id === stream.id)) link.streams.push(stream);
        stream.onremovetrack = () => {
          if (stream.getTracks().length === 0) {
            link.streams = link.streams.filter((s) => s !== stream);
            this.emit();
          }
        };
        this.emit();
      },
    });
    const link: PeerLink = {
      peer,
      pc: negotiation.pc,
      negotiation,
      streams: [],
      media: null,
      senders: new Map(),
      waiting: true,
      waitTimer: null,
    };
    this.links.set(peer.userId, link);
    if (offerFirst) this.release(link);
    // The newcomer's offer may have been lost (or both entered at once): offer after a while.
    else link.waitTimer = setTimeout(() => this.release(link), FIRST_OFFER_WAIT_MS);
    this.emit();
    return link;
  }

  /** Sends our tracks on this connection from now on (in the answer, or in our own offer). */
  private release(link: PeerLink) {
    if (!link.waiting) return;
    link.waiting = false;
    if (link.waitTimer) clearTimeout(link.waitTimer);
    link.waitTimer = null;
    for (const stream of this.local) this.attach(link, stream);
  }

  private attach(link: PeerLink, stream: MediaStream) {
    for (const track of stream.getTracks()) {
      if (!link.senders.has(track.id)) link.senders.set(track.id, link.pc.addTrack(track, stream));
    }
  }

  private drop(userId: string, notify = true) {
    const link = this.links.get(userId);
    if (!link) return;
    if (link.waitTimer) clearTimeout(link.waitTimer);
    link.negotiation.close();
    this.links.delete(userId);
    if (notify) this.emit();
  }

  private signal(to: string, signal: OralSignal) {
    if (this.closed) return;
    void this.socket.emitWithAck(ORAL_SOCKET_EVENT, {
      type: 'oral-signal',
      slotId: this.slotId,
      to,
      signal,
    });
  }

  private async receive(from: string, signal: OralSignal) {
    const link =
      this.links.get(from) ?? this.link({ userId: from, role: 'examiner', fullName: '' }, false);
    await link?.negotiation.receive(signal);
  }
}
