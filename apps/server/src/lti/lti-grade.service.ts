// AGS grade return: a score goes to every line item the exam is linked to, with a token from
// the platform's client-credentials grant (private_key_jwt). Retries with back-off; a 409
// (the platform holds a newer or equal timestamp) counts as done. Every send is recorded.
import { randomUUID } from 'node:crypto';
import type { LtiGradeSendView, UserView } from '@emtihan/protocol';
import type { CourseRepo } from '../repositories/course.repo.ts';
import type { ExamRepo } from '../repositories/exam.repo.ts';
import type { GradeSend, LtiGradeRepo } from '../repositories/lti-grade.repo.ts';
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
  /** Waits between attempts; tests pass one that does not wait. */
  sleep?: (ms: number) => Promise<void>;
  maxAttempts?: number;
  baseDelayMs?: number;
}

class Retryable extends Error {
  constructor(
    message: string,
    readonly httpStatus: number | null,
  ) {
    super(message);
  }
}

export class LtiGradeService {
  private readonly tokens: LtiTokenClient;
  private readonly fetch: typeof fetch;
  private readonly sleep: (ms: number) => Promise<void>;

  constructor(private readonly d: LtiGradeDeps) {
    this.fetch = d.fetch ?? globalThis.fetch;
    this.sleep = d.sleep ?? ((ms) => new Promise((r) => setTimeout(r, ms)));
    this.tokens = new LtiTokenClient(d.keys, d.clock, this.fetch);
  }

  /** Sends the score to each line item of the exam; returns what was recorded. */
  async sendScore(input: ScoreInput): Promise<Result<GradeSend[]>> {
    const targets = await this.d.links.gradeTargets(input.examId);
    if (targets.length === 0)
      return refuse('not-found', 'the exam is not linked to a grade column in an LMS');
    const out: GradeSend[] = [];
    for (const link of targets) {
      const platform = await this.d.platforms.findById(link.platformId);
      const sub = platform && (await this.d.links.subOf(input.userId, platform.issuer));
      if (!platform || !sub) continue;
      out.push(await this.sendOne(platform, link.lineItemUrl!, sub, input));
    }
    if (out.length === 0) return refuse('not-found', 'the student is not known to the linked LMS');
    return ok(out);
  }

  /** What was sent for an exam. */
  history(examId: string, userId?: string): Promise<GradeSend[]> {
    return this.d.grades.list(examId, userId);
  }

  /** The examiner's view: only the exam's examiners (and admins) see what went to the LMS. */
  async historyFor(examId: string, caller: UserView): Promise<Result<LtiGradeSendView[]>> {
    const exam = await this.d.exams.findById(examId);
    const staff =
      exam &&
      (caller.roles.includes('admin') ||
        (await this.d.courses.rolesOf(exam.courseId, caller.id)).includes('examiner'));
    // 404, not 403: exam ids reveal nothing to others (as for sessions, ADR 0004).
    if (!staff) return refuse('not-found', 'no such exam');
    const num = (v: unknown) => (typeof v === 'number' ? v : null);
    return ok(
      (await this.d.grades.list(examId)).map((g) => ({
        id: g.id,
        userId: g.userId,
        lineItemUrl: g.lineItemUrl,
        scoreGiven: num(g.score.scoreGiven),
        scoreMaximum: num(g.score.scoreMaximum),
        comment: typeof g.score.comment === 'string' ? g.score.comment : null,
        status: g.status,
        attempts: g.attempts,
        httpStatus: g.httpStatus,
        createdAt: g.createdAt,
        updatedAt: g.updatedAt,
      })),
    );
  }

  private async sendOne(
    platform: LtiPlatform,
    lineItemUrl: string,
    sub: string,
    input: ScoreInput,
  ): Promise<GradeSend> {
    const now = this.d.clock.now().toISOString();
    const score = {
      userId: sub,
      scoreGiven: input.scoreGiven,
      scoreMaximum: input.scoreMaximum ?? 100,
      activityProgress: 'Completed',
      gradingProgress: 'FullyGraded',
      timestamp: (input.timestamp ?? this.d.clock.now()).toISOString(),
      ...(input.comment ? { comment: input.comment } : {}),
    };
    const send: GradeSend = {
      id: randomUUID(),
      platformId: platform.id,
      examId: input.examId,
      userId: input.userId,
      lineItemUrl,
      score,
      status: 'pending',
      attempts: 0,
      httpStatus: null,
      error: null,
      createdAt: now,
      updatedAt: now,
    };
    await this.d.grades.create(send);
    const max = this.d.maxAttempts ?? 4;
    const base = this.d.baseDelayMs ?? 500;
    let end: Pick<GradeSend, 'status' | 'httpStatus' | 'error'> = {
      status: 'failed',
      httpStatus: null,
      error: null,
    };
    let attempts = 0;
    while (attempts < max) {
      attempts++;
      try {
        const token = await this.tokens.accessToken(platform, AGS_SCORE_SCOPE);
        const res = await this.fetch(scoresUrl(lineItemUrl), {
          method: 'POST',
          headers: { authorization: `Bearer ${token}`, 'content-type': SCORE_CONTENT_TYPE },
          body: JSON.stringify(score),
        });
        await res.text().catch(() => '');
        if (res.ok) {
          end = { status: 'sent', httpStatus: res.status, error: null };
          break;
        }
        if (res.status === 409) {
          end = { status: 'superseded', httpStatus: 409, error: null };
          break;
        }
        if (res.status === 401) this.tokens.forget(platform, AGS_SCORE_SCOPE);
        if (res.status === 401 || res.status === 429 || res.status >= 500)
          throw new Retryable(`scores answered ${res.status}`, res.status);
        end = { status: 'failed', httpStatus: res.status, error: `scores answered ${res.status}` };
        break;
      } catch (err) {
        end = {
          status: 'failed',
          httpStatus:
            err instanceof Retryable || err instanceof LtiTokenError ? err.httpStatus : null,
          error: err instanceof Error ? err.message : String(err),
        };
        if (attempts < max) await this.sleep(base * 2 ** (attempts - 1));
      }
    }
    const finished = { ...end, attempts };
    await this.d.grades.finish(send.id, finished, this.d.clock.now().toISOString());
    return { ...send, ...finished, updatedAt: this.d.clock.now().toISOString() };
  }
}
