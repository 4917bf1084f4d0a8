// The one contract between server and web: REST bodies, realtime messages, a protocol version.
export * from './common.schema.ts';
export * from './auth.schema.ts';
export * from './admin.schema.ts';
export * from './exam.schema.ts';
export * from './realtime.schema.ts';
export * from './signals.schema.ts';
export * from './session.schema.ts';
export * from './lti.schema.ts';
export * from './oral.schema.ts';
export * from './live.schema.ts';
export * from './evidence.schema.ts';
export * from './api.ts';
export * from './grading.schema.ts';
export * from './authoring.schema.ts';
export * from './exam-rules.ts';
export * from './time-zone.ts';
export * from './attachment-types.ts';
