// The server under `npm run fuzz`, as its own process, started exactly as `npm start` composes it
// (configured by environment, with the demo university). An unhandled rejection or exception is
// reported to the fuzzer (an invariant break) instead of ending the process, so the run goes on.
import { loadConfig } from '../apps/server/src/config.ts';
import { start } from '../apps/server/src/main.ts';

for (const event of ['unhandledRejection', 'uncaughtException'] as const) {
  process.on(event, (err: unknown) => {
    const detail = err instanceof Error ? (err.stack ?? err.message) : String(err);
    console.error(`${event}: ${detail}`);
    process.send?.({ type: 'unhandled', event, detail });
  });
}

const { app, address } = await start(loadConfig());
process.send?.({ type: 'ready', address });
process.on('message', (m: unknown) => {
  if (m === 'stop') void app.close().then(() => process.exit(0));
});
