// LTI 1.3 launches: OIDC third-party initiation, id_token verification, provisioning (user,
// course, enrolment, exam link), the one-time hand-off to a cookie session, and deep linking.
// Every refusal happens before anything is written, so a refused launch changes nothing.
import { randomBytes, randomUUID } from 'node:crypto';
import type { ExamView, Language, LtiDeepLinkCreateBody, LtiDeepLinkView } from '@emtihan/protocol';
import type { ExamAuthoringService } from '../services/exam-authoring.service.ts';
import type { Result } from '../services/result.ts';
import {
  createRemoteJWKSet,
  decodeJwt,
  errors as joseErrors,
  jwtVerify,
  SignJWT,
  type JWTPayload,
  type JWTVerifyGetKey,
} from 'jose';
import type { CourseRepo } from '../repositories/course.repo.ts';
import type { ExamRepo } from '../repositories/exam.repo.ts';
import type { LtiLinkRepo } from '../repositories/lti-link.repo.ts';
import type { LtiPlatform, LtiPlatformRepo } from '../repositories/lti-platform.repo.ts';
import type { LtiStateRepo } from '../repositories/lti-state.repo.ts';
import type { UserRepo } from '../repositories/user.repo.ts';
import type { AuthService } from '../services/auth.service.ts';
import type { Clock } from '../services/clock.ts';
import { LtiAccounts, sha256 } from './lti-accounts.ts';
import {
  CLAIM,
  languageOf,
  launchLocale,
  mapRoles,
  obj,
  str,
  type MappedRoles,
} from './lti-claims.ts';
import { TOOL_KEY_ALG, type LtiKeyService } from './lti-keys.service.ts';
import type { LtiRefusal } from './lti.messages.ts';

/** Moodle's id_tokens live 60 s; a few seconds of skew between the two clocks is normal. */
export const CLOCK_TOLERANCE_S = 5;
const LOGIN_STATE_TTL_MS = 5 * 60_000;
const HANDOFF_TTL_MS = 5 * 60_000;
const DEEP_LINK_TTL_MS = 30 * 60_000;

export interface LtiRefused {
  ok: false;
  refusal: LtiRefusal;
  /** For the log: what exactly failed. Never shown to the user. */
  detail: string;
  /** The launch's locale claim, when the token could be read at all. */
  locale?: string;
}
export type LtiResult<T> = ({ ok: true } & T) | LtiRefused;

const refused = (refusal: LtiRefusal, detail: string, locale?: unknown): LtiRefused => ({
  ok: false,
  refusal,
  detail,
  ...(typeof locale === 'string' ? { locale } : {}),
});

export type LaunchOutcome =
  | { kind: 'resource'; handoffId: string; inFrame: boolean; language: Language }
  | {
      kind: 'deep-link';
      pickId: string;
      exams: ExamView[];
      language: Language;
    };

export interface LtiLaunchDeps {
  platforms: LtiPlatformRepo;
  states: LtiStateRepo;
  links: LtiLinkRepo;
  users: UserRepo;
  courses: CourseRepo;
  exams: ExamRepo;
  keys: LtiKeyService;
  auth: AuthService;
  clock: Clock;
  publicUrl: string;
  proctorRoles: string[];
  /** The exam's maximum score (its grading policy): the LMS grade column's maximum. */
  maxScoreOf?: (examId: string) => Promise<number>;
  /** Stores a new exam's grading policy (its maximum score). */
  setMaxScore?: (examId: string, maxScore: number) => Promise<void>;
  /** Exam authoring (ADR 0017): the deep-linking page's form creates exams through it. */
  authoring?: Pick<ExamAuthoringService, 'course' | 'createPublished' | 'timeZone'>;
  /** Called after an instructor's launch: re-sync the course roster (NRPS) in the background. */
  onInstructorLaunch?: (platformId: string, contextId: string) => void;
}

export class LtiLaunchService {
  /** Per JWKS URL, one remote keyset: cached, refetched when a token names an unknown kid. */
  private readonly keysets = new Map<string, JWTVerifyGetKey>();
  private readonly accounts: LtiAccounts;

  constructor(private readonly d: LtiLaunchDeps) {
    this.accounts = new LtiAccounts(d.users, d.links, d.courses);
  }

  get launchUrl() {
    return `${this.d.publicUrl}/lti/launch`;
  }
  get deepLinkUrl() {
    return `${this.d.publicUrl}/lti/deep-link`;
  }

