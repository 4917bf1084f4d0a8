// Signals in, flags out, on the server (ADR 0006). The student's page sends batches of signals;
// this service checks who sends them and whether the sitting is live, runs the domain's rules
// (a per-session `FlagTracker`, rebuilt from the database on any node), and queues the batch,
// the flags it changed and their audit entries for the write-behind queue, which commits many
// sessions in one transaction. The batch is acknowledged, and flags published to the exam's
// staff, only after that commit: nothing acknowledged lives only in memory.
import { createHash, randomUUID } from 'node:crypto';
import {
  createFlagTracker,
  isSecondCameraSignal,
  isWarningUnacknowledged,
  resolveFlagThresholds,
  restBreakMarks,
  restBreakSpans,
  sittingFlagThresholds,
  type Accommodation,
  type AuditDraft,
  type ExamCheckSettings,
  type Interval,
  type Flag,
  type FlagMark,
  type FlagThresholds,
  type FlagTracker,
  type FlagTrackerSnapshot,
  type SecondCameraState,
  type SittingSignal,
  type SkippableCheck,
  type WrittenStatus,
} from '@emtihan/domain';
import type {
  ClientAck,
  FlagMessage,
  FlagView,
  LiveState,
  LiveStatesMessage,
  SignalBatchMessage,
} from '@emtihan/protocol';
import type { BlobStore } from '../adapters/blob-store.port.ts';
import type { ExamRepo } from '../repositories/exam.repo.ts';
import type { SessionRepo } from '../repositories/session.repo.ts';
import type {
  CommitOutcome,
  EvidenceFile,
  SittingRest,
  SignalRepo,
  SignalWrite,
  StoredFlag,
  StoredSignal,
} from '../repositories/signal.repo.ts';
import type { Clock } from './clock.ts';
import { SeqRanges } from './seq-ranges.ts';

/** Sends a flag change to the exam's staff room. */
export type FlagPublisher = (message: FlagMessage) => void;

/** Signals are taken while the sitting is live: from "Join meeting" (waiting) to the end of work. */
const LIVE_STATUSES: readonly WrittenStatus[] = ['awaiting_approval', 'in_progress', 'paused'];
const LIVE: ReadonlySet<WrittenStatus> = new Set(LIVE_STATUSES);
/** A page's clock may run a little ahead of the server's; more than this is refused. */
const FUTURE_TOLERANCE_MS = 10_000;
/**
 * How long a node trusts its copy of a session's status for an early refusal when another node
 * changed it (changes on this node drop the copy at once: `forget`). It decides nothing: every
 * group commit checks the status again in its transaction (nothing is stored for a sitting that
 * has ended, on whichever node) and refreshes the copy, so a session that keeps sending is not
 * read again, even when commits are slow.
 */
const META_TTL_MS = 30_000;
/** How long the thresholds read from an exam's settings serve its sittings that start. */
const THRESHOLDS_TTL_MS = 60_000;
/** A tracker idle this long is dropped from the node's cache (rebuilt from the database). */
const IDLE_MS = 10 * 60_000;
/**
 * Every this many batches (10 minutes at one every 2 s) a sitting's tracker is stored with its
 * batch: a node that takes the sitting over (or this one after a restart) replays the batches
 * since, not the whole sitting (ADR 0015, session 11).
 */
export const TRACKER_SAVE_EVERY = 300;

/** Where a sitting's tracker stood after a batch, as stored (`signal_trackers.state`). */
interface SavedTracker {
  version: 1;
  /** The thresholds it ran under (an exam's changed since: replay all under the new ones). */
  rules: string;
  /** The batches the tracker had taken (a batch stored since but not in them means: replay all). */
  covered: [number, number][];
  tracker: FlagTrackerSnapshot;
  /** Evidence of the signals the snapshot still points at (tracker index → file id). */
  evidence: [number, string][];
}

const parseSaved = (state: string): SavedTracker | undefined => {
  try {
    const saved = JSON.parse(state) as SavedTracker;
    return saved.version === 1 ? saved : undefined;
  } catch {
    return undefined;
  }
};

interface SessionMeta {
  sessionId: string;
  studentId: string;
  examId: string;
  status: WrittenStatus;
  /** The exam's, less the checks the student's accommodation skips. */
  thresholds: FlagThresholds;
  /** The student may take rest breaks: each batch reads the sitting's breaks. */
  restBreaks: boolean;
  fetchedAt: number;
}

/** The last rest-break mark of a sitting's stream: its break's start, and whether it began it. */
type BreakMarkSeen = { since: number; active: boolean } | null;

/** An exam's check settings, and the thresholds made of them per set of skipped checks. */
interface ExamChecks {
  settings: ExamCheckSettings | null;
  /** By the skipped checks (sorted, joined): the sittings of one exam share one object. */
  thresholds: Map<string, FlagThresholds>;
}

