import type { Actor } from '../common/actor.types.ts';
import type { JsonValue } from '../common/json.types.ts';
import type { EpochMs } from '../common/time.types.ts';
import { canonicalJson } from './canonical.json.ts';
import { sha256Hex } from './sha256.hash.ts';

/** What a transition asks to be written; the chain adds `seq`, `prevHash` and `hash`. */
export interface AuditDraft {
  at: EpochMs;
  actor: Actor;
  type: string;
  payload: JsonValue;
}

/** One append-only entry of a session's audit log. `seq` counts from 1. */
export interface AuditEntry extends AuditDraft {
  seq: number;
  prevHash: string;
  hash: string;
}

/** The `prevHash` of the first entry. */
export const GENESIS_HASH = '0'.repeat(64);

/** SHA-256 over the previous hash and the canonical JSON of the entry (without its own hash). */
export function hashAuditEntry(entry: Omit<AuditEntry, 'hash'>): string {
  const { seq, at, actor, type, payload, prevHash } = entry;
  const body = canonicalJson({ seq, at, actor: { ...actor }, type, payload, prevHash });
  return sha256Hex(`${prevHash}\n${body}`);
}

/** The entry that follows `last` (or starts a chain). For a store that keeps only the tail. */
export function nextAuditEntry(last: AuditEntry | null, draft: AuditDraft): AuditEntry {
  const unsigned = {
    seq: last ? last.seq + 1 : 1,
    at: draft.at,
    actor: draft.actor,
    type: draft.type,
    payload: draft.payload,
    prevHash: last ? last.hash : GENESIS_HASH,
  };
  return { ...unsigned, hash: hashAuditEntry(unsigned) };
}

/** A new chain with the entry appended; the given chain is left as it was. */
export function appendAudit(chain: readonly AuditEntry[], draft: AuditDraft): AuditEntry[] {
  return [...chain, nextAuditEntry(chain[chain.length - 1] ?? null, draft)];
}

export type AuditVerification = { ok: true } | { ok: false; brokenAt: number };

/** Where a chain segment continues from; omitted for a whole chain from seq 1. */
export interface AuditAnchor {
  seq: number;
  hash: string;
}

function hashMatches(entry: AuditEntry): boolean {
  try {
    return entry.hash === hashAuditEntry(entry);
  } catch {
    return false; // a value that is not JSON any more (e.g. NaN) was tampered with
  }
}

/**
 * Checks every link. `brokenAt` is the seq the first bad entry should have (its position), so a
 * tampered `seq` is named too. Entries before it are intact.
 */
export function verifyAuditChain(
  chain: readonly AuditEntry[],
  anchor: AuditAnchor = { seq: 0, hash: GENESIS_HASH },
): AuditVerification {
  let expectedPrev = anchor.hash;
  for (let i = 0; i < chain.length; i++) {
    const entry = chain[i]!;
    const expectedSeq = anchor.seq + i + 1;
    const intact =
      entry.seq === expectedSeq && entry.prevHash === expectedPrev && hashMatches(entry);
    if (!intact) return { ok: false, brokenAt: expectedSeq };
    expectedPrev = entry.hash;
  }
  return { ok: true };
}

export interface EvidenceRecord {
  sessionId: string;
  /** e.g. camera, screen, snapshot, answer, id-document, room-scan. */
  track: string;
  sequence: number;
  sha256: string;
  bytes: number;
}

/** An evidence blob's hash as an audit entry, so the chain vouches for the evidence too. */
export const evidenceAuditDraft = (
  at: EpochMs,
  actor: Actor,
  evidence: EvidenceRecord,
): AuditDraft => ({
  at,
  actor,
  type: 'evidence.stored',
  payload: { ...evidence },
});
