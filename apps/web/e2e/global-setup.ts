// Vitest globalSetup for the browser tests: the server serves apps/web/dist, so build it when
// it is missing or older than any source it is made from.
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';

const web = path.resolve(import.meta.dirname, '..');
const INPUTS = ['src', 'public', 'index.html', 'vite.config.ts', 'postcss.config.cjs'];

function newestMtime(entry: string): number {
  if (!fs.existsSync(entry)) return 0;
  const stat = fs.statSync(entry);
  if (!stat.isDirectory()) return stat.mtimeMs;
  return fs
    .readdirSync(entry)
    .reduce((newest, name) => Math.max(newest, newestMtime(path.join(entry, name))), stat.mtimeMs);
}

export default function setup(): void {
  const built = path.join(web, 'dist', 'index.html');
  const sources = [
    ...INPUTS.map((p) => path.join(web, p)),
    path.resolve(web, '../../packages/protocol/src'),
    path.resolve(web, '../../packages/detection/src'),
  ];
  const builtAt = fs.existsSync(built) ? fs.statSync(built).mtimeMs : 0;
  if (builtAt > Math.max(...sources.map(newestMtime))) return;
  console.log('[e2e] building apps/web (dist is missing or older than its sources)');
  // Vitest runs with NODE_ENV=test, which Vite would keep: React's development build, slower
  // and not what a university serves. The browser tests test the production build.
  execFileSync('npx', ['vite', 'build', '--logLevel', 'warn'], {
    cwd: web,
    stdio: 'inherit',
    env: { ...process.env, NODE_ENV: 'production' },
  });
}
