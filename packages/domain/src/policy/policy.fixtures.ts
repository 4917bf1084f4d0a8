import type { Flag, FlagCategory, Severity } from '../signals/flag.types.ts';
import type { Incident, Warning } from '../written/written-session.types.ts';

// Test support for the policy tests (not exported from the package).

export const T0 = 1_750_000_000_000;

export const flag = (category: FlagCategory, severity: Severity, startSec = 0): Flag => ({
  category,
  severity,
  startAt: T0 + startSec * 1000,
  endAt: T0 + startSec * 1000 + 5000,
  durationMs: 5000,
  ongoing: false,
  signalIndexes: [0],
});

export const warning = (
  id: string,
  issuedSec: number,
  ackSec: number | null,
  category: FlagCategory = 'tab_switch',
): Warning => ({
  id,
  category,
  note: null,
  issuedAt: T0 + issuedSec * 1000,
  issuedBy: { role: 'proctor', userId: 'p' },
  acknowledgedAt: ackSec === null ? null : T0 + ackSec * 1000,
});

export const incident = (reportedBy: Incident['reportedBy']): Incident => ({
  kind: 'internet-lost',
  reportedBy,
  note: null,
  startedAt: T0,
  endedAt: T0 + 60_000,
  compensatedMs: 0,
});
