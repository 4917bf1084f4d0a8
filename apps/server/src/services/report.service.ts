// The integrity report of one session — states and times, flags, warnings and acknowledgements,
// incidents and compensation, decisions with reasons, the integrity score with its explanation,
// evidence hashes and the audit chain's verification — as JSON, as a PDF in the reader's
// language, and the exam's CSV with one row per student.
import { randomUUID } from 'node:crypto';
import {
  breakTakenMs,
  breaksOf,
  defaultExamConfig,
  integrityScore,
  verifyAuditChain,
  workMs,
  type AuditEntry,
  type WrittenSessionState,
} from '@emtihan/domain';
import type {
  IntegrityReportView,
  ReportAccommodation,
  TimelineItem,
  TimelineKind,
  UserView,
} from '@emtihan/protocol';
import type { BlobStore } from '../adapters/blob-store.port.ts';
import type { CourseRepo } from '../repositories/course.repo.ts';
import type { EvidenceRepo } from '../repositories/evidence.repo.ts';
import type { ExamRepo } from '../repositories/exam.repo.ts';
import type { SessionRepo, StoredSession } from '../repositories/session.repo.ts';
import type { SignalRepo } from '../repositories/signal.repo.ts';
import type { UserRepo } from '../repositories/user.repo.ts';
import type { Clock } from './clock.ts';
import type { EvidenceService } from './evidence.service.ts';
import { ok, refuse, type Result } from './result.ts';

const DECISIONS = new Set([
  'written.approve-identity',
  'written.reject-identity',
  'written.terminate',
  'written.annul',
  'written.accept',
  'written.begin-review',
]);

/** Time added while the sitting ran and rest breaks (ADR 0018). */
const ACCOMMODATION_EVENTS = new Set([
  'written.add-time',
  'written.start-break',
  'written.end-break',
]);

/** What an audit entry means on the timeline; undefined: not shown (saves, evidence hashes). */
export function timelineKind(e: AuditEntry): TimelineKind | undefined {
  const p = (e.payload ?? {}) as Record<string, unknown>;
  if (ACCOMMODATION_EVENTS.has(e.type)) return 'accommodation';
  if (e.type === 'written.issue-warning') return 'warning';
  if (e.type === 'written.acknowledge-warning') return 'acknowledgement';
  if (e.type === 'written.pause' || e.type === 'written.report-incident') return 'incident';
  if (e.type === 'written.grant-compensation') return 'compensation';
  if (e.type === 'connection-lost' || e.type === 'connection-restored') return 'connection';
  if (e.type === 'flag.reviewed') return 'decision';
  if (e.type.startsWith('flag.')) return 'flag';
  if (DECISIONS.has(e.type)) return 'decision';
  if (e.type.startsWith('written.') && p.from !== p.to) return 'state';
  return undefined;
}

export function timelineOf(chain: readonly AuditEntry[]): TimelineItem[] {
  return chain.flatMap((e) => {
    const kind = timelineKind(e);
    if (!kind) return [];
    const { sessionId: _s, ...detail } = (e.payload ?? {}) as Record<string, unknown>;
    return [
      {
        at: e.at,
        kind,
        type: e.type,
        actor: e.actor.role,
        ref: `audit:${e.seq}`,
        detail,
      },
    ];
  });
}

/**
 * What the student's accommodation changed in the sitting (null when nothing did): their time,
 * the time added during the sitting with who and why (from the audit chain), the rest breaks and
 * the skipped checks. `nameOf` gives a person's name by id.
 */
export async function accommodationOf(
  st: WrittenSessionState,
  chain: readonly AuditEntry[],
  nameOf: (userId: string) => Promise<string | null>,
): Promise<ReportAccommodation | null> {
  const a = st.terms?.accommodation;
  const additions = chain.filter((e) => e.type === 'written.add-time');
  const breaks = breaksOf(st);
  if (!a && additions.length === 0 && breaks.length === 0) return null;
  const added = await Promise.all(
    additions.map(async (e) => {
      const p = (e.payload ?? {}) as { minutes?: unknown; reason?: unknown };
      return {
        at: e.at,
        minutes: typeof p.minutes === 'number' ? p.minutes : 0,
        reason: typeof p.reason === 'string' ? p.reason : '',
        by: { role: e.actor.role, name: e.actor.userId ? await nameOf(e.actor.userId) : null },
      };
    }),
  );
  return {
    examMinutes: st.terms.durationMinutes,
    timeFactor: a?.timeFactor ?? 1,
    extraMinutes: a?.extraMinutes ?? 0,
    workMs: workMs(st.terms),
    skippedChecks: [...(a?.skippedChecks ?? [])],
    breakMinutes: a?.breakMinutes ?? 0,
    breaks: breaks.map((b) => ({ startedAt: b.startedAt, endedAt: b.endedAt })),
    breakTakenMs: breakTakenMs(st),
    added,
  };
}