interface TrackerEntry {
  tracker: FlagTracker;
  lastAt: number | null;
  /** The batch numbers stored (this node's view; the database decides a duplicate). */
  seqs: SeqRanges;
  maxSeq: number;
  /** Tracker index → evidence file of that signal. */
  evidence: Map<number, string>;
  /** Known flags of this session by `category:startAt`. */
  flags: Map<string, StoredFlag>;
  /** The keys of the known flags that are ongoing (the only ones that can end by going away). */
  ongoing: Set<string>;
  /** Where the last comparison with the tracker stood: flags settled before it are known. */
  mark?: FlagMark;
  /** The batch after which the tracker was last stored (-1: never). */
  savedSeq: number;
  /** The last rest-break mark the tracker took (the marks still due follow it). */
  breakMark: BreakMarkSeen;
  /** The last phone report taken (this node's; a rebuilt entry takes them again: harmless). */
  phoneSeq: number;
  inflight: Map<number, Promise<Committed>>;
  usedAt: number;
}

interface FlagChange {
  change: FlagMessage['change'];
  flag: StoredFlag;
}

export const toFlagView = (f: StoredFlag): FlagView => ({
  id: f.id,
  sessionId: f.sessionId,
  category: f.category,
  severity: f.severity,
  startAt: f.startAt,
  endAt: f.endAt,
  ongoing: f.ongoing,
  evidenceFileId: f.evidenceFileId,
  ...(f.serverCheck !== undefined ? { serverCheck: f.serverCheck } : {}),
});

/** The domain's view of a stored flag (for the violation policy). */
export const toDomainFlag = (f: StoredFlag): Flag => ({
  category: f.category,
  severity: f.severity,
  startAt: f.startAt,
  endAt: f.endAt,
  durationMs: f.endAt - f.startAt,
  ongoing: f.ongoing,
  signalIndexes: [],
});

export interface SignalServiceDeps {
  repo: SignalRepo;
  sessions: SessionRepo;
  exams: ExamRepo;
  blobs: BlobStore;
  clock: Clock;
  publish: FlagPublisher;
  /** Sends the sittings whose batches were just stored to the exam's staff room. */
  publishLive?: (message: LiveStatesMessage) => void;
  log: { error(obj: unknown, msg: string): void; warn(obj: unknown, msg: string): void };
  /** Delay before a group commit (more writes join it). */
  flushDelayMs?: number;
  /** The server re-checks each evidence snapshot (ADR 0009): queued with the snapshot. */
  recheckEvidence?: boolean;
  /** Told after a commit that queued re-checks (wakes the detection job on this node). */
  onRecheckQueued?: () => void;
  /** Store a sitting's tracker every this many batches (default `TRACKER_SAVE_EVERY`). */
  trackerSaveEvery?: number;
  /**
   * What the sitting's paired phone reported after event `afterSeq` (ADR 0023). The phone has
   * its own socket; its reports are taken into the sitting's stream with the next batch.
   */
  phoneEvents?: (
    sessionId: string,
    afterSeq: number,
  ) => Promise<{ seq: number; at: number; state: SecondCameraState; battery: number | null }[]>;
}

export class SignalService {
  private readonly metas = new Map<string, SessionMeta>();
  /** Reads of a session's meta under way: the batches that come meanwhile share them. */
  private readonly metaReads = new Map<string, Promise<SessionMeta | undefined>>();
  private readonly entries = new Map<string, TrackerEntry>();
  private readonly locks = new Map<string, Promise<unknown>>();
  private readonly examChecks = new Map<string, { value: Promise<ExamChecks>; at: number }>();
  /**
   * Each sitting's accommodation (null: none), read once when it starts sending on this node; it
   * stays while the node serves the sitting (a status change does not drop it).
   */
  private readonly accommodations = new Map<string, Promise<Accommodation | null>>();
  private readonly queue: WriteBehindQueue;
  /** Live states of the sittings stored by the last commit, by exam: one message per exam. */
  private live = new Map<string, LiveState[]>();
  private closing = false;

  constructor(private readonly deps: SignalServiceDeps) {
    this.queue = new WriteBehindQueue(deps.repo, deps.blobs, deps.clock, deps.flushDelayMs ?? 2);
  }

