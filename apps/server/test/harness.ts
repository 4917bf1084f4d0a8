// Starts the real server (real SQLite file in a fresh folder, random port) for integration and
// browser tests, exactly as `npm start` composes it.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { loadConfig } from '../src/config.ts';
import { start } from '../src/main.ts';

export interface TestServer {
  url: string;
  dataDir: string;
  close(): Promise<void>;
}

export async function startTestServer(
  opts: { demo?: boolean; env?: Record<string, string> } = {},
): Promise<TestServer> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'emtihan-test-'));
  const config = loadConfig({
    DATA_DIR: dataDir,
    PORT: '0',
    HOST: '127.0.0.1',
    LOG_LEVEL: 'silent',
    DEMO: String(opts.demo ?? true),
    ...opts.env,
  });
  const { app, address } = await start(config);
  return {
    url: address,
    dataDir,
    async close() {
      await app.close();
      fs.rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
