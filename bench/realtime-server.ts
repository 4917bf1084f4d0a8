// The server under test for `npm run bench:realtime`, as its own process (so its CPU and
// memory are its own): started exactly as `npm start` composes it, configured by environment.
import { loadConfig } from '../apps/server/src/config.ts';
import { start } from '../apps/server/src/main.ts';

const { app, address } = await start(loadConfig());
process.send?.({ type: 'ready', address });
process.on('message', (m: unknown) => {
  if (m === 'stats') {
    process.send?.({ type: 'stats', cpu: process.cpuUsage(), rss: process.memoryUsage().rss });
  }
  if (m === 'stop') void app.close().then(() => process.exit(0));
});
