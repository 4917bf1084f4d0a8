// Use cases of evidence: a student's recorder stores segments and snapshots (idempotent by
// session, track, seq and SHA-256; durable before acknowledged; hashed into the audit chain),
// and the people related to the session list and play them back. The same path serves a written
// exam session and an oral turn that its slot records (ADR 0012): the session id says which.
import { evidenceAuditDraft, type AuditDraft } from '@emtihan/domain';
import {
  EVIDENCE_MAX_BYTES,
  SNAPSHOT_MAX_BYTES,
  type EvidenceAck,
  type EvidenceListResponse,
  type EvidenceTrack,
  type UserView,
} from '@emtihan/protocol';
import {
  byteLengthOf,
  sha256Of,
  type BlobStore,
  type WrittenBlob,
} from '../adapters/blob-store.port.ts';
import { canRead, relationsTo, type SessionRelation } from '../policies/session.policy.ts';
import type { CourseRepo } from '../repositories/course.repo.ts';
import type { EvidenceRepo, StoredSegment } from '../repositories/evidence.repo.ts';
import type { ExamRepo } from '../repositories/exam.repo.ts';
import type { OralRepo } from '../repositories/oral.repo.ts';
import type { SessionRepo, StoredSession } from '../repositories/session.repo.ts';
import type { Clock } from './clock.ts';
import { cleanPhoto } from './upload-content.ts';
import { ok, refuse, type Refusal, type Result } from './result.ts';
import { isStorageFull } from './storage-full.ts';

export interface SegmentUpload {
  track: EvidenceTrack;
  seq: number;
  sha256: string;
  startedAt: number;
  durationMs: number;
  contentType: string;
  /**
   * The body, in one array or in the pieces it arrived in. Pieces are emptied out of their
   * array once written to the store (see `upload`).
   */
  bytes: Uint8Array | Uint8Array[];
}

const isSnapshot = (track: EvidenceTrack) => track.endsWith('-snapshot');

/** The session a segment belongs to, whichever kind it is, and where its segments are kept. */
interface Owner {
  studentId: string;
  repo: EvidenceRepo;
  /** For an oral turn: its slot (told when a recording arrives) and whether it is recorded. */
  oral: { slotId: string; record: boolean; examinerIds: string[] } | null;
  examId: string;
}

export class EvidenceService {
  /** One group commit per segment table (written sessions', oral turns'). */
  private readonly commits = new Map<EvidenceRepo, GroupCommit>();
  /**
   * Written sessions' owners, kept after the first read: a session's student and exam never
   * change (its row is inserted once, never updated in those columns nor deleted), so each segment
   * need not read the session again. Oral turns are read each time (their slot's plan changes).
   */
  private readonly writtenOwners = new Map<string, Owner>();

  constructor(
    private readonly deps: {
      sessions: SessionRepo;
      exams: ExamRepo;
      courses: CourseRepo;
      evidence: EvidenceRepo;
      blobs: BlobStore;
      clock: Clock;
      /** Oral turns: their sessions, their recordings' repo, and who to tell of a new one. */
      oral?: {
        sessions: OralRepo;
        evidence: EvidenceRepo;
        recorded(slotId: string): void;
      };
    },
  ) {}

  private commitsOf(repo: EvidenceRepo): GroupCommit {
    let commits = this.commits.get(repo);
    if (!commits) this.commits.set(repo, (commits = new GroupCommit(repo)));
    return commits;
  }

  private async owner(sessionId: string): Promise<Owner | undefined> {
    const known = this.writtenOwners.get(sessionId);
    if (known) return known;
    const written = await this.deps.sessions.findById(sessionId);
    if (written) {
      const owner: Owner = {
        studentId: written.studentId,
        examId: written.examId,
        repo: this.deps.evidence,
        oral: null,
      };
      if (this.writtenOwners.size >= MAX_KNOWN_OWNERS) this.writtenOwners.clear();
      this.writtenOwners.set(sessionId, owner);
      return owner;
    }
    const oral = this.deps.oral;
    const turn = oral && (await oral.sessions.session(sessionId));
    if (!oral || !turn) return undefined;
    const slot = await oral.sessions.slot(turn.slotId);
    return {
      studentId: turn.studentId,
      examId: turn.examId,
      repo: oral.evidence,
      oral: {
        slotId: turn.slotId,
        record: slot?.plan?.record ?? false,
        examinerIds: slot?.plan?.examinerIds ?? [],
      },
    };
  }

  /** Stores one segment or snapshot of the caller's own session; a resend is acknowledged again. */
  async upload(
    sessionId: string,
    caller: UserView,
    u: SegmentUpload,
  ): Promise<Result<EvidenceAck>> {
    return this.uploadFor(sessionId, caller.id, u);
  }

