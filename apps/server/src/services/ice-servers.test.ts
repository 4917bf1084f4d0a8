import { createHmac } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { iceServersFor, turnCredentials } from './ice-servers.ts';

const base = { RTC_STUN_URLS: '', RTC_TURN_URLS: '', RTC_TURN_TTL_SECONDS: 3600 };

describe('ICE servers for live media', () => {
  it('hands out none by default (one network needs none)', () => {
    expect(iceServersFor(base, 'u1', 0)).toEqual({ iceServers: [], expiresAt: null });
  });

  it('lists the STUN servers', () => {
    const r = iceServersFor({ ...base, RTC_STUN_URLS: 'stun:a:3478, stun:b:3478' }, 'u1', 0);
    expect(r.iceServers).toEqual([{ urls: ['stun:a:3478', 'stun:b:3478'] }]);
  });

  it("signs TURN credentials as coturn's use-auth-secret checks them, expiring after the TTL", () => {
    const secret = 'a-long-shared-secret';
    const r = iceServersFor(
      { ...base, RTC_TURN_URLS: 'turn:t:3478', RTC_TURN_SECRET: secret },
      'user-7',
      1_700_000_000_500,
    );
    const turn = r.iceServers[0]!;
    expect(turn.username).toBe('1700003600:user-7');
    expect(turn.credential).toBe(
      createHmac('sha1', secret).update('1700003600:user-7').digest('base64'),
    );
    expect(r.expiresAt).toBe(1_700_003_600_000);
    // A known vector: the same inputs always sign the same way.
    expect(turnCredentials('secret', 'x', 1).credential).toBe(
      createHmac('sha1', 'secret').update('1:x').digest('base64'),
    );
  });

  it('gives no TURN entry without its secret (unsigned TURN would be an open relay)', () => {
    const r = iceServersFor({ ...base, RTC_TURN_URLS: 'turn:t:3478' }, 'u', 0);
    expect(r.iceServers).toEqual([]);
  });
});
