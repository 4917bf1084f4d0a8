/** One autosave of a session's answer, kept on the device until the server acknowledges it. */
export interface OutboxRecord {
  sessionId: string;
  seq: number;
  body: string;
  /** Set once computed (when sent); the device copy is written before, without waiting for it. */
  sha256: string | null;
  /** Device time it was written (for the student's "saved on this device at"). */
  at: number;
  acked: boolean;
}

/** Where the outbox keeps its records: IndexedDB in the browser, memory in tests. */
export interface OutboxStore {
  /**
   * Writes the session's newest record and drops its older ones, in one transaction: only the
   * newest answer is ever sent, so the device keeps one copy per session, whatever the typing.
   */
  replace(record: OutboxRecord): Promise<void>;
  /** The session's records, lowest seq first. */
  list(sessionId: string): Promise<OutboxRecord[]>;
}

export function memoryOutboxStore(): OutboxStore & { records: OutboxRecord[] } {
  const records: OutboxRecord[] = [];
  return {
    records,
    async replace(r) {
      for (let i = records.length - 1; i >= 0; i--) {
        const x = records[i]!;
        if (x.sessionId === r.sessionId && x.seq <= r.seq) records.splice(i, 1);
      }
      records.push({ ...r });
    },
    async list(sessionId) {
      return records
        .filter((r) => r.sessionId === sessionId)
        .sort((a, b) => a.seq - b.seq)
        .map((r) => ({ ...r }));
    },
  };
}
