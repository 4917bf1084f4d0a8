/**
 * Who acts on a session. `system` is the server itself (timers, detectors), never a person.
 * `admin` acts on a sitting only by changing its exam (`amend-terms`): admins run the system,
 * not exams.
 */
export const actorRoles = ['student', 'proctor', 'examiner', 'admin', 'system'] as const;
export type ActorRole = (typeof actorRoles)[number];

export interface Actor {
  role: ActorRole;
  /** The acting person; required for a student (ownership is checked), optional otherwise. */
  userId?: string;
}
