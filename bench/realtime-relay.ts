// The baseline for `npm run bench:realtime`: a bare Socket.IO relay on the same protocol, with
// no authentication, no checks and no database. Each signal batch is acknowledged and sent on to
// the staff room at once (one packet per batch). Run under the same load as the real server, it
// tells what the machine and Socket.IO alone cost a message at that moment.
import { createServer } from 'node:http';
import fs from 'node:fs';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { Server } from 'socket.io';

interface Msg {
  type: string;
  sessionId?: string;
  seq?: number;
  signals?: { at: number }[];
}

const http = createServer();
const io = new Server(http, { serveClient: false });
io.on('connection', (socket) => {
  socket.on('msg', (m: Msg, ack?: (a: unknown) => void) => {
    const reply = typeof ack === 'function' ? ack : () => {};
    if (m.type === 'watch-exam') {
      void socket.join('staff');
      return reply({ ok: true });
    }
    if (m.type === 'signals' && m.sessionId && m.signals?.length) {
      reply({ ok: true, seq: m.seq, duplicate: false });
      io.to('staff').emit('msg', {
        type: 'live-states',
        examId: 'bench-exam',
        states: [
          {
            sessionId: m.sessionId,
            studentId: '',
            at: m.signals.at(-1)!.at,
            seq: m.seq,
            holding: [],
          },
        ],
      });
      return;
    }
    reply({ ok: true });
  });
  socket.emit('msg', { type: 'hello' });
});

const loop = monitorEventLoopDelay({ resolution: 10 });
loop.enable();
http.listen(0, '127.0.0.1', () => {
  const address = http.address();
  if (!address || typeof address === 'string') throw new Error('no port');
  process.send?.({ type: 'ready', address: `http://127.0.0.1:${address.port}` });
});
process.on('message', (m: unknown) => {
  if (m === 'stats') {
    process.send?.({
      type: 'stats',
      cpu: process.cpuUsage(),
      rss: process.memoryUsage().rss,
      // Bytes this process made the kernel write to storage (Linux): the log, checkpoints, blobs.
      diskWriteBytes: diskWriteBytes(),
      sql: {},
      loopMs: {
        p50: loop.percentile(50) / 1e6,
        p99: loop.percentile(99) / 1e6,
        max: loop.max / 1e6,
      },
    });
    loop.reset();
  }
  if (m === 'stop') void io.close(() => process.exit(0));
});

function diskWriteBytes(): number {
  try {
    const io = fs.readFileSync('/proc/self/io', 'utf8');
    return Number(/^write_bytes: (\d+)$/m.exec(io)?.[1] ?? 0);
  } catch {
    return 0;
  }
}
