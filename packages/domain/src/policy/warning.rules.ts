// Issuing and acknowledging a warning, the same in written and oral sessions (seed: "for any
// violation the examiner writes the candidate a warning"). The machines add their own notices.
import type { Actor } from '../common/actor.types.ts';
import type { SessionEffect } from '../common/effect.types.ts';
import { refuse, type Refusal } from '../common/result.types.ts';
import { isNonEmptyText } from '../common/result.types.ts';
import { SECOND_MS, type EpochMs } from '../common/time.types.ts';
import { isFlagCategory } from '../signals/flag.types.ts';
import type { Warning } from '../written/written-session.types.ts';

type IssueRefusal = 'unknown-category' | 'unknown-warning' | 'duplicate-warning';
type AckRefusal = 'unknown-warning' | 'warning-already-acknowledged';

/** The warnings with a new one appended, and the check of its acknowledgement time to arm. */
export function addWarning(
  warnings: readonly Warning[],
  e: { warningId: string; category: string; note?: string; actor: Actor },
  now: EpochMs,
  ackLimitSeconds: number,
): { ok: true; warnings: Warning[]; check: SessionEffect } | Refusal<IssueRefusal> {
  if (!isFlagCategory(e.category)) return refuse('unknown-category');
  if (!isNonEmptyText(e.warningId)) return refuse('unknown-warning');
  if (warnings.some((w) => w.id === e.warningId)) return refuse('duplicate-warning');
  const warning: Warning = {
    id: e.warningId,
    category: e.category,
    note: e.note ?? null,
    issuedAt: now,
    issuedBy: { ...e.actor },
    acknowledgedAt: null,
  };
  return {
    ok: true,
    warnings: [...warnings, warning],
    check: {
      type: 'schedule-warning-check',
      warningId: e.warningId,
      at: now + ackLimitSeconds * SECOND_MS,
    },
  };
}

/** The warnings with this one acknowledged now, and whether that was within the limit. */
export function acknowledge(
  warnings: readonly Warning[],
  warningId: string,
  now: EpochMs,
  ackLimitSeconds: number,
): { ok: true; warnings: Warning[]; withinLimit: boolean } | Refusal<AckRefusal> {
  const warning = warnings.find((w) => w.id === warningId);
  if (!warning) return refuse('unknown-warning');
  if (warning.acknowledgedAt !== null) return refuse('warning-already-acknowledged');
  return {
    ok: true,
    warnings: warnings.map((w) => (w.id === warningId ? { ...w, acknowledgedAt: now } : w)),
    withinLimit: now - warning.issuedAt <= ackLimitSeconds * SECOND_MS,
  };
}
