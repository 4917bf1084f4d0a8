// The server's own detectors (ADR 0009): each flag's evidence snapshot is re-checked with the
// same models as the student's browser, and the check-in face photo is compared with the face on
// the ID photo. Jobs are durable rows (written with what they check), run one at a time per node
// in a worker thread, never on the path that ingests signals. A re-check is recorded beside the
// flag for the reviewer; it never raises, changes or takes back a flag.
import type { IdentityMatchView, UserView } from '@emtihan/protocol';
import type { BlobStore } from '../adapters/blob-store.port.ts';
import type {
  DetectionCheckRepo,
  EvidenceInput,
  IdentityInput,
  StoredCheck,
} from '../repositories/detection-check.repo.ts';
import { identityCheckId } from '../repositories/detection-check.repo.ts';
import type { ExamRepo } from '../repositories/exam.repo.ts';
import type { SessionRepo, StoredSession, Trx } from '../repositories/session.repo.ts';
import type { SignalRepo } from '../repositories/signal.repo.ts';
import type { Clock } from './clock.ts';
import { ok, refuse, type Result } from './result.ts';
import { toFlagView, type FlagPublisher } from './signal.service.ts';

/** The detectors as this service needs them (`@emtihan/detection/server`, or a test double). */
export interface SnapshotDetector {
  recheck(
    image: Uint8Array,
    options?: { reference?: Uint8Array },
  ): Promise<{ faces: unknown[]; objects: { label: string }[]; similarity?: number }>;
  identity(
    idPhoto: Uint8Array,
    facePhoto: Uint8Array,
  ): Promise<
    | {
        computed: true;
        similarity: number;
        verdict: 'match' | 'mismatch' | 'undecided';
        idFaceWidth: number;
        photoFaceWidth: number;
        notes: ('id-face-small' | 'several-faces-on-id')[];
      }
    | { computed: false; reason: string }
  >;
  close(): Promise<void>;
}

/** What an evidence re-check stores. */
export interface EvidenceSeen {
  faces: number;
  objects: string[];
  similarity?: number;
}

const LEASE_MS = 2 * 60_000;
const MAX_ATTEMPTS = 3;
/** Other nodes' jobs, and this node's after a restart, are looked for this often. */
const POLL_MS = 5_000;

export class DetectionCheckService {
  private running: Promise<void> | null = null;
  private again = false;
  private timer: NodeJS.Timeout | null = null;
  private closed = false;

  constructor(
    private readonly deps: {
      checks: DetectionCheckRepo;
      signals: SignalRepo;
      sessions: SessionRepo;
      exams: ExamRepo;
      blobs: BlobStore;
      clock: Clock;
      /** Null: this server runs no detectors (SERVER_DETECTION=false). */
      detector: SnapshotDetector | null;
      publish: FlagPublisher;
      isStaffOf(examId: string, userId: string): Promise<boolean>;
      log: { error(obj: unknown, msg: string): void };
    },
  ) {}

  get enabled(): boolean {
    return this.deps.detector !== null;
  }

  /** Looks for due jobs now and every few seconds (other nodes', and after a restart). */
  start(): void {
    if (!this.enabled || this.timer) return;
    this.timer = setInterval(() => this.wake(), POLL_MS);
    this.timer.unref();
    this.wake();
  }

  /** Runs due jobs soon (a job was queued on this node). */
  wake(): void {
    if (!this.enabled || this.closed) return;
    if (this.running) {
      this.again = true;
      return;
    }
    this.running = this.drain()
      .then(() => undefined)
      .catch((err: unknown) => this.deps.log.error({ err }, 'detection checks failed'))
      .finally(() => {
        this.running = null;
        if (this.again) {
          this.again = false;
          this.wake();
        }
      });
  }

  /** Runs jobs until none is due. Resolves when done (tests await it). */
  async drain(): Promise<number> {
    let done = 0;
    while (!this.closed && (await this.runOne())) done++;
    return done;
  }

  /** Resolves when this node has no due job left (tests; shutdown of a draining node). */
  async settle(): Promise<void> {
    if (!this.enabled) return;
    do {
      await this.running;
      await this.drain();
    } while (this.running);
  }

  async close(): Promise<void> {
    this.closed = true;
    if (this.timer) clearInterval(this.timer);
    // The thread goes first: a job in flight fails at once and is taken again after a restart.
    await this.deps.detector?.close();
    await this.running;
  }

  /**
   * At the end of check-in, in its transaction (so only through `trx`), where the exam matches
   * faces: the identity comparison of the photos the student sent with the command.
   */
  async queueIdentity(
    trx: Trx,
    session: StoredSession,
    files: { idFileId: string | null; faceFileId: string | null; consent: boolean },
    now: string,
  ): Promise<void> {
    if (!this.enabled) return;
    await this.deps.checks.setIdentity(trx, session.id, files satisfies IdentityInput, now);
  }

