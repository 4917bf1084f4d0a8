import type { Generated } from 'kysely';
// Table types for Kysely. One code path for SQLite and PostgreSQL, so columns use portable
// types: text ids (UUID), ISO-8601 UTC timestamps as text (they sort as time), booleans as
// integers 0/1, JSON as text.

export interface UsersTable {
  id: string;
  login: string;
  full_name: string;
  email: string | null;
  group_name: string | null;
  language: string;
  password_hash: string;
  active: number;
  created_at: string;
  updated_at: string;
}

export interface UserRolesTable {
  user_id: string;
  role: string;
}

export interface AuthSessionsTable {
  /** SHA-256 of the cookie token: a database leak does not leak live sessions. */
  id: string;
  user_id: string;
  csrf_token: string;
  created_at: string;
  expires_at: string;
  revoked_at: string | null;
}

export interface CoursesTable {
  id: string;
  code: string;
  title: string;
  created_at: string;
}

export interface EnrolmentsTable {
  course_id: string;
  user_id: string;
  role: string;
  created_at: string;
}

export interface ExamsTable {
  id: string;
  course_id: string;
  kind: string;
  title: string;
  opens_at: string;
  closes_at: string;
  duration_minutes: number;
  check_in_lead_minutes: number;
  /** JSON: { kk, ru, en } */
  rules: string;
  /** JSON: per-exam settings (policy, thresholds, …) owned by the domain. */
  settings: string;
  /** The task the student works on; shown only once work has started. */
  task: Generated<string>;
  created_at: string;
}

export interface OralSlotsTable {
  id: string;
  exam_id: string;
  starts_at: string;
  length_minutes: number;
}

export interface ExamSessionsTable {
  id: string;
  exam_id: string;
  student_id: string;
  /** Copy of state.status, for queries. */
  status: string;
  /** The domain's WrittenSessionState as JSON. */
  state: string;
  /** Optimistic concurrency: every change bumps it; a stale writer retries. */
  version: number;
  /** When the sweeper should look at this session again (deadline, auto-start); null: never. */
  wake_at: string | null;
  updated_at: string;
}

export interface AuditEntriesTable {
  session_id: string;
  seq: number;
  /** The domain's AuditEntry as JSON (its hash covers everything but itself). */
  entry: string;
  hash: string;
}

export interface AnswerSavesTable {
  session_id: string;
  seq: number;
  sha256: string;
  body: string;
  saved_at: string;
}

export interface SessionFilesTable {
  id: string;
  session_id: string;
  kind: string;
  name: string;
  content_type: string;
  size: number;
  sha256: string;
  blob_key: string;
  created_at: string;
}

export interface LtiPlatformsTable {
  id: string;
  issuer: string;
  client_id: string;
  /** JSON array of the deployment ids accepted from this platform. */
  deployment_ids: string;
  auth_url: string;
  token_url: string;
  jwks_url: string;
  created_at: string;
}

export interface LtiToolKeysTable {
  kid: string;
  /** JWK JSON. */
  private_jwk: string;
  public_jwk: string;
  created_at: string;
  /** null: the active key; otherwise published until then, never used to sign. */
  retire_at: string | null;
}

export interface LtiStatesTable {
  id: string;
  /** login | handoff | deep-link */
  kind: string;
  platform_id: string | null;
  nonce: string | null;
  /** JSON owned by the LTI service. */
  data: string;
  expires_at: string;
}

export interface LtiNoncesTable {
  platform_id: string;
  nonce: string;
  expires_at: string;
}

export interface LtiLinksTable {
  id: string;
  platform_id: string;
  context_id: string;
  /** '' for the row that maps the context itself to a course. */
  resource_link_id: string;
  course_id: string;
  exam_id: string | null;
  line_item_url: string | null;
  nrps_url: string | null;
  created_at: string;
  updated_at: string;
}

export interface LtiUsersTable {
  issuer: string;
  sub: string;
  user_id: string;
  created_at: string;
}

export interface LtiGradeSendsTable {
  id: string;
  platform_id: string;
  exam_id: string;
  user_id: string;
  line_item_url: string;
  /** JSON: the score body as sent. */
  score: string;
  /** pending | sent | superseded | failed */
  status: string;
  attempts: number;
  http_status: number | null;
  error: string | null;
  created_at: string;
  updated_at: string;
}

export interface EvidenceSegmentsTable {
  session_id: string;
  track: string;
  seq: number;
  sha256: string;
  size: number;
  content_type: string;
  blob_key: string;
  /** Device epoch ms the segment began. */
  started_at: number;
  duration_ms: number;
  received_at: string;
  deleted_at: string | null;
}

export interface LegalHoldsTable {
  exam_id: string;
  set_by: string;
  reason: string;
  set_at: string;
}

export interface JobLeasesTable {
  name: string;
  holder: string;
  expires_at: string;
  last_run_at: string | null;
}

export interface EvidenceExplanationsTable {
  id: string;
  session_id: string;
  /** What it explains: `flag:<id>`, `warning:<id>` or `at:<epoch ms>`. */
  target: string;
  author_id: string;
  body: string;
  created_at: string;
}

export interface Database {
  evidence_segments: EvidenceSegmentsTable;
  legal_holds: LegalHoldsTable;
  job_leases: JobLeasesTable;
  evidence_explanations: EvidenceExplanationsTable;
  lti_platforms: LtiPlatformsTable;
  lti_tool_keys: LtiToolKeysTable;
  lti_states: LtiStatesTable;
  lti_nonces: LtiNoncesTable;
  lti_links: LtiLinksTable;
  lti_users: LtiUsersTable;
  lti_grade_sends: LtiGradeSendsTable;
  exam_sessions: ExamSessionsTable;
  audit_entries: AuditEntriesTable;
  answer_saves: AnswerSavesTable;
  session_files: SessionFilesTable;
  users: UsersTable;
  user_roles: UserRolesTable;
  auth_sessions: AuthSessionsTable;
  courses: CoursesTable;
  enrolments: EnrolmentsTable;
  exams: ExamsTable;
  oral_slots: OralSlotsTable;
}
