import { describe, expect, it } from 'vitest';
import { checkSessionFile, checkSessionFileRemoval } from './session-file.rules.ts';

describe('files a student may hand in', () => {
  it.each([
    [
      'an ID photo during check-in',
      'id-document',
      'image/jpeg',
      200_000,
      'checking_in',
      { ok: true },
    ],
    [
      'an ID photo after work started',
      'id-document',
      'image/jpeg',
      200_000,
      'in_progress',
      { ok: false, reason: 'not-allowed-in-state' },
    ],
    [
      'a PDF attachment at work',
      'attachment',
      'application/pdf',
      1_000_000,
      'in_progress',
      { ok: true },
    ],
    [
      'an executable attachment',
      'attachment',
      'application/x-msdownload',
      1_000,
      'in_progress',
      { ok: false, reason: 'file-type-not-allowed' },
    ],
    [
      'a 21 MB attachment',
      'attachment',
      'application/pdf',
      21 * 1024 * 1024,
      'in_progress',
      { ok: false, reason: 'file-too-large' },
    ],
    [
      'an attachment after submission',
      'attachment',
      'application/pdf',
      1_000,
      'submitted',
      { ok: false, reason: 'not-allowed-in-state' },
    ],
    [
      'an empty face photo',
      'face',
      'image/png',
      0,
      'checking_in',
      { ok: false, reason: 'file-empty' },
    ],
    ['a room scan video', 'room-scan', 'video/webm', 10_000_000, 'checking_in', { ok: true }],
  ] as const)('%s', (_, kind, type, size, status, expected) => {
    expect(checkSessionFile(kind, type, size, status)).toEqual(expected);
  });
});

describe('files a student may take back', () => {
  it.each([
    ['an attachment at work', 'attachment', 'in_progress', { ok: true }],
    [
      'an attachment while paused',
      'attachment',
      'paused',
      { ok: false, reason: 'not-allowed-in-state' },
    ],
    [
      'an attachment after submission',
      'attachment',
      'submitted',
      { ok: false, reason: 'not-allowed-in-state' },
    ],
    [
      'an attachment after the deadline',
      'attachment',
      'timed_out',
      { ok: false, reason: 'not-allowed-in-state' },
    ],
    ['the ID photo', 'id-document', 'in_progress', { ok: false, reason: 'file-not-removable' }],
    [
      'the room scan during check-in',
      'room-scan',
      'checking_in',
      { ok: false, reason: 'file-not-removable' },
    ],
  ] as const)('%s', (_, kind, status, expected) => {
    expect(checkSessionFileRemoval(kind, status)).toEqual(expected);
  });
});
