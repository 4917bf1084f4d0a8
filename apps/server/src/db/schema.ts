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
  /** 'draft' | 'published' (ADR 0017): students never see a draft. */
  status: Generated<string>;
  /** Rich text shown before check-in. */
  instructions: Generated<string>;
  /** JSON RuleSet; null for exams made before authoring (their `rules` is the text). */
  rule_set: string | null;
  /** JSON Proctoring: named proctors, sittings each. */
  proctoring: Generated<string>;
  preset_id: string | null;
  version: Generated<number>;
  published_at: string | null;
}

export interface ExamPresetsTable {
  id: string;
  name: string;
  is_default: number;
  /** JSON: the PresetBody without name and isDefault. */
  body: string;
  created_at: string;
  updated_at: string;
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
  /** The sitting whose grade this is (null for sends made before 0008). */
  session_id: string | null;
  /** While pending: when the outbox job may try it (again). */
  next_attempt_at: string | null;
  /** A node working on it until then; another node skips it. */
  lease_until: string | null;
}

export interface ExamGradingTable {
  exam_id: string;
  max_score: number;
  /** A domain GradingScaleId. */
  scale: string;
  annulled_scores_zero: number;
  updated_at: string;
}

export interface SittingGradesTable {
  session_id: string;
  exam_id: string;
  student_id: string;
  /** graded | annulled */
  outcome: string;
  score: number;
  max_score: number;
  percent: number;
  grade: string;
  points: number | null;
  passed: number;
  comment: string | null;
  graded_by: string | null;
  graded_at: string;
}

/** Where a sitting's flag tracker stood after batch `seq` (JSON `state`, see SignalService). */
export interface SignalTrackersTable {
  session_id: string;
  seq: number | string;
  state: string;
  updated_at: string;
}

export interface SignalBatchesTable {
  session_id: string;
  seq: number | string;
  count: number;
  received_at: string;
  /**
   * JSON: the batch's signals, `{ idx, signal, evidenceFileId? }` each, `signal` the domain's
   * Signal with the accepted `at` (migration 0014).
   */
  signals: string;
}

export interface FlagsTable {
  id: string;
  session_id: string;
  exam_id: string;
  category: string;
  severity: string;
  start_at: number | string;
  end_at: number | string;
  ongoing: number;
  evidence_file_id: string | null;
  source: string;
  created_at: string;
  updated_at: string;
}

export interface WarningChecksTable {
  session_id: string;
  warning_id: string;
  due_at: string;
  done: number;
}

export interface ExamTaskFilesTable {
  id: string;
  exam_id: string;
  name: string;
  content_type: string;
  size: number;
  sha256: string;
  blob_key: string;
  created_by: string;
  created_at: string;
}

export interface OralSetupsTable {
  exam_id: string;
  scale: string;
  /** JSON: OralTicket[] */
  tickets: string;
  updated_at: string;
  /** 1: no two students of a committee draw the same ticket while unused ones remain. */
  no_repeat_in_committee: Generated<number>;
}

export interface OralCommitteesTable {
  id: string;
  exam_id: string;
  position: number;
  chair_id: string;
  /** JSON string array. */
  member_ids: string;
  updated_at: string;
}

export interface OralDayPlansTable {
  exam_id: string;
  /** JSON: the protocol's OralDayPlan. */
  plan: string;
  updated_at: string;
}

export interface OralTicketPoolsTable {
  exam_id: string;
  id: string;
  position: number;
  name: string;
  /** JSON: OralTicket[] */
  tickets: string;
}

export interface OralPlansTable {
  slot_id: string;
  exam_id: string;
  preparation_minutes: number;
  record: number;
  /** JSON string arrays. */
  examiner_ids: string;
  student_ids: string;
  /** JSON: the domain's TicketDrawState, created at the slot's first draw. */
  draw: string | null;
  version: number;
  updated_at: string;
  /** The committee (from a day plan) the slot belongs to; null for a slot planned alone. */
  committee_id: Generated<string | null>;
}

export interface OralSessionsTable {
  id: string;
  slot_id: string;
  exam_id: string;
  student_id: string;
  status: string;
  /** The domain's OralSessionState as JSON. */
  state: string;
  version: number;
  updated_at: string;
}

export interface OralGradesTable {
  session_id: string;
  examiner_id: string;
  mark: number;
  comment: string | null;
  at: string;
}

export interface OralNotesTable {
  id: string;
  session_id: string;
  examiner_id: string;
  text: string;
  at: string;
}

export interface OralFilesTable {
  id: string;
  session_id: string;
  kind: string;
  content_type: string;
  size: number;
  sha256: string;
  blob_key: string;
  created_at: string;
}

