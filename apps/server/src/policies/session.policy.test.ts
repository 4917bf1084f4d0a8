import { SessionCommand } from '@emtihan/protocol';
import { describe, expect, it } from 'vitest';
import { actingAs, canRead, canWork, commandActors, relationsTo } from './session.policy.ts';

const commands = SessionCommand.options.map((o) => o.shape.type.value);

describe('who may act on a session', () => {
  it('every command of the protocol has a row', () => {
    expect(Object.keys(commandActors).sort()).toEqual([...commands].sort());
  });

  it('another student is no relation at all: cannot read, work or command', () => {
    const rel = relationsTo({ studentId: 'owner' }, 'other', ['student']);
    expect(rel).toEqual([]);
    expect(canRead(rel)).toBe(false);
    expect(canWork(rel)).toBe(false);
    for (const c of commands) expect(actingAs(c, rel)).toBeUndefined();
  });

  it('the owner acts as student on student commands only', () => {
    const rel = relationsTo({ studentId: 'me' }, 'me', ['student']);
    expect(actingAs('submit', rel)).toBe('student');
    expect(actingAs('approve-identity', rel)).toBeUndefined();
    expect(actingAs('terminate', rel)).toBeUndefined();
    expect(actingAs('request-room-scan', rel)).toBeUndefined();
    expect(canWork(rel)).toBe(true);
  });

  it('a proctor of the course approves, warns and terminates but cannot submit or accept', () => {
    const rel = relationsTo({ studentId: 's' }, 'p', ['proctor']);
    expect(actingAs('approve-identity', rel)).toBe('proctor');
    expect(actingAs('issue-warning', rel)).toBe('proctor');
    expect(actingAs('terminate', rel)).toBe('proctor');
    expect(actingAs('request-room-scan', rel)).toBe('proctor');
    expect(actingAs('submit', rel)).toBeUndefined();
    expect(actingAs('accept', rel)).toBeUndefined();
    expect(canWork(rel)).toBe(false);
  });

  it('an examiner of the course reviews, accepts and annuls', () => {
    const rel = relationsTo({ studentId: 's' }, 'e', ['examiner']);
    expect(actingAs('accept', rel)).toBe('examiner');
    expect(actingAs('annul', rel)).toBe('examiner');
    expect(actingAs('terminate', rel)).toBeUndefined();
    expect(actingAs('request-room-scan', rel)).toBeUndefined();
  });
});