  /** Third-party initiated login: where to send the browser (the platform's auth endpoint). */
  async login(p: Record<string, string | undefined>): Promise<LtiResult<{ redirect: string }>> {
    const { iss, login_hint: loginHint, target_link_uri: target } = p;
    if (!iss || !loginHint || !target)
      return refused('bad-request', 'login without iss, login_hint or target_link_uri');
    const candidates = await this.d.platforms.findByIssuer(iss, p.client_id || undefined);
    if (candidates.length !== 1)
      return refused('unknown-platform', `no single platform for ${iss} / ${p.client_id ?? '-'}`);
    const platform = candidates[0]!;
    if (p.lti_deployment_id && !platform.deploymentIds.includes(p.lti_deployment_id))
      return refused('unknown-deployment', `deployment ${p.lti_deployment_id} of ${iss}`);
    const state = randomBytes(24).toString('base64url');
    const nonce = randomBytes(24).toString('base64url');
    const now = this.d.clock.now();
    await this.d.states.purgeExpired(now.toISOString());
    await this.d.states.create({
      id: state,
      kind: 'login',
      platformId: platform.id,
      nonce,
      data: {},
      expiresAt: new Date(now.getTime() + LOGIN_STATE_TTL_MS).toISOString(),
    });
    const url = new URL(platform.authUrl);
    const q = {
      scope: 'openid',
      response_type: 'id_token',
      response_mode: 'form_post',
      prompt: 'none',
      client_id: platform.clientId,
      redirect_uri: target === this.deepLinkUrl ? this.deepLinkUrl : this.launchUrl,
      login_hint: loginHint,
      state,
      nonce,
      ...(p.lti_message_hint ? { lti_message_hint: p.lti_message_hint } : {}),
    };
    for (const [k, v] of Object.entries(q)) url.searchParams.set(k, v);
    return { ok: true, redirect: url.toString() };
  }