export class ReportService {
  constructor(
    private readonly deps: {
      sessions: SessionRepo;
      exams: ExamRepo;
      courses: CourseRepo;
      users: UserRepo;
      evidence: EvidenceRepo;
      evidenceService: EvidenceService;
      signals: SignalRepo;
      blobs: BlobStore;
      clock: Clock;
    },
  ) {}

  /**
   * The JPEG snapshots of the report's flags, by file id, for the PDF. A snapshot whose bytes are
   * gone (deleted after the retention period) or are not a JPEG is left out.
   */
  async flagSnapshots(report: IntegrityReportView): Promise<Map<string, Uint8Array>> {
    const wanted = new Set(report.flags.map((f) => f.evidenceFileId).filter((id) => id !== null));
    const out = new Map<string, Uint8Array>();
    if (wanted.size === 0) return out;
    const files = await this.deps.sessions.listFiles(report.session.id);
    for (const f of files) {
      if (!wanted.has(f.id)) continue;
      const bytes = await this.deps.blobs.get(f.blobKey);
      if (bytes && bytes[0] === 0xff && bytes[1] === 0xd8) out.set(f.id, bytes);
    }
    return out;
  }

  /** The report for the session's proctors and examiners, and its student. */
  async report(sessionId: string, caller: UserView): Promise<Result<IntegrityReportView>> {
    const found = await this.deps.evidenceService.readable(sessionId, caller);
    if (!found.ok) return found;
    return ok(await this.build(found.value.session));
  }

