import { describe, expect, it } from 'vitest';
import type { SessionTerms, WrittenSessionState } from '@emtihan/domain';
import type { EvidenceSegmentView, TimelineItem } from '@emtihan/protocol';
import { position, segmentAt, snapshotAt, spanOf, timeAccount } from './review.timeline';

const seg = (track: EvidenceSegmentView['track'], seq: number): EvidenceSegmentView => ({
  track,
  seq,
  sha256: 'a'.repeat(64),
  size: 1,
  contentType: 'video/webm',
  startedAt: 1000 + seq * 60_000,
  durationMs: 60_000,
  receivedAt: '',
  deletedAt: null,
});

describe('review timeline', () => {
  const all = [seg('camera', 0), seg('camera', 1), seg('screen', 0), seg('screen', 1)];
  it('finds the segment holding a moment and the offset into it', () => {
    expect(segmentAt(all, 'screen', 1000 + 90_000)).toMatchObject({
      segment: { track: 'screen', seq: 1 },
      offset: 30,
    });
    expect(segmentAt(all, 'camera', 0)).toMatchObject({ segment: { seq: 0 }, offset: 0 });
    expect(segmentAt(all, 'camera', 10_000_000)).toBeUndefined();
  });
  it('places moments on the recorded span', () => {
    const span = spanOf(all, [0, 1]);
    expect(span).toEqual([1000, 121_000]);
    expect(position(61_000, span)).toBe(0.5);
    expect(position(0, span)).toBe(0);
  });
  it('plays the phone’s side view from the same moment, and counts it in the span', () => {
    const withSide = [...all, { ...seg('side', 2), startedAt: 100_000 }];
    expect(segmentAt(withSide, 'side', 130_000)).toMatchObject({
      segment: { track: 'side', seq: 2 },
      offset: 30,
    });
    expect(spanOf(withSide, [0, 1])).toEqual([1000, 160_000]);
  });
  it('shows the last snapshot taken by a moment, the first one before any, none when deleted', () => {
    const shots = [seg('camera-snapshot', 0), seg('camera-snapshot', 1), seg('screen-snapshot', 0)];
    expect(snapshotAt(shots, 'camera-snapshot', 1000 + 90_000)?.seq).toBe(1);
    expect(snapshotAt(shots, 'camera-snapshot', 1000 + 59_999)?.seq).toBe(0);
    expect(snapshotAt(shots, 'camera-snapshot', 0)?.seq).toBe(0);
    expect(snapshotAt(shots, 'screen-snapshot', 10_000_000)?.track).toBe('screen-snapshot');
    const deleted = shots.map((s) => ({ ...s, deletedAt: 'x' }));
    expect(snapshotAt(deleted, 'camera-snapshot', 1000)).toBeUndefined();
  });
});

describe("the account of a sitting's time", () => {
  const terms = (accommodation?: SessionTerms['accommodation']) =>
    ({ durationMinutes: 45, ...(accommodation ? { accommodation } : {}) }) as SessionTerms;
  const state = (p: Partial<WrittenSessionState>) =>
    ({ terms: terms(), breaks: [], addedTimeMs: 0, ...p }) as WrittenSessionState;
  const item = (p: Partial<TimelineItem>): TimelineItem => ({
    at: 0,
    kind: 'accommodation',
    type: 'written.add-time',
    actor: 'proctor',
    ref: 'audit:1',
    detail: {},
    ...p,
  });

  it("says nothing for a sitting under the exam's own time", () => {
    expect(timeAccount(state({}), [item({ type: 'written.pause', kind: 'incident' })])).toBeNull();
  });

  it('gives the factor, the time added with who and why, the breaks and the checks left out', () => {
    const accommodation = {
      timeFactor: 1.5,
      extraMinutes: 0,
      breakMinutes: 10,
      skippedChecks: ['faces' as const],
    };
    const account = timeAccount(
      state({
        terms: terms(accommodation),
        breaks: [
          { startedAt: 1000, endedAt: 61_000 },
          { startedAt: 100_000, endedAt: null },
        ],
      }),
      [
        item({
          at: 5,
          detail: { minutes: 10, reason: 'fire alarm', byName: 'Proctor One', from: 'x', to: 'x' },
        }),
        item({ at: 9, actor: 'examiner', detail: { minutes: 5, reason: 'slow network' } }),
        item({ type: 'written.start-break', detail: {} }),
      ],
    );
    expect(account).toEqual({
      durationMinutes: 45,
      timeFactor: 1.5,
      extraMinutes: 0,
      added: [
        { at: 5, minutes: 10, reason: 'fire alarm', byName: 'Proctor One', actor: 'proctor' },
        { at: 9, minutes: 5, reason: 'slow network', byName: null, actor: 'examiner' },
      ],
      breaks: [
        { startedAt: 1000, endedAt: 61_000 },
        { startedAt: 100_000, endedAt: null },
      ],
      breakTakenMs: 60_000,
      skippedChecks: ['faces'],
    });
  });

  it('accounts for time added to a sitting without an accommodation', () => {
    const account = timeAccount(state({}), [item({ detail: { minutes: 10, reason: 'r' } })]);
    expect(account?.timeFactor).toBe(1);
    expect(account?.added.map((a) => a.minutes)).toEqual([10]);
  });
});