  /** The id_token form post: verify, then provision and hand off, or show the exam picker. */
  async launch(
    idToken: string | undefined,
    state: string | undefined,
  ): Promise<LtiResult<LaunchOutcome>> {
    const locale = peekLocale(idToken);
    if (!idToken || !state) return refused('bad-request', 'launch without id_token or state');
    const now = this.d.clock.now();
    const st = await this.d.states.consume(state, 'login', now.toISOString());
    if (!st || !st.platformId)
      return refused('state-invalid', 'unknown, used or expired state', locale);
    const platform = await this.d.platforms.findById(st.platformId);
    if (!platform) return refused('unknown-platform', 'platform removed since login', locale);

    let claims: JWTPayload;
    try {
      ({ payload: claims } = await jwtVerify(idToken, this.keyset(platform.jwksUrl), {
        issuer: platform.issuer,
        audience: platform.clientId,
        algorithms: ['RS256'],
        clockTolerance: CLOCK_TOLERANCE_S,
        currentDate: now,
        requiredClaims: ['exp', 'iat', 'sub', 'nonce'],
      }));
    } catch (err) {
      if (err instanceof joseErrors.JWTExpired)
        return refused('token-expired', err.message, locale);
      const code = err instanceof joseErrors.JOSEError ? err.code : 'unknown';
      return refused('token-invalid', `${code}: ${(err as Error).message}`, locale);
    }
    const aud = claims.aud;
    if (Array.isArray(aud) && aud.length > 1 && claims.azp !== platform.clientId)
      return refused('token-invalid', 'several audiences and azp is not our client id', locale);
    if (claims.nonce !== st.nonce)
      return refused('replayed', 'nonce does not belong to this login', locale);
    const deployment = str(claims[CLAIM.deploymentId]);
    if (!deployment || !platform.deploymentIds.includes(deployment))
      return refused('unknown-deployment', `deployment ${deployment ?? '(none)'}`, locale);
    if (claims[CLAIM.version] !== '1.3.0')
      return refused('bad-request', `LTI version ${String(claims[CLAIM.version])}`, locale);
    const messageType = claims[CLAIM.messageType];
    if (messageType !== 'LtiResourceLinkRequest' && messageType !== 'LtiDeepLinkingRequest')
      return refused('bad-request', `message type ${String(messageType)}`, locale);
    const contextId = str(obj(claims[CLAIM.context]).id);
    if (!contextId) return refused('bad-request', 'launch without a context', locale);
    const roles = mapRoles(
      Array.isArray(claims[CLAIM.roles]) ? (claims[CLAIM.roles] as unknown[]).map(String) : [],
      this.d.proctorRoles,
    );
    if (roles.account.length === 0)
      return refused('no-role', `roles ${JSON.stringify(claims[CLAIM.roles])}`, locale);
    const language = languageOf(launchLocale(claims)) ?? 'kk';

    if (messageType === 'LtiDeepLinkingRequest') {
      if (!roles.account.includes('examiner') && !roles.account.includes('admin'))
        return refused('not-instructor', 'deep linking by a non-instructor', locale);
      const settings = obj(claims[CLAIM.deepLinkingSettings]);
      const returnUrl = str(settings.deep_link_return_url);
      if (!returnUrl || !/^https?:\/\//.test(returnUrl))
        return refused('bad-request', 'deep linking without a return URL', locale);
      if (!(await this.d.states.useNonce(platform.id, st.nonce!, expiry(claims))))
        return refused('replayed', 'nonce used before', locale);
      const { userId, courseId } = await this.provision(
        platform,
        claims,
        contextId,
        roles,
        undefined,
      );
      const exams = await this.d.exams.listForCourses([courseId]);
      const pickId = randomBytes(24).toString('base64url');
      await this.d.states.create({
        id: pickId,
        kind: 'deep-link',
        platformId: platform.id,
        nonce: null,
        data: {
          userId,
          courseId,
          deploymentId: deployment,
          returnUrl,
          data: str(settings.data) ?? null,
          language,
        },
        expiresAt: new Date(now.getTime() + DEEP_LINK_TTL_MS).toISOString(),
      });
      return { ok: true, kind: 'deep-link', pickId, exams, language };
    }

    const resourceLinkId = str(obj(claims[CLAIM.resourceLink]).id);
    if (!resourceLinkId) return refused('bad-request', 'launch without a resource link', locale);
    // Which exam: the activity's custom parameter (Emtihan's deep link puts it there; an admin
    // may edit it in the LMS, so it wins), else the link remembered from an earlier launch.
    const link = await this.d.links.find(platform.id, contextId, resourceLinkId);
    const examId = str(obj(claims[CLAIM.custom]).exam_id) ?? link?.examId ?? undefined;
    const exam = examId ? await this.d.exams.findById(examId) : undefined;
    if (examId && !exam) return refused('unknown-exam', `exam ${examId}`, locale);
    const contextLink = await this.d.links.find(platform.id, contextId, '');
    if (exam && contextLink && contextLink.courseId !== exam.courseId)
      return refused('unknown-exam', `exam ${exam.id} is not in the context's course`, locale);
    if (!(await this.d.states.useNonce(platform.id, st.nonce!, expiry(claims))))
      return refused('replayed', 'nonce used before', locale);

    const { userId } = await this.provision(platform, claims, contextId, roles, exam);
    if (exam) {
      const ags = obj(claims[CLAIM.ags]);
      await this.d.links.upsert(
        {
          id: randomUUID(),
          platformId: platform.id,
          contextId,
          resourceLinkId,
          courseId: exam.courseId,
          examId: exam.id,
          lineItemUrl: str(ags.lineitem) ?? link?.lineItemUrl ?? null,
          nrpsUrl: str(obj(claims[CLAIM.nrps]).context_memberships_url) ?? null,
        },
        now.toISOString(),
      );
    }
    if (roles.account.includes('examiner')) this.d.onInstructorLaunch?.(platform.id, contextId);
    const target = roles.account.includes('examiner')
      ? '/examiner'
      : roles.account.includes('proctor')
        ? '/proctor'
        : roles.account.includes('student')
          ? exam
            ? `/student/${exam.kind === 'oral' ? 'oral' : 'exams'}/${encodeURIComponent(exam.id)}`
            : '/student'
          : '/admin';
    const handoffId = randomBytes(32).toString('base64url');
    await this.d.states.create({
      id: handoffId,
      kind: 'handoff',
      platformId: platform.id,
      nonce: null,
      data: { userId, target },
      expiresAt: new Date(now.getTime() + HANDOFF_TTL_MS).toISOString(),
    });
    const documentTarget = str(obj(claims[CLAIM.launchPresentation]).document_target);
    return {
      ok: true,
      kind: 'resource',
      handoffId,
      inFrame: documentTarget === 'iframe' || documentTarget === 'frame',
      language,
    };
  }

  /** Exchanges a one-time hand-off for a login session (the cookie is set by the caller). */
  async exchangeHandoff(
    id: string,
  ): Promise<LtiResult<{ token: string; expiresAt: string; target: string }>> {
    const st = await this.d.states.consume(id, 'handoff', this.d.clock.now().toISOString());
    if (!st) return refused('state-invalid', 'unknown, used or expired hand-off');
    const s = await this.d.auth.startSession(String(st.data.userId));
    if (!s.ok) return refused('state-invalid', s.message);
    return {
      ok: true,
      token: s.value.token,
      expiresAt: s.value.session.expiresAt,
      target: String(st.data.target),
    };
  }

  /** The instructor's pick: a signed LtiDeepLinkingResponse for the platform's return URL. */
  async deepLinkResponse(
    pickId: string,
    examId: string,
  ): Promise<LtiResult<{ returnUrl: string; jwt: string; language: Language }>> {
    // An exam of another course leaves the pick as it was, for the instructor to choose again.
    const now = this.d.clock.now().toISOString();
    const peeked = await this.d.states.peek(pickId, 'deep-link', now);
    if (!peeked) return refused('state-invalid', 'unknown, used or expired pick');
    const course = (peeked.data as { courseId: string }).courseId;
    const exam = await this.d.exams.findById(examId);
    if (!exam || exam.courseId !== course) {
      return refused('unknown-exam', `exam ${examId} not in course ${course}`);
    }
    // The delete is the claim: one answer per pick, even across nodes (a pick's data never
    // changes, so the exam checked above is still in its course).
    const st = await this.d.states.consume(pickId, 'deep-link', now);
    if (!st || !st.platformId) return refused('state-invalid', 'unknown, used or expired pick');
    const data = st.data as {
      courseId: string;
      deploymentId: string;
      returnUrl: string;
      data: string | null;
      language: Language;
    };
    const platform = await this.d.platforms.findById(st.platformId);
    if (!platform) return refused('unknown-platform', 'platform removed');
    const { kid, key } = await this.d.keys.signingKey();
    const jwt = await new SignJWT({
      nonce: randomBytes(16).toString('base64url'),
      [CLAIM.messageType]: 'LtiDeepLinkingResponse',
      [CLAIM.version]: '1.3.0',
      [CLAIM.deploymentId]: data.deploymentId,
      ...(data.data !== null ? { [CLAIM.deepLinkingData]: data.data } : {}),
      [CLAIM.contentItems]: [
        {
          type: 'ltiResourceLink',
          title: exam.title,
          url: this.launchUrl,
          custom: { exam_id: exam.id },
          lineItem: {
            scoreMaximum: (await this.d.maxScoreOf?.(exam.id)) ?? 100,
            label: exam.title,
            resourceId: exam.id,
          },
        },
      ],
    })
      .setProtectedHeader({ alg: TOOL_KEY_ALG, kid, typ: 'JWT' })
      .setIssuer(platform.clientId)
      .setAudience(platform.issuer)
      .setIssuedAt(Math.floor(this.d.clock.now().getTime() / 1000))
      .setExpirationTime(Math.floor(this.d.clock.now().getTime() / 1000) + 300)
      .setJti(randomUUID())
      .sign(key);
    return { ok: true, returnUrl: data.returnUrl, jwt, language: data.language };
  }

  /** The deep-linking page's data: the course, its exams, the presets (the pick is kept). */
  async deepLinkView(pickId: string): Promise<LtiResult<{ view: LtiDeepLinkView }>> {
    const now = this.d.clock.now().toISOString();
    const st = await this.d.states.peek(pickId, 'deep-link', now);
    if (!st || !this.d.authoring) return refused('state-invalid', 'unknown, used or expired pick');
    const data = st.data as { courseId: string; language: Language };
    const [course, exams, presets] = await Promise.all([
      this.d.authoring.course(data.courseId),
      this.d.exams.listForCourses([data.courseId]),
      this.d.exams.listPresets(),
    ]);
    return {
      ok: true,
      view: {
        language: data.language,
        course,
        exams,
        presets,
        timeZone: this.d.authoring.timeZone,
      },
    };
  }

  /**
   * The instructor creates a new exam with the full form on the deep-linking page: the same
   * checks as the examiner's own form (refused with its fields, the pick still valid), created
   * published in the context's course with its maximum score, and returned to the LMS.
   */
  async createFromDraft(
    pickId: string,
    body: LtiDeepLinkCreateBody,
  ): Promise<
    LtiResult<{ created: Result<{ returnUrl: string; jwt: string; language: Language }> }>
  > {
    const now = this.d.clock.now();
    const st = await this.d.states.peek(pickId, 'deep-link', now.toISOString());
    if (!st || !this.d.authoring) return refused('state-invalid', 'unknown, used or expired pick');
    const data = st.data as { courseId: string; userId: string };
    const user = await this.d.users.findById(data.userId);
    if (!user) return refused('state-invalid', 'the instructor is gone');
    // The exam goes into the LMS context's course, whatever the form says.
    const made = await this.d.authoring.createPublished(
      { ...body.draft, courseId: data.courseId },
      user,
    );
    if (!made.ok) return { ok: true, created: made };
    await this.d.setMaxScore?.(made.value.exam.id, body.maxScore);
    const r = await this.deepLinkResponse(pickId, made.value.exam.id);
    return r.ok ? { ok: true, created: { ok: true, value: r } } : r;
  }

  /** Keeps a signed answer for the page to fetch once, as an auto-posting form (5 minutes). */
  async stageReturn(r: { returnUrl: string; jwt: string; language: Language }): Promise<string> {
    const id = randomBytes(24).toString('base64url');
    await this.d.states.create({
      id,
      kind: 'deep-link-return',
      platformId: null,
      nonce: null,
      data: r,
      expiresAt: new Date(this.d.clock.now().getTime() + HANDOFF_TTL_MS).toISOString(),
    });
    return `/lti/deep-link/return/${id}`;
  }

  async takeReturn(
    id: string,
  ): Promise<LtiResult<{ returnUrl: string; jwt: string; language: Language }>> {
    const st = await this.d.states.consume(
      id,
      'deep-link-return',
      this.d.clock.now().toISOString(),
    );
    if (!st) return refused('state-invalid', 'unknown, used or expired return');
    const data = st.data as { returnUrl: string; jwt: string; language: Language };
    return { ok: true, ...data };
  }

  private keyset(jwksUrl: string): JWTVerifyGetKey {
    let k = this.keysets.get(jwksUrl);
    if (!k) {
      // No cool-down between refetches: a platform that rotated its key is trusted at the next
      // launch. A refetch needs a state from /lti/login first, so this is not an open amplifier.
      k = createRemoteJWKSet(new URL(jwksUrl), {
        cooldownDuration: 0,
        cacheMaxAge: 10 * 60_000,
        timeoutDuration: 5000,
      });
      this.keysets.set(jwksUrl, k);
    }
    return k;
  }

  /** First launch creates the account, the course and the enrolment; later ones refresh them. */
  private async provision(
    platform: LtiPlatform,
    claims: JWTPayload,
    contextId: string,
    roles: MappedRoles,
    exam: ExamView | undefined,
  ): Promise<{ userId: string; courseId: string }> {
    const now = this.d.clock.now().toISOString();
    const sub = claims.sub!;
    const fullName =
      str(claims.name)?.trim() ||
      [str(claims.given_name), str(claims.family_name)].filter(Boolean).join(' ').trim() ||
      undefined;
    const userId = await this.accounts.upsert(
      platform.issuer,
      {
        sub,
        fullName,
        email: str(claims.email) ?? null,
        language: languageOf(launchLocale(claims)),
      },
      roles,
      now,
    );

    const contextLink = await this.d.links.find(platform.id, contextId, '');
    let courseId = contextLink?.courseId ?? exam?.courseId;
    if (!courseId) {
      const ctx = obj(claims[CLAIM.context]);
      courseId = randomUUID();
      const label = (str(ctx.label) ?? 'LTI').slice(0, 40);
      await this.d.courses.create(
        {
          id: courseId,
          code: `${label}-${sha256(`${platform.id}\n${contextId}`).slice(0, 8)}`,
          title: str(ctx.title) ?? label,
        },
        now,
      );
    }
    // The context's own row: its course (kept once set) and the NRPS URL (refreshed).
    await this.d.links.upsert(
      {
        id: randomUUID(),
        platformId: platform.id,
        contextId,
        resourceLinkId: '',
        courseId,
        examId: null,
        lineItemUrl: null,
        nrpsUrl:
          str(obj(claims[CLAIM.nrps]).context_memberships_url) ?? contextLink?.nrpsUrl ?? null,
      },
      now,
    );
    // Two first launches at once: the row that won decides the course.
    courseId = (await this.d.links.find(platform.id, contextId, ''))!.courseId;
    await this.accounts.enrol(courseId, userId, roles, now);
    return { userId, courseId };
  }
}

/** Until when a nonce must be remembered: the token's expiry plus the tolerance. */
function expiry(claims: JWTPayload): string {
  return new Date(((claims.exp ?? 0) + CLOCK_TOLERANCE_S + 60) * 1000).toISOString();
}

/** The locale of a token not yet verified: used only to pick the refusal's language. */
function peekLocale(idToken: string | undefined): string | undefined {
  if (!idToken) return undefined;
  try {
    return launchLocale(decodeJwt(idToken));
  } catch {
    return undefined;
  }
}