  async build(s: StoredSession): Promise<IntegrityReportView> {
    const { sessions, exams, users, evidence, clock } = this.deps;
    const [exam, student, chain, segments, explanations] = await Promise.all([
      exams.findById(s.examId),
      users.findById(s.studentId),
      sessions.auditChain(s.id),
      evidence.list(s.id),
      evidence.explanations(s.id),
    ]);
    const [hold, storedFlags, reviews] = await Promise.all([
      evidence.legalHold(s.examId),
      this.deps.signals.flagsOfSession(s.id),
      evidence.flagReviews(s.id),
    ]);
    const flags = storedFlags
      .map((f) => {
        const r = reviews.find((x) => x.flagId === f.id);
        return {
          id: f.id,
          category: f.category,
          severity: f.severity,
          startAt: f.startAt,
          endAt: f.endAt,
          ongoing: f.ongoing,
          evidenceFileId: f.evidenceFileId,
          serverCheck: f.serverCheck ?? null,
          review: r ? { decision: r.decision, note: r.note, decidedAt: r.decidedAt } : null,
        };
      })
      .sort((a, b) => a.startAt - b.startAt);
    const st: WrittenSessionState = s.state;
    const now = clock.now().getTime();
    // A flag the reviewer dismissed does not count against the student.
    const counted = storedFlags.filter(
      (f) => reviews.find((r) => r.flagId === f.id)?.decision !== 'dismiss',
    );
    const score = integrityScore({
      flags: counted.map((f) => ({
        category: f.category,
        severity: f.severity,
        startAt: f.startAt,
        endAt: f.endAt,
        durationMs: f.endAt - f.startAt,
        ongoing: f.ongoing,
        signalIndexes: [],
      })),
      warnings: st.warnings,
      incidents: st.incidents,
      now,
      warningAckLimitSeconds:
        st.terms?.warningAckLimitSeconds ??
        defaultExamConfig.violationPolicy.warningAckLimitSeconds,
    });
    // Who added time is named on the timeline (the audit keeps their id): a reviewer asks who.
    const adders = new Map<string, string>();
    for (const e of chain) {
      const id = e.type === 'written.add-time' ? e.actor.userId : undefined;
      if (id && !adders.has(id)) adders.set(id, (await users.findById(id))?.fullName ?? '');
    }
    const named = (i: TimelineItem, e: AuditEntry | undefined): TimelineItem => {
      const name = e?.actor.userId ? adders.get(e.actor.userId) : undefined;
      return name ? { ...i, detail: { ...i.detail, byName: name } } : i;
    };
    const bySeq = new Map(chain.map((e) => [`audit:${e.seq}`, e]));
    const timeline = [
      ...timelineOf(chain)
        .filter((i) => i.kind !== 'flag')
        .map((i) => (i.type === 'written.add-time' ? named(i, bySeq.get(i.ref)) : i)),
      ...flags.map((f): TimelineItem => ({
        at: f.startAt,
        kind: 'flag',
        type: f.category,
        actor: 'system',
        ref: `flag:${f.id}`,
        detail: { severity: f.severity, endAt: f.endAt, review: f.review },
      })),
      ...explanations.map((x): TimelineItem => ({
        at: Date.parse(x.createdAt),
        kind: 'explanation',
        type: 'explanation',
        actor: 'student',
        ref: x.target,
        detail: { body: x.body },
      })),
    ].sort((a, b) => a.at - b.at);
    const accommodation = await accommodationOf(
      st,
      chain,
      async (id) => (await users.findById(id))?.fullName ?? null,
    );
    return {
      generatedAt: new Date(now).toISOString(),
      session: {
        id: s.id,
        examId: s.examId,
        examTitle: exam?.title ?? '',
        student: {
          login: student?.login ?? '',
          fullName: student?.fullName ?? '',
          group: student?.group ?? null,
        },
        status: st.status,
        checkInStartedAt: st.checkInStartedAt,
        workStartedAt: st.workStartedAt,
        deadline: st.deadline,
        endedAt: st.endedAt,
        decidedAt: st.decidedAt,
        terminationReason: st.terminationReason,
        annulmentReason: st.annulmentReason,
        finalAnswerHash: st.finalAnswerHash,
      },
      timeline,
      flags,
      warnings: st.warnings.map((w) => ({
        id: w.id,
        category: w.category,
        note: w.note,
        issuedAt: w.issuedAt,
        acknowledgedAt: w.acknowledgedAt,
      })),
      incidents: st.incidents.map((i) => ({ ...i, reportedBy: String(i.reportedBy) })),
      compensationMs: st.compensationGrantedMs,
      score: {
        score: score.score,
        band: score.band,
        contributions: score.contributions.map((c) => ({ ...c })),
      },
      evidence: segments.map(({ sessionId: _s, blobKey: _b, ...v }) => v),
      audit: {
        entries: chain.length,
        verification: verifyAuditChain(chain),
        lastHash: chain.at(-1)?.hash ?? null,
      },
      explanations: explanations.map((x) => ({
        id: x.id,
        target: x.target,
        body: x.body,
        createdAt: x.createdAt,
      })),
      legalHold: !!hold,
      accommodation,
    };
  }

  /** One row per student of the exam's course, for the exam's proctors and examiners. */
  async examCsv(examId: string, caller: UserView): Promise<Result<string>> {
    const { exams, courses, sessions } = this.deps;
    const exam = await exams.findById(examId);
    if (!exam) return refuse('not-found', 'no such exam');
    const roles = await courses.rolesOf(exam.courseId, caller.id);
    if (!roles.includes('proctor') && !roles.includes('examiner'))
      return refuse('forbidden', 'you are not a proctor or examiner of this course');
    const [members, sittings] = await Promise.all([
      courses.listEnrolments(exam.courseId),
      sessions.listByExam(examId),
    ]);
    const header = [
      'login',
      'full_name',
      'group',
      'session_id',
      'status',
      'work_started_at',
      'ended_at',
      'integrity_score',
      'integrity_band',
      'warnings',
      'warnings_unacknowledged',
      'incidents',
      'compensation_minutes',
      'evidence_segments',
      'evidence_bytes',
      'audit_entries',
      'audit_chain_ok',
      'annulment_reason',
    ];
    const rows: string[][] = [header];
    for (const m of members.filter((x) => x.role === 'student')) {
      const s = sittings.find((x) => x.studentId === m.userId);
      if (!s) {
        rows.push([
          m.login,
          m.fullName,
          m.group ?? '',
          '',
          'not_opened',
          ...header.slice(5).map(() => ''),
        ]);
        continue;
      }
      const r = await this.build(s);
      const iso = (t: number | null) => (t === null ? '' : new Date(t).toISOString());
      rows.push([
        m.login,
        m.fullName,
        m.group ?? '',
        s.id,
        r.session.status,
        iso(r.session.workStartedAt),
        iso(r.session.endedAt),
        String(r.score.score),
        r.score.band,
        String(r.warnings.length),
        String(r.warnings.filter((w) => w.acknowledgedAt === null).length),
        String(r.incidents.length),
        String(Math.round(r.compensationMs / 60000)),
        String(r.evidence.length),
        String(r.evidence.reduce((n, e) => n + e.size, 0)),
        String(r.audit.entries),
        r.audit.verification.ok ? 'yes' : `no (broken at ${r.audit.verification.brokenAt})`,
        r.session.annulmentReason ?? '',
      ]);
    }
    return ok(rows.map((r) => r.map(csvCell).join(',')).join('\r\n') + '\r\n');
  }

