// Public surface of the pure exam domain. See README.md. No I/O, no clock: `now` is epoch ms.

// Common
export type { EpochMs } from './common/time.types.ts';
export { MINUTE_MS, SECOND_MS, minutesToMs } from './common/time.types.ts';
export type { Actor, ActorRole } from './common/actor.types.ts';
export { actorRoles } from './common/actor.types.ts';
export type { JsonPrimitive, JsonValue } from './common/json.types.ts';
export type { Refusal } from './common/result.types.ts';
export { DomainError } from './common/result.types.ts';
export type { NotificationKey, NotificationParams, SessionEffect } from './common/effect.types.ts';
export type { TransitionRow } from './common/transition.types.ts';
export { renderTransitionTable } from './common/transition.types.ts';

// Exam config
export type {
  CompensationPolicy,
  ExamConfig,
  ExamConfigCheck,
  ExamConfigInput,
  ExamWindow,
  TimeOutMode,
  TimeOutPolicy,
  ViolationPolicy,
} from './exam/exam-config.defaults.ts';
export {
  timeOutModes,
  defaultExamConfig,
  makeExamConfig,
  validateExamConfig,
} from './exam/exam-config.defaults.ts';
export type {
  AuthoredExam,
  AuthoringProblem,
  AuthoringProblemCode,
} from './exam/exam-authoring.rules.ts';
export {
  changeAfterStartProblems,
  deleteProblems,
  draftProblems,
  publishProblems,
} from './exam/exam-authoring.rules.ts';
export type { ProctorChoiceInput } from './exam/proctor-choice.rules.ts';
export { chooseProctor } from './exam/proctor-choice.rules.ts';
export type { ExamCheckSettings, Sensitivity } from './exam/exam-thresholds.ts';
export {
  CHECK_CATEGORIES,
  SENSITIVITY_FACTOR,
  examFlagThresholds,
  sittingFlagThresholds,
} from './exam/exam-thresholds.ts';

// Written-exam session
export type {
  Incident,
  IncidentKind,
  RestBreak,
  SessionTerms,
  Warning,
  WrittenEvent,
  WrittenEventOf,
  WrittenEventType,
  WrittenRefusalReason,
  WrittenSessionState,
  WrittenStatus,
  WrittenTransitionResult,
} from './written/written-session.types.ts';
export { incidentKinds, writtenStatuses } from './written/written-session.types.ts';
export {
  answerText,
  answerWordCount,
  countWords,
  withinWordLimit,
} from './written/answer-words.ts';
export type { WrittenTransitionRow } from './written/written-session.table.ts';
export { writtenSessionTable } from './written/written-session.table.ts';
export type {
  CreateWrittenSessionResult,
  NewWrittenSession,
} from './written/written-session.create.ts';
export { createWrittenSession, sessionTermsOf } from './written/written-session.create.ts';
export type { TermsChangeProblem } from './written/written-session.amend.ts';
export {
  amendableStatuses,
  sessionTermsProblems,
  termsChangeProblem,
  withTerms,
} from './written/written-session.amend.ts';
export { transition } from './written/written-session.machine.ts';
export { MAX_ADDED_MINUTES } from './written/written-session.work.ts';

// Accommodations (ADR 0018)
export type {
  Accommodation,
  AccommodationProblem,
  AccommodationProblemCode,
  ExamOverride,
  SkippableCheck,
} from './accommodation/accommodation.rules.ts';
export {
  ACCOMMODATION_PROBLEMS,
  MAX_BREAK_MINUTES,
  MAX_EXTRA_MINUTES,
  MAX_OVERRIDE_SHIFT_MS,
  MAX_OVERRIDE_WINDOW_MS,
  MAX_TIME_FACTOR,
  NO_ACCOMMODATION,
  TIME_FACTORS,
  accommodatedTerms,
  accommodationProblems,
  changesAnything,
  checksFor,
  overrideProblems,
  skippableChecks,
  validOn,
} from './accommodation/accommodation.rules.ts';
export type { BreakQuietCategory } from './accommodation/break-signals.ts';
export {
  BREAK_QUIET_CATEGORIES,
  inRestBreak,
  isBreakQuiet,
  isRestBreakMark,
  restBreakMarks,
  restBreakSpans,
} from './accommodation/break-signals.ts';
export { roomScanRequestedAt } from './written/written-session.room-scan.ts';
export type { BreakState } from './written/written-session.deadline.ts';
export {
  accommodationOf,
  breakEndsAt,
  breakLeftMs,
  breakTakenMs,
  breaksOf,
  checkInOpensAt,
  closeFor,
  compensationLeftMs,
  deadlineFor,
  extraWorkMs,
  freeMs,
  graceMs,
  liveDeadline,
  openBreak,
  wakesAt,
  workMs,
  handInUntil,
  isNoShow,
  latestPossibleDeadline,
  remainingMs,
  timeOutOf,
  timesOutAt,
} from './written/written-session.deadline.ts';

