import { z } from 'zod';
import {
  LoginBody,
  MeResponse,
  PublicConfig,
  UpdateMeBody,
  WhoAmIResponse,
} from './auth.schema.ts';
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
import {
  AuthoringCoursesResponse,
  ExamDetail,
  ExamDraft,
  ExamImportBody,
  ExamImportReport,
  LtiDeepLinkCreateBody,
  LtiDeepLinkPickBody,
  LtiDeepLinkResponse,
  LtiDeepLinkView,
  LtiPickParams,
  PresetBody,
  PresetIdParams,
  PresetListResponse,
  PresetView,
} from './authoring.schema.ts';
import {
  AccommodationBody,
  AccommodationDetail,
  AccommodationImportBody,
  AccommodationImportReport,
  AccommodationListResponse,
  AccommodationStudentsResponse,
  AccommodationView,
  ExamAccommodationsResponse,
  ExamOverrideBody,
  ExamStudentParams,
  MyAccommodationResponse,
  RemovalBody,
  StudentIdParams,
} from './accommodation.schema.ts';
import {
  AddLtiPlatformBody,
  LtiPlatformListResponse,
  LtiPlatformView,
  LtiGradeSendListResponse,
  LtiRosterSyncResponse,
  LtiGradeSendView,
  LtiLinkedCourseListResponse,
  LtiToolKeyListResponse,
  RotateLtiKeyBody,
} from './lti.schema.ts';
import {
  ExamGradingResponse,
  GradeSittingBody,
  GradeSittingResponse,
  GradingPolicyView,
  SendIdParams,
  UpdateGradingPolicyBody,
} from './grading.schema.ts';
import {
  ExamIdParams,
  RosterResponse,
  SaveAnswerAck,
  SaveAnswerBody,
  SessionCommand,
  SessionFileKind,
  SessionFileParams,
  SessionFileView,
  IdentityMatchView,
  SessionIdParams,
  SessionView,
  TaskFileListResponse,
  TaskFileParams,
  TaskFileQuery,
  TaskFileView,
} from './session.schema.ts';
import {
  MyOralSlot,
  OralBookBody,
  OralCommand,
  OralCommitteesBody,
  OralDayPlanBody,
  OralExamPlan,
  OralPlacementResult,
  OralTicketPoolsBody,
  OralProtocolQuery,
  OralQueueMoveBody,
  OralRoomView,
  OralSessionParams,
  OralSetupBody,
  OralSlotBody,
  OralSlotParams,
  OralSlotPlanView,
} from './oral.schema.ts';
import {
  EVIDENCE_CONTENT_TYPES,
  EVIDENCE_MAX_BYTES,
  EvidenceAck,
  EvidenceListResponse,
  EvidenceSegmentParams,
  EvidenceUploadQuery,
  ExplainBody,
  FlagReviewBody,
  FlagReviewParams,
  ReviewedFlag,
  ExplanationView,
  IntegrityReportView,
  LegalHoldBody,
  LegalHoldView,
  ReportQuery,
} from './evidence.schema.ts';

import {
  AssignmentEntry,
  AssignmentsResponse,
  ChatListResponse,
  ChatMessage,
  IceServersResponse,
  PostChatBody,
} from './live.schema.ts';

import {
  PairingView,
  PhoneEvidenceParams,
  PhoneView,
  RedeemPairingBody,
  SecondCameraStatus,
} from './second-camera.schema.ts';

const None = z.strictObject({});

/** Uploads: photos, room-scan video, attachments. Per-kind limits are the server's business. */
export const UPLOAD_CONTENT_TYPES = [
  'image/jpeg',
  'image/png',
  'image/webp',
  'video/webm',
  'video/mp4',
  'application/pdf',
  'text/plain',
  'application/zip',
  'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
] as const;
export const MAX_UPLOAD_BYTES = 50 * 1024 * 1024;
export const UploadQuery = z.strictObject({
  kind: SessionFileKind,
  name: z.string().trim().min(1).max(200),
});
const Ok = z.object({ ok: z.literal(true) });