  /** One batch from a student's page. Acknowledged once stored; refused whole, with a reason. */
  async receive(userId: string, msg: SignalBatchMessage): Promise<ClientAck> {
    if (this.closing)
      return { ok: false, reason: 'unavailable', message: 'the server is stopping' };
    const meta = await this.meta(msg.sessionId);
    // Someone else's session, or none: the same answer, so ids cannot be probed.
    if (!meta || meta.studentId !== userId) {
      return { ok: false, reason: 'forbidden', message: 'not your session' };
    }
    if (!LIVE.has(meta.status)) {
      return { ok: false, reason: 'not-live', message: `the sitting is ${meta.status}` };
    }
    const now = this.deps.clock.now().getTime();
    const ahead = msg.signals.findIndex((s) => s.at > now + FUTURE_TOLERANCE_MS);
    if (ahead !== -1) {
      return {
        ok: false,
        reason: 'invalid-message',
        message: `signals.${ahead}.at: later than the server's time`,
      };
    }
    const phoneKind = msg.signals.findIndex((s) => isSecondCameraSignal(s));
    if (phoneKind !== -1) {
      // The phone speaks for itself over its own socket (ADR 0023); the computer cannot.
      return {
        ok: false,
        reason: 'invalid-message',
        message: `signals.${phoneKind}.kind: only the paired phone reports its camera`,
      };
    }
    if (msg.evidence && msg.evidence.index >= msg.signals.length) {
      return {
        ok: false,
        reason: 'invalid-message',
        message: 'evidence.index: no such signal in the batch',
      };
    }
    return this.locked(msg.sessionId, () => this.apply(meta, msg));
  }

  /** The session changed on this node (terminated, submitted, …): read its status again. */
  forget(sessionId: string): void {
    this.metas.delete(sessionId);
    this.metaReads.delete(sessionId);
  }

  /** The flags of every sitting of an exam, newest first, by session. */
  async flagsByExam(examId: string): Promise<Map<string, StoredFlag[]>> {
    const result = new Map<string, StoredFlag[]>();
    for (const f of await this.deps.repo.flagsOfExam(examId)) {
      const list = result.get(f.sessionId) ?? [];
      list.push(f);
      result.set(f.sessionId, list);
    }
    return result;
  }

  /**
   * Time acts on conditions still holding (a tab hidden for 15 s grows from minor to gross with
   * no new signal): re-evaluates this node's live trackers. Called every second.
   */
  async tick(): Promise<void> {
    const now = this.deps.clock.now().getTime();
    const work: Promise<unknown>[] = [];
    for (const [sessionId, entry] of this.entries) {
      if (now - entry.usedAt > IDLE_MS) {
        this.entries.delete(sessionId);
        this.accommodations.delete(sessionId);
        continue;
      }
      const live = entry.tracker.holding().length > 0;
      const ongoing = entry.ongoing.size > 0;
      if (!live && !ongoing) continue;
      const meta = this.metas.get(sessionId);
      if (!meta) continue;
      work.push(
        this.locked(sessionId, async () => {
          if (this.entries.get(sessionId) !== entry) return;
          const changes = this.diff(meta, entry, this.deps.clock.now().getTime());
          if (changes.length === 0) return;
          await this.commitChanges(meta, entry, changes);
        }).catch((err: unknown) => this.deps.log.error({ err, sessionId }, 'flag tick failed')),
      );
    }
    await Promise.all(work);
  }

  /**
   * Warnings whose acknowledgement time has passed (armed in the database when issued): a
   * warning still not acknowledged becomes a flag. Safe on every node at once.
   */
  async checkWarnings(limit = 100): Promise<number> {
    const { repo, sessions, clock } = this.deps;
    const nowIso = clock.now().toISOString();
    const due = await repo.dueWarningChecks(nowIso, limit);
    let raised = 0;
    for (const check of due) {
      const s = await sessions.findById(check.sessionId);
      const warning = s?.state.warnings.find((w) => w.id === check.warningId);
      const dueAt = Date.parse(check.dueAt);
      const ignored =
        !!s &&
        !!warning &&
        isWarningUnacknowledged(warning, dueAt + 1, s.state.terms.warningAckLimitSeconds);
      const flag: StoredFlag | null =
        s && warning && ignored
          ? {
              id: randomUUID(),
              sessionId: s.id,
              examId: s.examId,
              category: 'warning_unacknowledged',
              severity: 'minor',
              startAt: dueAt,
              endAt: dueAt,
              ongoing: false,
              evidenceFileId: null,
              source: 'warning',
            }
          : null;
      const audit: AuditDraft[] = flag
        ? [
            {
              at: clock.now().getTime(),
              actor: { role: 'system' },
              type: 'flag-raised',
              payload: {
                flagId: flag.id,
                category: flag.category,
                severity: flag.severity,
                startAt: flag.startAt,
                warningId: check.warningId,
              },
            },
          ]
        : [];
      const closed = await repo.closeWarningCheck(check, flag, audit, nowIso);
      if (closed && flag && s) {
        raised++;
        this.deps.publish({
          type: 'flag',
          examId: s.examId,
          studentId: s.studentId,
          change: 'raised',
          flag: toFlagView(flag),
        });
      }
    }
    return raised;
  }

