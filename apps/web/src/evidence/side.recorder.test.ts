import { describe, expect, it } from 'vitest';
import type { EvidenceUploader } from './evidence.uploader';
import { memorySegmentStore } from './segment.store';
import { PROFILES } from './segment.recorder';
import { keepSide, sideEvidence } from './side.recorder';

/** Resolves once the uploader's status satisfies `ok`. */
const until = (
  u: EvidenceUploader,
  ok: (s: ReturnType<EvidenceUploader['getStatus']>) => boolean,
) =>
  new Promise<void>((resolve) => {
    if (ok(u.getStatus())) return resolve();
    const off = u.subscribe(() => {
      if (ok(u.getStatus())) {
        off();
        resolve();
      }
    });
  });

const segment = (i: number) => ({
  blob: new Blob([new Uint8Array([0x1a, 0x45, 0xdf, 0xa3, i])], { type: 'video/webm' }),
  contentType: 'video/webm',
  startedAt: 1_760_000_000_000 + i * 60_000,
  durationMs: 60_000,
});

describe('the phone’s side recording', () => {
  it('records at most 640×360, 15 fps, 40 kbit/s, picture only', () => {
    expect(PROFILES.side).toMatchObject({
      videoBitsPerSecond: 40_000,
      maxFrameRate: 15,
      maxSize: { width: 640, height: 360 },
    });
    expect('audioBitsPerSecond' in PROFILES.side).toBe(false);
  });

  it('keeps segments recorded offline in the phone’s outbox and sends them, in order, when the network is back', async () => {
    const store = memorySegmentStore();
    let online = false;
    const sent: string[] = [];
    const side = sideEvidence('phone-1', {
      fetchCsrf: async () => 'csrf',
      store,
      fetch: async (url) => {
        if (!online) throw new TypeError('Failed to fetch');
        sent.push(String(url).split('?')[0]!);
        return new Response(JSON.stringify({ ok: true }), { status: 200 });
      },
    });
    await keepSide(side, segment(0));
    await keepSide(side, segment(1));
    await until(side.uploader, (s) => s.problem === 'network' && s.pendingCount === 2);
    online = true;
    side.uploader.kick();
    await until(side.uploader, (s) => s.pendingCount === 0);
    expect(sent).toEqual([
      '/api/sessions/phone-1/evidence/side/0',
      '/api/sessions/phone-1/evidence/side/1',
    ]);
    // Recording goes on after the outage with the next number.
    await keepSide(side, segment(2));
    await until(side.uploader, (s) => s.pendingCount === 0 && sent.length === 3);
    expect(sent.at(-1)).toBe('/api/sessions/phone-1/evidence/side/2');
    side.uploader.stop();
  });

  it('a replacing phone numbers its segments after those the server holds', async () => {
    const sent: string[] = [];
    const side = sideEvidence('phone-2', {
      fetchCsrf: async () => 'csrf',
      store: memorySegmentStore(),
      firstSeq: 7,
      fetch: async (url) => {
        sent.push(String(url).split('?')[0]!);
        return new Response(JSON.stringify({ ok: true }), { status: 200 });
      },
    });
    await keepSide(side, segment(0));
    await keepSide(side, segment(1));
    await until(side.uploader, (s) => s.pendingCount === 0 && sent.length === 2);
    expect(sent).toEqual([
      '/api/sessions/phone-2/evidence/side/7',
      '/api/sessions/phone-2/evidence/side/8',
    ]);
    side.uploader.stop();
  });
});