  /** An upload on behalf of the sitting's student (their page, or their paired phone). */
  async uploadFor(
    sessionId: string,
    studentId: string,
    u: SegmentUpload,
  ): Promise<Result<EvidenceAck>> {
    const { blobs, clock } = this.deps;
    const session = await this.owner(sessionId);
    if (!session) return refuse('not-found', 'no such session');
    const evidence = session.repo;
    if (session.studentId !== studentId)
      return refuse('forbidden', 'only the student of this session sends its evidence');
    if (session.oral && !session.oral.record)
      return refuse('forbidden', 'this oral exam slot is not recorded');
    const snapshot = isSnapshot(u.track);
    if (snapshot ? u.contentType !== 'image/jpeg' : !u.contentType.startsWith('video/'))
      return refuse(
        'unsupported-media-type',
        `${u.track} takes ${snapshot ? 'image/jpeg' : 'video/webm or video/mp4'}`,
      );
    const limit = snapshot ? SNAPSHOT_MAX_BYTES : EVIDENCE_MAX_BYTES;
    const size = byteLengthOf(u.bytes);
    if (size > limit)
      return refuse('payload-too-large', `a ${u.track} item may have at most ${limit} bytes`);
    if (size === 0) return refuse('bad-request', 'the segment is empty');
    const actual = sha256Of(u.bytes);
    if (actual !== u.sha256)
      return refuse('bad-request', 'sha256 does not match the bytes received', 'sha256');
    if (snapshot) {
      // A snapshot must be a picture (ADR 0019): decoded, refused when it is not one. It is kept
      // as sent (a canvas JPEG carries no metadata), so its acknowledged hash still names it.
      const bytes = Array.isArray(u.bytes) ? new Uint8Array(Buffer.concat(u.bytes)) : u.bytes;
      const picture = await cleanPhoto(bytes, 'image/jpeg');
      if (!picture.ok) return picture;
    }

    const existing = await evidence.find(sessionId, u.track, u.seq);
    if (existing) {
      // Its first upload may still wait for the commit's flush: the resend is acknowledged (and
      // the student's copy let go) only once the row is on disk.
      await evidence.durable();
      if (existing.sha256 !== u.sha256) return this.ackExisting(existing, u);
      // The row can be on disk while its blob is not (the two are flushed at the same time,
      // below, and a crash may come between), or the first upload may still be flushing it:
      // the resend's bytes, the same by their hash, are stored again before it is acknowledged.
      try {
        await blobs.put(existing.blobKey, u.bytes, { sha256: actual });
      } catch (e) {
        return refusedWhenFull(e);
      }
      return this.ackExisting(existing, u);
    }

    // The key names the content, so a different body for the same seq never overwrites one.
    const ext = snapshot ? 'jpg' : u.contentType === 'video/mp4' ? 'mp4' : 'webm';
    const blobKey = `${session.oral ? 'oral/' : ''}evidence/${sessionId}/${u.track}/${String(u.seq).padStart(6, '0')}-${actual.slice(0, 16)}.${ext}`;
    // The bytes are written first (a full disk refuses the segment here, before any row), then
    // the row and its audit entry are committed while the blob is flushed: the two waits for the
    // disk overlap. The upload is acknowledged once both are durable.
    let written: WrittenBlob;
    try {
      written = await blobs.write(blobKey, u.bytes, { sha256: actual });
    } catch (e) {
      return refusedWhenFull(e);
    }
    // The bytes are in the store: let them go before waiting for the disk. Held until the
    // acknowledgement (tens of milliseconds), the body's buffers outlived two young-generation
    // collections and were moved to the old one; V8 then ran a full collection for every ~64 MB
    // of them, about three a second at 200 MB/s (ADR 0008, session 10).
    if (Array.isArray(u.bytes)) u.bytes.length = 0;
    const now = clock.now();
    const row: StoredSegment = {
      sessionId,
      track: u.track,
      seq: u.seq,
      sha256: actual,
      size,
      contentType: u.contentType,
      blobKey,
      startedAt: u.startedAt,
      durationMs: u.durationMs,
      receivedAt: now.toISOString(),
      deletedAt: null,
    };
    const audit = evidenceAuditDraft(
      now.getTime(),
      { role: 'student', userId: studentId },
      { sessionId, track: u.track, sequence: u.seq, sha256: actual, bytes: row.size },
    );
    const [inserted, flushFailed] = await Promise.all([
      this.commitsOf(evidence).insert(row, audit),
      written.durable.then(() => undefined, refusedWhenFull),
    ]);
    // A flush that failed after the row was committed: the segment is refused, and its resend
    // finds the row and stores the bytes again (above).
    if (flushFailed) return flushFailed;
    if (inserted) {
      if (session.oral) this.deps.oral?.recorded(session.oral.slotId);
      return ok(ack(row, false));
    }
    const raced = await evidence.find(sessionId, u.track, u.seq);
    if (!raced) throw new Error('evidence row vanished');
    return this.ackExisting(raced, u);
  }

  async list(sessionId: string, caller: UserView): Promise<Result<EvidenceListResponse>> {
    const found = await this.playable(sessionId, caller);
    if (!found.ok) return found;
    const segments = await found.value.list(sessionId);
    return ok({ segments: segments.map(({ sessionId: _s, blobKey: _b, ...view }) => view) });
  }

