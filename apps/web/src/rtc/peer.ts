// One RTCPeerConnection with "perfect negotiation" (W3C WebRTC spec, §10.7): either side may add
// tracks or restart ICE at any time; when both offer at once the polite side rolls its own
// offer back. Transport-free: signals go out through `send` and come in through `receive`, so
// the written exam (student → proctors) and the oral room (a mesh) use the same class.
import type { RtcSignal } from '@emtihan/protocol';

export interface PeerOptions {
  polite: boolean;
  iceServers: RTCIceServer[];
  send(signal: RtcSignal): void;
  onConnectionState?(state: RTCPeerConnectionState): void;
  onTrack?(event: RTCTrackEvent): void;
  /**
   * The remote offer is applied and the answer not yet made: tracks added now go out in the
   * answer (reusing the offer's transceivers) instead of starting a second negotiation.
   */
  onRemoteOffer?(): void;
}

export class Peer {
  readonly pc: RTCPeerConnection;
  private makingOffer = false;
  private ignoreOffer = false;
  private answerPending = false;
  private closed = false;

  constructor(private readonly opts: PeerOptions) {
    this.pc = new RTCPeerConnection({ iceServers: opts.iceServers });
    this.pc.onnegotiationneeded = () => void this.negotiate();
    this.pc.onicecandidate = ({ candidate }) =>
      opts.send({ candidate: candidate ? (candidate.toJSON() as RtcSignal['candidate']) : null });
    this.pc.onconnectionstatechange = () => {
      // A changed network (Wi-Fi → phone) fails ICE; a restart finds the new path.
      if (this.pc.connectionState === 'failed') this.pc.restartIce();
      opts.onConnectionState?.(this.pc.connectionState);
    };
    if (opts.onTrack) this.pc.ontrack = opts.onTrack;
  }

  private async negotiate(): Promise<void> {
    try {
      this.makingOffer = true;
      await this.pc.setLocalDescription();
      if (this.pc.localDescription) this.opts.send({ description: this.describe() });
    } catch (err) {
      if (!this.closed) console.warn('negotiation failed', err);
    } finally {
      this.makingOffer = false;
    }
  }

  private describe(): NonNullable<RtcSignal['description']> {
    const d = this.pc.localDescription!;
    return { type: d.type, sdp: d.sdp };
  }

  async receive({ description, candidate }: RtcSignal): Promise<void> {
    if (this.closed) return;
    try {
      if (description) {
        const readyForOffer =
          !this.makingOffer && (this.pc.signalingState === 'stable' || this.answerPending);
        const collision = description.type === 'offer' && !readyForOffer;
        this.ignoreOffer = !this.opts.polite && collision;
        if (this.ignoreOffer) return;
        this.answerPending = description.type === 'answer';
        await this.pc.setRemoteDescription(description as RTCSessionDescriptionInit);
        this.answerPending = false;
        if (description.type === 'offer') {
          this.opts.onRemoteOffer?.();
          await this.pc.setLocalDescription();
          this.opts.send({ description: this.describe() });
        }
      } else if (candidate !== undefined) {
        try {
          await this.pc.addIceCandidate(candidate ?? undefined);
        } catch (err) {
          if (!this.ignoreOffer) throw err;
        }
      }
    } catch (err) {
      if (!this.closed) console.warn('signal failed', err);
    }
  }

  close(): void {
    this.closed = true;
    this.pc.close();
  }
}
