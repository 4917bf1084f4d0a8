import { describe, expect, it } from 'vitest';
import type { RosterEntry } from '@emtihan/protocol';
import {
  canAddTime,
  filterEntries,
  orderFlags,
  pageNow,
  riskOf,
  SILENT_AFTER_MS,
  sortEntries,
  tileVideo,
} from './console.rules';

const entry = (p: Partial<RosterEntry>): RosterEntry =>
  ({
    studentId: p.fullName ?? 'x',
    login: 'l',
    fullName: 'N',
    group: null,
    sessionId: 's',
    status: 'in_progress',
    deadline: null,
    warningsIssued: 0,
    warningsUnacknowledged: 0,
    incidents: 0,
    terminationProposed: false,
    lastEventAt: null,
    flags: [],
    roomScanRequestedAt: null,
    accommodation: null,
    onBreakSince: null,
    ...p,
  }) as RosterEntry;

describe('the console orders and filters students', () => {
  const calm = entry({ fullName: 'Ayan' });
  const warned = entry({ fullName: 'Bota', warningsIssued: 1, warningsUnacknowledged: 1 });
  const proposed = entry({ fullName: 'Dana', terminationProposed: true });
  const waiting = entry({ fullName: 'Erlan', status: 'awaiting_approval' });

  it('puts a proposed termination first, then open warnings, when sorted by risk', () => {
    expect(sortEntries([calm, waiting, warned, proposed], 'risk').map((e) => e.fullName)).toEqual([
      'Dana',
      'Bota',
      'Erlan',
      'Ayan',
    ]);
    expect(riskOf(proposed)).toBeGreaterThan(riskOf(warned));
  });

  it('counts flags by severity in the risk', () => {
    const flagged = entry({
      fullName: 'Flagged',
      flags: [
        {
          id: 'f',
          sessionId: 's',
          category: 'multiple_faces',
          severity: 'gross',
          startAt: 1,
          endAt: 1,
          ongoing: false,
          evidenceFileId: null,
        },
      ],
    });
    expect(riskOf(flagged)).toBeGreaterThan(riskOf(calm));
  });

  it('filters by text and by what needs attention', () => {
    const all = [calm, warned, proposed, waiting];
    const f = (text: string, show: 'all' | 'waiting' | 'flagged' | 'mine') =>
      filterEntries(all, { text, show, isMine: (e) => e === calm }).map((e) => e.fullName);
    expect(f('bo', 'all')).toEqual(['Bota']);
    expect(f('', 'waiting')).toEqual(['Erlan']);
    expect(f('', 'flagged')).toEqual(['Bota', 'Dana']);
    expect(f('', 'mine')).toEqual(['Ayan']);
  });

  it('lists flags newest first, the more severe first at the same moment', () => {
    expect(
      orderFlags([
        { severity: 'minor', startAt: 1 },
        { severity: 'minor', startAt: 5 },
        { severity: 'gross', startAt: 5 },
      ]),
    ).toEqual([
      { severity: 'gross', startAt: 5 },
      { severity: 'minor', startAt: 5 },
      { severity: 'minor', startAt: 1 },
    ]);
  });
});

describe("a tile's view of the student's page now", () => {
  const seen = { holding: ['face_absent'] as const, receivedAt: 100_000 };
  const at = (now: number, status = 'in_progress', automaticChecks = true) =>
    pageNow(seen, { status, automaticChecks, now });

  it('shows what holds now while the page reports', () => {
    expect(at(101_000)).toEqual({ holding: ['face_absent'], silentSeconds: null });
  });

  it('tells a silent page instead, once it has been quiet long enough', () => {
    expect(at(100_000 + SILENT_AFTER_MS - 1).silentSeconds).toBeNull();
    expect(at(100_000 + SILENT_AFTER_MS + 2_500)).toEqual({
      holding: [],
      silentSeconds: Math.floor(SILENT_AFTER_MS / 1000) + 2,
    });
  });

  it('never calls a page silent on a rest break, or when the accommodation leaves every detector out', () => {
    const quiet = 100_000 + SILENT_AFTER_MS + 5_000;
    const opts = { status: 'in_progress', automaticChecks: true, now: quiet };
    expect(pageNow(seen, { ...opts, onBreak: true }).silentSeconds).toBeNull();
    const allOut = ['faces', 'headPose', 'objects', 'speech'];
    expect(pageNow(seen, { ...opts, skippedChecks: allOut }).silentSeconds).toBeNull();
    expect(pageNow(seen, { ...opts, skippedChecks: ['faces'] }).silentSeconds).not.toBeNull();
  });

  it('never calls a page silent without automatic checks, or outside the work', () => {
    expect(at(500_000, 'in_progress', false).silentSeconds).toBeNull();
    expect(at(500_000, 'awaiting_approval').silentSeconds).toBeNull();
  });

  it('says nothing about a page it has not heard from, or a sitting that ended', () => {
    expect(pageNow(undefined, { status: 'in_progress', automaticChecks: true, now: 1 })).toEqual({
      holding: [],
      silentSeconds: null,
    });
    expect(at(101_000, 'submitted').holding).toEqual([]);
  });
});

describe('"Add time" on a sitting', () => {
  it("is offered to the sitting's own proctor and to examiners while the student is at work", () => {
    for (const status of ['in_progress', 'paused']) {
      expect(canAddTime(entry({ status }), 'proctor', true)).toBe(true);
      expect(canAddTime(entry({ status }), 'examiner', false)).toBe(true);
    }
  });

  it('is not offered to another proctor, before work, after it, or without a sitting', () => {
    expect(canAddTime(entry({}), 'proctor', false)).toBe(false);
    for (const status of ['checking_in', 'awaiting_approval', 'submitted', 'timed_out'])
      expect(canAddTime(entry({ status }), 'examiner', false)).toBe(false);
    expect(canAddTime(entry({ sessionId: null }), 'examiner', false)).toBe(false);
  });
});

describe('what a tile shows of a student’s devices', () => {
  const both = { camera: true, screen: true };
  it.each([
    [false, both, { camera: false, screen: false, note: 'recordedOnly' }],
    [true, both, { camera: true, screen: true, note: null }],
    [true, { camera: false, screen: false }, { camera: false, screen: false, note: 'noDevices' }],
    [true, { camera: false, screen: true }, { camera: false, screen: true, note: 'noCamera' }],
    [true, { camera: true, screen: false }, { camera: true, screen: false, note: 'noScreen' }],
  ])('live proctoring %s, devices %o: %o', (liveProctoring, liveVideo, shown) => {
    expect(tileVideo({ liveProctoring, liveVideo })).toEqual(shown);
  });
});