type Method = 'GET' | 'POST' | 'PATCH' | 'DELETE';
export interface Endpoint {
  method: Method;
  /** Fastify-style path; `:name` segments are validated by `params`. */
  path: string;
  params: z.ZodType;
  /** Query string; absent means none is read. */
  query?: z.ZodType;
  body: z.ZodType;
  /** The body is raw bytes (an upload) of one of these content types, not JSON. */
  binary?: { contentTypes: readonly string[]; maxBytes: number };
  response: z.ZodType;
  /** Who may call it; `public` needs no session. Checked on the server for every call. */
  access: 'public' | 'user' | 'admin' | 'accommodations' | 'phone';
}

const e = <T extends Endpoint>(x: T) => x;

/** The whole HTTP API on one screen. */
// prettier-ignore
export const api = {
  publicConfig: e({ method: 'GET', path: '/api/public-config', params: None, body: None, response: PublicConfig, access: 'public' }),
  login: e({ method: 'POST', path: '/api/auth/login', params: None, body: LoginBody, response: MeResponse, access: 'public' }),
  logout: e({ method: 'POST', path: '/api/auth/logout', params: None, body: None, response: Ok, access: 'user' }),
  /** Ends every login session of the caller, this one included, on every device (ADR 0022). */
  logoutEverywhere: e({ method: 'POST', path: '/api/auth/logout-everywhere', params: None, body: None, response: z.object({ revoked: z.number() }), access: 'user' }),
  whoAmI: e({ method: 'GET', path: '/api/whoami', params: None, body: None, response: WhoAmIResponse, access: 'public' }),
  me: e({ method: 'GET', path: '/api/me', params: None, body: None, response: MeResponse, access: 'user' }),
  updateMe: e({ method: 'PATCH', path: '/api/me', params: None, body: UpdateMeBody, response: MeResponse, access: 'user' }),
  listExams: e({ method: 'GET', path: '/api/exams', params: None, body: None, response: ExamListResponse, access: 'user' }),

  mySession: e({ method: 'GET', path: '/api/exams/:examId/my-session', params: ExamIdParams, body: None, response: SessionView, access: 'user' }),
  examGradeSends: e({ method: 'GET', path: '/api/exams/:examId/lti-grade-sends', params: ExamIdParams, body: None, response: LtiGradeSendListResponse, access: 'user' }),
  examRoster: e({ method: 'GET', path: '/api/exams/:examId/roster', params: ExamIdParams, body: None, response: RosterResponse, access: 'user' }),
  getSession: e({ method: 'GET', path: '/api/sessions/:sessionId', params: SessionIdParams, body: None, response: SessionView, access: 'user' }),
  identityMatch: e({ method: 'GET', path: '/api/sessions/:sessionId/identity-match', params: SessionIdParams, body: None, response: IdentityMatchView, access: 'user' }),
  sessionCommand: e({ method: 'POST', path: '/api/sessions/:sessionId/commands', params: SessionIdParams, body: SessionCommand, response: SessionView, access: 'user' }),
  saveAnswer: e({ method: 'POST', path: '/api/sessions/:sessionId/answers', params: SessionIdParams, body: SaveAnswerBody, response: SaveAnswerAck, access: 'user' }),
  uploadSessionFile: e({ method: 'POST', path: '/api/sessions/:sessionId/files', params: SessionIdParams, query: UploadQuery, body: z.custom<Uint8Array>(), response: SessionFileView, access: 'user', binary: { contentTypes: UPLOAD_CONTENT_TYPES, maxBytes: MAX_UPLOAD_BYTES } }),

  removeSessionFile: e({ method: 'DELETE', path: '/api/sessions/:sessionId/files/:fileId', params: SessionFileParams, body: None, response: SessionView, access: 'user' }),
  listTaskFiles: e({ method: 'GET', path: '/api/exams/:examId/task-files', params: ExamIdParams, body: None, response: TaskFileListResponse, access: 'user' }),
  uploadTaskFile: e({ method: 'POST', path: '/api/exams/:examId/task-files', params: ExamIdParams, query: TaskFileQuery, body: z.custom<Uint8Array>(), response: TaskFileView, access: 'user', binary: { contentTypes: UPLOAD_CONTENT_TYPES, maxBytes: MAX_UPLOAD_BYTES } }),
  taskFile: e({ method: 'GET', path: '/api/exams/:examId/task-files/:fileId', params: TaskFileParams, body: None, response: z.custom<Uint8Array>(), access: 'user' }),
  removeTaskFile: e({ method: 'DELETE', path: '/api/exams/:examId/task-files/:fileId', params: TaskFileParams, body: None, response: Ok, access: 'user' }),
  sessionFile: e({ method: 'GET', path: '/api/sessions/:sessionId/files/:fileId', params: SessionFileParams, body: None, response: z.custom<Uint8Array>(), access: 'user' }),
  speedTest: e({ method: 'POST', path: '/api/system-check/upload', params: None, body: z.custom<Uint8Array>(), response: z.object({ bytes: z.number(), ms: z.number() }), access: 'user', binary: { contentTypes: ['application/octet-stream'], maxBytes: 2 * 1024 * 1024 } }),

  uploadEvidence: e({ method: 'POST', path: '/api/sessions/:sessionId/evidence/:track/:seq', params: EvidenceSegmentParams, query: EvidenceUploadQuery, body: z.custom<Uint8Array>(), response: EvidenceAck, access: 'user', binary: { contentTypes: EVIDENCE_CONTENT_TYPES, maxBytes: EVIDENCE_MAX_BYTES } }),
  listEvidence: e({ method: 'GET', path: '/api/sessions/:sessionId/evidence', params: SessionIdParams, body: None, response: EvidenceListResponse, access: 'user' }),
  sessionReport: e({ method: 'GET', path: '/api/sessions/:sessionId/report', params: SessionIdParams, body: None, response: IntegrityReportView, access: 'user' }),
  sessionReportPdf: e({ method: 'GET', path: '/api/sessions/:sessionId/report.pdf', params: SessionIdParams, query: ReportQuery, body: None, response: z.custom<Uint8Array>(), access: 'user' }),
  examReportCsv: e({ method: 'GET', path: '/api/exams/:examId/report.csv', params: ExamIdParams, body: None, response: z.custom<string>(), access: 'user' }),
  reviewFlag: e({ method: 'POST', path: '/api/sessions/:sessionId/flags/:flagId/review', params: FlagReviewParams, body: FlagReviewBody, response: ReviewedFlag, access: 'user' }),
  explainEvidence: e({ method: 'POST', path: '/api/sessions/:sessionId/explanations', params: SessionIdParams, body: ExplainBody, response: ExplanationView, access: 'user' }),
  getLegalHold: e({ method: 'GET', path: '/api/exams/:examId/legal-hold', params: ExamIdParams, body: None, response: LegalHoldView, access: 'user' }),
  setLegalHold: e({ method: 'POST', path: '/api/exams/:examId/legal-hold', params: ExamIdParams, body: LegalHoldBody, response: LegalHoldView, access: 'user' }),
  evidenceSegment: e({ method: 'GET', path: '/api/sessions/:sessionId/evidence/:track/:seq', params: EvidenceSegmentParams, body: None, response: z.custom<Uint8Array>(), access: 'user' }),
  // The phone as a second camera (ADR 0023); `phone`: the paired phone's own credential.
  createPairing: e({ method: 'POST', path: '/api/sessions/:sessionId/second-camera/pairings', params: SessionIdParams, body: None, response: PairingView, access: 'user' }),
  secondCamera: e({ method: 'GET', path: '/api/sessions/:sessionId/second-camera', params: SessionIdParams, body: None, response: SecondCameraStatus, access: 'user' }),
  confirmSecondCamera: e({ method: 'POST', path: '/api/sessions/:sessionId/second-camera/confirm', params: SessionIdParams, body: None, response: SecondCameraStatus, access: 'user' }),
  redeemPairing: e({ method: 'POST', path: '/api/pair', params: None, body: RedeemPairingBody, response: PhoneView, access: 'public' }),
  phone: e({ method: 'GET', path: '/api/phone', params: None, body: None, response: PhoneView, access: 'phone' }),
  phoneIceServers: e({ method: 'GET', path: '/api/phone/ice-servers', params: None, body: None, response: IceServersResponse, access: 'phone' }),
  uploadPhoneEvidence: e({ method: 'POST', path: '/api/phone/evidence/:seq', params: PhoneEvidenceParams, query: EvidenceUploadQuery, body: z.custom<Uint8Array>(), response: EvidenceAck, access: 'phone', binary: { contentTypes: EVIDENCE_CONTENT_TYPES, maxBytes: EVIDENCE_MAX_BYTES } }),

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
  listLtiPlatforms: e({ method: 'GET', path: '/api/admin/lti/platforms', params: None, body: None, response: LtiPlatformListResponse, access: 'admin' }),
  addLtiPlatform: e({ method: 'POST', path: '/api/admin/lti/platforms', params: None, body: AddLtiPlatformBody, response: LtiPlatformView, access: 'admin' }),
  iceServers: e({ method: 'GET', path: '/api/rtc/ice-servers', params: None, body: None, response: IceServersResponse, access: 'user' }),
  sessionChat: e({ method: 'GET', path: '/api/sessions/:sessionId/chat', params: SessionIdParams, body: None, response: ChatListResponse, access: 'user' }),
  postChat: e({ method: 'POST', path: '/api/sessions/:sessionId/chat', params: SessionIdParams, body: PostChatBody, response: ChatMessage, access: 'user' }),
  examAssignments: e({ method: 'GET', path: '/api/exams/:examId/assignments', params: ExamIdParams, body: None, response: AssignmentsResponse, access: 'user' }),
  takeOver: e({ method: 'POST', path: '/api/sessions/:sessionId/take-over', params: SessionIdParams, body: None, response: AssignmentEntry, access: 'user' }),
  syncLtiRoster: e({ method: 'POST', path: '/api/admin/courses/:courseId/lti-roster-sync', params: CourseIdParams, body: None, response: LtiRosterSyncResponse, access: 'admin' }),
  examGrading: e({ method: 'GET', path: '/api/exams/:examId/grading', params: ExamIdParams, body: None, response: ExamGradingResponse, access: 'user' }),
  updateGradingPolicy: e({ method: 'PATCH', path: '/api/exams/:examId/grading/policy', params: ExamIdParams, body: UpdateGradingPolicyBody, response: GradingPolicyView, access: 'user' }),
  gradeSitting: e({ method: 'POST', path: '/api/sessions/:sessionId/grade', params: SessionIdParams, body: GradeSittingBody, response: GradeSittingResponse, access: 'user' }),
  retryGradeSend: e({ method: 'POST', path: '/api/lti-grade-sends/:sendId/retry', params: SendIdParams, body: None, response: LtiGradeSendView, access: 'user' }),
  listLtiKeys: e({ method: 'GET', path: '/api/admin/lti/keys', params: None, body: None, response: LtiToolKeyListResponse, access: 'admin' }),
  rotateLtiKey: e({ method: 'POST', path: '/api/admin/lti/keys/rotate', params: None, body: RotateLtiKeyBody, response: LtiToolKeyListResponse, access: 'admin' }),
  listLtiCourses: e({ method: 'GET', path: '/api/admin/lti/courses', params: None, body: None, response: LtiLinkedCourseListResponse, access: 'admin' }),
  ltiGradeLog: e({ method: 'GET', path: '/api/admin/lti/grade-sends', params: None, body: None, response: LtiGradeSendListResponse, access: 'admin' }),

  // Accommodations (ADR 0018): profiles are kept by admins and the `accommodations` duty; an exam's
  // overrides by its course's examiners and admins; a student reads their own.
  listAccommodations: e({ method: 'GET', path: '/api/accommodations', params: None, body: None, response: AccommodationListResponse, access: 'accommodations' }),
  getAccommodation: e({ method: 'GET', path: '/api/accommodations/:studentId', params: StudentIdParams, body: None, response: AccommodationDetail, access: 'accommodations' }),
  setAccommodation: e({ method: 'POST', path: '/api/accommodations/:studentId', params: StudentIdParams, body: AccommodationBody, response: AccommodationView, access: 'accommodations' }),
  removeAccommodation: e({ method: 'DELETE', path: '/api/accommodations/:studentId', params: StudentIdParams, body: RemovalBody, response: Ok, access: 'accommodations' }),
  importAccommodations: e({ method: 'POST', path: '/api/accommodations-import', params: None, body: AccommodationImportBody, response: AccommodationImportReport, access: 'accommodations' }),
  myAccommodation: e({ method: 'GET', path: '/api/me/accommodation', params: None, body: None, response: MyAccommodationResponse, access: 'user' }),
  examAccommodations: e({ method: 'GET', path: '/api/exams/:examId/accommodations', params: ExamIdParams, body: None, response: ExamAccommodationsResponse, access: 'user' }),
  setExamOverride: e({ method: 'POST', path: '/api/exams/:examId/accommodations/:studentId', params: ExamStudentParams, body: ExamOverrideBody, response: ExamAccommodationsResponse, access: 'user' }),
  removeExamOverride: e({ method: 'DELETE', path: '/api/exams/:examId/accommodations/:studentId', params: ExamStudentParams, body: RemovalBody, response: ExamAccommodationsResponse, access: 'user' }),
  accommodationStudents: e({ method: 'GET', path: '/api/accommodations-students', params: None, body: None, response: AccommodationStudentsResponse, access: 'accommodations' }),
  // Authoring (ADR 0017): the course's examiners and admins; presets are kept by admins.
  authoringCourses: e({ method: 'GET', path: '/api/authoring/courses', params: None, body: None, response: AuthoringCoursesResponse, access: 'user' }),
  getExam: e({ method: 'GET', path: '/api/exams/:examId', params: ExamIdParams, body: None, response: ExamDetail, access: 'user' }),
  createExam: e({ method: 'POST', path: '/api/exams', params: None, body: ExamDraft, response: ExamDetail, access: 'user' }),
  updateExam: e({ method: 'PATCH', path: '/api/exams/:examId', params: ExamIdParams, body: ExamDraft, response: ExamDetail, access: 'user' }),
  publishExam: e({ method: 'POST', path: '/api/exams/:examId/publish', params: ExamIdParams, body: None, response: ExamDetail, access: 'user' }),
  duplicateExam: e({ method: 'POST', path: '/api/exams/:examId/duplicate', params: ExamIdParams, body: None, response: ExamDetail, access: 'user' }),
  deleteExam: e({ method: 'DELETE', path: '/api/exams/:examId', params: ExamIdParams, body: None, response: Ok, access: 'user' }),
  previewExamImport: e({ method: 'POST', path: '/api/exams/import/preview', params: None, body: ExamImportBody, response: ExamImportReport, access: 'user' }),
  importExams: e({ method: 'POST', path: '/api/exams/import', params: None, body: ExamImportBody, response: ExamImportReport, access: 'user' }),
  listPresets: e({ method: 'GET', path: '/api/exam-presets', params: None, body: None, response: PresetListResponse, access: 'user' }),
  createPreset: e({ method: 'POST', path: '/api/admin/exam-presets', params: None, body: PresetBody, response: PresetView, access: 'admin' }),
  updatePreset: e({ method: 'PATCH', path: '/api/admin/exam-presets/:presetId', params: PresetIdParams, body: PresetBody, response: PresetView, access: 'admin' }),
  deletePreset: e({ method: 'DELETE', path: '/api/admin/exam-presets/:presetId', params: PresetIdParams, body: None, response: Ok, access: 'admin' }),
  ltiDeepLink: e({ method: 'GET', path: '/api/lti/deep-link/:pickId', params: LtiPickParams, body: None, response: LtiDeepLinkView, access: 'public' }),
  ltiDeepLinkPick: e({ method: 'POST', path: '/api/lti/deep-link/:pickId/pick', params: LtiPickParams, body: LtiDeepLinkPickBody, response: LtiDeepLinkResponse, access: 'public' }),
  ltiDeepLinkCreate: e({ method: 'POST', path: '/api/lti/deep-link/:pickId/create', params: LtiPickParams, body: LtiDeepLinkCreateBody, response: LtiDeepLinkResponse, access: 'public' }),

  oralPlan: e({ method: 'GET', path: '/api/oral/exams/:examId', params: ExamIdParams, body: None, response: OralExamPlan, access: 'user' }),
  setOralSetup: e({ method: 'POST', path: '/api/oral/exams/:examId/setup', params: ExamIdParams, body: OralSetupBody, response: OralExamPlan, access: 'user' }),
  scheduleOralSlot: e({ method: 'POST', path: '/api/oral/exams/:examId/slots', params: ExamIdParams, body: OralSlotBody, response: OralSlotPlanView, access: 'user' }),
  setOralCommittees: e({ method: 'POST', path: '/api/oral/exams/:examId/committees', params: ExamIdParams, body: OralCommitteesBody, response: OralExamPlan, access: 'user' }),
  generateOralDayPlan: e({ method: 'POST', path: '/api/oral/exams/:examId/day-plan', params: ExamIdParams, body: OralDayPlanBody, response: OralExamPlan, access: 'user' }),
  setOralTicketPools: e({ method: 'POST', path: '/api/oral/exams/:examId/pools', params: ExamIdParams, body: OralTicketPoolsBody, response: OralExamPlan, access: 'user' }),
  placeOralStudents: e({ method: 'POST', path: '/api/oral/exams/:examId/placement', params: ExamIdParams, body: None, response: OralPlacementResult, access: 'user' }),
  bookOralSlot: e({ method: 'POST', path: '/api/oral/exams/:examId/booking', params: ExamIdParams, body: OralBookBody, response: MyOralSlot, access: 'user' }),
  myOralSlot: e({ method: 'GET', path: '/api/oral/exams/:examId/my-slot', params: ExamIdParams, body: None, response: MyOralSlot, access: 'user' }),
  joinOralSlot: e({ method: 'POST', path: '/api/oral/slots/:slotId/join', params: OralSlotParams, body: None, response: OralRoomView, access: 'user' }),
  oralRoom: e({ method: 'GET', path: '/api/oral/slots/:slotId', params: OralSlotParams, body: None, response: OralRoomView, access: 'user' }),
  moveInOralQueue: e({ method: 'POST', path: '/api/oral/slots/:slotId/queue', params: OralSlotParams, body: OralQueueMoveBody, response: OralRoomView, access: 'user' }),
  oralCommand: e({ method: 'POST', path: '/api/oral/sessions/:sessionId/commands', params: OralSessionParams, body: OralCommand, response: OralRoomView, access: 'user' }),
  uploadOralIdSnapshot: e({ method: 'POST', path: '/api/oral/sessions/:sessionId/id-snapshot', params: OralSessionParams, body: z.custom<Uint8Array>(), response: Ok, access: 'user', binary: { contentTypes: ['image/jpeg', 'image/png', 'image/webp'], maxBytes: 5 * 1024 * 1024 } }),
  oralIdSnapshot: e({ method: 'GET', path: '/api/oral/sessions/:sessionId/id-snapshot', params: OralSessionParams, body: None, response: z.custom<Uint8Array>(), access: 'user' }),
  oralProtocol: e({ method: 'GET', path: '/api/oral/slots/:slotId/protocol.pdf', params: OralSlotParams, query: OralProtocolQuery, body: None, response: z.custom<Uint8Array>(), access: 'user' }),
} as const satisfies Record<string, Endpoint>;

export type Api = typeof api;
export type EndpointName = keyof Api;
export type BodyOf<N extends EndpointName> = z.input<Api[N]['body']>;
export type ResponseOf<N extends EndpointName> = z.infer<Api[N]['response']>;
export type ParamsOf<N extends EndpointName> = z.input<Api[N]['params']>;
