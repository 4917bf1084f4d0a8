// The console's ordering and filtering, pure (tested without a browser).
import type { FlagCategory } from '@emtihan/domain';
import type { FlagView, RosterEntry, RosterResponse } from '@emtihan/protocol';

/** Sittings with live media: from "Join meeting" until the sitting ends. */
export const LIVE_STATUSES = [
  'checking_in',
  'awaiting_approval',
  'rejected',
  'in_progress',
  'paused',
];

export type SortBy = 'risk' | 'name' | 'status';
export type Show = 'all' | 'mine' | 'waiting' | 'flagged';

const SEVERITY_WEIGHT: Record<string, number> = { gross: 20, minor: 3 };

export type FlagLike = Pick<FlagView, 'severity' | 'startAt'>;
export const flagsOf = (e: RosterEntry): FlagView[] => e.flags ?? [];

/** A risk score: a proposed termination first, then open warnings, flags by severity. */
export function riskOf(e: RosterEntry): number {
  return (
    (e.terminationProposed ? 1000 : 0) +
    e.warningsUnacknowledged * 30 +
    e.warningsIssued * 5 +
    e.incidents * 2 +
    flagsOf(e).reduce((sum, f) => sum + (SEVERITY_WEIGHT[f.severity] ?? 1), 0)
  );
}

const STATUS_ORDER = ['awaiting_approval', 'paused', 'in_progress', 'checking_in', 'rejected'];
const statusRank = (e: RosterEntry) => {
  const i = STATUS_ORDER.indexOf(e.status);
  return i === -1 ? STATUS_ORDER.length : i;
};

export function sortEntries<T extends RosterEntry>(entries: readonly T[], by: SortBy): T[] {
  const byName = (a: T, b: T) => a.fullName.localeCompare(b.fullName);
  const cmp: Record<SortBy, (a: T, b: T) => number> = {
    risk: (a, b) => riskOf(b) - riskOf(a) || statusRank(a) - statusRank(b) || byName(a, b),
    status: (a, b) => statusRank(a) - statusRank(b) || byName(a, b),
    name: byName,
  };
  return [...entries].sort(cmp[by]);
}

export function filterEntries<T extends RosterEntry>(
  entries: readonly T[],
  opts: { text: string; show: Show; isMine(e: RosterEntry): boolean },
): T[] {
  const q = opts.text.trim().toLocaleLowerCase();
  return entries.filter((e) => {
    if (q && !`${e.fullName} ${e.login} ${e.group ?? ''}`.toLocaleLowerCase().includes(q))
      return false;
    switch (opts.show) {
      case 'mine':
        return opts.isMine(e);
      case 'waiting':
        return e.status === 'awaiting_approval';
      case 'flagged':
        return e.warningsUnacknowledged > 0 || flagsOf(e).length > 0 || e.terminationProposed;
      default:
        return true;
    }
  });
}

/** Newest first, then by severity (gross before minor at the same moment). */
export function orderFlags<T extends FlagLike>(flags: readonly T[]): T[] {
  return [...flags].sort(
    (a, b) =>
      b.startAt - a.startAt ||
      (SEVERITY_WEIGHT[b.severity] ?? 0) - (SEVERITY_WEIGHT[a.severity] ?? 0),
  );
}

/** A student's page as the exam's live-states messages last described it (ADR 0015). */
export interface PageSeen {
  /** Conditions holding at the page's last report (they may still become flags). */
  holding: readonly FlagCategory[];
  /** When this console received that report (its own clock: no skew with the server's). */
  receivedAt: number;
}

/** A page running the automatic checks reports several times a second; this long is silence. */
export const SILENT_AFTER_MS = 15_000;

export interface PageNow {
  /** What holds now, to show before it becomes a flag; empty when the page is silent. */
  holding: readonly FlagCategory[];
  /** Whole seconds since the page last reported, when that is too long; otherwise null. */
  silentSeconds: number | null;
}

/**
 * What a tile says about the student's page now. Silence is only told for a sitting at work
 * whose page runs the automatic checks (without them a page reports only what happens), and
 * once it has reported at least once since this console opened. A student on a rest break, or
 * whose accommodation leaves every detector out, has a page that keeps quiet by design
 * (ADR 0018): never "silent".
 */
export function pageNow(
  seen: PageSeen | undefined,
  opts: {
    status: string;
    automaticChecks: boolean;
    now: number;
    onBreak?: boolean;
    skippedChecks?: readonly string[];
  },
): PageNow {
  if (!seen || !LIVE_STATUSES.includes(opts.status)) return { holding: [], silentSeconds: null };
  const quiet = opts.now - seen.receivedAt;
  const detectors = ['faces', 'headPose', 'objects', 'speech'];
  const detecting =
    opts.automaticChecks && !detectors.every((c) => opts.skippedChecks?.includes(c));
  if (detecting && !opts.onBreak && opts.status === 'in_progress' && quiet >= SILENT_AFTER_MS)
    return { holding: [], silentSeconds: Math.floor(quiet / 1000) };
  return { holding: seen.holding, silentSeconds: null };
}

/**
 * Whether "Add time" fits a sitting: at work (running or paused), for the exam's examiners and
 * the sitting's own proctor (the server refuses the rest anyway, ADR 0018).
 */
export function canAddTime(
  entry: Pick<RosterEntry, 'sessionId' | 'status'>,
  role: 'proctor' | 'examiner',
  mine: boolean,
): boolean {
  if (!entry.sessionId || !['in_progress', 'paused'].includes(entry.status)) return false;
  return role === 'examiner' || mine;
}

/** Why a tile shows less than a camera and a screen, live. */
export type NoVideoNote = 'recordedOnly' | 'noDevices' | 'noCamera' | 'noScreen';

export interface TileVideo {
  camera: boolean;
  screen: boolean;
  /** Null: both are live. */
  note: NoVideoNote | null;
}

/**
 * What a tile shows of a student's devices: a recorded-only exam publishes no media, and a
 * device the exam does not ask for is never live, so the tile says why instead of "No video".
 */
export function tileVideo(r: Pick<RosterResponse, 'liveProctoring' | 'liveVideo'>): TileVideo {
  if (!r.liveProctoring) return { camera: false, screen: false, note: 'recordedOnly' };
  const { camera, screen } = r.liveVideo;
  const note =
    !camera && !screen ? 'noDevices' : !camera ? 'noCamera' : !screen ? 'noScreen' : null;
  return { camera, screen, note };
}
