import { describe, expect, it } from 'vitest';
import type { AuditEntry } from '@emtihan/domain';
import { timelineKind, timelineOf } from './report.service.ts';

const entry = (type: string, payload: Record<string, unknown> = {}): AuditEntry =>
  ({
    seq: 1,
    at: 1000,
    actor: { role: 'proctor', userId: 'u1' },
    type,
    payload: { sessionId: 's', from: 'in_progress', to: 'in_progress', ...payload },
    prevHash: '',
    hash: '',
  }) as AuditEntry;

describe('the review timeline and accommodations', () => {
  it('shows time added and rest breaks, though the status stays the same', () => {
    expect(timelineKind(entry('written.add-time'))).toBe('accommodation');
    expect(timelineKind(entry('written.start-break'))).toBe('accommodation');
    expect(timelineKind(entry('written.end-break'))).toBe('accommodation');
    // Other events that change nothing of the status stay off the timeline.
    expect(timelineKind(entry('written.acknowledge-warning'))).toBe('acknowledgement');
    expect(timelineKind(entry('written.save-answer'))).toBeUndefined();
  });

  it('keeps the minutes and the reason of time added for the reviewer', () => {
    const [item] = timelineOf([entry('written.add-time', { minutes: 10, reason: 'fire alarm' })]);
    expect(item).toMatchObject({
      kind: 'accommodation',
      type: 'written.add-time',
      actor: 'proctor',
      detail: { minutes: 10, reason: 'fire alarm' },
    });
  });
});
