// A share of the simulated students of `npm run bench:realtime`, as a child process (the load of
// 10,000 sockets is spread over several). Driven by the parent over IPC:
// `connect` → opens the sockets; `go` → sends on the schedule; `stop` → stops, waits for the
// acknowledgements still due, and reports what it sent and what it measured.
import { io, type Socket } from 'socket.io-client';

export interface StudentsJob {
  url: string;
  students: { token: string; sessionId: string }[];
  /** One signal in this many raises a flag (context-menu); 1 = every one (the worst case). */
  flagEvery: number;
  snapshotBytes: number;
}

export interface StudentsReport {
  /** `sessionId:at` of the signals sent in the measured window (one signal per batch). */
  expected: string[];
  /** Those of them that raise a flag. */
  expectedFlags: string[];
  /** Every signal acknowledged as stored, over the whole run (for the durability check). */
  signalsAcked: number;
  ackMs: number[];
  pingMs: number[];
  errors: number;
  reasons: Record<string, number>;
  cpu: NodeJS.CpuUsage;
}

let job: StudentsJob;
let sockets: Socket[] = [];
let ticker: NodeJS.Timeout | undefined;
let sweeper: NodeJS.Timeout | undefined;
const report: StudentsReport = {
  expected: [],
  expectedFlags: [],
  signalsAcked: 0,
  ackMs: [],
  pingMs: [],
  errors: 0,
  reasons: {},
  cpu: { user: 0, system: 0 },
};
let pending = 0;
let cpuFrom: NodeJS.CpuUsage;

const fail = (reason: string) => {
  report.errors++;
  report.reasons[reason] = (report.reasons[reason] ?? 0) + 1;
};

function connect(url: string, token: string): Promise<Socket> {
  const socket = io(url, {
    transports: ['websocket'],
    extraHeaders: { cookie: `emtihan_session=${token}` },
    reconnection: true,
  });
  return new Promise((resolve, reject) => {
    socket.once('msg', () => resolve(socket));
    socket.once('connect_error', reject);
  });
}

/** An acknowledgement not back after this long counts as an error (as `socket.timeout()`). */
const ACK_TIMEOUT_MS = 30_000;
/** Acknowledgements awaited, oldest first: one sweep a second instead of one timer per emit. */
const awaiting: { due: number; settled: boolean; fail(): void }[] = [];

/**
 * Emits `message` with an acknowledgement, as `socket.timeout(30_000).emitWithAck` does (the
 * same packet on the wire), without a timer per emit.
 */
function emitWithAck(socket: Socket, message: object): Promise<unknown> {
  return new Promise((resolve, reject) => {
    const wait = {
      due: Date.now() + ACK_TIMEOUT_MS,
      settled: false,
      fail: () => reject(new Error('operation has timed out')),
    };
    awaiting.push(wait);
    socket.emit('msg', message, (ack: unknown) => {
      if (wait.settled) return;
      wait.settled = true;
      resolve(ack);
    });
  });
}

function sweep() {
  const now = Date.now();
  let i = 0;
  for (; i < awaiting.length && (awaiting[i]!.settled || awaiting[i]!.due <= now); i++) {
    const w = awaiting[i]!;
    if (!w.settled) {
      w.settled = true;
      w.fail();
    }
  }
  awaiting.splice(0, i);
}

/**
 * Each student sends a signal every 2 s, a heartbeat every 5 s and a snapshot every 10 s, each
 * from a random phase. A kind of message comes from the students always in the same order (by
 * phase), so each kind is a list sorted by phase with a pointer to the next one due; one timer
 * per process ticks every millisecond (the resolution of Node's own timers) and sends what is
 * due, instead of three timers per student. A late tick sends everything due meanwhile, at most
 * one message of each kind per student.
 */
const TICK_MS = 1;

interface Round {
  every: number;
  /** Phases (ms after the start) in order, and what each sends. */
  due: { offset: number; run: () => void }[];
  next: number;
  /** The start of the current round. */
  base: number;
}

