// AGS grade return: a score goes to every line item the exam is linked to, with a token from
// the platform's client-credentials grant (private_key_jwt). Each score is first a row in the
// database (the outbox, `lti_grade_sends`); `processDue` — run by a job on every node — takes
// due rows under a lease and makes one attempt each; a failure waits (doubling) and tries again
// until the last attempt. A 409 (the platform holds a newer or equal timestamp) counts as done.
import { randomUUID } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { Database } from '../db/schema.ts';
import type { LtiGradeSendView, UserView } from '@emtihan/protocol';
import type { CourseRepo } from '../repositories/course.repo.ts';
import type { ExamRepo } from '../repositories/exam.repo.ts';
import type { AttemptOutcome, GradeSend, LtiGradeRepo } from '../repositories/lti-grade.repo.ts';
import type { LtiLinkRepo } from '../repositories/lti-link.repo.ts';
import type { LtiPlatform, LtiPlatformRepo } from '../repositories/lti-platform.repo.ts';
import type { Clock } from '../services/clock.ts';
import { ok, refuse, type Result } from '../services/result.ts';
import { AGS_SCORE_SCOPE, scoresUrl } from './lti-claims.ts';
import type { LtiKeyService } from './lti-keys.service.ts';
import { LtiTokenClient, LtiTokenError } from './lti-token.client.ts';

export const SCORE_CONTENT_TYPE = 'application/vnd.ims.lis.v1.score+json';

export interface ScoreInput {
  examId: string;
  /** Emtihan's user id of the student. */
  userId: string;
  scoreGiven: number;
  scoreMaximum?: number;
  comment?: string;
  /** When the grade was decided; defaults to now. The platform refuses an older one (409). */
  timestamp?: Date;
  /** The sitting graded. */
  sessionId?: string;
}

export interface LtiGradeDeps {
  platforms: LtiPlatformRepo;
  exams: ExamRepo;
  courses: CourseRepo;
  links: LtiLinkRepo;
  grades: LtiGradeRepo;
  keys: LtiKeyService;
  clock: Clock;
  fetch?: typeof fetch;
  /** Waits between attempts of `sendScore`; tests pass one that does not wait. */
  sleep?: (ms: number) => Promise<void>;
  /** Attempts in all before a send is recorded as failed. */
  maxAttempts?: number;
  /** The wait after the first failed attempt; each further wait doubles. */
  baseDelayMs?: number;
}

/** How long one node may hold a row for an attempt (a crashed node's row is free after it). */
const LEASE_MS = 60_000;
/** The LMS's answer kept with a failure, at most this long. */
const MAX_ANSWER_CHARS = 500;

export class LtiGradeService {
  private readonly tokens: LtiTokenClient;
  private readonly fetch: typeof fetch;
  private readonly sleep: (ms: number) => Promise<void>;
  private readonly maxAttempts: number;
  private readonly baseDelayMs: number;

  constructor(private readonly d: LtiGradeDeps) {
    this.fetch = d.fetch ?? globalThis.fetch;
    this.sleep = d.sleep ?? ((ms) => new Promise((r) => setTimeout(r, ms)));
    this.tokens = new LtiTokenClient(d.keys, d.clock, this.fetch);
    this.maxAttempts = d.maxAttempts ?? 4;
    this.baseDelayMs = d.baseDelayMs ?? 500;
  }

