import { limits } from '../services/rate-limits.ts';
import { ok } from '../services/result.ts';
import type { EvidenceService } from '../services/evidence.service.ts';
import { reportPdf } from '../services/report.pdf.ts';
import type { ReportService } from '../services/report.service.ts';
import type { RetentionService } from '../services/retention.service.ts';
import type { Router } from './route.ts';

/**
 * The upload of a segment, in a scope whose parser keeps the body in the pieces it arrived in:
 * they are hashed and written out as they are, never copied into one buffer.
 */
export function evidenceUploadRoute(route: Router, deps: { evidence: EvidenceService }) {
  route(
    'uploadEvidence',
    (ctx) => {
      const { params, query, req, caller } = ctx;
      return deps.evidence.upload(params.sessionId, caller!.user, {
        track: params.track,
        seq: params.seq,
        sha256: query.sha256,
        startedAt: query.startedAt,
        durationMs: query.durationMs,
        contentType: (req.headers['content-type'] ?? '').split(';')[0]!.trim(),
        // `body` would join the pieces into one buffer: read only when there are none.
        bytes: ctx.pieces ?? ctx.body,
      });
    },
    { limit: limits.evidence },
  );
}

export function evidenceRoutes(route: Router, deps: { evidence: EvidenceService }) {
  const ev = deps.evidence;
  route('listEvidence', ({ params, caller }) => ev.list(params.sessionId, caller!.user));
  route('evidenceSegment', async ({ params, caller, reply }) => {
    const r = await ev.segment(params.sessionId, caller!.user, params.track, params.seq);
    if (!r.ok) return r;
    reply.type(r.value.contentType).header('cache-control', 'private, max-age=86400');
    return ok(Buffer.from(r.value.bytes));
  });
}

export function reportRoutes(
  route: Router,
  deps: { reports: ReportService; retention: RetentionService },
) {
  const { reports, retention } = deps;
  route('sessionReport', ({ params, caller }) => reports.report(params.sessionId, caller!.user));
  route('sessionReportPdf', async ({ params, query, caller, reply }) => {
    const r = await reports.report(params.sessionId, caller!.user);
    if (!r.ok) return r;
    const pdf = await reportPdf(r.value, query.lang, await reports.flagSnapshots(r.value));
    reply
      .type('application/pdf')
      .header('cache-control', 'private, no-store')
      .header(
        'content-disposition',
        `inline; filename="integrity-report-${params.sessionId}-${query.lang}.pdf"`,
      );
    return ok(pdf);
  });
  route('examReportCsv', async ({ params, caller, reply }) => {
    const r = await reports.examCsv(params.examId, caller!.user);
    if (!r.ok) return r;
    reply
      .type('text/csv; charset=utf-8')
      .header('cache-control', 'private, no-store')
      .header('content-disposition', `attachment; filename="exam-${params.examId}.csv"`);
    // A byte-order mark, so spreadsheet programs read the Cyrillic names as UTF-8.
    return ok(`\uFEFF${r.value}`);
  });
  route('reviewFlag', ({ params, body, caller }) =>
    reports.reviewFlag(params.sessionId, params.flagId, caller!.user, body),
  );
  route('explainEvidence', ({ params, body, caller }) =>
    reports.explain(params.sessionId, caller!.user, body),
  );
  route('getLegalHold', ({ params, caller }) => retention.legalHold(params.examId, caller!.user));
  route('setLegalHold', ({ params, body, caller }) =>
    retention.setLegalHold(params.examId, caller!.user, body),
  );
}
