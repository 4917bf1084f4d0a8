// All SQL about the server's detector runs (ADR 0009): durable jobs with their result. A job is
// written in the transaction that creates what it checks (the evidence file, the finished
// check-in), taken by one node at a time with a lease, and keeps its result beside it.
import type { Db } from '../db/database.ts';
import type { Trx } from './session.repo.ts';

export type CheckKind = 'evidence' | 'identity';
export type CheckStatus = 'pending' | 'running' | 'done' | 'failed';

export interface EvidenceInput {
  fileId: string;
}
export interface IdentityInput {
  idFileId: string | null;
  faceFileId: string | null;
  consent: boolean;
}

export interface StoredCheck {
  id: string;
  kind: CheckKind;
  sessionId: string;
  input: EvidenceInput | IdentityInput;
  status: CheckStatus;
  attempts: number;
  result: unknown;
}

/** The identity check of a session has this id (one per session, redone at each check-in). */
export const identityCheckId = (sessionId: string) => `identity:${sessionId}`;

type Writer = Db | Trx;

export class DetectionCheckRepo {
  constructor(private readonly db: Db) {}

  /** Queues a re-check of an evidence file (in the transaction that stores the file). */
  async addEvidence(trx: Writer, sessionId: string, fileId: string, now: string): Promise<void> {
    await trx
      .insertInto('detection_checks')
      .values(row(fileId, 'evidence', sessionId, { fileId }, now))
      .onConflict((oc) => oc.column('id').doNothing())
      .execute();
  }

  /**
   * Queues the identity comparison of a check-in (again after a rejected one). Without consent
   * it is stored as done, with nothing computed: the proctor is told why.
   */
  async setIdentity(trx: Writer, sessionId: string, input: IdentityInput, now: string) {
    const id = identityCheckId(sessionId);
    const values = row(id, 'identity', sessionId, input, now);
    if (!input.consent) {
      values.status = 'done';
      values.result = JSON.stringify({ computed: false, reason: 'no-consent' });
    }
    await trx
      .insertInto('detection_checks')
      .values(values)
      .onConflict((oc) =>
        oc.column('id').doUpdateSet({
          input: values.input,
          status: values.status,
          attempts: 0,
          lease_until: null,
          result: values.result,
          updated_at: now,
        }),
      )
      .execute();
  }

  /**
   * Takes the oldest due job for this node until `leaseUntil`: pending, or running with an
   * expired lease (its node died). A conditional update, so one node wins.
   */
  async claim(now: string, leaseUntil: string, maxAttempts: number): Promise<StoredCheck | null> {
    for (let tries = 0; tries < 5; tries++) {
      const due = await this.db
        .selectFrom('detection_checks')
        .selectAll()
        .where((eb) =>
          eb.or([
            eb('status', '=', 'pending'),
            eb.and([eb('status', '=', 'running'), eb('lease_until', '<=', now)]),
          ]),
        )
        .where('attempts', '<', maxAttempts)
        .orderBy('created_at')
        .limit(1)
        .executeTakeFirst();
      if (!due) return null;
      const r = await this.db
        .updateTable('detection_checks')
        .set({ status: 'running', lease_until: leaseUntil, attempts: due.attempts + 1 })
        .where('id', '=', due.id)
        .where('attempts', '=', due.attempts)
        .where('status', '=', due.status)
        .executeTakeFirst();
      if (Number(r.numUpdatedRows) === 1) return toCheck({ ...due, attempts: due.attempts + 1 });
    }
    return null;
  }

  /** Stores a job's result; `failed` when it will not be tried again. */
  async finish(
    id: string,
    attempts: number,
    status: 'done' | 'failed' | 'pending',
    result: unknown,
    now: string,
  ): Promise<void> {
    await this.db
      .updateTable('detection_checks')
      .set({
        status,
        lease_until: null,
        result: result === undefined ? null : JSON.stringify(result),
        updated_at: now,
      })
      .where('id', '=', id)
      .where('attempts', '=', attempts)
      .execute();
  }

  async find(id: string): Promise<StoredCheck | null> {
    const r = await this.db
      .selectFrom('detection_checks')
      .selectAll()
      .where('id', '=', id)
      .executeTakeFirst();
    return r ? toCheck(r) : null;
  }

  /** Evidence checks by evidence file id (for the flags that point at those files). */
  async evidenceChecks(fileIds: readonly string[]): Promise<Map<string, StoredCheck>> {
    const found = new Map<string, StoredCheck>();
    const ids = [...new Set(fileIds)];
    for (let i = 0; i < ids.length; i += 400) {
      const rows = await this.db
        .selectFrom('detection_checks')
        .selectAll()
        .where('id', 'in', ids.slice(i, i + 400))
        .execute();
      for (const r of rows) found.set(r.id, toCheck(r));
    }
    return found;
  }
}

function row(id: string, kind: CheckKind, sessionId: string, input: object, now: string) {
  return {
    id,
    kind,
    session_id: sessionId,
    input: JSON.stringify(input),
    status: 'pending' as CheckStatus,
    attempts: 0,
    lease_until: null,
    result: null as string | null,
    created_at: now,
    updated_at: now,
  };
}

function toCheck(r: {
  id: string;
  kind: string;
  session_id: string;
  input: string;
  status: string;
  attempts: number;
  result: string | null;
}): StoredCheck {
  return {
    id: r.id,
    kind: r.kind as CheckKind,
    sessionId: r.session_id,
    input: JSON.parse(r.input) as StoredCheck['input'],
    status: r.status as CheckStatus,
    attempts: Number(r.attempts),
    result: r.result === null ? null : (JSON.parse(r.result) as unknown),
  };
}