  /**
   * The outbox rows for a score, one per line item of the exam (pending, due now), not yet
   * stored: none when the exam or the student is not known to an LMS. Reads only, so that the
   * caller can store them in the transaction that records the grade (`store`).
   */
  async prepare(input: ScoreInput): Promise<GradeSend[]> {
    const targets = await this.d.links.gradeTargets(input.examId);
    const out: GradeSend[] = [];
    const seen = new Set<string>();
    const now = this.d.clock.now().toISOString();
    for (const link of targets) {
      const key = `${link.platformId}\n${link.lineItemUrl}`;
      if (seen.has(key)) continue;
      seen.add(key);
      const platform = await this.d.platforms.findById(link.platformId);
      const sub = platform && (await this.d.links.subOf(input.userId, platform.issuer));
      if (!platform || !sub) continue;
      out.push({
        id: randomUUID(),
        platformId: platform.id,
        examId: input.examId,
        userId: input.userId,
        sessionId: input.sessionId ?? null,
        lineItemUrl: link.lineItemUrl!,
        score: {
          userId: sub,
          scoreGiven: input.scoreGiven,
          scoreMaximum: input.scoreMaximum ?? 100,
          activityProgress: 'Completed',
          gradingProgress: 'FullyGraded',
          timestamp: (input.timestamp ?? this.d.clock.now()).toISOString(),
          ...(input.comment ? { comment: input.comment } : {}),
        },
        status: 'pending',
        attempts: 0,
        httpStatus: null,
        error: null,
        nextAttemptAt: now,
        createdAt: now,
        updatedAt: now,
      });
    }
    return out;
  }

  /** Stores prepared rows; `db` may be a transaction. The job sends them. */
  async store(sends: GradeSend[], db?: Kysely<Database>): Promise<void> {
    for (const send of sends) await this.d.grades.create(send, db);
  }

  /** Puts the score in the outbox (prepare + store). */
  async enqueue(input: ScoreInput): Promise<GradeSend[]> {
    const sends = await this.prepare(input);
    await this.store(sends);
    return sends;
  }

  /**
   * One pass of the outbox job: every due row that this node manages to claim gets one attempt.
   * Safe on several nodes at once (the claim is a conditional update). Returns rows attempted.
   */
  async processDue(limit = 20): Promise<number> {
    const now = this.d.clock.now();
    const due = await this.d.grades.due(now.toISOString(), limit);
    let n = 0;
    for (const send of due) {
      const until = new Date(now.getTime() + LEASE_MS).toISOString();
      if (!(await this.d.grades.claim(send.id, now.toISOString(), until))) continue;
      await this.attempt(send);
      n++;
    }
    return n;
  }

  /** A failed send queued again (examiner's or admin's "send again"). */
  async retry(sendId: string, caller: UserView): Promise<Result<LtiGradeSendView>> {
    const send = await this.d.grades.findById(sendId);
    if (!send || !(await this.isStaff(send.examId, caller)))
      return refuse('not-found', 'no such grade send');
    if (!(await this.d.grades.retry(sendId, this.d.clock.now().toISOString())))
      return refuse('conflict', 'only a failed send can be sent again');
    return ok(present((await this.d.grades.findById(sendId))!));
  }

  /**
   * Sends now and waits for the end (all attempts, waiting in between): for the CLI and tests.
   * The application itself enqueues and lets the job send.
   */
  async sendScore(input: ScoreInput): Promise<Result<GradeSend[]>> {
    if ((await this.d.links.gradeTargets(input.examId)).length === 0)
      return refuse('not-found', 'the exam is not linked to a grade column in an LMS');
    // Not due for the job (no next attempt time): this call alone makes the attempts.
    const queued = (await this.prepare(input)).map((x): GradeSend => ({
      ...x,
      nextAttemptAt: null,
    }));
    await this.store(queued);
    if (queued.length === 0)
      return refuse('not-found', 'the student is not known to the linked LMS');
    const out: GradeSend[] = [];
    for (let send of queued) {
      for (;;) {
        send = await this.attempt(send, true);
        if (send.status !== 'pending') break;
        await this.sleep(this.delayAfter(send.attempts));
      }
      out.push(send);
    }
    return ok(out);
  }

  /** Whether any LMS activity with a grade column links to the exam. */
  async isLinked(examId: string): Promise<boolean> {
    return (await this.d.links.gradeTargets(examId)).length > 0;
  }

  present(g: GradeSend): LtiGradeSendView {
    return present(g);
  }

  /** What was sent for an exam. */
  history(examId: string, userId?: string): Promise<GradeSend[]> {
    return this.d.grades.list(examId, userId);
  }

  /** The admin's log: the latest sends of all exams. */
  async recent(limit = 100): Promise<LtiGradeSendView[]> {
    return (await this.d.grades.recent(limit)).map(present);
  }