  /** A proctor or examiner confirms or dismisses a flag, with a note; audited. */
  async reviewFlag(
    sessionId: string,
    flagId: string,
    caller: UserView,
    body: { decision: 'confirm' | 'dismiss'; note: string },
  ): Promise<Result<IntegrityReportView['flags'][number]>> {
    const found = await this.deps.evidenceService.readable(sessionId, caller);
    if (!found.ok) return found;
    const { relations } = found.value;
    if (!relations.includes('proctor') && !relations.includes('examiner'))
      return refuse('forbidden', 'only the exam’s proctors and examiners review flags');
    const flag = (await this.deps.signals.flagsOfSession(sessionId)).find((f) => f.id === flagId);
    if (!flag) return refuse('not-found', 'no such flag in this session');
    const now = this.deps.clock.now();
    const decidedAt = now.toISOString();
    await this.deps.evidence.reviewFlag(
      {
        flagId,
        sessionId,
        decision: body.decision,
        note: body.note,
        reviewerId: caller.id,
        decidedAt,
      },
      {
        at: now.getTime(),
        actor: { role: relations.includes('examiner') ? 'examiner' : 'proctor', userId: caller.id },
        type: 'flag.reviewed',
        payload: { flagId, category: flag.category, decision: body.decision, note: body.note },
      },
    );
    return ok({
      id: flag.id,
      category: flag.category,
      severity: flag.severity,
      startAt: flag.startAt,
      endAt: flag.endAt,
      ongoing: flag.ongoing,
      evidenceFileId: flag.evidenceFileId,
      serverCheck: flag.serverCheck ?? null,
      review: { decision: body.decision, note: body.note, decidedAt },
    });
  }

  /** The student's explanation of a flag, warning or moment, after the work has ended. */
  async explain(
    sessionId: string,
    caller: UserView,
    body: { target: string; body: string },
  ): Promise<Result<{ id: string; target: string; body: string; createdAt: string }>> {
    const s = await this.deps.sessions.findById(sessionId);
    if (!s) return refuse('not-found', 'no such session');
    if (s.studentId !== caller.id)
      return refuse('forbidden', 'only the student of this session explains it');
    if (
      [
        'scheduled',
        'checking_in',
        'awaiting_approval',
        'rejected',
        'in_progress',
        'paused',
      ].includes(s.state.status)
    )
      return refuse('conflict', 'explanations are added after the exam has ended');
    const x = {
      id: randomUUID(),
      sessionId,
      target: body.target,
      authorId: caller.id,
      body: body.body,
      createdAt: this.deps.clock.now().toISOString(),
    };
    await this.deps.evidence.addExplanation(x);
    await this.deps.sessions.appendAudit(sessionId, [
      {
        at: this.deps.clock.now().getTime(),
        actor: { role: 'student', userId: caller.id },
        type: 'evidence.explanation',
        payload: { target: x.target, id: x.id },
      },
    ]);
    return ok({ id: x.id, target: x.target, body: x.body, createdAt: x.createdAt });
  }
}

/** RFC 4180, and a leading = + - @ neutralised so a spreadsheet does not run it as a formula. */
function csvCell(v: string): string {
  const safe = /^[=+\-@\t\r]/.test(v) ? `'${v}` : v;
  return /[",\r\n]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}
