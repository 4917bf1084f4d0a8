// The receiving side: one viewer's connection to one publisher. Tracks arrive on transceivers
// in the publisher's order (camera, microphone, screen) and are handed out as one stream per
// slot; connection quality comes from getStats.
import type { RtcSignal } from '@emtihan/protocol';
import { Peer } from './peer';
import { SLOTS, type SlotName } from './quality';

export type Streams = Record<SlotName, MediaStream | null>;

export class Subscriber {
  readonly peer: Peer;
  private streams: Streams = { camera: null, microphone: null, screen: null };

  constructor(opts: {
    iceServers: RTCIceServer[];
    send(signal: RtcSignal): void;
    onStreams(streams: Streams): void;
    onConnectionState?(state: RTCPeerConnectionState): void;
  }) {
    this.peer = new Peer({
      polite: true,
      iceServers: opts.iceServers,
      send: opts.send,
      onConnectionState: opts.onConnectionState,
      onTrack: (e) => {
        const index = this.peer.pc.getTransceivers().indexOf(e.transceiver);
        const slot = SLOTS[index];
        if (!slot) return;
        this.streams = { ...this.streams, [slot]: new MediaStream([e.track]) };
        opts.onStreams(this.streams);
      },
    });
  }

  receive(signal: RtcSignal): Promise<void> {
    return this.peer.receive(signal);
  }

  close(): void {
    this.peer.close();
  }
}
