// The phone as a second camera (ADR 0023): pairings for the laptop to show, their redemption by
// a phone (no login: the pairing is the proof), the phone's credential for its one sitting, and
// what the phone reports. The rules (expiry, single use, open sittings, the start gate) are the
// domain's; here are the rows, the tokens and the fan-out.
import { createHash, randomBytes, randomUUID } from 'node:crypto';
import {
  normalizePairingCode,
  pairingCodeFrom,
  pairingRefusal,
  secondCameraGate,
  sittingTakesSecondCamera,
  PAIRING_TTL_MS,
  type SecondCameraGateRefusal,
} from '@emtihan/domain';
import type {
  PairingView,
  PhoneView,
  RedeemPairingBody,
  SecondCameraState,
  SecondCameraStatus,
  UserView,
} from '@emtihan/protocol';
import type { SessionRelation } from '../policies/session.policy.ts';
import type { ExamRepo } from '../repositories/exam.repo.ts';
import type { SecondCameraRepo, StoredCamera } from '../repositories/second-camera.repo.ts';
import type { SessionRepo, StoredSession } from '../repositories/session.repo.ts';
import type { Clock } from './clock.ts';
import { ok, refuse, refusedBy, type Result } from './result.ts';

const hash = (s: string) => createHash('sha256').update(s).digest('hex');

/** The phone behind a request or a socket: its own id and its one sitting. */
export interface PhoneCaller {
  cameraId: string;
  sessionId: string;
  studentId: string;
  csrfToken: string;
}

export interface SecondCameraNotifier {
  /** The sitting's phone changed (paired, replaced, reported): its student's page and staff. */
  changed(session: StoredSession, camera: SecondCameraStatus): void;
  /** A replaced phone's sockets are told and dropped. */
  replaced(cameraIds: string[]): void;
}

export interface SecondCameraDeps {
  repo: SecondCameraRepo;
  sessions: SessionRepo;
  exams: ExamRepo;
  clock: Clock;
  /** The caller's relations to a sitting (none: it learns nothing). */
  relations(sessionId: string, caller: UserView): Promise<SessionRelation[]>;
  /** A proctor's act on a sitting is theirs only if the student is assigned to them. */
  mayAct(session: StoredSession, userId: string): Promise<{ message: string } | null>;
  notifier?: SecondCameraNotifier;
  /** The side track's next free sequence number of a sitting. */
  nextSideSeq(sessionId: string): Promise<number>;
}

export class SecondCameraService {
  constructor(private readonly deps: SecondCameraDeps) {}

  setNotifier(n: SecondCameraNotifier) {
    this.deps.notifier = n;
  }

  /** A new QR code and typed code for the student's own open sitting (the older ones void). */
  async createPairing(sessionId: string, caller: UserView): Promise<Result<PairingView>> {
    const s = await this.deps.sessions.findById(sessionId);
    if (!s || s.studentId !== caller.id) return refuse('not-found', 'no such session');
    const mode = await this.modeOf(s);
    if (mode === 'off') return refusedBy('second-camera-off', 'this exam has no second camera');
    if (!sittingTakesSecondCamera(s.state.status))
      return refusedBy('sitting-closed', `the sitting is ${s.state.status}`);
    const token = randomBytes(24).toString('base64url');
    const code = pairingCodeFrom(randomBytes(6));
    const now = this.deps.clock.now();
    await this.deps.repo.insertPairing({
      tokenHash: hash(token),
      codeHash: hash(code),
      sessionId,
      createdAt: now.toISOString(),
    });
    return ok({
      path: `/pair/${token}`,
      code,
      expiresAt: new Date(now.getTime() + PAIRING_TTL_MS).toISOString(),
      camera: await this.statusOf(s),
    });
  }

  /** The sitting's phone, for its student and its staff. */
  async status(sessionId: string, caller: UserView): Promise<Result<SecondCameraStatus>> {
    const s = await this.deps.sessions.findById(sessionId);
    if (!s || (await this.deps.relations(sessionId, caller)).length === 0)
      return refuse('not-found', 'no such session');
    return ok(await this.statusOf(s));
  }