function go(measureFrom: number, measureTo: number) {
  const snapshot = Buffer.alloc(job.snapshotBytes, 7);
  const inWindow = (at: number) => at >= measureFrom && at < measureTo;
  const start = Date.now();
  const students = job.students.map((s, i) => {
    const socket = sockets[i]!;
    let seq = 0;
    let lastAt = 0;
    let signals = Math.floor(Math.random() * job.flagEvery);
    const send = (message: object, count: number, at: number) => {
      const t0 = Date.now();
      pending++;
      emitWithAck(socket, message)
        .then((a) => {
          const ack = a as { ok: boolean; reason?: string; message?: string };
          if (!ack.ok) return fail(`${ack.reason}: ${ack.message}`);
          report.signalsAcked += count;
          if (inWindow(at)) report.ackMs.push(Date.now() - t0);
        })
        .catch((e: Error) => fail(e.message))
        .finally(() => pending--);
    };
    const nextAt = () => (lastAt = Math.max(Date.now(), lastAt + 1));
    const signal = () => {
      const at = nextAt();
      const flag = ++signals % job.flagEvery === 0;
      if (inWindow(at)) {
        report.expected.push(`${s.sessionId}:${at}`);
        if (flag) report.expectedFlags.push(`${s.sessionId}:${at}`);
      }
      const kind = flag ? { kind: 'context-menu', at } : { kind: 'face-count', at, count: 1 };
      send({ type: 'signals', sessionId: s.sessionId, seq: seq++, signals: [kind] }, 1, at);
    };
    // A snapshot of an ordinary moment: validated, not kept (it begins no condition).
    const snap = () => {
      const at = nextAt();
      if (inWindow(at)) report.expected.push(`${s.sessionId}:${at}`);
      send(
        {
          type: 'signals',
          sessionId: s.sessionId,
          seq: seq++,
          signals: [{ kind: 'face-count', at, count: 1 }],
          evidence: { index: 0, jpeg: snapshot },
        },
        1,
        at,
      );
    };
    // The heartbeat's round trip (no database, no fan-out): what the machine's load alone costs.
    const heartbeat = () => {
      const t0 = Date.now();
      pending++;
      emitWithAck(socket, { type: 'ping', at: t0 })
        .then(() => inWindow(t0) && report.pingMs.push(Date.now() - t0))
        .catch((e: Error) => fail(e.message))
        .finally(() => pending--);
    };
    return { signal, heartbeat, snap, jitter: Math.random() };
  });
  const round = (every: number, run: (s: (typeof students)[number]) => () => void): Round => ({
    every,
    due: students
      .map((s) => ({ offset: s.jitter * every, run: run(s) }))
      .sort((a, b) => a.offset - b.offset),
    next: 0,
    base: start,
  });
  const rounds = [
    round(2000, (s) => s.signal),
    round(5000, (s) => s.heartbeat),
    round(10_000, (s) => s.snap),
  ];
  ticker = setInterval(() => {
    const now = Date.now();
    for (const r of rounds) {
      for (let sent = 0; sent < r.due.length; sent++) {
        const d = r.due[r.next]!;
        if (r.base + d.offset > now) break;
        d.run();
        if (++r.next === r.due.length) {
          r.next = 0;
          // A process that fell a round behind starts the next one now (as a late
          // setInterval does) rather than sending every student twice in a burst.
          r.base = Math.max(r.base + r.every, now);
        }
      }
    }
  }, TICK_MS);
  sweeper = setInterval(sweep, 1000);
}

process.on('message', (m: { type: string } & Record<string, unknown>) => {
  void (async () => {
    if (m.type === 'connect') {
      job = m.job as StudentsJob;
      for (let i = 0; i < job.students.length; i += 250) {
        const slice = job.students.slice(i, i + 250);
        sockets.push(...(await Promise.all(slice.map((s) => connect(job.url, s.token)))));
      }
      process.send!({ type: 'connected' });
    }
    if (m.type === 'go') {
      go(m.measureFrom as number, m.measureTo as number);
    }
    if (m.type === 'measure') cpuFrom = process.cpuUsage();
    if (m.type === 'measured') report.cpu = process.cpuUsage(cpuFrom);
    if (m.type === 'stop') {
      clearInterval(ticker);
      // Every acknowledgement still due arrives or times out (30 s) before the report.
      while (pending > 0) await new Promise((r) => setTimeout(r, 50));
      clearInterval(sweeper);
      process.send!({ type: 'report', report }, () => {
        for (const s of sockets) s.close();
        sockets = [];
        process.exit(0);
      });
    }
  })();
});
