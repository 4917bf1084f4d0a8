// The sending side: one student's camera, microphone and screen to every viewer that asks, one
// peer connection per viewer (no media server). Three transceivers in a fixed order (camera,
// microphone, screen) so the viewer knows which track is which by its position; a track that
// comes or goes later is swapped with replaceTrack, without renegotiating.
import type { RtcQuality, RtcSignal } from '@emtihan/protocol';
import { Peer } from './peer';
import { encodingFor, SLOTS, type SlotName } from './quality';

export type Tracks = Record<SlotName, MediaStreamTrack | null>;

interface Viewer {
  peer: Peer;
  senders: RTCRtpSender[];
  quality: RtcQuality;
}

export class Publisher {
  private readonly viewers = new Map<string, Viewer>();
  private tracks: Tracks = { camera: null, microphone: null, screen: null };

  constructor(
    private readonly opts: {
      iceServers: () => RTCIceServer[];
      send(viewer: string, signal: RtcSignal): void;
      onViewers?(count: number): void;
    },
  ) {}

  /** A viewer asked (again, maybe at another quality). */
  addViewer(id: string, quality: RtcQuality): void {
    const existing = this.viewers.get(id);
    if (existing && !['failed', 'closed'].includes(existing.peer.pc.connectionState)) {
      existing.quality = quality;
      void this.applyQuality(existing);
      return;
    }
    existing?.peer.close();
    const peer = new Peer({
      polite: false,
      iceServers: this.opts.iceServers(),
      send: (s) => this.opts.send(id, s),
    });
    const senders = SLOTS.map(
      (slot) =>
        peer.pc.addTransceiver(slot === 'microphone' ? 'audio' : 'video', {
          direction: 'sendonly',
          sendEncodings: [encodingFor(slot, quality)],
        }).sender,
    );
    const viewer: Viewer = { peer, senders, quality };
    this.viewers.set(id, viewer);
    void this.applyQuality(viewer);
    SLOTS.forEach((slot, i) => void senders[i]!.replaceTrack(this.tracks[slot]));
    this.opts.onViewers?.(this.viewers.size);
  }

  removeViewer(id: string): void {
    this.viewers.get(id)?.peer.close();
    this.viewers.delete(id);
    this.opts.onViewers?.(this.viewers.size);
  }

  receive(from: string, signal: RtcSignal): void {
    void this.viewers.get(from)?.peer.receive(signal);
  }

  setTracks(tracks: Tracks): void {
    this.tracks = tracks;
    for (const v of this.viewers.values())
      SLOTS.forEach((slot, i) => void v.senders[i]!.replaceTrack(tracks[slot]).catch(() => {}));
  }

  private async applyQuality(v: Viewer): Promise<void> {
    await Promise.all(
      SLOTS.map(async (slot, i) => {
        const sender = v.senders[i]!;
        const params = sender.getParameters();
        if (!params.encodings?.length) return;
        params.encodings[0] = { ...params.encodings[0], ...encodingFor(slot, v.quality) };
        // Video keeps its resolution and drops frames when the CPU or the network is short: a
        // proctor reads an ID card or a screen's text, a smooth picture matters less. (WebRTC's
        // default lowers the resolution instead, and on a busy computer keeps it low.)
        if (slot !== 'microphone')
          (params as { degradationPreference?: string }).degradationPreference =
            'maintain-resolution';
        await sender.setParameters(params).catch(() => {});
      }),
    );
  }

  /** All connections closed (the sitting ended, the page was left). */
  close(): void {
    for (const v of this.viewers.values()) v.peer.close();
    this.viewers.clear();
  }
}
