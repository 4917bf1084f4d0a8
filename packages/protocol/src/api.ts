import { z } from 'zod';
import { LoginBody, MeResponse, PublicConfig, UpdateMeBody } from './auth.schema.ts';
import {
  CourseIdParams,
  CourseListResponse,
  CourseView,
  CreateCourseBody,
  CreateUserBody,
  EnrolBody,
  EnrolmentListResponse,
  EnrolmentParams,
  ImportCsvBody,
  ImportReport,
  UpdateCourseBody,
  UpdateUserBody,
  UserIdParams,
  UserListResponse,
} from './admin.schema.ts';
import { UserView } from './auth.schema.ts';
import { ExamListResponse } from './exam.schema.ts';

const None = z.strictObject({});
const Ok = z.object({ ok: z.literal(true) });

type Method = 'GET' | 'POST' | 'PATCH' | 'DELETE';
export interface Endpoint {
  method: Method;
  /** Fastify-style path; `:name` segments are validated by `params`. */
  path: string;
  params: z.ZodType;
  body: z.ZodType;
  response: z.ZodType;
  /** Who may call it; `public` needs no session. Checked on the server for every call. */
  access: 'public' | 'user' | 'admin';
}

const e = <T extends Endpoint>(x: T) => x;

/** The whole HTTP API on one screen. */
// prettier-ignore
export const api = {
  publicConfig: e({ method: 'GET', path: '/api/public-config', params: None, body: None, response: PublicConfig, access: 'public' }),
  login: e({ method: 'POST', path: '/api/auth/login', params: None, body: LoginBody, response: MeResponse, access: 'public' }),
  logout: e({ method: 'POST', path: '/api/auth/logout', params: None, body: None, response: Ok, access: 'user' }),
  me: e({ method: 'GET', path: '/api/me', params: None, body: None, response: MeResponse, access: 'user' }),
  updateMe: e({ method: 'PATCH', path: '/api/me', params: None, body: UpdateMeBody, response: MeResponse, access: 'user' }),
  listExams: e({ method: 'GET', path: '/api/exams', params: None, body: None, response: ExamListResponse, access: 'user' }),

  listUsers: e({ method: 'GET', path: '/api/admin/users', params: None, body: None, response: UserListResponse, access: 'admin' }),
  createUser: e({ method: 'POST', path: '/api/admin/users', params: None, body: CreateUserBody, response: UserView, access: 'admin' }),
  updateUser: e({ method: 'PATCH', path: '/api/admin/users/:userId', params: UserIdParams, body: UpdateUserBody, response: UserView, access: 'admin' }),
  revokeUserSessions: e({ method: 'POST', path: '/api/admin/users/:userId/revoke-sessions', params: UserIdParams, body: None, response: z.object({ revoked: z.number() }), access: 'admin' }),
  previewImport: e({ method: 'POST', path: '/api/admin/users/import/preview', params: None, body: ImportCsvBody, response: ImportReport, access: 'admin' }),
  importUsers: e({ method: 'POST', path: '/api/admin/users/import', params: None, body: ImportCsvBody, response: ImportReport, access: 'admin' }),
  listCourses: e({ method: 'GET', path: '/api/admin/courses', params: None, body: None, response: CourseListResponse, access: 'admin' }),
  createCourse: e({ method: 'POST', path: '/api/admin/courses', params: None, body: CreateCourseBody, response: CourseView, access: 'admin' }),
  updateCourse: e({ method: 'PATCH', path: '/api/admin/courses/:courseId', params: CourseIdParams, body: UpdateCourseBody, response: CourseView, access: 'admin' }),
  listEnrolments: e({ method: 'GET', path: '/api/admin/courses/:courseId/enrolments', params: CourseIdParams, body: None, response: EnrolmentListResponse, access: 'admin' }),
  enrol: e({ method: 'POST', path: '/api/admin/courses/:courseId/enrolments', params: CourseIdParams, body: EnrolBody, response: Ok, access: 'admin' }),
  unenrol: e({ method: 'DELETE', path: '/api/admin/courses/:courseId/enrolments/:userId/:role', params: EnrolmentParams, body: None, response: Ok, access: 'admin' }),
} as const satisfies Record<string, Endpoint>;

export type Api = typeof api;
export type EndpointName = keyof Api;
export type BodyOf<N extends EndpointName> = z.input<Api[N]['body']>;
export type ResponseOf<N extends EndpointName> = z.infer<Api[N]['response']>;
export type ParamsOf<N extends EndpointName> = z.input<Api[N]['params']>;