  /** Commits what is queued (on shutdown). */
  async close(): Promise<void> {
    this.closing = true;
    await this.queue.drain();
  }

  private async apply(meta: SessionMeta, msg: SignalBatchMessage): Promise<ClientAck> {
    // A student who may take breaks: where the sitting's breaks stand now, whichever node
    // started or ended them (one read of two fields of its state per batch, for these only).
    const rest = meta.restBreaks ? await this.deps.repo.sittingRestOf(meta.sessionId) : undefined;
    const spans: Interval[] = rest
      ? restBreakSpans({
          breaks: rest.breaks,
          terms: { accommodation: rest.accommodation ?? undefined },
        })
      : [];
    let entry = await this.entry(meta);
    if (entry.seqs.has(msg.seq)) return this.duplicate(entry, msg.seq);
    // A gap means another node took batches of this session: rebuild from the database.
    if (entry.maxSeq !== -1 && msg.seq !== entry.maxSeq + 1) {
      this.entries.delete(meta.sessionId);
      entry = await this.entry(meta);
      if (entry.seqs.has(msg.seq)) return this.duplicate(entry, msg.seq);
    }
    const now = this.deps.clock.now().getTime();
    const order = msg.signals
      .map((signal, idx) => ({ signal, idx }))
      .sort((a, b) => a.signal.at - b.signal.at || a.idx - b.idx);
    const stored: StoredSignal[] = [];
    let evidence: EvidenceFile | undefined;
    let evidenceBytes: Uint8Array | undefined;
    const e = entry;
    /**
     * The rest-break marks due up to `until`, taken by the tracker and stored in this batch where
     * they were taken (the stream's time never goes back: a mark learnt late is taken late).
     */
    const markBreaks = (until: number) => {
      for (const mark of restBreakMarks(spans, e.breakMark, until)) {
        const at = Math.max(mark.at, e.lastAt ?? mark.at);
        const taken: SittingSignal = { ...mark, at };
        if (!e.tracker.push(taken).ok) throw new Error('tracker refused an ordered mark');
        e.lastAt = at;
        e.breakMark = { since: mark.since, active: mark.active };
        stored.push({ batchSeq: msg.seq, idx: -1, signal: taken, evidenceFileId: null });
      }
    };
    // The phone's reports since the last batch (ADR 0023), where the exam uses a phone: taken
    // as the server's marks, in order, never earlier than the stream's time. Taken again after a
    // rebuild, the same states at the same moment change nothing.
    const phoneUsed = meta.thresholds.second_camera_lost.enabled;
    const phone = phoneUsed
      ? ((await this.deps.phoneEvents?.(meta.sessionId, e.phoneSeq).catch(() => [])) ?? [])
      : [];
    for (const ev of phone) {
      const at = Math.max(ev.at, e.lastAt ?? ev.at);
      const taken: SittingSignal = { kind: 'second-camera', at, state: ev.state };
      if (!e.tracker.push(taken).ok) throw new Error('tracker refused an ordered phone report');
      e.lastAt = at;
      e.phoneSeq = ev.seq;
      stored.push({ batchSeq: msg.seq, idx: -1, signal: taken, evidenceFileId: null });
    }
    for (const { signal, idx } of order) {
      // Never earlier than what this session already has: the tracker reads time forward.
      const at = Math.max(signal.at, entry.lastAt ?? signal.at);
      markBreaks(at);
      const accepted = { ...signal, at } as SittingSignal;
      const pushed = entry.tracker.push(accepted);
      if (!pushed.ok) throw new Error('tracker refused an ordered signal');
      entry.lastAt = at;
      const row: StoredSignal = { batchSeq: msg.seq, idx, signal: accepted, evidenceFileId: null };
      // A snapshot is kept when its moment began something that may become a flag.
      if (msg.evidence?.index === idx && pushed.opened.length > 0) {
        const id = randomUUID();
        evidenceBytes = toBytes(msg.evidence.jpeg);
        evidence = {
          id,
          blobKey: `sessions/${meta.sessionId}/flag-evidence/${id}`,
          sha256: '',
          size: evidenceBytes.byteLength,
          ...(this.deps.recheckEvidence ? { recheck: true } : {}),
        };
        row.evidenceFileId = id;
        entry.evidence.set(pushed.index, id);
      }
      stored.push(row);
    }
    // A break that began or ended since the page's last signal is marked now, so what holds (and
    // the flag tick) follows it without waiting for the next signal.
    markBreaks(now);
    entry.seqs.add(msg.seq);
    entry.maxSeq = Math.max(entry.maxSeq, msg.seq);
    const changes = this.diff(meta, entry, now);
    const save = msg.seq - entry.savedSeq >= (this.deps.trackerSaveEvery ?? TRACKER_SAVE_EVERY);
    if (save) entry.savedSeq = msg.seq;
    const write: SignalWrite = {
      sessionId: meta.sessionId,
      batch: { seq: msg.seq, signals: stored },
      liveStatuses: LIVE_STATUSES,
      ...(evidence ? { evidence } : {}),
      flags: changes.map((c) => c.flag),
      audit: auditOf(changes, now),
      ...(save ? { tracker: { seq: msg.seq, state: savedState(entry, meta.thresholds) } } : {}),
    };
    const committed = this.queue.enqueue(write, evidenceBytes);
    // Until it is on disk, a resend of this batch waits for it (and is acknowledged with it).
    entry.inflight.set(msg.seq, committed);
    try {
      let outcome: CommitOutcome;
      let durable: Promise<void>;
      try {
        ({ outcome, durable } = await committed);
      } catch (err) {
        this.deps.log.error({ err, sessionId: meta.sessionId }, 'signal batch not stored');
        this.entries.delete(meta.sessionId);
        return { ok: false, reason: 'unavailable', message: 'not stored; send it again' };
      }
      if (outcome === 'not-live') {
        // Ended meanwhile (perhaps on another node): nothing stored, the tracker counted it.
        this.entries.delete(meta.sessionId);
        this.metas.delete(meta.sessionId);
        return { ok: false, reason: 'not-live', message: 'the sitting has ended' };
      }
      if (outcome === 'duplicate') {
        // Another node stored it first: this node's tracker counted it twice.
        this.entries.delete(meta.sessionId);
        return { ok: true, seq: msg.seq, duplicate: true };
      }
      // The commit read the status in its transaction: the copy is as fresh as that.
      meta.fetchedAt = now;
      // Committed: the staff may see it now. The student's page keeps the batch until it is
      // acknowledged, which waits until the commit is on disk (ADR 0015).
      this.publish(meta, changes);
      this.publishLive(meta, entry, msg.seq);
      if (evidence?.recheck) this.deps.onRecheckQueued?.();
      try {
        await durable;
      } catch (err) {
        this.deps.log.error({ err, sessionId: meta.sessionId }, 'signal batch not on disk');
        return { ok: false, reason: 'unavailable', message: 'not stored; send it again' };
      }
      return { ok: true, seq: msg.seq, duplicate: false };
    } finally {
      entry.inflight.delete(msg.seq);
    }
  }