// Oral-exam session and ticket draw
export type {
  OralEvent,
  OralEventOf,
  OralEventType,
  OralRefusalReason,
  OralSessionState,
  OralStatus,
  OralTransitionResult,
} from './oral/oral-session.types.ts';
export { oralStatuses } from './oral/oral-session.types.ts';
export type { OralTransitionRow } from './oral/oral-session.table.ts';
export { oralSessionTable } from './oral/oral-session.table.ts';
export type { NewOralSession } from './oral/oral-session.machine.ts';
export { createOralSession, transitionOral } from './oral/oral-session.machine.ts';
export type {
  CreateTicketDrawResult,
  TicketDrawRecord,
  TicketDrawResult,
  TicketDrawState,
} from './oral/ticket-draw.ts';
export {
  PICK_SEPARATOR,
  createTicketDraw,
  drawTicket,
  replayTicketDraw,
} from './oral/ticket-draw.ts';
export type {
  DayPlanIssue,
  DayPlanProblem,
  DayPlanResult,
  GeneratedSlot,
  OralDayPlan,
} from './oral/day-plan.rules.ts';
export { DAY_PLAN_LIMITS, checkDayPlan, generateDaySlots } from './oral/day-plan.rules.ts';
export type {
  BookingRefusal,
  BookingSettingsProblem,
  PlacementMode,
  PlacementSlot,
  PlacementStudent,
} from './oral/placement.rules.ts';
export {
  bookingIsOver,
  canBookSlot,
  checkBookingSettings,
  placeStudents,
  placementOrder,
} from './oral/placement.rules.ts';
export type {
  OralPlanProblem,
  OralSlotPlan,
  OralTicket,
  OralTicketProblem,
  QueueMove,
  QueueMoveRefusal,
  QueueStatus,
  WaitingRoomRefusal,
} from './oral/oral-schedule.rules.ts';
export {
  ORAL_LIMITS,
  canEnterWaitingRoom,
  checkOralSlotPlan,
  checkOralTickets,
  moveInQueue,
  queuePosition,
  ticketsFromLines,
  ticketsFromPlainRows,
  ticketsFromRows,
  ticketsFromText,
  turnMinutes,
  waitingRoomWindow,
} from './oral/oral-schedule.rules.ts';
export type { OralScale, OralScaleId } from './oral/oral-grade.scale.ts';
export {
  finalMark,
  formatMark,
  isOnScale,
  letterFor,
  oralScaleIds,
  oralScales,
  toScore100,
} from './oral/oral-grade.scale.ts';
export type { PrngStep } from './oral/seeded.prng.ts';
export { nextRandom, normalizeSeed } from './oral/seeded.prng.ts';

