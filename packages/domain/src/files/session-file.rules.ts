/**
 * Which files a student may hand in, and when: the identity photos and the room scan during
 * check-in (and at work when the proctor asks for a room scan), attachments to the answer while
 * at work ("Add submission"). Sizes in bytes.
 */
import type { WrittenStatus } from '../written/written-session.types.ts';

export type SessionFileKind = 'id-document' | 'face' | 'room-scan' | 'attachment' | 'flag-evidence';

export interface SessionFileRule {
  contentTypes: readonly string[];
  maxBytes: number;
  /** States in which the file may be added. */
  allowedIn: readonly WrittenStatus[];
}

const MB = 1024 * 1024;
const IMAGES = ['image/jpeg', 'image/png', 'image/webp'] as const;

export const DEFAULT_ATTACHMENT_TYPES = [
  ...IMAGES,
  'application/pdf',
  'text/plain',
  'application/zip',
  'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
] as const;

export const sessionFileRules: Record<SessionFileKind, SessionFileRule> = {
  'id-document': { contentTypes: IMAGES, maxBytes: 5 * MB, allowedIn: ['checking_in'] },
  face: { contentTypes: IMAGES, maxBytes: 5 * MB, allowedIn: ['checking_in'] },
  'room-scan': {
    contentTypes: ['video/webm', 'video/mp4'],
    maxBytes: 50 * MB,
    // At work only when the proctor asked for one (the machine's `record-room-scan`).
    allowedIn: ['checking_in', 'in_progress', 'paused'],
  },
  attachment: {
    contentTypes: DEFAULT_ATTACHMENT_TYPES,
    maxBytes: 20 * MB,
    allowedIn: ['in_progress'],
  },
  /** The JPEG of the moment a flag began; sent with the signals while at work. */
  'flag-evidence': {
    contentTypes: ['image/jpeg'],
    maxBytes: 128 * 1024,
    allowedIn: ['in_progress', 'paused'],
  },
};

export type FileRefusal =
  'file-type-not-allowed' | 'file-too-large' | 'file-empty' | 'not-allowed-in-state';

export function checkSessionFile(
  kind: SessionFileKind,
  contentType: string,
  size: number,
  status: WrittenStatus,
  rules: Record<SessionFileKind, SessionFileRule> = sessionFileRules,
): { ok: true } | { ok: false; reason: FileRefusal } {
  const rule = rules[kind];
  if (!rule.allowedIn.includes(status)) return { ok: false, reason: 'not-allowed-in-state' };
  if (!rule.contentTypes.includes(contentType))
    return { ok: false, reason: 'file-type-not-allowed' };
  if (size === 0) return { ok: false, reason: 'file-empty' };
  if (size > rule.maxBytes) return { ok: false, reason: 'file-too-large' };
  return { ok: true };
}

/**
 * Whether a handed-in file may be taken back: only an attachment, and only while the work goes
 * on (the same states it may be added in) — never after "Submit assignment" or the deadline.
 * Identity photos and the room scan are evidence and stay.
 */
export function checkSessionFileRemoval(
  kind: SessionFileKind,
  status: WrittenStatus,
  rules: Record<SessionFileKind, SessionFileRule> = sessionFileRules,
): { ok: true } | { ok: false; reason: 'not-allowed-in-state' | 'file-not-removable' } {
  if (kind !== 'attachment') return { ok: false, reason: 'file-not-removable' };
  if (!rules[kind].allowedIn.includes(status)) return { ok: false, reason: 'not-allowed-in-state' };
  return { ok: true };
}