  private async duplicate(entry: TrackerEntry, seq: number): Promise<ClientAck> {
    const pending = entry.inflight.get(seq);
    if (pending) {
      const stored = await pending
        .then(async (c) => c.outcome === 'stored' && (await c.durable.then(() => true)))
        .catch(() => false);
      if (!stored)
        return { ok: false, reason: 'unavailable', message: 'not stored; send it again' };
    }
    return { ok: true, seq, duplicate: true };
  }

  private async commitChanges(
    meta: SessionMeta,
    entry: TrackerEntry,
    changes: FlagChange[],
  ): Promise<void> {
    const now = this.deps.clock.now().getTime();
    try {
      await this.queue.enqueue({
        sessionId: meta.sessionId,
        flags: changes.map((c) => c.flag),
        audit: auditOf(changes, now),
      });
    } catch (err) {
      this.entries.delete(meta.sessionId);
      throw err;
    }
    entry.usedAt = now;
    this.publish(meta, changes);
  }

  /**
   * Compares the tracker's flags now with the known ones; updates the known ones. Only the flags
   * that may have changed since the last comparison are read, so a sitting hours long costs no
   * more per batch than a new one.
   */
  private diff(meta: SessionMeta, entry: TrackerEntry, now: number): FlagChange[] {
    const changes: FlagChange[] = [];
    const seen = new Set<string>();
    const recent = entry.tracker.recentFlags(now, entry.mark);
    entry.mark = recent.mark;
    const know = (key: string, flag: StoredFlag) => {
      entry.flags.set(key, flag);
      if (flag.ongoing) entry.ongoing.add(key);
      else entry.ongoing.delete(key);
    };
    for (const f of recent.flags) {
      const key = `${f.category}:${f.startAt}`;
      seen.add(key);
      const known = entry.flags.get(key);
      const evidenceFileId =
        known?.evidenceFileId ??
        f.signalIndexes.map((i) => entry.evidence.get(i)).find((x) => x !== undefined) ??
        null;
      if (!known) {
        const flag: StoredFlag = {
          id: randomUUID(),
          sessionId: meta.sessionId,
          examId: meta.examId,
          category: f.category,
          severity: f.severity,
          startAt: f.startAt,
          endAt: f.endAt,
          ongoing: f.ongoing,
          evidenceFileId,
          source: 'signals',
        };
        know(key, flag);
        changes.push({ change: 'raised', flag });
      } else if (known.severity !== f.severity || known.ongoing !== f.ongoing) {
        const flag = { ...known, severity: f.severity, ongoing: f.ongoing, endAt: f.endAt };
        know(key, flag);
        changes.push({ change: f.ongoing ? 'updated' : 'ended', flag });
      } else if (known.ongoing) {
        known.endAt = f.endAt;
      }
    }
    // Superseded by a stronger category (face_absent by left_without_warning): it ends. A flag
    // known as ongoing is always among the recent ones while the tracker still has it.
    for (const key of entry.ongoing) {
      const known = entry.flags.get(key);
      if (!known || known.source !== 'signals' || seen.has(key)) continue;
      const flag = { ...known, ongoing: false, endAt: now };
      know(key, flag);
      changes.push({ change: 'ended', flag });
    }
    return changes;
  }

