import { describe, expect, it } from 'vitest';
import { renderTransitionTable } from '../common/transition.types.ts';
import { writtenStatuses } from './written-session.types.ts';
import { writtenSessionTable } from './written-session.table.ts';
import { sampleWrittenEvent } from './written-session.fixtures.ts';

describe('writtenSessionTable', () => {
  it('has one row per event and names only known states', () => {
    const events = writtenSessionTable.map((r) => r.event);
    expect(new Set(events).size).toBe(events.length);
    expect(events.sort()).toEqual(Object.keys(sampleWrittenEvent).sort());
    for (const row of writtenSessionTable) {
      for (const s of [...row.from, ...row.to]) expect(writtenStatuses).toContain(s);
    }
  });

  it('requires a reason exactly for identity rejection, pause, compensation, added time, termination and annulment', () => {
    expect(writtenSessionTable.filter((r) => r.reasonRequired).map((r) => r.event)).toEqual([
      'reject-identity',
      'pause',
      'grant-compensation',
      'add-time',
      'terminate',
      'annul',
    ]);
  });

  it('never leads from terminated or annulled back to work', () => {
    for (const row of writtenSessionTable) {
      if (row.from.includes('terminated') || row.from.includes('annulled')) {
        expect(row.to).not.toContain('in_progress');
        expect(row.to).not.toContain('paused');
      }
    }
  });

  it('renders as a Markdown table with one line per event', () => {
    const markdown = renderTransitionTable(writtenSessionTable);
    expect(markdown.split('\n')).toHaveLength(writtenSessionTable.length + 2);
    expect(markdown).toContain(
      '| terminate | in_progress, paused | terminated | proctor | required |',
    );
  });
});
