import { describe, expect, it } from 'vitest';
import type { EvidenceSegmentView } from '@emtihan/protocol';
import { position, segmentAt, snapshotAt, spanOf } from './review.timeline';

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
