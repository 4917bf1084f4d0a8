import http from 'node:http';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';
import sharp from 'sharp';

// Run: npx vite build --config bench/threads-experiment/vite.config.js &&
//      OUT=bench/results/detect-threads.json node bench/threads-experiment/run.mjs
const here = path.dirname(fileURLToPath(import.meta.url));
const repo = path.resolve(here, '..', '..');
const cam = path.join(here, 'dist', 'cam.jpg');
await sharp(path.join(repo, 'node_modules/@vladmandic/face-api/demo/sample6.jpg'))
  .extract({ left: 0, top: 150, width: 900, height: 675 })
  .resize(640, 480)
  .jpeg()
  .toFile(cam);
const roots = {
  '/models/': repo + '/node_modules/@vladmandic/human/models/',
  '/wasm/': repo + '/node_modules/@tensorflow/tfjs-backend-wasm/dist/',
};
const server = http.createServer((req, res) => {
  const url = req.url.split('?')[0];
  let file =
    url === '/'
      ? null
      : url === '/worker.js'
        ? path.join(here, 'dist', 'worker.js')
        : url === '/cam.jpg'
          ? cam
          : null;
  for (const [p, dir] of Object.entries(roots))
    if (url.startsWith(p)) file = path.join(dir, url.slice(p.length));
  const headers = {
    'cross-origin-opener-policy': 'same-origin',
    'cross-origin-embedder-policy': 'require-corp',
    'cross-origin-resource-policy': 'same-origin',
    'content-security-policy':
      "default-src 'self'; script-src 'self' 'wasm-unsafe-eval' blob:; worker-src 'self' blob:; connect-src 'self'",
  };
  if (url === '/') {
    res.writeHead(200, { ...headers, 'content-type': 'text/html' });
    return res.end('<!doctype html><title>t</title>');
  }
  if (!file || !fs.existsSync(file)) {
    res.writeHead(404, headers);
    return res.end();
  }
  const type = file.endsWith('.js')
    ? 'text/javascript'
    : file.endsWith('.wasm')
      ? 'application/wasm'
      : file.endsWith('.json')
        ? 'application/json'
        : file.endsWith('.jpg')
          ? 'image/jpeg'
          : 'application/octet-stream';
  res.writeHead(200, { ...headers, 'content-type': type });
  fs.createReadStream(file).pipe(res);
});
await new Promise((r) => server.listen(0, '127.0.0.1', r));
const base = `http://127.0.0.1:${server.address().port}`;
const browser = await chromium.launch({
  executablePath: '/usr/bin/chromium',
  args: ['--headless', '--no-sandbox', '--disable-gpu', '--vision-bench-marker=' + process.pid],
});
const page = await browser.newPage();
page.on('console', (m) => console.log('console:', m.text().slice(0, 300)));
page.on('pageerror', (e) => console.log('pageerror:', String(e).slice(0, 300)));
await page.goto(base + '/');
const results = [];
let idleShare = 0;
const hz = Number(process.env.CLK_TCK || 100);
function cpuOf(root) {
  const stats = new Map();
  for (const pid of fs.readdirSync('/proc').filter((d) => /^\d+$/.test(d))) {
    try {
      const st = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
      const f = st.slice(st.lastIndexOf(')') + 2).split(' ');
      stats.set(Number(pid), { ppid: Number(f[1]), cpu: Number(f[11]) + Number(f[12]) });
    } catch {
      // the process ended meanwhile
    }
  }
  const tree = new Set([root]);
  let grew = true;
  while (grew) {
    grew = false;
    for (const [pid, s] of stats)
      if (!tree.has(pid) && tree.has(s.ppid)) {
        tree.add(pid);
        grew = true;
      }
  }
  let total = 0;
  for (const pid of tree) total += stats.get(pid)?.cpu ?? 0;
  return total / hz;
}
const marker = '--vision-bench-marker=' + process.pid;
const rootPid = fs
  .readdirSync('/proc')
  .filter((d) => /^\d+$/.test(d))
  .map(Number)
  .filter((pid) => {
    try {
      return fs.readFileSync(`/proc/${pid}/cmdline`, 'utf8').includes(marker);
    } catch {
      return false;
    }
  })
  .sort((a, b) => a - b)[0];
console.log('browser pid', rootPid);
{
  const c0 = cpuOf(rootPid);
  const t0 = Date.now();
  await new Promise((r) => setTimeout(r, 10000));
  idleShare = +((cpuOf(rootPid) - c0) / ((Date.now() - t0) / 1000)).toFixed(3);
  console.log('idle page share', idleShare);
}
let c0 = 0,
  t0 = 0;
await page.exposeFunction('__mark', () => {
  c0 = cpuOf(rootPid);
  t0 = Date.now();
});
for (const threads of (process.env.MODES || 'true,false').split(',').map((x) => x === 'true')) {
  await page.evaluate(
    `window.__done = new Promise((resolve) => { window.__ready = new Promise((ready) => { const w = new Worker('/worker.js', { type: 'module' }); w.onerror = (e) => { ready(); resolve({ workerError: e.message }); }; w.onmessage = (e) => { if (e.data.phase === 'ready') { window.__mark(); return ready(); } resolve(e.data); w.terminate(); }; w.postMessage({ base: location.origin, threads: ${threads} }); }); })`,
  );
  const r = await page.evaluate('window.__done');
  const c1 = cpuOf(rootPid);
  console.log('cpu', c0, c1, Date.now() - t0);
  r.coreShareAt2Hz = +((cpuOf(rootPid) - c0) / ((Date.now() - t0) / 1000)).toFixed(3);
  r.load = (await import('node:os')).loadavg().map((x) => +x.toFixed(2));
  results.push({ threadsRequested: threads, ...r });
  console.log(
    'threads requested',
    threads,
    JSON.stringify(r).slice(0, 600),
    'crossOriginIsolated',
    await page.evaluate('crossOriginIsolated'),
  );
}
await browser.close();
server.close();
const out = {
  date: new Date().toISOString(),
  machine: {
    cpus: (await import('node:os')).cpus().length,
    note: 'shared with other work while measured',
  },
  what: 'human 3.3.6 esm-nobundle (webgl/webgpu stubbed), face detector+mesh+iris on a 640x480 photo with 2 faces, in a module worker of a COOP/COEP page with our CSP plus script-src blob:; ms = median of 20 back-to-back frames; coreShareAt2Hz = CPU seconds of the whole Chromium process tree per second while detecting at 2 Hz for 20 s (includes the idle page)',
  idlePageCoreShare: idleShare,
  runs: results,
};
if (process.env.OUT) fs.writeFileSync(process.env.OUT, JSON.stringify(out, null, 2) + '\n');
console.log(JSON.stringify(out, null, 2));
