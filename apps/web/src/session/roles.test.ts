import { describe, expect, it } from 'vitest';
import { homePath, orderedRoles } from './roles';

describe('role areas', () => {
  it.each([
    [['student'], '/student'],
    [['proctor'], '/proctor'],
    [['examiner'], '/examiner'],
    [['admin'], '/admin'],
    [['admin', 'examiner'], '/examiner'],
    [['proctor', 'student'], '/student'],
  ] as const)('a person with roles %j lands on %s', (roles, path) => {
    expect(homePath({ roles: [...roles] })).toBe(path);
  });

  it('has no home for an account without a role', () => {
    expect(homePath({ roles: [] })).toBeNull();
  });

  it('lists the roles in the fixed order student, proctor, examiner, admin', () => {
    expect(orderedRoles({ roles: ['admin', 'student', 'examiner'] })).toEqual([
      'student',
      'examiner',
      'admin',
    ]);
  });
});