// Signals and flags
export type {
  ClipboardAction,
  Detection,
  DetectorName,
  DisplaySurface,
  RestBreakMark,
  SecondCameraState,
  Signal,
  SignalKind,
  SittingSignal,
} from './signals/signal.types.ts';
export { isSecondCameraSignal, secondCameraSignalKinds } from './signals/signal.types.ts';
export type { Flag, FlagCategory, Severity } from './signals/flag.types.ts';
export type { InstantFlagCategory } from './signals/flag.types.ts';
export {
  detectorFlagCategories,
  flagCategories,
  instantFlagCategories,
  isFlagCategory,
  seedFlagCategories,
  sessionFlagCategories,
} from './signals/flag.types.ts';
export type {
  DurationRule,
  FlagThresholdOverrides,
  FlagThresholds,
  ObjectRule,
} from './signals/flag.thresholds.ts';
export { defaultFlagThresholds, resolveFlagThresholds } from './signals/flag.thresholds.ts';
export type { Interval } from './signals/interval.ops.ts';
export type { EvaluateOptions } from './signals/flag.rules.ts';
export { evaluateSignals, severityFor, supersededBy } from './signals/flag.rules.ts';
export type {
  FlagMark,
  FlagTracker,
  FlagTrackerSnapshot,
  SecondCameraStatus,
} from './signals/flag.tracker.ts';
export { createFlagTracker } from './signals/flag.tracker.ts';

// Policy, warnings, integrity
export type {
  TerminationGround,
  ViolationAssessment,
  WarningProposal,
} from './policy/violation.policy.ts';
export {
  assessViolations,
  isWarningUnacknowledged,
  proposeWarnings,
} from './policy/violation.policy.ts';
export type { WarningTemplate } from './policy/warning.templates.ts';
export { warningTemplateKey, warningTemplates } from './policy/warning.templates.ts';
export type {
  IntegrityBand,
  IntegrityContribution,
  IntegrityInput,
  IntegrityReport,
  IntegrityWeights,
} from './policy/integrity.score.ts';
export {
  defaultIntegrityWeights,
  integrityBand,
  integrityScore,
} from './policy/integrity.score.ts';

// Audit
export type {
  AuditAnchor,
  AuditDraft,
  AuditEntry,
  AuditVerification,
  EvidenceRecord,
} from './audit/audit.chain.ts';
export {
  GENESIS_HASH,
  appendAudit,
  evidenceAuditDraft,
  hashAuditEntry,
  nextAuditEntry,
  verifyAuditChain,
} from './audit/audit.chain.ts';
export { canonicalJson } from './audit/canonical.json.ts';
export { sha256, sha256Hex, toHex, utf8Encode } from './audit/sha256.hash.ts';

// Identity and files (check-in)
export type { NameMatch } from './identity/name-match.ts';
export { matchTypedName, normalizeName } from './identity/name-match.ts';
export type { FileRefusal, SessionFileKind, SessionFileRule } from './files/session-file.rules.ts';
export {
  DEFAULT_ATTACHMENT_TYPES,
  checkSessionFile,
  checkSessionFileRemoval,
  sessionFileRules,
} from './files/session-file.rules.ts';

// Grading (written and oral): scales, an exam's grading policy, the examiner's decision
export type {
  GradeBand,
  GradingScale,
  GradingScaleId,
  ScaledGrade,
} from './grading/grading.scale.ts';
export {
  fivePointScale,
  gradeForPercent,
  gradeForScore,
  gradingScaleIds,
  gradingScales,
  kzLetterScale,
} from './grading/grading.scale.ts';
export type { GradingPolicy, GradingPolicyCheck } from './grading/grading.policy.ts';
export {
  MAX_SCORE_LIMIT,
  defaultGradingPolicy,
  makeGradingPolicy,
  validateGradingPolicy,
} from './grading/grading.policy.ts';
export type {
  GradeDecision,
  GradeOutcome,
  GradingRefusalReason,
  SittingGrade,
} from './grading/grading.decision.ts';
export {
  MAX_COMMENT_LENGTH,
  gradableStatuses,
  gradeAnnulment,
  gradeSitting,
} from './grading/grading.decision.ts';

// The phone as a second camera (ADR 0023)
export type {
  PairingFacts,
  PairingRefusal,
  SecondCameraFacts,
  SecondCameraGateRefusal,
  SecondCameraMode,
} from './second-camera/pairing.rules.ts';
export {
  PAIRING_CODE_ALPHABET,
  PAIRING_CODE_LENGTH,
  PAIRING_TTL_MS,
  normalizePairingCode,
  pairingCodeFrom,
  pairingRefusal,
  secondCameraGate,
  sittingTakesSecondCamera,
} from './second-camera/pairing.rules.ts';