  /**
   * Queues the sitting's live state for its exam's staff; the states of one commit go out
   * together once all of its acknowledgements are on their way.
   */
  private publishLive(meta: SessionMeta, entry: TrackerEntry, seq: number): void {
    if (!this.deps.publishLive || entry.lastAt === null) return;
    const secondCamera = entry.tracker.secondCamera();
    const state: LiveState = {
      sessionId: meta.sessionId,
      studentId: meta.studentId,
      at: entry.lastAt,
      seq,
      holding: entry.tracker.holding(),
      // The paired phone, once it has reported (its camera's state, its battery).
      ...(secondCamera ? { secondCamera } : {}),
    };
    const list = this.live.get(meta.examId);
    if (list) return void list.push(state);
    if (this.live.size === 0) setImmediate(() => this.flushLive());
    this.live.set(meta.examId, [state]);
  }

  private flushLive(): void {
    const live = this.live;
    this.live = new Map();
    for (const [examId, states] of live) {
      this.deps.publishLive?.({ type: 'live-states', examId, states });
    }
  }

  private publish(meta: SessionMeta, changes: FlagChange[]): void {
    for (const c of changes) {
      this.deps.publish({
        type: 'flag',
        examId: meta.examId,
        studentId: meta.studentId,
        change: c.change,
        flag: toFlagView(c.flag),
      });
    }
  }

  private meta(sessionId: string): Promise<SessionMeta | undefined> {
    const now = this.deps.clock.now().getTime();
    const cached = this.metas.get(sessionId);
    if (cached && now - cached.fetchedAt < META_TTL_MS) return Promise.resolve(cached);
    // One read per session at a time: when reads queue behind group commits (10,000 sittings
    // starting at once), a sitting's next batches must not each read it again.
    const reading = this.metaReads.get(sessionId);
    if (reading) return reading;
    const read: Promise<SessionMeta | undefined> = this.readMeta(sessionId, cached, now).finally(
      () => {
        if (this.metaReads.get(sessionId) === read) this.metaReads.delete(sessionId);
      },
    );
    this.metaReads.set(sessionId, read);
    return read;
  }

  private async readMeta(
    sessionId: string,
    cached: SessionMeta | undefined,
    now: number,
  ): Promise<SessionMeta | undefined> {
    // Student, exam and status only (not the state document): a prepared read (ADR 0015).
    const s = await this.deps.repo.sittingOf(sessionId);
    if (!s) return undefined;
    const accommodation = await this.accommodationOf(sessionId).catch(() => undefined);
    if (accommodation === undefined) return undefined;
    const thresholds =
      cached?.thresholds ??
      (await this.thresholdsOf(s.examId, accommodation?.skippedChecks ?? []).catch(
        () => undefined,
      ));
    if (!thresholds) return undefined;
    const meta: SessionMeta = {
      sessionId,
      studentId: s.studentId,
      examId: s.examId,
      status: s.status as WrittenStatus,
      thresholds,
      restBreaks: (accommodation?.breakMinutes ?? 0) > 0,
      fetchedAt: now,
    };
    this.metas.set(sessionId, meta);
    return meta;
  }

  /** A sitting's accommodation (null: none), read once per sitting on this node. */
  private accommodationOf(sessionId: string): Promise<Accommodation | null> {
    let read = this.accommodations.get(sessionId);
    if (!read) {
      read = this.deps.repo
        .sittingRestOf(sessionId)
        .then((r: SittingRest | undefined) => r?.accommodation ?? null);
      this.accommodations.set(sessionId, read);
      read.catch(() => this.accommodations.delete(sessionId));
    }
    return read;
  }