  /** The examiner's view: only the exam's examiners (and admins) see what went to the LMS. */
  async historyFor(examId: string, caller: UserView): Promise<Result<LtiGradeSendView[]>> {
    // 404, not 403: exam ids reveal nothing to others (as for sessions, ADR 0004).
    if (!(await this.isStaff(examId, caller))) return refuse('not-found', 'no such exam');
    return ok((await this.d.grades.list(examId)).map(present));
  }

  private async isStaff(examId: string, caller: UserView): Promise<boolean> {
    const exam = await this.d.exams.findById(examId);
    return (
      !!exam &&
      (caller.roles.includes('admin') ||
        (await this.d.courses.rolesOf(exam.courseId, caller.id)).includes('examiner'))
    );
  }

  private delayAfter(attempts: number): number {
    return this.baseDelayMs * 2 ** (attempts - 1);
  }

  /**
   * One attempt at one row; records the outcome and returns the row as it now is. `direct`: the
   * caller makes the next attempt itself, so a pending row gets no time the job would act on.
   */
  private async attempt(send: GradeSend, direct = false): Promise<GradeSend> {
    const attempts = send.attempts + 1;
    const platform = await this.d.platforms.findById(send.platformId);
    let out: Omit<AttemptOutcome, 'attempts' | 'nextAttemptAt'>;
    if (!platform) {
      out = { status: 'failed', httpStatus: null, error: 'the platform is no longer registered' };
    } else {
      out = await this.post(platform, send);
    }
    const now = this.d.clock.now();
    const retry = out.status === 'pending' && attempts < this.maxAttempts;
    const outcome: AttemptOutcome = {
      ...out,
      status: out.status === 'pending' && !retry ? 'failed' : out.status,
      attempts,
      nextAttemptAt:
        retry && !direct ? new Date(now.getTime() + this.delayAfter(attempts)).toISOString() : null,
    };
    await this.d.grades.record(send.id, outcome, now.toISOString());
    return { ...send, ...outcome, updatedAt: now.toISOString() };
  }

  /** POSTs the score; `pending` means "worth another attempt". */
  private async post(
    platform: LtiPlatform,
    send: GradeSend,
  ): Promise<Pick<AttemptOutcome, 'status' | 'httpStatus' | 'error'>> {
    try {
      const token = await this.tokens.accessToken(platform, AGS_SCORE_SCOPE);
      const res = await this.fetch(scoresUrl(send.lineItemUrl), {
        method: 'POST',
        headers: { authorization: `Bearer ${token}`, 'content-type': SCORE_CONTENT_TYPE },
        body: JSON.stringify(send.score),
      });
      const answer = (await res.text().catch(() => '')).slice(0, MAX_ANSWER_CHARS);
      if (res.ok) return { status: 'sent', httpStatus: res.status, error: null };
      if (res.status === 409) return { status: 'superseded', httpStatus: 409, error: null };
      const error = `scores answered ${res.status}${answer ? `: ${answer}` : ''}`;
      if (res.status === 401) this.tokens.forget(platform, AGS_SCORE_SCOPE);
      if (res.status === 401 || res.status === 429 || res.status >= 500)
        return { status: 'pending', httpStatus: res.status, error };
      return { status: 'failed', httpStatus: res.status, error };
    } catch (err) {
      return {
        status: 'pending',
        httpStatus: err instanceof LtiTokenError ? err.httpStatus : null,
        error: err instanceof Error ? err.message : String(err),
      };
    }
  }
}

function present(g: GradeSend): LtiGradeSendView {
  const num = (v: unknown) => (typeof v === 'number' ? v : null);
  return {
    id: g.id,
    examId: g.examId,
    userId: g.userId,
    sessionId: g.sessionId,
    lineItemUrl: g.lineItemUrl,
    scoreGiven: num(g.score.scoreGiven),
    scoreMaximum: num(g.score.scoreMaximum),
    comment: typeof g.score.comment === 'string' ? g.score.comment : null,
    status: g.status,
    attempts: g.attempts,
    httpStatus: g.httpStatus,
    error: g.error,
    nextAttemptAt: g.nextAttemptAt,
    createdAt: g.createdAt,
    updatedAt: g.updatedAt,
  };
}
