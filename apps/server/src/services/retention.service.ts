// Retention: recordings, snapshots and the check-in's photos and room scan are deleted `retentionDays` (per exam, default 365) after
// the exam closes, except under legal hold. A daily job; several nodes may run it, the lease
// row in the database lets one of them work at a time. Every deletion enters the audit chain.
import { randomUUID } from 'node:crypto';
import type { AuditDraft } from '@emtihan/domain';
import type { UserView } from '@emtihan/protocol';
import type { BlobStore } from '../adapters/blob-store.port.ts';
import type { CourseRepo } from '../repositories/course.repo.ts';
import type { EvidenceRepo } from '../repositories/evidence.repo.ts';
import type { ExamRepo } from '../repositories/exam.repo.ts';
import type { Clock } from './clock.ts';
import { ok, refuse, type Result } from './result.ts';

const LEASE = 'evidence-retention';
const DAY = 24 * 3600_000;
/** Session files that are evidence or identity data, deleted with the recordings. */
const EXPIRING_FILES = [
  'flag-evidence',
  'id-document',
  'face',
  'room-scan',
  'id-snapshot',
] as const;

export interface LegalHoldState {
  examId: string;
  hold: boolean;
  reason: string;
  setAt: string | null;
}

export class RetentionService {
  readonly nodeId = randomUUID();

  constructor(
    private readonly deps: {
      exams: ExamRepo;
      courses: CourseRepo;
      evidence: EvidenceRepo;
      /** Recordings of oral turns, deleted by the same rule. */
      oralEvidence?: EvidenceRepo;
      blobs: BlobStore;
      clock: Clock;
    },
  ) {}

  /**
   * Runs the job if no node ran it in the last day and no other node holds the lease.
   * Returns how many recordings and snapshots were deleted (undefined: not this node's turn).
   */
  async runIfDue(): Promise<number | undefined> {
    const { evidence, clock } = this.deps;
    const now = clock.now();
    // The lease is held for an hour while working, then set to expire a day after the run.
    const got = await evidence.takeLease(
      LEASE,
      this.nodeId,
      now.toISOString(),
      new Date(now.getTime() + 3600_000).toISOString(),
    );
    if (!got) return undefined;
    let deleted = 0;
    try {
      deleted = await this.deleteExpired();
    } finally {
      const end = clock.now();
      await evidence.finishLease(
        LEASE,
        this.nodeId,
        end.toISOString(),
        new Date(end.getTime() + DAY).toISOString(),
      );
    }
    return deleted;
  }

  /**
   * Deletes the bytes of every recording and snapshot past its exam's retention. Session files
   * go with them: the flags' snapshots and the check-in's ID photo, face photo and room scan (an
   * oral turn's ID snapshot); their row goes (a flag keeps the file's id) and the audit entry
   * keeps the hash. A recording keeps its row, marked deleted. The student's attachments are
   * their answers, not evidence: they stay.
   */
  async deleteExpired(): Promise<number> {
    const { exams, clock } = this.deps;
    const now = clock.now();
    const expired = (await exams.listForCourses('all'))
      .filter((e) => Date.parse(e.closesAt) + e.settings.retentionDays * DAY <= now.getTime())
      .map((e) => e.id);
    let deleted = 0;
    for (const evidence of [this.deps.evidence, this.deps.oralEvidence]) {
      if (!evidence) continue;
      deleted += await this.drain(
        () => evidence.expiredSessionFiles(expired, EXPIRING_FILES, 200),
        (f, audit) => evidence.removeSessionFile(f.sessionId, f.fileId, audit),
        (f) => ({
          kind: f.kind === 'flag-evidence' ? 'flag-snapshot' : f.kind,
          fileId: f.fileId,
          sha256: f.sha256,
        }),
      );
      deleted += await this.drain(
        () => evidence.expired(expired, 200),
        (s, audit) => evidence.markDeleted(s, audit, clock.now().toISOString()),
        (s) => ({ track: s.track, sequence: s.seq, sha256: s.sha256 }),
      );
    }
    return deleted;
  }

  /** Takes batches until none is left: each item's bytes go, then its row with its audit entry. */
  private async drain<T extends { blobKey: string }>(
    next: () => Promise<T[]>,
    remove: (item: T, audit: AuditDraft) => Promise<unknown>,
    payload: (item: T) => Record<string, string | number>,
  ): Promise<number> {
    const { blobs, clock } = this.deps;
    let deleted = 0;
    for (;;) {
      const batch = await next();
      if (batch.length === 0) return deleted;
      for (const item of batch) {
        await blobs.delete(item.blobKey);
        await remove(item, {
          at: clock.now().getTime(),
          actor: { role: 'system' },
          type: 'evidence.deleted',
          payload: { ...payload(item), reason: 'retention' },
        });
        deleted++;
      }
    }
  }

  async legalHold(examId: string, caller: UserView): Promise<Result<LegalHoldState>> {
    const allowed = await this.mayHold(examId, caller, true);
    if (!allowed.ok) return allowed;
    const h = await this.deps.evidence.legalHold(examId);
    return ok({ examId, hold: !!h, reason: h?.reason ?? '', setAt: h?.setAt ?? null });
  }

  /** Admins and the course's examiners set or lift a legal hold. */
  async setLegalHold(
    examId: string,
    caller: UserView,
    body: { hold: boolean; reason: string },
  ): Promise<Result<LegalHoldState>> {
    const allowed = await this.mayHold(examId, caller, false);
    if (!allowed.ok) return allowed;
    if (body.hold && body.reason.trim() === '')
      return refuse('bad-request', 'give the reason for the legal hold', 'reason');
    const setAt = this.deps.clock.now().toISOString();
    await this.deps.evidence.setLegalHold(
      examId,
      body.hold ? { setBy: caller.id, reason: body.reason, setAt } : null,
    );
    return ok({
      examId,
      hold: body.hold,
      reason: body.hold ? body.reason : '',
      setAt: body.hold ? setAt : null,
    });
  }

  private async mayHold(examId: string, caller: UserView, read: boolean): Promise<Result<true>> {
    const exam = await this.deps.exams.findById(examId);
    if (!exam) return refuse('not-found', 'no such exam');
    if (caller.roles.includes('admin')) return ok(true);
    const roles = await this.deps.courses.rolesOf(exam.courseId, caller.id);
    if (roles.includes('examiner') || (read && roles.includes('proctor'))) return ok(true);
    return refuse('forbidden', 'only an admin or the course’s examiner sets a legal hold');
  }
}
