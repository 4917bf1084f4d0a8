import type { EpochMs } from '../common/time.types.ts';
import type {
  WrittenEventOf,
  WrittenSessionState,
  WrittenTransitionResult,
} from './written-session.types.ts';
import { isNonEmptyText, refuse } from '../common/result.types.ts';
import { notifyProctors, notifyStudent, succeed } from './written-session.effects.ts';

/**
 * When the proctor asked for a room scan that has not arrived yet, else null. States stored
 * before the field existed have none.
 */
export const roomScanRequestedAt = (s: WrittenSessionState): EpochMs | null =>
  s.roomScanRequestedAt ?? null;

/**
 * The proctor asks the student at work to show the room and the desk (seed: "if asked, show
 * the desk and the room"). Only where the exam allows it (`roomScanOnRequest`, given by the
 * server from the exam's settings), and one request at a time.
 */
export function requestRoomScan(
  s: WrittenSessionState,
  e: WrittenEventOf<'request-room-scan'>,
  now: EpochMs,
): WrittenTransitionResult {
  if (e.roomScanOnRequest !== true) return refuse('room-scan-not-allowed');
  if (roomScanRequestedAt(s) !== null) return refuse('room-scan-already-requested');
  return succeed(s, { roomScanRequestedAt: now }, e, now, [
    notifyStudent('session.room-scan-requested'),
  ]);
}

/** The requested scan arrived (its hash): the request is met and cleared. */
export function recordRoomScan(
  s: WrittenSessionState,
  e: WrittenEventOf<'record-room-scan'>,
  now: EpochMs,
): WrittenTransitionResult {
  if (!isNonEmptyText(e.roomScanHash)) return refuse('evidence-required');
  const requestedAt = roomScanRequestedAt(s);
  if (requestedAt === null) return refuse('room-scan-not-requested');
  return succeed(
    s,
    { roomScanRequestedAt: null },
    e,
    now,
    [notifyProctors('session.room-scan-recorded', { sessionId: s.sessionId })],
    { requestedAt },
  );
}
