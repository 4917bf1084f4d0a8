// Ordered migrations, run at start on SQLite and PostgreSQL alike. Never edit a published one;
// add the next. Keys sort in order.
import { sql, type Kysely, type Migration, type MigrationProvider } from 'kysely';

const migrations: Record<string, Migration> = {
  '0001_accounts_courses_exams': {
    async up(db: Kysely<unknown>) {
      await db.schema
        .createTable('users')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('login', 'text', (c) => c.notNull().unique())
        .addColumn('full_name', 'text', (c) => c.notNull())
        .addColumn('email', 'text')
        .addColumn('group_name', 'text')
        .addColumn('language', 'text', (c) => c.notNull())
        .addColumn('password_hash', 'text', (c) => c.notNull())
        .addColumn('active', 'integer', (c) => c.notNull().defaultTo(1))
        .addColumn('created_at', 'text', (c) => c.notNull())
        .addColumn('updated_at', 'text', (c) => c.notNull())
        .execute();
      await db.schema
        .createTable('user_roles')
        .addColumn('user_id', 'text', (c) => c.notNull().references('users.id').onDelete('cascade'))
        .addColumn('role', 'text', (c) => c.notNull())
        .addPrimaryKeyConstraint('user_roles_pk', ['user_id', 'role'])
        .execute();
      await db.schema
        .createTable('auth_sessions')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('user_id', 'text', (c) => c.notNull().references('users.id').onDelete('cascade'))
        .addColumn('csrf_token', 'text', (c) => c.notNull())
        .addColumn('created_at', 'text', (c) => c.notNull())
        .addColumn('expires_at', 'text', (c) => c.notNull())
        .addColumn('revoked_at', 'text')
        .execute();
      await db.schema
        .createIndex('auth_sessions_user')
        .on('auth_sessions')
        .column('user_id')
        .execute();
      await db.schema
        .createTable('courses')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('code', 'text', (c) => c.notNull().unique())
        .addColumn('title', 'text', (c) => c.notNull())
        .addColumn('created_at', 'text', (c) => c.notNull())
        .execute();
      await db.schema
        .createTable('enrolments')
        .addColumn('course_id', 'text', (c) =>
          c.notNull().references('courses.id').onDelete('cascade'),
        )
        .addColumn('user_id', 'text', (c) => c.notNull().references('users.id').onDelete('cascade'))
        .addColumn('role', 'text', (c) => c.notNull())
        .addColumn('created_at', 'text', (c) => c.notNull())
        .addPrimaryKeyConstraint('enrolments_pk', ['course_id', 'user_id', 'role'])
        .execute();
      await db.schema.createIndex('enrolments_user').on('enrolments').column('user_id').execute();
      await db.schema
        .createTable('exams')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('course_id', 'text', (c) =>
          c.notNull().references('courses.id').onDelete('cascade'),
        )
        .addColumn('kind', 'text', (c) => c.notNull())
        .addColumn('title', 'text', (c) => c.notNull())
        .addColumn('opens_at', 'text', (c) => c.notNull())
        .addColumn('closes_at', 'text', (c) => c.notNull())
        .addColumn('duration_minutes', 'integer', (c) => c.notNull())
        .addColumn('check_in_lead_minutes', 'integer', (c) => c.notNull())
        .addColumn('rules', 'text', (c) => c.notNull())
        .addColumn('settings', 'text', (c) => c.notNull())
        .addColumn('created_at', 'text', (c) => c.notNull())
        .execute();
      await db.schema.createIndex('exams_course').on('exams').column('course_id').execute();
      await db.schema
        .createTable('oral_slots')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('exam_id', 'text', (c) => c.notNull().references('exams.id').onDelete('cascade'))
        .addColumn('starts_at', 'text', (c) => c.notNull())
        .addColumn('length_minutes', 'integer', (c) => c.notNull())
        .execute();
      await db.schema.createIndex('oral_slots_exam').on('oral_slots').column('exam_id').execute();
    },
  },
  '0002_exam_sessions': {
    async up(db: Kysely<unknown>) {
      await db.schema
        .createTable('exam_sessions')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('exam_id', 'text', (c) => c.notNull().references('exams.id').onDelete('cascade'))
        .addColumn('student_id', 'text', (c) =>
          c.notNull().references('users.id').onDelete('cascade'),
        )
        .addColumn('status', 'text', (c) => c.notNull())
        .addColumn('state', 'text', (c) => c.notNull())
        .addColumn('version', 'integer', (c) => c.notNull())
        .addColumn('wake_at', 'text')
        .addColumn('updated_at', 'text', (c) => c.notNull())
        .addUniqueConstraint('exam_sessions_exam_student', ['exam_id', 'student_id'])
        .execute();
      await db.schema
        .createIndex('exam_sessions_wake')
        .on('exam_sessions')
        .column('wake_at')
        .execute();
      await db.schema
        .createTable('audit_entries')
        .addColumn('session_id', 'text', (c) =>
          c.notNull().references('exam_sessions.id').onDelete('cascade'),
        )
        .addColumn('seq', 'integer', (c) => c.notNull())
        .addColumn('entry', 'text', (c) => c.notNull())
        .addColumn('hash', 'text', (c) => c.notNull())
        .addPrimaryKeyConstraint('audit_entries_pk', ['session_id', 'seq'])
        .execute();
      await db.schema
        .createTable('answer_saves')
        .addColumn('session_id', 'text', (c) =>
          c.notNull().references('exam_sessions.id').onDelete('cascade'),
        )
        .addColumn('seq', 'integer', (c) => c.notNull())
        .addColumn('sha256', 'text', (c) => c.notNull())
        .addColumn('body', 'text', (c) => c.notNull())
        .addColumn('saved_at', 'text', (c) => c.notNull())
        .addPrimaryKeyConstraint('answer_saves_pk', ['session_id', 'seq'])
        .execute();
      await db.schema
        .createTable('session_files')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('session_id', 'text', (c) =>
          c.notNull().references('exam_sessions.id').onDelete('cascade'),
        )
        .addColumn('kind', 'text', (c) => c.notNull())
        .addColumn('name', 'text', (c) => c.notNull())
        .addColumn('content_type', 'text', (c) => c.notNull())
        .addColumn('size', 'integer', (c) => c.notNull())
        .addColumn('sha256', 'text', (c) => c.notNull())
        .addColumn('blob_key', 'text', (c) => c.notNull())
        .addColumn('created_at', 'text', (c) => c.notNull())
        .execute();
      await db.schema
        .createIndex('session_files_session')
        .on('session_files')
        .column('session_id')
        .execute();
    },
  },
  '0003_exam_task': {
    async up(db: Kysely<unknown>) {
      await db.schema
        .alterTable('exams')
        .addColumn('task', 'text', (c) => c.notNull().defaultTo(''))
        .execute();
    },
  },
  '0004_lti': {
    async up(db: Kysely<unknown>) {
      await db.schema
        .createTable('lti_platforms')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('issuer', 'text', (c) => c.notNull())
        .addColumn('client_id', 'text', (c) => c.notNull())
        .addColumn('deployment_ids', 'text', (c) => c.notNull())
        .addColumn('auth_url', 'text', (c) => c.notNull())
        .addColumn('token_url', 'text', (c) => c.notNull())
        .addColumn('jwks_url', 'text', (c) => c.notNull())
        .addColumn('created_at', 'text', (c) => c.notNull())
        .addUniqueConstraint('lti_platforms_issuer_client', ['issuer', 'client_id'])
        .execute();
      await db.schema
        .createTable('lti_tool_keys')
        .addColumn('kid', 'text', (c) => c.primaryKey())
        .addColumn('private_jwk', 'text', (c) => c.notNull())
        .addColumn('public_jwk', 'text', (c) => c.notNull())
        .addColumn('created_at', 'text', (c) => c.notNull())
        .addColumn('retire_at', 'text')
        .execute();
      // One-time values: login state (with its nonce), launch hand-offs, deep-link choices.
      await db.schema
        .createTable('lti_states')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('kind', 'text', (c) => c.notNull())
        .addColumn('platform_id', 'text', (c) =>
          c.references('lti_platforms.id').onDelete('cascade'),
        )
        .addColumn('nonce', 'text')
        .addColumn('data', 'text', (c) => c.notNull())
        .addColumn('expires_at', 'text', (c) => c.notNull())
        .execute();
      await db.schema
        .createTable('lti_nonces')
        .addColumn('platform_id', 'text', (c) =>
          c.notNull().references('lti_platforms.id').onDelete('cascade'),
        )
        .addColumn('nonce', 'text', (c) => c.notNull())
        .addColumn('expires_at', 'text', (c) => c.notNull())
        .addPrimaryKeyConstraint('lti_nonces_pk', ['platform_id', 'nonce'])
        .execute();
      await db.schema
        .createTable('lti_links')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('platform_id', 'text', (c) =>
          c.notNull().references('lti_platforms.id').onDelete('cascade'),
        )
        .addColumn('context_id', 'text', (c) => c.notNull())
        // '' (not null, which a unique constraint does not compare): the context's own row.
        .addColumn('resource_link_id', 'text', (c) => c.notNull())
        .addColumn('course_id', 'text', (c) =>
          c.notNull().references('courses.id').onDelete('cascade'),
        )
        .addColumn('exam_id', 'text', (c) => c.references('exams.id').onDelete('cascade'))
        .addColumn('line_item_url', 'text')
        .addColumn('nrps_url', 'text')
        .addColumn('created_at', 'text', (c) => c.notNull())
        .addColumn('updated_at', 'text', (c) => c.notNull())
        .addUniqueConstraint('lti_links_key', ['platform_id', 'context_id', 'resource_link_id'])
        .execute();
      await db.schema.createIndex('lti_links_exam').on('lti_links').column('exam_id').execute();
      await db.schema
        .createTable('lti_users')
        .addColumn('issuer', 'text', (c) => c.notNull())
        .addColumn('sub', 'text', (c) => c.notNull())
        .addColumn('user_id', 'text', (c) => c.notNull().references('users.id').onDelete('cascade'))
        .addColumn('created_at', 'text', (c) => c.notNull())
        .addPrimaryKeyConstraint('lti_users_pk', ['issuer', 'sub'])
        .execute();
      await db.schema.createIndex('lti_users_user').on('lti_users').column('user_id').execute();
      await db.schema
        .createTable('lti_grade_sends')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('platform_id', 'text', (c) =>
          c.notNull().references('lti_platforms.id').onDelete('cascade'),
        )
        .addColumn('exam_id', 'text', (c) => c.notNull())
        .addColumn('user_id', 'text', (c) => c.notNull())
        .addColumn('line_item_url', 'text', (c) => c.notNull())
        .addColumn('score', 'text', (c) => c.notNull())
        .addColumn('status', 'text', (c) => c.notNull())
        .addColumn('attempts', 'integer', (c) => c.notNull())
        .addColumn('http_status', 'integer')
        .addColumn('error', 'text')
        .addColumn('created_at', 'text', (c) => c.notNull())
        .addColumn('updated_at', 'text', (c) => c.notNull())
        .execute();
      await db.schema
        .createIndex('lti_grade_sends_exam')
        .on('lti_grade_sends')
        .columns(['exam_id', 'user_id'])
        .execute();
    },
  },
  '0005_signals': {
    async up(db: Kysely<unknown>) {
      // Each batch of a session's signals, once (idempotent by session + seq).
      await db.schema
        .createTable('signal_batches')
        .addColumn('session_id', 'text', (c) =>
          c.notNull().references('exam_sessions.id').onDelete('cascade'),
        )
        .addColumn('seq', 'bigint', (c) => c.notNull())
        .addColumn('count', 'integer', (c) => c.notNull())
        .addColumn('received_at', 'text', (c) => c.notNull())
        .addPrimaryKeyConstraint('signal_batches_pk', ['session_id', 'seq'])
        .execute();
      await db.schema
        .createTable('signals')
        .addColumn('session_id', 'text', (c) =>
          c.notNull().references('exam_sessions.id').onDelete('cascade'),
        )
        .addColumn('batch_seq', 'bigint', (c) => c.notNull())
        .addColumn('idx', 'integer', (c) => c.notNull())
        /** Server-accepted epoch ms (never earlier than the session's previous signal). */
        .addColumn('at', 'bigint', (c) => c.notNull())
        .addColumn('kind', 'text', (c) => c.notNull())
        .addColumn('data', 'text', (c) => c.notNull())
        .addColumn('evidence_file_id', 'text')
        .addPrimaryKeyConstraint('signals_pk', ['session_id', 'batch_seq', 'idx'])
        .execute();
      await db.schema
        .createIndex('signals_session_at')
        .on('signals')
        .columns(['session_id', 'at'])
        .execute();
      await db.schema
        .createTable('flags')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('session_id', 'text', (c) =>
          c.notNull().references('exam_sessions.id').onDelete('cascade'),
        )
        .addColumn('exam_id', 'text', (c) => c.notNull())
        .addColumn('category', 'text', (c) => c.notNull())
        .addColumn('severity', 'text', (c) => c.notNull())
        .addColumn('start_at', 'bigint', (c) => c.notNull())
        .addColumn('end_at', 'bigint', (c) => c.notNull())
        .addColumn('ongoing', 'integer', (c) => c.notNull())
        .addColumn('evidence_file_id', 'text')
        /** signals | warning */
        .addColumn('source', 'text', (c) => c.notNull())
        .addColumn('created_at', 'text', (c) => c.notNull())
        .addColumn('updated_at', 'text', (c) => c.notNull())
        .addUniqueConstraint('flags_session_category_start', ['session_id', 'category', 'start_at'])
        .execute();
      await db.schema.createIndex('flags_exam').on('flags').column('exam_id').execute();
      // A warning's acknowledgement deadline, checked by the sweeper on any node.
      await db.schema
        .createTable('warning_checks')
        .addColumn('session_id', 'text', (c) =>
          c.notNull().references('exam_sessions.id').onDelete('cascade'),
        )
        .addColumn('warning_id', 'text', (c) => c.notNull())
        .addColumn('due_at', 'text', (c) => c.notNull())
        .addColumn('done', 'integer', (c) => c.notNull().defaultTo(0))
        .addPrimaryKeyConstraint('warning_checks_pk', ['session_id', 'warning_id'])
        .execute();
      await db.schema
        .createIndex('warning_checks_due')
        .on('warning_checks')
        .columns(['done', 'due_at'])
        .execute();
    },
  },
  '0006_live': {
    async up(db: Kysely<unknown>) {
      // Which proctor watches which sitting (ADR 0007): one row per session.
      await db.schema
        .createTable('proctor_assignments')
        .addColumn('session_id', 'text', (c) =>
          c.primaryKey().references('exam_sessions.id').onDelete('cascade'),
        )
        .addColumn('exam_id', 'text', (c) => c.notNull())
        .addColumn('proctor_id', 'text', (c) =>
          c.notNull().references('users.id').onDelete('cascade'),
        )
        .addColumn('assigned_by', 'text')
        .addColumn('assigned_at', 'text', (c) => c.notNull())
        .execute();
      await db.schema
        .createIndex('proctor_assignments_exam')
        .on('proctor_assignments')
        .columns(['exam_id', 'proctor_id'])
        .execute();
      // Proctor ↔ student messages of one sitting.
      await db.schema
        .createTable('chat_messages')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('session_id', 'text', (c) =>
          c.notNull().references('exam_sessions.id').onDelete('cascade'),
        )
        .addColumn('author_id', 'text', (c) => c.notNull())
        .addColumn('author_role', 'text', (c) => c.notNull())
        .addColumn('body', 'text', (c) => c.notNull())
        .addColumn('technical', 'integer', (c) => c.notNull().defaultTo(0))
        .addColumn('created_at', 'text', (c) => c.notNull())
        .execute();
      await db.schema
        .createIndex('chat_messages_session')
        .on('chat_messages')
        .columns(['session_id', 'created_at'])
        .execute();
    },
  },
  '0007_evidence': {
    async up(db: Kysely<unknown>) {
      // One row per recorded segment or snapshot; (session, track, seq) makes resends harmless.
      await db.schema
        .createTable('evidence_segments')
        .addColumn('session_id', 'text', (c) =>
          c.notNull().references('exam_sessions.id').onDelete('cascade'),
        )
        .addColumn('track', 'text', (c) => c.notNull())
        .addColumn('seq', 'integer', (c) => c.notNull())
        .addColumn('sha256', 'text', (c) => c.notNull())
        .addColumn('size', 'integer', (c) => c.notNull())
        .addColumn('content_type', 'text', (c) => c.notNull())
        .addColumn('blob_key', 'text', (c) => c.notNull())
        .addColumn('started_at', 'bigint', (c) => c.notNull())
        .addColumn('duration_ms', 'integer', (c) => c.notNull())
        .addColumn('received_at', 'text', (c) => c.notNull())
        .addColumn('deleted_at', 'text')
        .addPrimaryKeyConstraint('evidence_segments_pk', ['session_id', 'track', 'seq'])
        .execute();
      // Legal hold per exam: retention deletes nothing of a held exam.
      await db.schema
        .createTable('legal_holds')
        .addColumn('exam_id', 'text', (c) =>
          c.primaryKey().references('exams.id').onDelete('cascade'),
        )
        .addColumn('set_by', 'text', (c) => c.notNull())
        .addColumn('reason', 'text', (c) => c.notNull())
        .addColumn('set_at', 'text', (c) => c.notNull())
        .execute();
      // Leases for jobs that must run on one node at a time (the daily retention job).
      await db.schema
        .createTable('job_leases')
        .addColumn('name', 'text', (c) => c.primaryKey())
        .addColumn('holder', 'text', (c) => c.notNull())
        .addColumn('expires_at', 'text', (c) => c.notNull())
        .addColumn('last_run_at', 'text')
        .execute();
      // A reviewer's decision on a flag: confirmed or dismissed, with a note.
      await db.schema
        .createTable('flag_reviews')
        .addColumn('flag_id', 'text', (c) => c.primaryKey())
        .addColumn('session_id', 'text', (c) =>
          c.notNull().references('exam_sessions.id').onDelete('cascade'),
        )
        .addColumn('decision', 'text', (c) => c.notNull())
        .addColumn('note', 'text', (c) => c.notNull())
        .addColumn('reviewer_id', 'text', (c) => c.notNull())
        .addColumn('decided_at', 'text', (c) => c.notNull())
        .execute();
      // A student's explanation of a flag or moment of the recording, after the exam.
      await db.schema
        .createTable('evidence_explanations')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('session_id', 'text', (c) =>
          c.notNull().references('exam_sessions.id').onDelete('cascade'),
        )
        .addColumn('target', 'text', (c) => c.notNull())
        .addColumn('author_id', 'text', (c) => c.notNull())
        .addColumn('body', 'text', (c) => c.notNull())
        .addColumn('created_at', 'text', (c) => c.notNull())
        .execute();
    },
  },
  '0008_grading': {
    async up(db: Kysely<unknown>) {
      // How an exam is graded (ADR 0010); an exam without a row uses the domain's defaults.
      await db.schema
        .createTable('exam_grading')
        .addColumn('exam_id', 'text', (c) =>
          c.primaryKey().references('exams.id').onDelete('cascade'),
        )
        .addColumn('max_score', 'double precision', (c) => c.notNull())
        .addColumn('scale', 'text', (c) => c.notNull())
        .addColumn('annulled_scores_zero', 'integer', (c) => c.notNull())
        .addColumn('updated_at', 'text', (c) => c.notNull())
        .execute();
      // The grade of a sitting (written or oral): one row, replaced by a correction.
      await db.schema
        .createTable('sitting_grades')
        .addColumn('session_id', 'text', (c) => c.primaryKey())
        .addColumn('exam_id', 'text', (c) => c.notNull().references('exams.id').onDelete('cascade'))
        .addColumn('student_id', 'text', (c) => c.notNull())
        .addColumn('outcome', 'text', (c) => c.notNull())
        .addColumn('score', 'double precision', (c) => c.notNull())
        .addColumn('max_score', 'double precision', (c) => c.notNull())
        .addColumn('percent', 'double precision', (c) => c.notNull())
        .addColumn('grade', 'text', (c) => c.notNull())
        .addColumn('points', 'double precision')
        .addColumn('passed', 'integer', (c) => c.notNull())
        .addColumn('comment', 'text')
        .addColumn('graded_by', 'text')
        .addColumn('graded_at', 'text', (c) => c.notNull())
        .execute();
      await db.schema
        .createIndex('sitting_grades_exam')
        .on('sitting_grades')
        .column('exam_id')
        .execute();
      // lti_grade_sends becomes the durable outbox of scores for the LMS.
      await db.schema.alterTable('lti_grade_sends').addColumn('session_id', 'text').execute();
      await db.schema.alterTable('lti_grade_sends').addColumn('next_attempt_at', 'text').execute();
      await db.schema.alterTable('lti_grade_sends').addColumn('lease_until', 'text').execute();
      await db.schema
        .createIndex('lti_grade_sends_due')
        .on('lti_grade_sends')
        .columns(['status', 'next_attempt_at'])
        .execute();
    },
  },
  '0009_written': {
    async up(db: Kysely<unknown>) {
      // Files the examiner attaches to an exam's task (bytes in the BlobStore).
      await db.schema
        .createTable('exam_task_files')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('exam_id', 'text', (c) => c.notNull().references('exams.id').onDelete('cascade'))
        .addColumn('name', 'text', (c) => c.notNull())
        .addColumn('content_type', 'text', (c) => c.notNull())
        .addColumn('size', 'integer', (c) => c.notNull())
        .addColumn('sha256', 'text', (c) => c.notNull())
        .addColumn('blob_key', 'text', (c) => c.notNull())
        .addColumn('created_by', 'text', (c) => c.notNull())
        .addColumn('created_at', 'text', (c) => c.notNull())
        .execute();
      await db.schema
        .createIndex('exam_task_files_exam')
        .on('exam_task_files')
        .column('exam_id')
        .execute();
    },
  },
  '0010_oral': {
    async up(db: Kysely<unknown>) {
      // Oral exams (ADR 0012): per-exam setup, per-slot plan, per-student sessions with their
      // own audit chain, commission grades, private notes and files (ID snapshots).
      await db.schema
        .createTable('oral_setups')
        .addColumn('exam_id', 'text', (c) =>
          c.primaryKey().references('exams.id').onDelete('cascade'),
        )
        .addColumn('scale', 'text', (c) => c.notNull())
        .addColumn('tickets', 'text', (c) => c.notNull())
        .addColumn('updated_at', 'text', (c) => c.notNull())
        .execute();
      await db.schema
        .createTable('oral_plans')
        .addColumn('slot_id', 'text', (c) =>
          c.primaryKey().references('oral_slots.id').onDelete('cascade'),
        )
        .addColumn('exam_id', 'text', (c) => c.notNull().references('exams.id').onDelete('cascade'))
        .addColumn('preparation_minutes', 'integer', (c) => c.notNull())
        .addColumn('record', 'integer', (c) => c.notNull())
        .addColumn('examiner_ids', 'text', (c) => c.notNull())
        .addColumn('student_ids', 'text', (c) => c.notNull())
        .addColumn('draw', 'text')
        .addColumn('version', 'integer', (c) => c.notNull())
        .addColumn('updated_at', 'text', (c) => c.notNull())
        .execute();
      await db.schema.createIndex('oral_plans_exam').on('oral_plans').column('exam_id').execute();
      await db.schema
        .createTable('oral_sessions')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('slot_id', 'text', (c) =>
          c.notNull().references('oral_slots.id').onDelete('cascade'),
        )
        .addColumn('exam_id', 'text', (c) => c.notNull().references('exams.id').onDelete('cascade'))
        .addColumn('student_id', 'text', (c) =>
          c.notNull().references('users.id').onDelete('cascade'),
        )
        .addColumn('status', 'text', (c) => c.notNull())
        .addColumn('state', 'text', (c) => c.notNull())
        .addColumn('version', 'integer', (c) => c.notNull())
        .addColumn('updated_at', 'text', (c) => c.notNull())
        .addUniqueConstraint('oral_sessions_slot_student', ['slot_id', 'student_id'])
        .execute();
      await db.schema
        .createTable('oral_audit_entries')
        .addColumn('session_id', 'text', (c) =>
          c.notNull().references('oral_sessions.id').onDelete('cascade'),
        )
        .addColumn('seq', 'integer', (c) => c.notNull())
        .addColumn('entry', 'text', (c) => c.notNull())
        .addColumn('hash', 'text', (c) => c.notNull())
        .addPrimaryKeyConstraint('oral_audit_entries_pk', ['session_id', 'seq'])
        .execute();
      await db.schema
        .createTable('oral_grades')
        .addColumn('session_id', 'text', (c) =>
          c.notNull().references('oral_sessions.id').onDelete('cascade'),
        )
        .addColumn('examiner_id', 'text', (c) => c.notNull())
        .addColumn('mark', 'integer', (c) => c.notNull())
        .addColumn('comment', 'text')
        .addColumn('at', 'text', (c) => c.notNull())
        .addPrimaryKeyConstraint('oral_grades_pk', ['session_id', 'examiner_id'])
        .execute();
      await db.schema
        .createTable('oral_notes')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('session_id', 'text', (c) =>
          c.notNull().references('oral_sessions.id').onDelete('cascade'),
        )
        .addColumn('examiner_id', 'text', (c) => c.notNull())
        .addColumn('text', 'text', (c) => c.notNull())
        .addColumn('at', 'text', (c) => c.notNull())
        .execute();
      await db.schema
        .createTable('oral_files')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('session_id', 'text', (c) =>
          c.notNull().references('oral_sessions.id').onDelete('cascade'),
        )
        .addColumn('kind', 'text', (c) => c.notNull())
        .addColumn('content_type', 'text', (c) => c.notNull())
        .addColumn('size', 'integer', (c) => c.notNull())
        .addColumn('sha256', 'text', (c) => c.notNull())
        .addColumn('blob_key', 'text', (c) => c.notNull())
        .addColumn('created_at', 'text', (c) => c.notNull())
        .execute();
    },
  },
  '0011_detection_checks': {
    async up(db: Kysely<unknown>) {
      // The server's own detector runs (ADR 0009): a flag's evidence snapshot re-checked, the
      // check-in photo compared with the ID photo. Durable jobs: written with what they check,
      // taken by any node (a lease), the result kept beside them.
      await db.schema
        .createTable('detection_checks')
        /** evidence: the evidence file's id; identity: `identity:<session id>`. */
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('kind', 'text', (c) => c.notNull())
        .addColumn('session_id', 'text', (c) =>
          c.notNull().references('exam_sessions.id').onDelete('cascade'),
        )
        /** JSON: what to check (file ids, consent). */
        .addColumn('input', 'text', (c) => c.notNull())
        /** pending | running | done | failed */
        .addColumn('status', 'text', (c) => c.notNull())
        .addColumn('attempts', 'integer', (c) => c.notNull().defaultTo(0))
        .addColumn('lease_until', 'text')
        /** JSON: what the detectors saw. */
        .addColumn('result', 'text')
        .addColumn('created_at', 'text', (c) => c.notNull())
        .addColumn('updated_at', 'text', (c) => c.notNull())
        .execute();
      await db.schema
        .createIndex('detection_checks_due')
        .on('detection_checks')
        .columns(['status', 'created_at'])
        .execute();
      await db.schema
        .createIndex('detection_checks_session')
        .on('detection_checks')
        .column('session_id')
        .execute();
    },
  },
  '0012_oral_evidence': {
    async up(db: Kysely<unknown>) {
      // Recordings of oral turns (ADR 0012): the same rows as the written exam's segments
      // (0007_evidence), keyed by the oral session, so resends are harmless the same way.
      await db.schema
        .createTable('oral_evidence_segments')
        .addColumn('session_id', 'text', (c) =>
          c.notNull().references('oral_sessions.id').onDelete('cascade'),
        )
        .addColumn('track', 'text', (c) => c.notNull())
        .addColumn('seq', 'integer', (c) => c.notNull())
        .addColumn('sha256', 'text', (c) => c.notNull())
        .addColumn('size', 'integer', (c) => c.notNull())
        .addColumn('content_type', 'text', (c) => c.notNull())
        .addColumn('blob_key', 'text', (c) => c.notNull())
        .addColumn('started_at', 'bigint', (c) => c.notNull())
        .addColumn('duration_ms', 'integer', (c) => c.notNull())
        .addColumn('received_at', 'text', (c) => c.notNull())
        .addColumn('deleted_at', 'text')
        .addPrimaryKeyConstraint('oral_evidence_segments_pk', ['session_id', 'track', 'seq'])
        .execute();
    },
  },
  '0013_signals_lean_index': {
    async up(db: Kysely<unknown>) {
      // Every stored signal rewrote a page of this index per session (ADR 0015): without it a
      // group commit writes about half as much. Rebuilding a session's tracker reads its signals
      // by the primary key (session first) and sorts them by time.
      await db.schema.dropIndex('signals_session_at').execute();
    },
  },
  '0014_signals_in_batches': {
    async up(db: Kysely<unknown>) {
      // A batch's signals are stored in its own row (ADR 0015): one B-tree written per batch
      // instead of two (`signal_batches` and `signals`). A JSON array of `{ idx, signal,
      // evidenceFileId? }`, in the batch's order.
      await db.schema
        .alterTable('signal_batches')
        .addColumn('signals', 'text', (c) => c.notNull().defaultTo('[]'))
        .execute();
      // The signals stored before: copied into their batches' rows, one session at a time.
      const sessions = await sql<{
        session_id: string;
      }>`select distinct session_id from signals`.execute(db);
      for (const { session_id } of sessions.rows) {
        const rows = await sql<{
          batch_seq: number | string;
          idx: number;
          data: string;
          evidence_file_id: string | null;
        }>`select batch_seq, idx, data, evidence_file_id from signals
           where session_id = ${session_id} order by batch_seq, idx`.execute(db);
        const batches = new Map<number, unknown[]>();
        for (const r of rows.rows) {
          const seq = Number(r.batch_seq);
          const list = batches.get(seq) ?? [];
          list.push({
            idx: Number(r.idx),
            signal: JSON.parse(r.data) as unknown,
            ...(r.evidence_file_id ? { evidenceFileId: r.evidence_file_id } : {}),
          });
          batches.set(seq, list);
        }
        for (const [seq, list] of batches) {
          await sql`update signal_batches set signals = ${JSON.stringify(list)}
                    where session_id = ${session_id} and seq = ${seq}`.execute(db);
        }
      }
      await db.schema.dropTable('signals').execute();
    },
  },
  '0015_signal_trackers': {
    async up(db: Kysely<unknown>) {
      // Where a sitting's flag tracker stood after batch `seq` (ADR 0015, session 11): a node
      // that takes the sitting over replays the batches after it, not the whole sitting.
      await db.schema
        .createTable('signal_trackers')
        .addColumn('session_id', 'text', (c) =>
          c.primaryKey().references('exam_sessions.id').onDelete('cascade'),
        )
        .addColumn('seq', 'bigint', (c) => c.notNull())
        .addColumn('state', 'text', (c) => c.notNull())
        .addColumn('updated_at', 'text', (c) => c.notNull())
        .execute();
    },
  },
  '0016_authoring': {
    async up(db: Kysely<unknown>) {
      // Exams that examiners make themselves (ADR 0017). Exams made before were published.
      await db.schema
        .alterTable('exams')
        .addColumn('status', 'text', (c) => c.notNull().defaultTo('published'))
        .execute();
      await db.schema
        .alterTable('exams')
        .addColumn('instructions', 'text', (c) => c.notNull().defaultTo(''))
        .execute();
      // JSON RuleSet (checklist + free text); null: made before, `rules` holds the text alone.
      await db.schema.alterTable('exams').addColumn('rule_set', 'text').execute();
      // JSON Proctoring: named proctors and sittings each.
      await db.schema
        .alterTable('exams')
        .addColumn('proctoring', 'text', (c) =>
          c.notNull().defaultTo('{"proctorIds":[],"maxSittingsEach":null}'),
        )
        .execute();
      await db.schema.alterTable('exams').addColumn('preset_id', 'text').execute();
      await db.schema
        .alterTable('exams')
        .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
        .execute();
      await db.schema.alterTable('exams').addColumn('published_at', 'text').execute();
      await sql`update exams set published_at = created_at`.execute(db);
      await db.schema
        .createTable('exam_presets')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('name', 'text', (c) => c.notNull())
        .addColumn('is_default', 'integer', (c) => c.notNull().defaultTo(0))
        // JSON PresetBody without name and isDefault.
        .addColumn('body', 'text', (c) => c.notNull())
        .addColumn('created_at', 'text', (c) => c.notNull())
        .addColumn('updated_at', 'text', (c) => c.notNull())
        .execute();
    },
  },
  '0017_oral_committees': {
    async up(db: Kysely<unknown>) {
      // Planning an oral exam's day (ADR 0012): committees (a chair and members), the day plan
      // that generated the slots, ticket pools, the committee-wide no-repeat rule, and each slot's
      // committee. Only new tables and columns.
      await db.schema
        .createTable('oral_committees')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('exam_id', 'text', (c) => c.notNull().references('exams.id').onDelete('cascade'))
        .addColumn('position', 'integer', (c) => c.notNull())
        .addColumn('chair_id', 'text', (c) => c.notNull())
        // JSON string array.
        .addColumn('member_ids', 'text', (c) => c.notNull())
        .addColumn('updated_at', 'text', (c) => c.notNull())
        .execute();
      await db.schema
        .createIndex('oral_committees_exam')
        .on('oral_committees')
        .column('exam_id')
        .execute();
      await db.schema
        .createTable('oral_day_plans')
        .addColumn('exam_id', 'text', (c) =>
          c.primaryKey().references('exams.id').onDelete('cascade'),
        )
        // JSON: the protocol's OralDayPlan as last generated.
        .addColumn('plan', 'text', (c) => c.notNull())
        .addColumn('updated_at', 'text', (c) => c.notNull())
        .execute();
      await db.schema
        .createTable('oral_ticket_pools')
        .addColumn('exam_id', 'text', (c) => c.notNull().references('exams.id').onDelete('cascade'))
        .addColumn('id', 'text', (c) => c.notNull())
        .addColumn('position', 'integer', (c) => c.notNull())
        .addColumn('name', 'text', (c) => c.notNull())
        // JSON: OralTicket[]
        .addColumn('tickets', 'text', (c) => c.notNull())
        .addPrimaryKeyConstraint('oral_ticket_pools_pk', ['exam_id', 'id'])
        .execute();
      await db.schema
        .alterTable('oral_setups')
        .addColumn('no_repeat_in_committee', 'integer', (c) => c.notNull().defaultTo(0))
        .execute();
      await db.schema.alterTable('oral_plans').addColumn('committee_id', 'text').execute();
    },
  },
  '0018_accommodations': {
    async up(db: Kysely<unknown>) {
      // Accommodations (ADR 0018): a student's profile, applied to every sitting; an exam's
      // override for one student; every change with who, when, why, before and after.
      await db.schema
        .createTable('accommodations')
        .addColumn('student_id', 'text', (c) =>
          c.primaryKey().references('users.id').onDelete('cascade'),
        )
        // A factor such as 1.25 or 1.33: double precision keeps it as typed on PostgreSQL too.
        .addColumn('time_factor', 'double precision', (c) => c.notNull())
        .addColumn('extra_minutes', 'integer', (c) => c.notNull())
        .addColumn('break_minutes', 'integer', (c) => c.notNull())
        // JSON string array of the checks left out.
        .addColumn('skipped_checks', 'text', (c) => c.notNull())
        .addColumn('proctor_note', 'text', (c) => c.notNull())
        .addColumn('document_ref', 'text', (c) => c.notNull())
        // YYYY-MM-DD, the last day it applies; null: until changed.
        .addColumn('valid_until', 'text')
        .addColumn('updated_at', 'text', (c) => c.notNull())
        .addColumn('updated_by', 'text', (c) => c.notNull())
        .execute();
      await db.schema
        .createTable('exam_accommodations')
        .addColumn('exam_id', 'text', (c) => c.notNull().references('exams.id').onDelete('cascade'))
        .addColumn('student_id', 'text', (c) =>
          c.notNull().references('users.id').onDelete('cascade'),
        )
        // ISO instants, both or neither; null: the exam's window.
        .addColumn('opens_at', 'text')
        .addColumn('closes_at', 'text')
        .addColumn('extra_minutes', 'integer', (c) => c.notNull())
        .addColumn('reason', 'text', (c) => c.notNull())
        .addColumn('updated_at', 'text', (c) => c.notNull())
        .addColumn('updated_by', 'text', (c) => c.notNull())
        .addPrimaryKeyConstraint('exam_accommodations_pk', ['exam_id', 'student_id'])
        .execute();
      await db.schema
        .createIndex('exam_accommodations_student')
        .on('exam_accommodations')
        .column('student_id')
        .execute();
      await db.schema
        .createTable('accommodation_changes')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('student_id', 'text', (c) => c.notNull())
        // The exam of an override; null for the profile.
        .addColumn('exam_id', 'text')
        .addColumn('action', 'text', (c) => c.notNull())
        .addColumn('actor_id', 'text', (c) => c.notNull())
        .addColumn('at', 'text', (c) => c.notNull())
        .addColumn('reason', 'text', (c) => c.notNull())
        // JSON objects: what it was before and after (null: none).
        .addColumn('before', 'text')
        .addColumn('after', 'text')
        .execute();
      // A changed profile reaches every sitting of its student.
      await db.schema
        .createIndex('exam_sessions_student')
        .on('exam_sessions')
        .column('student_id')
        .execute();
      await db.schema
        .createIndex('accommodation_changes_student')
        .on('accommodation_changes')
        .columns(['student_id', 'at'])
        .execute();
    },
  },
  '0019_second_camera': {
    async up(db: Kysely<unknown>) {
      // The phone as a second camera (ADR 0023): pairings the laptop asked for (tokens and typed
      // codes kept as SHA-256 only), and the phones that redeemed one.
      await db.schema
        .createTable('second_camera_pairings')
        .addColumn('token_hash', 'text', (c) => c.primaryKey())
        .addColumn('code_hash', 'text', (c) => c.notNull())
        .addColumn('session_id', 'text', (c) =>
          c.notNull().references('exam_sessions.id').onDelete('cascade'),
        )
        .addColumn('created_at', 'text', (c) => c.notNull())
        .addColumn('used_at', 'text')
        .addColumn('superseded', 'integer', (c) => c.notNull())
        .execute();
      await db.schema
        .createIndex('second_camera_pairings_code')
        .on('second_camera_pairings')
        .column('code_hash')
        .execute();
      await db.schema
        .createIndex('second_camera_pairings_session')
        .on('second_camera_pairings')
        .column('session_id')
        .execute();
      await db.schema
        .createTable('second_cameras')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('session_id', 'text', (c) =>
          c.notNull().references('exam_sessions.id').onDelete('cascade'),
        )
        .addColumn('credential_hash', 'text', (c) => c.notNull().unique())
        .addColumn('csrf_token', 'text', (c) => c.notNull())
        .addColumn('paired_at', 'text', (c) => c.notNull())
        .addColumn('replaced_at', 'text')
        .addColumn('view_confirmed_at', 'text')
        .addColumn('view_confirmed_by', 'text')
        .addColumn('user_agent', 'text', (c) => c.notNull())
        .execute();
      await db.schema
        .createIndex('second_cameras_session')
        .on('second_cameras')
        .column('session_id')
        .execute();
      // What each phone reported (or the server saw: `offline` when its connection dropped), in
      // order; the flag tracker takes them into the sitting's stream (ADR 0023).
      await db.schema
        .createTable('second_camera_events')
        .addColumn('session_id', 'text', (c) =>
          c.notNull().references('exam_sessions.id').onDelete('cascade'),
        )
        .addColumn('seq', 'integer', (c) => c.notNull())
        .addColumn('camera_id', 'text', (c) => c.notNull())
        // Server time, epoch ms.
        .addColumn('at', 'bigint', (c) => c.notNull())
        .addColumn('state', 'text', (c) => c.notNull())
        .addColumn('battery', 'double precision')
        .addPrimaryKeyConstraint('second_camera_events_pk', ['session_id', 'seq'])
        .execute();
    },
  },
};

export const migrationProvider: MigrationProvider = {
  getMigrations: async () => migrations,
};