  /** The proctor's (or examiner's) view of the identity comparison. */
  async identityMatch(sessionId: string, caller: UserView): Promise<Result<IdentityMatchView>> {
    const session = await this.deps.sessions.findById(sessionId);
    if (!session || !(await this.deps.isStaffOf(session.examId, caller.id)))
      return refuse('not-found', 'no such session');
    const exam = await this.deps.exams.findById(session.examId);
    if (!exam?.settings.faceMatching) return ok({ status: 'not-computed', reason: 'off' });
    if (!this.enabled) return ok({ status: 'not-computed', reason: 'unavailable' });
    const check = await this.deps.checks.find(identityCheckId(sessionId));
    if (!check) return ok({ status: 'not-computed', reason: 'photos-missing' });
    if (check.status === 'failed') return ok({ status: 'not-computed', reason: 'failed' });
    if (check.status !== 'done') return ok({ status: 'pending' });
    const r = check.result as Awaited<ReturnType<SnapshotDetector['identity']>>;
    if (!r.computed)
      return ok({
        status: 'not-computed',
        reason: r.reason as Extract<IdentityMatchView, { status: 'not-computed' }>['reason'],
      });
    return ok({
      status: 'computed',
      similarity: r.similarity,
      verdict: r.verdict,
      idFaceWidth: r.idFaceWidth,
      photoFaceWidth: r.photoFaceWidth,
      notes: r.notes,
    });
  }

  private async runOne(): Promise<boolean> {
    const { checks, clock } = this.deps;
    const now = clock.now();
    const job = await checks.claim(
      now.toISOString(),
      new Date(now.getTime() + LEASE_MS).toISOString(),
      MAX_ATTEMPTS,
    );
    if (!job) return false;
    try {
      const result = job.kind === 'evidence' ? await this.evidence(job) : await this.identity(job);
      await checks.finish(job.id, job.attempts, 'done', result, clock.now().toISOString());
      if (job.kind === 'evidence') await this.tellStaff(job);
    } catch (err) {
      this.deps.log.error({ err, check: job.id }, 'detection check failed');
      const last = job.attempts >= MAX_ATTEMPTS;
      await checks.finish(
        job.id,
        job.attempts,
        last ? 'failed' : 'pending',
        last ? { error: String(err instanceof Error ? err.message : err) } : undefined,
        clock.now().toISOString(),
      );
      if (last && job.kind === 'evidence') await this.tellStaff(job);
    }
    return true;
  }

  private async fileBytes(sessionId: string, fileId: string | null): Promise<Uint8Array | null> {
    if (!fileId) return null;
    const file = (await this.deps.sessions.listFiles(sessionId)).find((f) => f.id === fileId);
    return file ? ((await this.deps.blobs.get(file.blobKey)) ?? null) : null;
  }

  private async evidence(job: StoredCheck): Promise<EvidenceSeen> {
    const { fileId } = job.input as EvidenceInput;
    const image = await this.fileBytes(job.sessionId, fileId);
    if (!image) throw new Error(`evidence file ${fileId} is missing`);
    // Where the student agreed to face matching, the face is also compared with the check-in photo.
    const identity = await this.deps.checks.find(identityCheckId(job.sessionId));
    const input = identity?.input as IdentityInput | undefined;
    const reference = input?.consent ? await this.fileBytes(job.sessionId, input.faceFileId) : null;
    const seen = await this.deps.detector!.recheck(image, reference ? { reference } : {});
    return {
      faces: seen.faces.length,
      objects: [...new Set(seen.objects.map((o) => o.label))].sort(),
      ...(seen.similarity !== undefined ? { similarity: seen.similarity } : {}),
    };
  }

  private async identity(job: StoredCheck) {
    const input = job.input as IdentityInput;
    const [idPhoto, facePhoto] = await Promise.all([
      this.fileBytes(job.sessionId, input.idFileId),
      this.fileBytes(job.sessionId, input.faceFileId),
    ]);
    if (!idPhoto || !facePhoto) return { computed: false, reason: 'photos-missing' };
    return this.deps.detector!.identity(idPhoto, facePhoto);
  }

  /** The flags pointing at a re-checked snapshot change on the staff's screens. */
  private async tellStaff(job: StoredCheck): Promise<void> {
    const session = await this.deps.sessions.findById(job.sessionId);
    if (!session) return;
    for (const flag of await this.deps.signals.flagsWithEvidence(job.id)) {
      this.deps.publish({
        type: 'flag',
        examId: flag.examId,
        studentId: session.studentId,
        change: 'updated',
        flag: toFlagView(flag),
      });
    }
  }
}
