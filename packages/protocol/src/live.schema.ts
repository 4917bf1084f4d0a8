// Live proctoring (ADR 0007): ICE servers for WebRTC, proctor ↔ student chat, assignments.
import { z } from 'zod';

/** One ICE server as RTCPeerConnection takes it; TURN entries carry time-limited credentials. */
export const IceServer = z.object({
  urls: z.array(z.string()),
  username: z.string().optional(),
  credential: z.string().optional(),
});
export const IceServersResponse = z.object({
  iceServers: z.array(IceServer),
  /** When the TURN credentials stop working (ms since epoch); null without TURN. */
  expiresAt: z.number().nullable(),
});
export type IceServersResponse = z.infer<typeof IceServersResponse>;