  /**
   * A sitting's thresholds: its exam's, read once per exam and minute however many of its
   * sittings start sending at once, less the checks the student's accommodation skips (a sitting
   * keeps the thresholds it started with, as before). Sittings that skip the same checks share
   * one object.
   */
  private async thresholdsOf(
    examId: string,
    skipped: readonly SkippableCheck[],
  ): Promise<FlagThresholds> {
    const now = this.deps.clock.now().getTime();
    let cached = this.examChecks.get(examId);
    if (!cached || now - cached.at >= THRESHOLDS_TTL_MS) {
      const value = this.readExamChecks(examId);
      cached = { value, at: now };
      this.examChecks.set(examId, cached);
      value.catch(() => this.examChecks.delete(examId));
    }
    const exam = await cached.value;
    const key = [...skipped].sort().join(',');
    let thresholds = exam.thresholds.get(key);
    if (!thresholds) {
      thresholds = exam.settings
        ? sittingFlagThresholds(exam.settings, skipped)
        : resolveFlagThresholds();
      exam.thresholds.set(key, thresholds);
    }
    return thresholds;
  }

  private async readExamChecks(examId: string): Promise<ExamChecks> {
    const [exam, authoring] = await Promise.all([
      this.deps.exams.findById(examId),
      this.deps.exams.authoringOf(examId),
    ]);
    // The examiner's checks, sensitivity and devices (ADR 0017).
    const settings: ExamCheckSettings | null = exam
      ? {
          ...exam.settings,
          handoutsAllowed: authoring?.ruleSet?.allowed.includes('handouts') ?? true,
        }
      : null;
    return { settings, thresholds: new Map() };
  }

  /**
   * The session's tracker on this node; when not cached, restored from where it was last stored
   * and the batches since replayed (or, without one, every batch).
   */
  private async entry(meta: SessionMeta): Promise<TrackerEntry> {
    const cached = this.entries.get(meta.sessionId);
    if (cached) {
      cached.usedAt = Date.now();
      return cached;
    }
    let loaded = await this.deps.repo.loadSession(meta.sessionId);
    let saved = loaded.tracker && parseSaved(loaded.tracker.state);
    if (loaded.tracker) {
      const upTo = loaded.tracker.seq;
      const covered = saved && SeqRanges.fromRanges(saved.covered);
      // A batch stored meanwhile below it (another node's) is not in it, or the exam's
      // thresholds changed since: replay the sitting.
      if (
        !covered ||
        saved!.rules !== rulesOf(meta.thresholds) ||
        loaded.seqs.some((seq) => seq <= upTo && !covered.has(seq))
      ) {
        loaded = await this.deps.repo.loadSession(meta.sessionId, { whole: true });
        saved = undefined;
      }
    }
    const tracker = createFlagTracker(meta.thresholds, saved?.tracker);
    const signalFlags = loaded.flags.filter((f) => f.source === 'signals');
    const seqs = new SeqRanges(loaded.seqs);
    const entry: TrackerEntry = {
      tracker,
      lastAt: saved?.tracker.lastAt ?? null,
      seqs,
      maxSeq: seqs.max,
      evidence: new Map(saved?.evidence),
      flags: new Map(signalFlags.map((f) => [`${f.category}:${f.startAt}`, f])),
      ongoing: new Set(
        signalFlags.filter((f) => f.ongoing).map((f) => `${f.category}:${f.startAt}`),
      ),
      savedSeq: saved ? loaded.tracker!.seq : -1,
      breakMark: breakMarkOf(saved?.tracker.observed),
      phoneSeq: -1,
      inflight: new Map(),
      usedAt: Date.now(),
    };
    for (const s of loaded.signals) {
      const pushed = tracker.push(s.signal);
      if (!pushed.ok) continue;
      entry.lastAt = s.signal.at;
      if (s.signal.kind === 'rest-break') {
        entry.breakMark = { since: s.signal.since, active: s.signal.active };
      }
      if (s.evidenceFileId) entry.evidence.set(pushed.index, s.evidenceFileId);
    }
    this.entries.set(meta.sessionId, entry);
    return entry;
  }

  /** Runs `fn` after the session's previous work on this node (batches apply in order). */
  private locked<T>(sessionId: string, fn: () => Promise<T>): Promise<T> {
    const previous = this.locks.get(sessionId) ?? Promise.resolve();
    const run = previous.then(fn, fn);
    const tail = run.catch(() => {});
    this.locks.set(sessionId, tail);
    void tail.then(() => {
      if (this.locks.get(sessionId) === tail) this.locks.delete(sessionId);
    });
    return run;
  }
}

/** The last rest-break mark a stored tracker had taken. */
const breakMarkOf = (observed: FlagTrackerSnapshot['observed'] | undefined): BreakMarkSeen =>
  observed?.breakSince != null ? { since: observed.breakSince, active: !!observed.onBreak } : null;

/** A short name of a set of thresholds (a restored tracker must have run under the same). */
const rulesOf = (thresholds: FlagThresholds): string =>
  createHash('sha256').update(JSON.stringify(thresholds)).digest('base64url').slice(0, 16);

