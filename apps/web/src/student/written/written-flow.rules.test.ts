import { describe, expect, it } from 'vitest';
import { createWrittenSession, makeExamConfig, writtenStatuses } from '@emtihan/domain';
import { ExamSettings } from '@emtihan/protocol';
import {
  checkInNeeds,
  checkInSteps,
  identityComplete,
  checkInWindow,
  clockOffset,
  formatClock,
  remainingMs,
  resumeStep,
  REQUESTED_SCAN_SECONDS,
  scanSecondsFrom,
  screenFor,
  timerState,
  type CheckInStep,
} from './written-flow.rules';

const MIN = 60_000;
const opensAt = Date.UTC(2026, 0, 15, 9, 0);

function session() {
  const created = createWrittenSession({
    sessionId: 's',
    examId: 'e',
    studentId: 'u',
    config: makeExamConfig({
      window: { opensAt, closesAt: opensAt + 180 * MIN },
      durationMinutes: 60,
      checkInLeadMinutes: 20,
      liveProctoring: true,
    }),
  });
  if (!created.ok) throw new Error('bad fixture');
  return created.state;
}

describe('the screen follows the session’s status', () => {
  it('every status has a screen', () => {
    const screens = Object.fromEntries(writtenStatuses.map((s) => [s, screenFor(s)]));
    expect(screens).toEqual({
      scheduled: 'check-in',
      checking_in: 'check-in',
      awaiting_approval: 'waiting',
      rejected: 'rejected',
      in_progress: 'work',
      paused: 'work',
      submitted: 'ended',
      timed_out: 'ended',
      terminated: 'ended',
      under_review: 'ended',
      accepted: 'ended',
      annulled: 'ended',
    });
  });

  it('the room scan is a step only when the exam requires it', () => {
    expect(checkInSteps({ roomScanRequired: true })).toContain('room-scan');
    expect(checkInSteps({ roomScanRequired: false })).toEqual([
      'overview',
      'system',
      'identity',
      'join',
    ]);
  });
});

describe('what check-in asks for follows the exam’s settings', () => {
  it('an old exam asks for every device and both photos', () => {
    expect(checkInNeeds(ExamSettings.parse({}))).toEqual({
      camera: true,
      microphone: true,
      screen: true,
      idPhoto: true,
      facePhoto: true,
    });
  });

  it('a device or a photo the exam leaves out is not asked for', () => {
    const settings = ExamSettings.parse({
      media: { camera: true, microphone: false, screen: false },
      idCheck: { idPhoto: false, facePhoto: true },
    });
    expect(checkInNeeds(settings)).toEqual({
      camera: true,
      microphone: false,
      screen: false,
      idPhoto: false,
      facePhoto: true,
    });
  });

  it('the name and ID card step goes on with the name and the photos the exam asks for', () => {
    const blob = {};
    const both = { idPhoto: true, facePhoto: true };
    const faceOnly = { idPhoto: false, facePhoto: true };
    const none = { idPhoto: false, facePhoto: false };
    const data = (typedName: string, idPhoto: object | null, facePhoto: object | null) => ({
      typedName,
      idPhoto,
      facePhoto,
    });
    expect(identityComplete(both, data('A B', blob, blob))).toBe(true);
    expect(identityComplete(both, data('A B', null, blob))).toBe(false);
    expect(identityComplete(faceOnly, data('A B', null, blob))).toBe(true);
    expect(identityComplete(faceOnly, data('A B', blob, null))).toBe(false);
    expect(identityComplete(none, data('A B', null, null))).toBe(true);
    expect(identityComplete(none, data('  ', null, null))).toBe(false);
  });
});

describe('check-in opens the lead before the start, by the server’s clock', () => {
  it.each([
    [opensAt - 21 * MIN, 'before'],
    [opensAt - 20 * MIN, 'open'],
    [opensAt + 179 * MIN, 'open'],
    [opensAt + 180 * MIN, 'closed'],
  ])('at %s check-in is %s', (now, phase) => {
    expect(checkInWindow(session(), now)).toEqual({ phase, opensAt: opensAt - 20 * MIN });
  });
});

