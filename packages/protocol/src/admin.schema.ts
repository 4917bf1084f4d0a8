import { z } from 'zod';
import { FullName, Id, Language, Login, Password, Role } from './common.schema.ts';
import { UserView } from './auth.schema.ts';

const Email = z.email().max(200);
const Group = z.string().trim().min(1).max(64);

export const CreateUserBody = z.strictObject({
  login: Login,
  fullName: FullName,
  email: Email.nullable().optional(),
  group: Group.nullable().optional(),
  language: Language.default('kk'),
  roles: z.array(Role).min(1),
  password: Password,
});
export type CreateUserBody = z.infer<typeof CreateUserBody>;

export const UpdateUserBody = z
  .strictObject({
    fullName: FullName,
    email: Email.nullable(),
    group: Group.nullable(),
    language: Language,
    roles: z.array(Role).min(1),
    active: z.boolean(),
    password: Password,
  })
  .partial()
  .refine((b) => Object.keys(b).length > 0, 'nothing to change');
export type UpdateUserBody = z.infer<typeof UpdateUserBody>;

export const UserListResponse = z.object({ users: z.array(UserView) });
export type UserListResponse = z.infer<typeof UserListResponse>;

export const UserIdParams = z.strictObject({ userId: Id });

/**
 * CSV import of students. Columns (header row required, UTF-8, comma or semicolon):
 * login, full_name, email, group, language, password.
 */
export const ImportCsvBody = z.strictObject({ csv: z.string().min(1).max(2_000_000) });
export type ImportCsvBody = z.infer<typeof ImportCsvBody>;

/** Why a row cannot be imported: a stable code the web translates, and an English message. */
export const IMPORT_ERROR_CODES = [
  'invalid',
  'taken',
  'duplicate',
  'missing-column',
  'unknown-column',
  'no-rows',
  'csv-syntax',
] as const;
export const ImportRowError = z.object({
  field: z.string(),
  code: z.enum(IMPORT_ERROR_CODES),
  message: z.string(),
  /** For `duplicate`: the line that has the same login first. */
  line: z.number().optional(),
});
export type ImportRowError = z.infer<typeof ImportRowError>;

export const ImportRow = z.object({
  line: z.number(),
  login: z.string(),
  fullName: z.string(),
  email: z.string().nullable(),
  group: z.string().nullable(),
  language: z.string(),
  errors: z.array(ImportRowError),
});
export type ImportRow = z.infer<typeof ImportRow>;

/** Preview and import answer alike; `imported` is 0 unless every row is valid. */
export const ImportReport = z.object({
  rows: z.array(ImportRow),
  valid: z.boolean(),
  imported: z.number(),
});
export type ImportReport = z.infer<typeof ImportReport>;

export const CourseView = z.object({
  id: Id,
  code: z.string(),
  title: z.string(),
  studentCount: z.number(),
  staffCount: z.number(),
});
export type CourseView = z.infer<typeof CourseView>;

export const CreateCourseBody = z.strictObject({
  code: z.string().trim().min(1).max(32),
  title: z.string().trim().min(1).max(200),
});
export type CreateCourseBody = z.infer<typeof CreateCourseBody>;

export const UpdateCourseBody = CreateCourseBody.partial().refine(
  (b) => Object.keys(b).length > 0,
  'nothing to change',
);
export type UpdateCourseBody = z.infer<typeof UpdateCourseBody>;

export const CourseListResponse = z.object({ courses: z.array(CourseView) });
export const CourseIdParams = z.strictObject({ courseId: Id });

export const ENROLMENT_ROLES = ['student', 'proctor', 'examiner'] as const;
export const EnrolmentRole = z.enum(ENROLMENT_ROLES);
export type EnrolmentRole = z.infer<typeof EnrolmentRole>;

export const EnrolBody = z.strictObject({ userId: Id, role: EnrolmentRole });
export type EnrolBody = z.infer<typeof EnrolBody>;

export const EnrolmentParams = z.strictObject({ courseId: Id, userId: Id, role: EnrolmentRole });

export const EnrolmentView = z.object({
  courseId: Id,
  userId: Id,
  role: EnrolmentRole,
  login: z.string(),
  fullName: z.string(),
  group: z.string().nullable(),
});
export type EnrolmentView = z.infer<typeof EnrolmentView>;
export const EnrolmentListResponse = z.object({ enrolments: z.array(EnrolmentView) });