  /**
   * Someone confirms the phone's view shows the desk, the hands, the keyboard and the screen:
   * the student where no proctor watches, the sitting's own proctor (or an examiner) otherwise.
   */
  async confirm(sessionId: string, caller: UserView): Promise<Result<SecondCameraStatus>> {
    const s = await this.deps.sessions.findById(sessionId);
    const relations = s ? await this.deps.relations(sessionId, caller) : [];
    if (!s || relations.length === 0) return refuse('not-found', 'no such session');
    const exam = await this.deps.exams.findById(s.examId);
    const live = exam?.settings.liveProctoring === true;
    const staff = relations.includes('proctor') || relations.includes('examiner');
    if (live ? !staff : !relations.includes('student'))
      return refuse('forbidden', live ? 'the proctor confirms the view' : 'not your session');
    if (live && relations.includes('proctor') && !relations.includes('examiner')) {
      const no = await this.deps.mayAct(s, caller.id);
      if (no) return refuse('forbidden', no.message);
    }
    const { camera } = await this.deps.repo.current(sessionId);
    if (!camera) return refusedBy('second-camera-missing', 'no phone is paired');
    await this.deps.repo.confirmView(camera.id, caller.id, this.deps.clock.now().toISOString());
    return this.announce(s);
  }

  /**
   * A phone redeems a pairing. Returns the phone's view and the credential to keep (a cookie);
   * a used, expired, replaced or foreign pairing changes nothing.
   */
  async redeem(
    body: RedeemPairingBody,
    userAgent: string,
  ): Promise<Result<{ view: PhoneView; credential: string }>> {
    const { repo, clock } = this.deps;
    const pairing =
      body.token !== undefined
        ? await repo.pairingByToken(hash(body.token))
        : await repo.pairingByCode(hash(normalizePairingCode(body.code ?? '')));
    if (!pairing) return refusedBy('pairing-unknown', 'this code is not known');
    const s = await this.deps.sessions.findById(pairing.sessionId);
    if (!s) return refusedBy('pairing-unknown', 'this code is not known');
    const now = clock.now();
    const no = pairingRefusal(
      {
        createdAt: Date.parse(pairing.createdAt),
        usedAt: pairing.usedAt === null ? null : Date.parse(pairing.usedAt),
        superseded: pairing.superseded,
      },
      { status: s.state.status, mode: await this.modeOf(s) },
      now.getTime(),
    );
    if (no) return refusedBy(no);
    const credential = randomBytes(32).toString('base64url');
    const camera = {
      id: randomUUID(),
      sessionId: s.id,
      credentialHash: hash(credential),
      csrfToken: randomBytes(24).toString('base64url'),
      userAgent,
    };
    const done = await repo.redeem(pairing.tokenHash, camera, now.toISOString());
    if (!done.redeemed) return refusedBy('pairing-used');
    if (done.replaced.length > 0) this.deps.notifier?.replaced(done.replaced);
    await this.announce(s);
    const view = await this.viewOf({
      cameraId: camera.id,
      sessionId: s.id,
      studentId: s.studentId,
      csrfToken: camera.csrfToken,
    });
    return ok({ view, credential });
  }

  /** The phone behind a credential, while it is the sitting's phone (replaced: none). */
  async authenticate(credential: string | undefined): Promise<PhoneCaller | undefined> {
    if (!credential || credential.length > 100) return undefined;
    const camera = await this.deps.repo.cameraByCredential(hash(credential));
    if (!camera || camera.replacedAt !== null) return undefined;
    const s = await this.deps.sessions.findById(camera.sessionId);
    if (!s) return undefined;
    return {
      cameraId: camera.id,
      sessionId: camera.sessionId,
      studentId: s.studentId,
      csrfToken: camera.csrfToken,
    };
  }

  /** What the phone page shows: whether its sitting still runs. Nothing of the exam. */
  async viewOf(phone: PhoneCaller): Promise<PhoneView> {
    const { session, sitting } = await this.sittingOf(phone);
    return {
      sessionId: phone.sessionId,
      deviceId: phone.cameraId,
      sitting,
      csrfToken: phone.csrfToken,
      required: session ? (await this.modeOf(session)) === 'required' : false,
      nextSideSeq: await this.deps.nextSideSeq(phone.sessionId),
    };
  }

