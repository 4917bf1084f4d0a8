// The LTI 1.3 claim names and how Emtihan reads them. Pure: no I/O.
import type { EnrolmentRole, Language, Role } from '@emtihan/protocol';

export const CLAIM = {
  messageType: 'https://purl.imsglobal.org/spec/lti/claim/message_type',
  version: 'https://purl.imsglobal.org/spec/lti/claim/version',
  deploymentId: 'https://purl.imsglobal.org/spec/lti/claim/deployment_id',
  targetLinkUri: 'https://purl.imsglobal.org/spec/lti/claim/target_link_uri',
  roles: 'https://purl.imsglobal.org/spec/lti/claim/roles',
  context: 'https://purl.imsglobal.org/spec/lti/claim/context',
  resourceLink: 'https://purl.imsglobal.org/spec/lti/claim/resource_link',
  custom: 'https://purl.imsglobal.org/spec/lti/claim/custom',
  launchPresentation: 'https://purl.imsglobal.org/spec/lti/claim/launch_presentation',
  ags: 'https://purl.imsglobal.org/spec/lti-ags/claim/endpoint',
  nrps: 'https://purl.imsglobal.org/spec/lti-nrps/claim/namesroleservice',
  deepLinkingSettings: 'https://purl.imsglobal.org/spec/lti-dl/claim/deep_linking_settings',
  deepLinkingData: 'https://purl.imsglobal.org/spec/lti-dl/claim/data',
  contentItems: 'https://purl.imsglobal.org/spec/lti-dl/claim/content_items',
} as const;

export const AGS_SCORE_SCOPE = 'https://purl.imsglobal.org/spec/lti-ags/scope/score';

export interface MappedRoles {
  account: Role[];
  enrolment: EnrolmentRole[];
}

/**
 * LTI roles -> Emtihan roles. Matches the full URI's fragment, so Moodle's short NRPS names
 * (`Learner`) and the full URIs both work. `proctorRoles`: from LTI_PROCTOR_ROLE.
 */
export function mapRoles(
  ltiRoles: readonly string[],
  proctorRoles: readonly string[],
): MappedRoles {
  const frag = (r: string) => r.split('#').pop() ?? r;
  const has = (pred: (r: string) => boolean) => ltiRoles.some(pred);
  const student = has((r) => frag(r) === 'Learner' || r.endsWith('membership#Learner'));
  const proctor = has(
    (r) =>
      frag(r) === 'TeachingAssistant' ||
      proctorRoles.some((p) => (p.includes('#') ? r === p : frag(r) === p)),
  );
  const examiner = has((r) => r === 'Instructor' || r.endsWith('membership#Instructor'));
  const admin = has(
    (r) =>
      r.endsWith('institution/person#Administrator') ||
      r.endsWith('system/person#Administrator') ||
      r.endsWith('system/person#SysAdmin'),
  );
  const account: Role[] = [];
  const enrolment: EnrolmentRole[] = [];
  const pairs: [boolean, EnrolmentRole][] = [
    [student, 'student'],
    [proctor, 'proctor'],
    [examiner, 'examiner'],
  ];
  for (const [held, role] of pairs) {
    if (!held) continue;
    account.push(role);
    enrolment.push(role);
  }
  if (admin) account.push('admin');
  return { account, enrolment };
}

/**
 * The user's locale as the platform sends it: Moodle puts it in the launch_presentation claim;
 * a top-level `locale` (OpenID Connect's) is read when that is missing.
 */
export function launchLocale(claims: Record<string, unknown>): string | undefined {
  const presentation = claims[CLAIM.launchPresentation];
  const inner =
    presentation && typeof presentation === 'object'
      ? (presentation as Record<string, unknown>).locale
      : undefined;
  if (typeof inner === 'string' && inner.trim()) return inner;
  return typeof claims.locale === 'string' ? claims.locale : undefined;
}

export function languageOf(locale: unknown): Language | undefined {
  if (typeof locale !== 'string') return undefined;
  const base = locale.toLowerCase().split(/[-_]/)[0];
  return base === 'kk' || base === 'ru' || base === 'en' ? base : undefined;
}

/** `<lineitem>/scores`, inserted before any query string (Moodle's carry `?type_id=`). */
export function scoresUrl(lineItem: string): string {
  const u = new URL(lineItem);
  u.pathname = `${u.pathname.replace(/\/+$/, '')}/scores`;
  return u.toString();
}

export const str = (v: unknown): string | undefined =>
  typeof v === 'string' && v.length > 0 ? v : typeof v === 'number' ? String(v) : undefined;

export const obj = (v: unknown): Record<string, unknown> =>
  v && typeof v === 'object' && !Array.isArray(v) ? (v as Record<string, unknown>) : {};
