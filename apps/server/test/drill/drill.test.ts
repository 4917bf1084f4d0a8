// CI's crash drill (ADR 0021): `npm run drill` with 50 simulated examinees for 60 s and two
// SIGKILLs of the server at seeded moments. Every answer save, signal batch and evidence segment
// a client was told is stored is in the database and the blob store afterwards, the server came
// back after each kill, and it never ended on its own.
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

const ROOT = path.resolve(import.meta.dirname, '../../../..');

interface DrillResult {
  acknowledged: Record<'answer' | 'signals' | 'evidence', number>;
  lostTotal: number;
  lostExamples: string[];
  stillInOutboxAtEnd: number;
  faults: { kind: string; backMs: number | null }[];
}

function drill(
  args: string[],
): Promise<{ code: number | null; result: DrillResult; output: string }> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'emtihan-drill-test-'));
  const out = path.join(dir, 'drill.json');
  const child = spawn(
    process.execPath,
    ['--import', 'tsx', 'bench/drill.ts', ...args, '--out', out],
    { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] },
  );
  let output = '';
  child.stdout.on('data', (d: Buffer) => (output += d.toString()));
  child.stderr.on('data', (d: Buffer) => (output += d.toString()));
  return new Promise((resolve, reject) => {
    child.once('error', reject);
    child.once('exit', (code) => {
      try {
        const result = JSON.parse(fs.readFileSync(out, 'utf8')) as DrillResult;
        resolve({ code, result, output });
      } catch (e) {
        reject(new Error(`the drill wrote no result (${String(e)}):\n${output}`));
      } finally {
        fs.rmSync(dir, { recursive: true, force: true });
      }
    });
  });
}

describe('the crash drill', () => {
  it(
    'loses no acknowledged save when the server is killed twice during an exam',
    { timeout: 240_000 },
    async () => {
      const { code, result, output } = await drill([
        '--students',
        '50',
        '--seconds',
        '60',
        '--kills',
        '2',
        '--seed',
        '28',
      ]);
      expect(result.lostExamples, output).toEqual([]);
      expect(result.lostTotal).toBe(0);
      expect(result.stillInOutboxAtEnd).toBe(0);
      expect(result.acknowledged.answer).toBeGreaterThan(0);
      expect(result.acknowledged.signals).toBeGreaterThan(0);
      expect(result.acknowledged.evidence).toBeGreaterThan(0);
      // Both kills, each followed by saves acknowledged again; no crash of its own.
      expect(result.faults.map((f) => f.kind)).toEqual(['kill', 'kill']);
      expect(result.faults.every((f) => f.backMs !== null)).toBe(true);
      expect(code).toBe(0);
    },
  );
});