describe('the timer runs on server time', () => {
  it('a device clock five minutes fast still shows the server’s remaining time', () => {
    const serverNow = opensAt;
    const deviceNow = opensAt + 5 * MIN;
    const offset = clockOffset(serverNow, deviceNow);
    const deadline = opensAt + 60 * MIN;
    expect(remainingMs(deadline, deviceNow, offset)).toBe(60 * MIN);
    expect(remainingMs(deadline, deviceNow + 61 * MIN, offset)).toBe(0);
  });

  // Deadline at +60 min, a 5-minute grace period; the device clock 5 minutes fast.
  it.each([
    ['before the deadline', 59 * MIN, 0, { phase: 'work', leftMs: MIN }],
    ['at the deadline, without grace', 60 * MIN, 0, { phase: 'over', leftMs: 0 }],
    ['at the deadline, with grace', 60 * MIN, 5 * MIN, { phase: 'grace', leftMs: 5 * MIN }],
    [
      'one second into the grace period',
      60 * MIN + 1000,
      5 * MIN,
      { phase: 'grace', leftMs: 299_000 },
    ],
    ['at the end of the grace period', 65 * MIN, 5 * MIN, { phase: 'over', leftMs: 0 }],
  ] as const)('%s: %j', (_name, serverAt, graceMs, expected) => {
    const offset = -5 * MIN;
    const deviceNow = opensAt + serverAt + 5 * MIN;
    expect(timerState(opensAt + 60 * MIN, graceMs, deviceNow, offset)).toEqual(expected);
  });

  it.each([
    [0, '00:00'],
    [1, '00:01'],
    [59_001, '01:00'],
    [60 * MIN, '1:00:00'],
    [61 * MIN + 5_000, '1:01:05'],
  ])('%s ms reads %s', (ms, text) => {
    expect(formatClock(ms)).toBe(text);
  });
});

describe('the room scan’s length', () => {
  it('is 25 s unless a test shortens it with ?scanSeconds=N (1–60)', () => {
    expect(scanSecondsFrom('')).toBe(25);
    expect(scanSecondsFrom('?scanSeconds=2')).toBe(2);
    expect(scanSecondsFrom('?scanSeconds=0')).toBe(25);
    expect(scanSecondsFrom('?scanSeconds=abc')).toBe(25);
    expect(scanSecondsFrom('?scanSeconds=600')).toBe(25);
  });

  it('is 20 s when the proctor asks for one at work, shortened the same way', () => {
    expect(scanSecondsFrom('', REQUESTED_SCAN_SECONDS)).toBe(20);
    expect(scanSecondsFrom('?scanSeconds=2', REQUESTED_SCAN_SECONDS)).toBe(2);
  });
});

describe('where check-in resumes after a reload', () => {
  const steps = checkInSteps({ roomScanRequired: true });
  const saved = (step: CheckInStep) => ({
    step,
    typedName: 'A',
    idPhoto: null,
    facePhoto: null,
    scan: null,
  });
  it('at the step saved on this device', () => {
    expect(resumeStep(steps, 'overview', saved('room-scan'), 'checking_in')).toBe('room-scan');
  });
  it('at the name and ID card when the server already began check-in but this device has nothing', () => {
    expect(resumeStep(steps, 'overview', null, 'checking_in')).toBe('identity');
  });
  it('at the exam page before check-in began', () => {
    expect(resumeStep(steps, 'overview', null, 'scheduled')).toBe('overview');
  });
  it('where the page says after a rejection', () => {
    expect(resumeStep(steps, 'identity', saved('join'), 'checking_in')).toBe('identity');
  });
  it('not at a step this exam does not have', () => {
    const noScan = checkInSteps({ roomScanRequired: false });
    expect(resumeStep(noScan, 'overview', saved('room-scan'), 'checking_in')).toBe('identity');
  });
});
