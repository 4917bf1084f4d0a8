// Connection quality of a viewer's connection, from getStats: round-trip time, packet loss and
// frame rate of the incoming video, summarised as good / fair / poor for a tile.
export type LinkQuality = 'good' | 'fair' | 'poor' | 'none';

export interface LinkFigures {
  rttMs: number | null;
  lossPercent: number;
  fps: number;
  framesDecoded: number;
}

export function judgeLink(f: LinkFigures | null): LinkQuality {
  if (!f || f.framesDecoded === 0) return 'none';
  if ((f.rttMs ?? 0) > 400 || f.lossPercent > 8) return 'poor';
  if ((f.rttMs ?? 0) > 150 || f.lossPercent > 2) return 'fair';
  return 'good';
}

export async function readLink(pc: RTCPeerConnection): Promise<LinkFigures> {
  const report = await pc.getStats();
  let rttMs: number | null = null;
  let lost = 0;
  let received = 0;
  let fps = 0;
  let framesDecoded = 0;
  report.forEach((s: Record<string, unknown>) => {
    if (s.type === 'candidate-pair' && s.nominated && typeof s.currentRoundTripTime === 'number')
      rttMs = s.currentRoundTripTime * 1000;
    if (s.type === 'inbound-rtp') {
      lost += Number(s.packetsLost ?? 0);
      received += Number(s.packetsReceived ?? 0);
      if (s.kind === 'video') {
        fps = Math.max(fps, Number(s.framesPerSecond ?? 0));
        framesDecoded += Number(s.framesDecoded ?? 0);
      }
    }
  });
  const lossPercent = lost + received > 0 ? (100 * lost) / (lost + received) : 0;
  return { rttMs, lossPercent, fps, framesDecoded };
}