/** Where the entry's tracker stands, to store with its batch. */
function savedState(entry: TrackerEntry, thresholds: FlagThresholds): string {
  const tracker = entry.tracker.snapshot();
  const pointedAt = new Set<number>();
  const point = (indexes: readonly number[]) => indexes.forEach((i) => pointedAt.add(i));
  for (const open of Object.values(tracker.open)) point(open.signalIndexes);
  for (const cat of Object.values(tracker.categories)) {
    for (const s of [...cat.settled, ...cat.tail]) point(s.signalIndexes);
  }
  const evidence = [...pointedAt].flatMap((i): [number, string][] => {
    const id = entry.evidence.get(i);
    return id === undefined ? [] : [[i, id]];
  });
  const saved: SavedTracker = {
    version: 1,
    rules: rulesOf(thresholds),
    covered: entry.seqs.ranges(),
    tracker,
    evidence,
  };
  return JSON.stringify(saved);
}

function auditOf(changes: FlagChange[], now: number): AuditDraft[] {
  return changes
    .filter((c) => c.change === 'raised' || (c.change === 'updated' && c.flag.severity === 'gross'))
    .map((c) => ({
      at: now,
      actor: { role: 'system' as const },
      type: c.change === 'raised' ? 'flag-raised' : 'flag-escalated',
      payload: {
        flagId: c.flag.id,
        category: c.flag.category,
        severity: c.flag.severity,
        startAt: c.flag.startAt,
        evidenceFileId: c.flag.evidenceFileId,
      },
    }));
}

const toBytes = (v: Uint8Array | ArrayBuffer): Uint8Array =>
  v instanceof Uint8Array ? v : new Uint8Array(v);

/** What became of a write, and when its commit is on disk. */
interface Committed {
  outcome: CommitOutcome;
  durable: Promise<void>;
}

interface QueuedWrite {
  write: SignalWrite;
  bytes: Uint8Array | undefined;
  resolve(committed: Committed): void;
  reject(err: unknown): void;
}

/**
 * Group commit: writes queued within a few milliseconds (and while a commit runs) go to the
 * database in one transaction. Evidence blobs are written (durably) before the rows that point
 * at them. If the group fails, each write is tried alone, so one bad write fails only itself.
 */
class WriteBehindQueue {
  private pending: QueuedWrite[] = [];
  private timer: NodeJS.Timeout | null = null;
  private running: Promise<void> | null = null;
  /** The last commit's trip to disk: the next group commits meanwhile. */
  private synced: Promise<void> = Promise.resolve();

  constructor(
    private readonly repo: SignalRepo,
    private readonly blobs: BlobStore,
    private readonly clock: Clock,
    private readonly delayMs: number,
  ) {}

  enqueue(write: SignalWrite, bytes?: Uint8Array): Promise<Committed> {
    return new Promise<Committed>((resolve, reject) => {
      this.pending.push({ write, bytes, resolve, reject });
      this.schedule();
    });
  }

  async drain(): Promise<void> {
    while (this.pending.length > 0 || this.running) {
      if (this.running) await this.running;
      else await this.flush();
    }
    await this.synced.catch(() => {});
  }

  private schedule(): void {
    if (this.timer || this.running) return;
    this.timer = setTimeout(() => {
      this.timer = null;
      void this.flush();
    }, this.delayMs);
  }

  private async flush(): Promise<void> {
    if (this.running) return;
    const items = this.pending;
    this.pending = [];
    if (items.length === 0) return;
    this.running = this.commit(items);
    await this.running;
    this.running = null;
    if (this.pending.length > 0) this.schedule();
  }

  private async commit(items: QueuedWrite[]): Promise<void> {
    const ready: QueuedWrite[] = [];
    await Promise.all(
      items.map(async (item) => {
        if (!item.write.evidence || !item.bytes) return ready.push(item);
        try {
          const info = await this.blobs.put(item.write.evidence.blobKey, item.bytes);
          item.write.evidence.sha256 = info.sha256;
          item.write.evidence.size = info.size;
          ready.push(item);
        } catch (err) {
          item.reject(err);
        }
      }),
    );
    if (ready.length === 0) return;
    const now = this.clock.now().toISOString();
    try {
      const { outcomes, durable } = await this.repo.commitMany(
        ready.map((i) => i.write),
        now,
      );
      // Handled here too: a write that was not stored (or a flag-only write) does not wait for it.
      durable.catch(() => {});
      this.synced = durable;
      ready.forEach((item, i) => item.resolve({ outcome: outcomes[i]!, durable }));
    } catch {
      for (const item of ready) {
        try {
          const { outcomes, durable } = await this.repo.commitMany([item.write], now);
          durable.catch(() => {});
          this.synced = durable;
          item.resolve({ outcome: outcomes[0]!, durable });
        } catch (err) {
          item.reject(err);
        }
      }
    }
  }
}
