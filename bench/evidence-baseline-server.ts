// The baseline of `npm run bench:evidence`: a bare node:http server that writes each uploaded
// segment to its own file and fsyncs it before answering — the floor of what storing evidence
// durably costs on this disk, with no authorization, hashing, database or audit.
import fs from 'node:fs/promises';
import http from 'node:http';
import path from 'node:path';

const dir = process.env.DATA_DIR!;
let n = 0;
const server = http.createServer((req, res) => {
  const chunks: Buffer[] = [];
  req.on('data', (c: Buffer) => chunks.push(c));
  req.on('end', () => {
    void (async () => {
      const file = await fs.open(path.join(dir, `${n++}.bin`), 'w');
      try {
        await file.writeFile(Buffer.concat(chunks));
        await file.sync();
      } finally {
        await file.close();
      }
      res.writeHead(200, { 'content-type': 'application/json' }).end('{"ok":true}');
    })();
  });
});
server.listen(0, '127.0.0.1', () => {
  const a = server.address() as { port: number };
  process.send?.({ type: 'ready', address: `http://127.0.0.1:${a.port}` });
});
process.on('message', (m: unknown) => {
  if (m === 'stats')
    process.send?.({ type: 'stats', cpu: process.cpuUsage(), rss: process.memoryUsage().rss });
  if (m === 'stop') server.close(() => process.exit(0));
});
