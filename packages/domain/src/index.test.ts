import { describe, expect, it } from 'vitest';
import * as domain from './index.ts';

describe('the public surface of @emtihan/domain', () => {
  it.each([
    'transition',
    'writtenSessionTable',
    'createWrittenSession',
    'transitionOral',
    'oralSessionTable',
    'createOralSession',
    'drawTicket',
    'evaluateSignals',
    'createFlagTracker',
    'assessViolations',
    'warningTemplates',
    'integrityScore',
    'appendAudit',
    'verifyAuditChain',
    'sha256Hex',
    'canonicalJson',
    'defaultExamConfig',
    'makeExamConfig',
    'renderTransitionTable',
    'termsChangeProblem',
    'sessionTermsOf',
    'timeOutOf',
    'timesOutAt',
  ])('exports %s', (name) => {
    expect(domain).toHaveProperty(name);
  });

  it('does not export test fixtures', () => {
    expect(Object.keys(domain).filter((k) => /fixture|reach|tamper/i.test(k))).toEqual([]);
  });

  it('refuses to create a session under a config that cannot work', () => {
    const config = domain.makeExamConfig({
      window: { opensAt: 10, closesAt: 5 },
      durationMinutes: 90,
    });
    expect(
      domain.createWrittenSession({ sessionId: 's', examId: 'e', studentId: 'u', config }),
    ).toEqual({
      ok: false,
      reason: 'invalid-config',
      problems: ['window'],
    });
  });
});