export interface ProctorAssignmentsTable {
  session_id: string;
  exam_id: string;
  proctor_id: string;
  /** The proctor who took the student over; null when assigned automatically. */
  assigned_by: string | null;
  assigned_at: string;
}

export interface ChatMessagesTable {
  id: string;
  session_id: string;
  author_id: string;
  /** student | proctor */
  author_role: string;
  body: string;
  technical: number;
  created_at: string;
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

export interface FlagReviewsTable {
  flag_id: string;
  session_id: string;
  decision: string;
  note: string;
  reviewer_id: string;
  decided_at: string;
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

export interface DetectionChecksTable {
  id: string;
  kind: string;
  session_id: string;
  input: string;
  status: string;
  attempts: number;
  lease_until: string | null;
  result: string | null;
  created_at: string;
  updated_at: string;
}

export interface AccommodationsTable {
  student_id: string;
  time_factor: number;
  extra_minutes: number;
  break_minutes: number;
  /** JSON string array. */
  skipped_checks: string;
  proctor_note: string;
  document_ref: string;
  valid_until: string | null;
  updated_at: string;
  updated_by: string;
}

export interface ExamAccommodationsTable {
  exam_id: string;
  student_id: string;
  opens_at: string | null;
  closes_at: string | null;
  extra_minutes: number;
  reason: string;
  updated_at: string;
  updated_by: string;
}

export interface AccommodationChangesTable {
  id: string;
  student_id: string;
  exam_id: string | null;
  action: string;
  actor_id: string;
  at: string;
  reason: string;
  /** JSON objects. */
  before: string | null;
  after: string | null;
}

export interface SecondCameraPairingsTable {
  token_hash: string;
  code_hash: string;
  session_id: string;
  created_at: string;
  used_at: string | null;
  /** 1 once a newer pairing of the same sitting was asked for. */
  superseded: number;
}

export interface SecondCamerasTable {
  id: string;
  session_id: string;
  credential_hash: string;
  csrf_token: string;
  paired_at: string;
  replaced_at: string | null;
  view_confirmed_at: string | null;
  view_confirmed_by: string | null;
  user_agent: string;
}

export interface SecondCameraEventsTable {
  session_id: string;
  seq: number;
  camera_id: string;
  /** Epoch ms (bigint: a string from PostgreSQL). */
  at: number | string;
  state: string;
  battery: number | null;
}

export interface Database {
  second_camera_events: SecondCameraEventsTable;
  second_camera_pairings: SecondCameraPairingsTable;
  second_cameras: SecondCamerasTable;
  accommodations: AccommodationsTable;
  exam_accommodations: ExamAccommodationsTable;
  accommodation_changes: AccommodationChangesTable;
  detection_checks: DetectionChecksTable;
  signal_batches: SignalBatchesTable;
  signal_trackers: SignalTrackersTable;
  flags: FlagsTable;
  warning_checks: WarningChecksTable;
  proctor_assignments: ProctorAssignmentsTable;
  chat_messages: ChatMessagesTable;
  evidence_segments: EvidenceSegmentsTable;
  legal_holds: LegalHoldsTable;
  job_leases: JobLeasesTable;
  evidence_explanations: EvidenceExplanationsTable;
  flag_reviews: FlagReviewsTable;
  lti_platforms: LtiPlatformsTable;
  lti_tool_keys: LtiToolKeysTable;
  lti_states: LtiStatesTable;
  lti_nonces: LtiNoncesTable;
  lti_links: LtiLinksTable;
  lti_users: LtiUsersTable;
  lti_grade_sends: LtiGradeSendsTable;
  exam_grading: ExamGradingTable;
  sitting_grades: SittingGradesTable;
  exam_sessions: ExamSessionsTable;
  audit_entries: AuditEntriesTable;
  answer_saves: AnswerSavesTable;
  session_files: SessionFilesTable;
  exam_task_files: ExamTaskFilesTable;
  users: UsersTable;
  user_roles: UserRolesTable;
  auth_sessions: AuthSessionsTable;
  courses: CoursesTable;
  enrolments: EnrolmentsTable;
  exams: ExamsTable;
  exam_presets: ExamPresetsTable;
  oral_slots: OralSlotsTable;
  oral_setups: OralSetupsTable;
  oral_plans: OralPlansTable;
  oral_committees: OralCommitteesTable;
  oral_day_plans: OralDayPlansTable;
  oral_ticket_pools: OralTicketPoolsTable;
  oral_sessions: OralSessionsTable;
  oral_audit_entries: AuditEntriesTable;
  oral_grades: OralGradesTable;
  oral_notes: OralNotesTable;
  oral_files: OralFilesTable;
  /** Recordings of oral turns: the same shape as the written exam's segments. */
  oral_evidence_segments: EvidenceSegmentsTable;
}