  async segment(
    sessionId: string,
    caller: UserView,
    track: EvidenceTrack,
    seq: number,
  ): Promise<Result<{ bytes: Uint8Array; contentType: string }>> {
    const found = await this.playable(sessionId, caller);
    if (!found.ok) return found;
    const row = await found.value.find(sessionId, track, seq);
    if (!row) return refuse('not-found', 'no such segment');
    if (row.deletedAt) return refuse('not-found', 'deleted after the retention period');
    const bytes = await this.deps.blobs.get(row.blobKey);
    if (!bytes) return refuse('not-found', 'the segment is missing from storage');
    return ok({ bytes, contentType: row.contentType });
  }

  /**
   * Where the session's segments are, when the caller may play them: for a written session those
   * related to it; for an oral turn its student, the slot's commission and the course's examiners.
   */
  private async playable(sessionId: string, caller: UserView): Promise<Result<EvidenceRepo>> {
    const owner = await this.owner(sessionId);
    if (!owner?.oral) {
      const found = await this.readable(sessionId, caller);
      return found.ok ? ok(this.deps.evidence) : found;
    }
    const exam = await this.deps.exams.findById(owner.examId);
    const roles = exam ? await this.deps.courses.rolesOf(exam.courseId, caller.id) : [];
    const allowed =
      owner.studentId === caller.id ||
      owner.oral.examinerIds.includes(caller.id) ||
      roles.includes('examiner');
    return allowed ? ok(owner.repo) : refuse('forbidden', 'not your oral exam');
  }

  /** The session and the caller's relations to it, when they may read it. */
  async readable(
    sessionId: string,
    caller: UserView,
  ): Promise<Result<{ session: StoredSession; relations: SessionRelation[] }>> {
    const session = await this.deps.sessions.findById(sessionId);
    if (!session) return refuse('not-found', 'no such session');
    const exam = await this.deps.exams.findById(session.examId);
    const roles = exam ? await this.deps.courses.rolesOf(exam.courseId, caller.id) : [];
    const relations = relationsTo(session, caller.id, roles);
    if (!canRead(relations)) return refuse('forbidden', 'not your session');
    return ok({ session, relations });
  }

  private ackExisting(existing: StoredSegment, u: SegmentUpload): Result<EvidenceAck> {
    return existing.sha256 === u.sha256
      ? ok(ack(existing, true))
      : refuse(
          'conflict',
          `${u.track} segment ${u.seq} was already stored with other content`,
          'seq',
        );
  }
}

/**
 * Group commit of uploads: rows that arrive while a commit runs go to the database together in
 * the next one, so many segments share one transaction and one fsync. Each upload still waits
 * for the commit that holds its own row and audit entry before it is acknowledged. If a group
 * fails, each row is tried alone, so one bad row fails only its own upload.
 */
class GroupCommit {
  private pending: {
    item: { segment: StoredSegment; audit: AuditDraft };
    resolve(inserted: boolean): void;
    reject(err: unknown): void;
  }[] = [];
  private running = false;

  constructor(private readonly repo: EvidenceRepo) {}

  insert(segment: StoredSegment, audit: AuditDraft): Promise<boolean> {
    return new Promise((resolve, reject) => {
      this.pending.push({ item: { segment, audit }, resolve, reject });
      if (!this.running) void this.run();
    });
  }

  private async run(): Promise<void> {
    this.running = true;
    try {
      while (this.pending.length > 0) {
        // Uploads whose bytes are stored by now (I/O callbacks run before setImmediate) join.
        await new Promise((r) => setImmediate(r));
        const group = this.pending.splice(0, MAX_GROUP);
        try {
          const { inserted, durable } = await this.repo.commitMany(group.map((g) => g.item));
          // The next group commits while this one's commit is made durable.
          durable.then(
            () => group.forEach((g, i) => g.resolve(inserted[i]!)),
            (e: unknown) => group.forEach((g) => g.reject(e)),
          );
        } catch {
          for (const g of group)
            await this.repo.insertMany([g.item]).then(([i]) => g.resolve(i!), g.reject);
        }
      }
    } finally {
      this.running = false;
    }
  }
}

const MAX_GROUP = 256;
/** Sessions whose owner is kept (a few hundred bytes each); all are forgotten when full. */
const MAX_KNOWN_OWNERS = 20_000;

const ack = (s: StoredSegment, duplicate: boolean): EvidenceAck => ({
  track: s.track,
  seq: s.seq,
  sha256: s.sha256,
  size: s.size,
  duplicate,
});

/**
 * A failed write to the blob store: refused when the store is full (the student keeps the
 * segment and sends it again later), thrown otherwise.
 */
function refusedWhenFull(e: unknown): Refusal {
  if (isStorageFull(e))
    return refuse(
      'insufficient-storage',
      'the evidence storage is full; keep the segment and send it again later',
    );
  throw e;
}
