/** Who acts on a session. `system` is the server itself (timers, detectors), never a person. */
export const actorRoles = ['student', 'proctor', 'examiner', 'system'] as const;
export type ActorRole = (typeof actorRoles)[number];

export interface Actor {
  role: ActorRole;
  /** The acting person; required for a student (ownership is checked), optional otherwise. */
  userId?: string;
}
