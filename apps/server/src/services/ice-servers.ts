// ICE servers for the live-media pages (ADR 0007). TURN credentials follow coturn's
// `use-auth-secret` (the TURN REST API draft): username `expiry:userId`, password
// base64(HMAC-SHA1(secret, username)); coturn refuses them after `expiry` (Unix seconds).
import { createHmac } from 'node:crypto';
import type { IceServersResponse } from '@emtihan/protocol';

export interface IceConfig {
  RTC_STUN_URLS?: string | undefined;
  RTC_TURN_URLS?: string | undefined;
  RTC_TURN_SECRET?: string | undefined;
  RTC_TURN_TTL_SECONDS: number;
}

const list = (s: string | undefined) =>
  (s ?? '')
    .split(',')
    .map((u) => u.trim())
    .filter(Boolean);

export function turnCredentials(secret: string, userId: string, expiresAtSeconds: number) {
  const username = `${expiresAtSeconds}:${userId}`;
  const credential = createHmac('sha1', secret).update(username).digest('base64');
  return { username, credential };
}

export function iceServersFor(
  config: IceConfig,
  userId: string,
  nowMs: number,
): IceServersResponse {
  const iceServers: IceServersResponse['iceServers'] = [];
  const stun = list(config.RTC_STUN_URLS);
  if (stun.length) iceServers.push({ urls: stun });
  const turn = list(config.RTC_TURN_URLS);
  if (!turn.length || !config.RTC_TURN_SECRET) return { iceServers, expiresAt: null };
  const expiry = Math.floor(nowMs / 1000) + config.RTC_TURN_TTL_SECONDS;
  iceServers.push({ urls: turn, ...turnCredentials(config.RTC_TURN_SECRET, userId, expiry) });
  return { iceServers, expiresAt: expiry * 1000 };
}
