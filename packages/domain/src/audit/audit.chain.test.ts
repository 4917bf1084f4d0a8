import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import type { AuditDraft, AuditEntry } from './audit.chain.ts';
import {
  GENESIS_HASH,
  appendAudit,
  evidenceAuditDraft,
  nextAuditEntry,
  verifyAuditChain,
} from './audit.chain.ts';
import { tamperLeaf, leafPaths } from './audit.tamper.fixtures.ts';

const proctor = { role: 'proctor' as const, userId: 'p-1' };
const draft = (i: number): AuditDraft => ({
  at: 1_750_000_000_000 + i * 1000,
  actor: proctor,
  type: 'written.issue-warning',
  payload: { sessionId: 's-1', n: i, note: 'сәлем' },
});
const chainOf = (n: number): AuditEntry[] =>
  Array.from({ length: n }, (_, i) => i).reduce<AuditEntry[]>(
    (chain, i) => appendAudit(chain, draft(i)),
    [],
  );

describe('appendAudit', () => {
  it('numbers entries from 1 and links the first one to the genesis hash', () => {
    const chain = chainOf(2);
    expect(chain.map((e) => e.seq)).toEqual([1, 2]);
    expect(chain[0]!.prevHash).toBe(GENESIS_HASH);
    expect(chain[1]!.prevHash).toBe(chain[0]!.hash);
    expect(chain[0]!.hash).toMatch(/^[0-9a-f]{64}$/);
  });

  it('leaves the given chain as it was', () => {
    const chain = chainOf(1);
    appendAudit(chain, draft(9));
    expect(chain).toHaveLength(1);
  });

  it('gives the same entry whether the whole chain or only its last entry is kept', () => {
    const chain = chainOf(3);
    expect(nextAuditEntry(chain[2]!, draft(3))).toEqual(appendAudit(chain, draft(3))[3]);
  });

  it('records an evidence hash as an ordinary entry', () => {
    const evidence = {
      sessionId: 's-1',
      track: 'screen',
      sequence: 7,
      sha256: 'ab'.repeat(32),
      bytes: 1024,
    };
    const chain = appendAudit([], evidenceAuditDraft(1, { role: 'system' }, evidence));
    expect(chain[0]!.type).toBe('evidence.stored');
    expect(verifyAuditChain(chain)).toEqual({ ok: true });
  });
});

describe('verifyAuditChain', () => {
  it('accepts an empty chain and an intact one', () => {
    expect(verifyAuditChain([])).toEqual({ ok: true });
    expect(verifyAuditChain(chainOf(5))).toEqual({ ok: true });
  });

  it('survives a round trip through JSON storage', () => {
    const stored = JSON.parse(JSON.stringify(chainOf(4))) as AuditEntry[];
    expect(verifyAuditChain(stored)).toEqual({ ok: true });
  });

  it.each([
    ['a changed payload', 3, (c: AuditEntry[]) => ({ ...c[2]!, payload: { n: 99 } })],
    ['a changed time', 3, (c: AuditEntry[]) => ({ ...c[2]!, at: c[2]!.at + 1 })],
    [
      'a changed actor',
      3,
      (c: AuditEntry[]) => ({ ...c[2]!, actor: { role: 'student' as const } }),
    ],
    ['a changed type', 3, (c: AuditEntry[]) => ({ ...c[2]!, type: 'written.accept' })],
    ['a changed seq', 3, (c: AuditEntry[]) => ({ ...c[2]!, seq: 9 })],
    // A forger who rehashes the entry still breaks the link of the next one.
    [
      'a rehashed forged entry',
      4,
      (c: AuditEntry[]) => nextAuditEntry(c[1]!, { ...draft(2), payload: 'forged' }),
    ],
  ])('names the first broken entry after %s', (_name, brokenAt, tamper) => {
    const chain = chainOf(5);
    const tampered = [...chain];
    tampered[2] = tamper(chain);
    expect(verifyAuditChain(tampered)).toEqual({ ok: false, brokenAt });
  });

  it('names a removed entry and a reordered chain', () => {
    const chain = chainOf(4);
    expect(verifyAuditChain([chain[0]!, chain[2]!, chain[3]!])).toEqual({ ok: false, brokenAt: 2 });
    expect(verifyAuditChain([chain[1]!, chain[0]!])).toEqual({ ok: false, brokenAt: 1 });
  });

  it('verifies a segment from an anchor (the last verified entry)', () => {
    const chain = chainOf(5);
    expect(verifyAuditChain(chain.slice(3), { seq: 3, hash: chain[2]!.hash })).toEqual({
      ok: true,
    });
    expect(verifyAuditChain(chain.slice(3), { seq: 3, hash: GENESIS_HASH })).toEqual({
      ok: false,
      brokenAt: 4,
    });
  });

  it('treats a value that is no longer JSON as tampering instead of throwing', () => {
    const chain = chainOf(2);
    const tampered = [chain[0]!, { ...chain[1]!, at: Number.NaN }];
    expect(verifyAuditChain(tampered)).toEqual({ ok: false, brokenAt: 2 });
  });

  it('breaks exactly at the entry whose byte was flipped, for any chain', () => {
    fc.assert(
      fc.property(
        fc.array(fc.record({ n: fc.integer(), text: fc.string({ minLength: 1 }) }), {
          minLength: 1,
          maxLength: 8,
        }),
        fc.nat(),
        fc.nat(),
        fc.nat(),
        (payloads, entryPick, leafPick, charPick) => {
          const chain = payloads.reduce<AuditEntry[]>(
            (c, payload, i) => appendAudit(c, { at: i, actor: proctor, type: 't', payload }),
            [],
          );
          expect(verifyAuditChain(chain)).toEqual({ ok: true });
          const index = entryPick % chain.length;
          const paths = leafPaths(chain[index]!);
          const path = paths[leafPick % paths.length]!;
          const tampered = [...chain];
          tampered[index] = tamperLeaf(chain[index]!, path, charPick);
          expect(verifyAuditChain(tampered)).toEqual({ ok: false, brokenAt: index + 1 });
        },
      ),
    );
  });
});
