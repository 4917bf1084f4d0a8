// On a rest break the page keeps back what only tells of the student being away — the flags a
// break keeps quiet (`BREAK_QUIET_CATEGORIES`: no face, left without warning, looking away,
// leaving the page) — and sends, when the break ends, where each of them stands then. Everything
// else goes out as usual (the camera and screen keep recording; another face in view, voices, a
// phone still count). The server keeps these flags quiet on a break whatever a page sends; this
// spares the student's page and the proctor's screen the noise.
import type { SignalInput } from '../signals/signal-sink';

/** Signal kinds that tell only of leaving the desk or the exam page. */
const AWAY_KINDS: ReadonlySet<SignalInput['kind']> = new Set([
  'visibility',
  'focus',
  'fullscreen',
  'head-pose',
]);

export interface BreakQuiet {
  /** What to send of `signal` now: itself, or null when a break keeps it back. */
  pass(signal: SignalInput, onBreak: boolean): SignalInput | null;
  /** At the break's end: the latest kept-back signal of each kind, to send now. */
  release(): SignalInput[];
}

export function createBreakQuiet(): BreakQuiet {
  const held = new Map<SignalInput['kind'], SignalInput>();
  /** The face count the server last heard from this page. */
  let faces: number | null = null;
  return {
    pass(signal, onBreak) {
      if (!onBreak) {
        if (signal.kind === 'face-count') faces = signal.count;
        return signal;
      }
      if (AWAY_KINDS.has(signal.kind)) {
        held.set(signal.kind, signal);
        return null;
      }
      if (signal.kind === 'face-count') {
        // No face, after one face: the student went away. After two or more, "no face" ends
        // another person's being in view, which a break does not excuse: it is sent.
        if (signal.count === 0 && (faces === null || faces <= 1)) {
          held.set('face-count', signal);
          return null;
        }
        held.delete('face-count');
        faces = signal.count;
      }
      return signal;
    },
    release() {
      const out = [...held.values()];
      held.clear();
      for (const s of out) if (s.kind === 'face-count') faces = s.count;
      return out;
    },
  };
}
