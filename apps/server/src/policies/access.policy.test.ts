import { ROLES, type Role } from '@emtihan/protocol';
import { describe, expect, it } from 'vitest';
import { can, type Access } from './access.policy.ts';

describe('the access table', () => {
  const cases: [Role[], Access, boolean][] = [
    ...ROLES.map((r): [Role[], Access, boolean] => [[r], 'public', true]),
    ...ROLES.map((r): [Role[], Access, boolean] => [[r], 'user', true]),
    ...ROLES.map((r): [Role[], Access, boolean] => [[r], 'admin', r === 'admin']),
    ...ROLES.map((r): [Role[], Access, boolean] => [
      [r],
      'accommodations',
      r === 'admin' || r === 'accommodations',
    ]),
    [['student', 'admin'], 'admin', true],
    [['accommodations'], 'admin', false],
    [['proctor', 'examiner'], 'admin', false],
    [[], 'user', false],
  ];
  it.each(cases)('roles %j asking for %s access get %s', (roles, access, expected) => {
    expect(can(roles, access)).toBe(expected);
  });
});