  /** Whether the phone may still send (media, segments, reports): current, sitting open. */
  async mayFilm(phone: PhoneCaller): Promise<boolean> {
    const { sitting } = await this.sittingOf(phone);
    return sitting === 'checking-in' || sitting === 'running';
  }

  /** Where the phone's sitting stands for it (two reads; every segment upload asks). */
  private async sittingOf(
    phone: PhoneCaller,
  ): Promise<{ session: StoredSession | undefined; sitting: PhoneView['sitting'] }> {
    const [session, { camera }] = await Promise.all([
      this.deps.sessions.findById(phone.sessionId),
      this.deps.repo.current(phone.sessionId),
    ]);
    const status = session?.state.status;
    const sitting: PhoneView['sitting'] =
      camera?.id !== phone.cameraId
        ? 'replaced'
        : !status || !sittingTakesSecondCamera(status)
          ? 'ended'
          : status === 'in_progress' || status === 'paused'
            ? 'running'
            : 'checking-in';
    return { session, sitting };
  }

  /** What the phone says of its camera, or the server saw (`offline`: its connection dropped). */
  async report(
    phone: PhoneCaller,
    state: SecondCameraState,
    battery: number | null = null,
  ): Promise<Result<SecondCameraStatus>> {
    const s = await this.deps.sessions.findById(phone.sessionId);
    const { camera } = await this.deps.repo.current(phone.sessionId);
    if (!s || camera?.id !== phone.cameraId) return refuse('forbidden', 'this phone was replaced');
    if (!sittingTakesSecondCamera(s.state.status))
      return refusedBy('sitting-closed', `the sitting is ${s.state.status}`);
    const last = await this.deps.repo.lastEvent(s.id);
    // Only changes are kept (and the battery, when it moved by a tenth).
    const batteryMoved =
      battery !== null && (last?.battery == null || Math.abs(last.battery - battery) >= 0.1);
    if (last?.cameraId === phone.cameraId && last.state === state && !batteryMoved)
      return ok(await this.statusOf(s));
    await this.deps.repo.appendEvent(s.id, {
      cameraId: phone.cameraId,
      at: this.deps.clock.now().getTime(),
      state,
      battery: battery ?? last?.battery ?? null,
    });
    return this.announce(s);
  }

  /** Whether work may start now, by the exam's second-camera mode (the domain's gate). */
  async gate(
    s: StoredSession,
    step: 'complete-check-in' | 'approve-identity',
  ): Promise<SecondCameraGateRefusal | null> {
    const exam = await this.deps.exams.findById(s.examId);
    if (!exam || exam.settings.secondCamera !== 'required') return null;
    const { camera } = await this.deps.repo.current(s.id);
    return secondCameraGate('required', step, exam.settings.liveProctoring, {
      paired: !!camera,
      viewConfirmed: !!camera?.viewConfirmedAt,
    });
  }

  private async announce(s: StoredSession): Promise<Result<SecondCameraStatus>> {
    const status = await this.statusOf(s);
    this.deps.notifier?.changed(s, status);
    return ok(status);
  }

  private async modeOf(s: StoredSession) {
    return (await this.deps.exams.findById(s.examId))?.settings.secondCamera ?? 'off';
  }

  async statusOf(s: StoredSession): Promise<SecondCameraStatus> {
    const [{ camera, replaced }, last, mode] = await Promise.all([
      this.deps.repo.current(s.id),
      this.deps.repo.lastEvent(s.id),
      this.modeOf(s),
    ]);
    const mine = camera && last?.cameraId === camera.id ? last : undefined;
    return {
      mode,
      paired: !!camera,
      state: camera ? (mine?.state ?? null) : null,
      pairedAt: camera?.pairedAt ?? null,
      viewConfirmed: !!camera?.viewConfirmedAt,
      replaced,
      battery: mine?.battery ?? null,
    };
  }
}

export type { StoredCamera };
