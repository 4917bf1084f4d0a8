// Who may do what to one exam session. A person's relation to the session decides their actor
// role: its student, or a proctor / examiner enrolled in the exam's course. Admins hold no
// role in a sitting (they run the system, not exams).
import type { ActorRole } from '@emtihan/domain';
import type { EnrolmentRole, SessionCommandType } from '@emtihan/protocol';

export type SessionRelation = Exclude<ActorRole, 'system'>;

export function relationsTo(
  session: { studentId: string },
  callerId: string,
  courseRoles: readonly EnrolmentRole[],
): SessionRelation[] {
  const out: SessionRelation[] = [];
  if (session.studentId === callerId) out.push('student');
  if (courseRoles.includes('proctor')) out.push('proctor');
  if (courseRoles.includes('examiner')) out.push('examiner');
  return out;
}

/** Which relation may send each command. The domain checks the same again, per state. */
export const commandActors: Record<SessionCommandType, readonly SessionRelation[]> = {
  'begin-check-in': ['student'],
  'complete-check-in': ['student'],
  'retry-check-in': ['student'],
  submit: ['student'],
  'report-incident': ['student'],
  'acknowledge-warning': ['student'],
  'approve-identity': ['proctor'],
  'reject-identity': ['proctor'],
  pause: ['proctor'],
  resume: ['proctor', 'student'],
  'grant-compensation': ['proctor', 'examiner'],
  'add-time': ['proctor', 'examiner'],
  'start-break': ['student'],
  'end-break': ['student'],
  'issue-warning': ['proctor', 'examiner'],
  terminate: ['proctor'],
  'request-room-scan': ['proctor'],
  'begin-review': ['examiner'],
  accept: ['examiner'],
  annul: ['proctor', 'examiner'],
};

/** The relation under which the caller acts, or undefined when they may not. */
export function actingAs(
  command: SessionCommandType,
  relations: readonly SessionRelation[],
): SessionRelation | undefined {
  return commandActors[command].find((r) => relations.includes(r));
}

/** Anyone related to the session may read it. */
export const canRead = (relations: readonly SessionRelation[]) => relations.length > 0;

/** Only the student writes answers and hands in files. */
export const canWork = (relations: readonly SessionRelation[]) => relations.includes('student');
