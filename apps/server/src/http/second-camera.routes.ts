// The phone as a second camera (ADR 0023): the laptop's pairing, the phone's redemption (no
// login: the pairing is the proof) and the phone's own endpoints, behind its credential.
import { PHONE_COOKIE } from '@emtihan/protocol';
import type { Config } from '../config.ts';
import type { EvidenceService } from '../services/evidence.service.ts';
import { iceServersFor } from '../services/ice-servers.ts';
import { limits } from '../services/rate-limits.ts';
import { ok, refuse } from '../services/result.ts';
import type { SecondCameraService } from '../services/second-camera.service.ts';
import type { Router } from './route.ts';

export function secondCameraRoutes(
  route: Router,
  deps: { cameras: SecondCameraService; config: Config; now: () => number },
) {
  const { cameras } = deps;
  route(
    'createPairing',
    ({ params, caller }) => cameras.createPairing(params.sessionId, caller!.user),
    { limit: limits.pairing },
  );
  route('secondCamera', ({ params, caller }) => cameras.status(params.sessionId, caller!.user));
  route('confirmSecondCamera', ({ params, caller }) =>
    cameras.confirm(params.sessionId, caller!.user),
  );
  route(
    'redeemPairing',
    async ({ body, req, reply }) => {
      const r = await cameras.redeem(body, req.headers['user-agent'] ?? '');
      if (!r.ok) return r;
      // The phone's own credential: sent only to this site's phone endpoints and sockets, kept
      // until the phone is replaced or the sitting ends (then it opens nothing).
      reply.setCookie(PHONE_COOKIE, r.value.credential, {
        path: '/',
        httpOnly: true,
        sameSite: 'strict',
        secure: 'auto',
        maxAge: 24 * 60 * 60,
      });
      return ok(r.value.view);
    },
    // A typed code is short: a guesser is slowed per address (ADR 0022).
    { limit: limits.pairing },
  );
  route('phone', async ({ phone }) => ok(await cameras.viewOf(phone!)));
  route('phoneIceServers', async ({ phone }) =>
    ok(iceServersFor(deps.config, `phone:${phone!.cameraId}`, deps.now())),
  );
}

/** The phone's `side` segments, through the student's evidence path (in the raw-bytes scope). */
export function phoneEvidenceRoute(
  route: Router,
  deps: { cameras: SecondCameraService; evidence: EvidenceService },
) {
  route(
    'uploadPhoneEvidence',
    async (ctx) => {
      const phone = ctx.phone!;
      if (!(await deps.cameras.mayFilm(phone)))
        return refuse('forbidden', 'this phone no longer films this sitting');
      return deps.evidence.uploadFor(phone.sessionId, phone.studentId, {
        track: 'side',
        seq: ctx.params.seq,
        sha256: ctx.query.sha256,
        startedAt: ctx.query.startedAt,
        durationMs: ctx.query.durationMs,
        contentType: (ctx.req.headers['content-type'] ?? '').split(';')[0]!.trim(),
        bytes: ctx.pieces ?? ctx.body,
      });
    },
    { limit: limits.evidence },
  );
}
