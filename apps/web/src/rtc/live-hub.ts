// The viewing side of a console: one socket, one connection per student watched. Tiles and the
// focus view ask for a student's media at a quality; the hub asks the server (which checks the
// viewer may), answers the student's offers, and re-asks after any reconnect of either side.
import { ServerMessage, SOCKET_EVENT, type RtcQuality } from '@emtihan/protocol';
import type { ApiClient } from '../api/client';
import { openLiveSocket, type LiveSocket } from './live-socket';
import { Subscriber, type Streams } from './subscriber';

export interface LiveState {
  streams: Streams;
  /** The student's paired phone, filming from the side (ADR 0023); null while none publishes. */
  side: MediaStream | null;
  connection: RTCPeerConnectionState | 'waiting';
  /** Why the server refused this viewer, e.g. `not-assigned`. */
  refused: string | null;
  pc: RTCPeerConnection | null;
}

const EMPTY: LiveState = {
  streams: { camera: null, microphone: null, screen: null },
  side: null,
  connection: 'waiting',
  refused: null,
  pc: null,
};

interface Watched {
  holders: Map<number, RtcQuality>;
  sub: { publisher: string; subscriber: Subscriber } | null;
  /** The phone's connection: a second publisher of the same sitting. */
  side: { publisher: string; subscriber: Subscriber } | null;
  state: LiveState;
  listeners: Set<(s: LiveState) => void>;
}

export class LiveHub {
  private socket: LiveSocket | null = null;
  private readonly watched = new Map<string, Watched>();
  private nextHolder = 1;

  /** The socket opens with the first hold, and again after `close` (React may remount). */
  constructor(private readonly api: ApiClient) {}

  private get live(): LiveSocket {
    this.socket ??= this.open();
    return this.socket;
  }

  private open(): LiveSocket {
    const live = openLiveSocket(
      this.api,
      () => {
        for (const id of this.watched.keys()) this.ask(id);
      },
      () => {
        for (const id of this.watched.keys()) this.drop(id);
      },
    );
    live.socket.on(SOCKET_EVENT, (raw: unknown) => {
      const parsed = ServerMessage.safeParse(raw);
      if (parsed.success) this.onMessage(parsed.data);
    });
    return live;
  }

  /** Holds a student's media at a quality until the returned function is called. */
  hold(sessionId: string, quality: RtcQuality, listener: (s: LiveState) => void): () => void {
    let w = this.watched.get(sessionId);
    if (!w) {
      w = { holders: new Map(), sub: null, side: null, state: EMPTY, listeners: new Set() };
      this.watched.set(sessionId, w);
    }
    const holder = this.nextHolder++;
    const before = this.quality(w);
    w.holders.set(holder, quality);
    w.listeners.add(listener);
    listener(w.state);
    if (before !== this.quality(w)) this.ask(sessionId);
    return () => {
      const cur = this.watched.get(sessionId);
      if (!cur) return;
      const was = this.quality(cur);
      cur.holders.delete(holder);
      cur.listeners.delete(listener);
      if (cur.holders.size === 0) {
        this.drop(sessionId);
        this.watched.delete(sessionId);
        void this.live.send({ type: 'rtc-unview', sessionId });
      } else if (was !== this.quality(cur)) this.ask(sessionId);
    };
  }

  close(): void {
    for (const id of this.watched.keys()) this.drop(id);
    this.watched.clear();
    this.socket?.close();
    this.socket = null;
  }

  private quality(w: Watched): RtcQuality | null {
    if (w.holders.size === 0) return null;
    return [...w.holders.values()].includes('full') ? 'full' : 'tile';
  }

  private ask(sessionId: string): void {
    const w = this.watched.get(sessionId);
    const quality = w && this.quality(w);
    if (!w || !quality || !this.live.socket.connected) return;
    void this.live.send({ type: 'rtc-view', sessionId, quality }).then((ack) => {
      if (!ack.ok) this.update(sessionId, { refused: ack.reason });
      else if (w.state.refused) this.update(sessionId, { refused: null });
    });
  }

  private drop(sessionId: string): void {
    this.dropSide(sessionId);
    this.dropMain(sessionId);
  }

  /** The computer's connection only: the phone's goes on (it is another publisher). */
  private dropMain(sessionId: string): void {
    const w = this.watched.get(sessionId);
    if (!w?.sub) return;
    w.sub.subscriber.close();
    w.sub = null;
    this.update(sessionId, { ...EMPTY, side: w.state.side, refused: w.state.refused });
  }

  private dropSide(sessionId: string): void {
    const w = this.watched.get(sessionId);
    if (!w?.side) return;
    w.side.subscriber.close();
    w.side = null;
    this.update(sessionId, { side: null });
  }

  /** The phone's offers and candidates: its own connection, its video as `side`. */
  private onSide(m: Extract<ServerMessage, { type: 'rtc-signal' }>, w: Watched): void {
    if (w.side && w.side.publisher !== m.peer) this.dropSide(m.sessionId);
    if (!w.side) {
      const { sessionId, peer: publisher } = m;
      const subscriber = new Subscriber({
        iceServers: this.live.iceServers(),
        send: (s) => void this.live.send({ type: 'rtc-signal', sessionId, peer: publisher, ...s }),
        onStreams: (streams) => this.update(sessionId, { side: streams.camera }),
        onConnectionState: () => {},
      });
      w.side = { publisher, subscriber };
    }
    void w.side.subscriber.receive({ description: m.description, candidate: m.candidate });
  }

  private update(sessionId: string, patch: Partial<LiveState>): void {
    const w = this.watched.get(sessionId);
    if (!w) return;
    w.state = { ...w.state, ...patch };
    for (const l of w.listeners) l(w.state);
  }

  private onMessage(m: ServerMessage): void {
    if (!('sessionId' in m)) return;
    const w = this.watched.get(m.sessionId);
    if (!w) return;
    switch (m.type) {
      case 'rtc-publisher':
        // The student's page (or phone) is (back) online: connect again to its new socket.
        if (m.source === 'side') {
          if (w.side?.publisher !== m.publisher) this.dropSide(m.sessionId);
        } else if (w.sub?.publisher !== m.publisher) this.dropMain(m.sessionId);
        this.ask(m.sessionId);
        return;
      case 'rtc-publisher-left':
        if (w.side?.publisher === m.publisher) this.dropSide(m.sessionId);
        if (w.sub?.publisher === m.publisher) this.dropMain(m.sessionId);
        return;
      case 'rtc-signal': {
        if (m.source === 'side') return this.onSide(m, w);
        if (w.sub && w.sub.publisher !== m.peer) this.dropMain(m.sessionId);
        if (!w.sub) {
          const sessionId = m.sessionId;
          const publisher = m.peer;
          const subscriber = new Subscriber({
            iceServers: this.live.iceServers(),
            send: (s) =>
              void this.live.send({ type: 'rtc-signal', sessionId, peer: publisher, ...s }),
            onStreams: (streams) => this.update(sessionId, { streams }),
            onConnectionState: (connection) => this.update(sessionId, { connection }),
          });
          w.sub = { publisher, subscriber };
          this.update(sessionId, { pc: subscriber.peer.pc, connection: 'new' });
        }
        void w.sub.subscriber.receive({ description: m.description, candidate: m.candidate });
        return;
      }
      default:
        return;
    }
  }
}
