// How much of a student's media a viewer gets. Applied on the student's senders with
// RTCRtpSender.setParameters, so switching a tile to focus needs no renegotiation.
import type { RtcQuality } from '@emtihan/protocol';

export type SlotName = 'camera' | 'microphone' | 'screen';

export interface Encoding {
  active: boolean;
  maxBitrate: number;
  maxFramerate?: number;
  scaleResolutionDownBy?: number;
}

/**
 * Grid tiles: a quarter of the resolution at a few frames a second and no sound (50 tiles on one
 * proctor's link stay under 10 Mbit/s); the student in focus: everything, sound included.
 */
export function encodingFor(slot: SlotName, quality: RtcQuality): Encoding {
  if (slot === 'microphone') return { active: quality === 'full', maxBitrate: 48_000 };
  if (quality === 'tile')
    return slot === 'camera'
      ? { active: true, maxBitrate: 120_000, maxFramerate: 5, scaleResolutionDownBy: 4 }
      : { active: true, maxBitrate: 80_000, maxFramerate: 2, scaleResolutionDownBy: 4 };
  return slot === 'camera'
    ? { active: true, maxBitrate: 1_000_000, maxFramerate: 30, scaleResolutionDownBy: 1 }
    : { active: true, maxBitrate: 1_500_000, maxFramerate: 10, scaleResolutionDownBy: 1 };
}

/** The slots in the order of their transceivers: the viewer maps tracks by this order (mid). */
export const SLOTS: readonly SlotName[] = ['camera', 'microphone', 'screen'];
