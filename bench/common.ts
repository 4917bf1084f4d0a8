// What the benchmarks share: their command-line options, rounding, the median, the machine's
// load, and how a result is written to bench/results/<name>.json and printed.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

/** `--name value` from the command line, or the fallback. */
export const arg = (name: string, fallback: string): string => {
  const i = process.argv.indexOf(`--${name}`);
  return i !== -1 && process.argv[i + 1] ? process.argv[i + 1]! : fallback;
};

export const round = (n: number, d = 1) => Math.round(n * 10 ** d) / 10 ** d;

/** The middle value (the upper one of an even count); NaN for none. */
export const median = (xs: readonly number[]): number => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length ? s[Math.floor(s.length / 2)]! : NaN;
};

/** The whole machine's 1-minute load average. */
export const load1m = () => round(os.loadavg()[0]!, 2);

/** Writes the result to bench/results/<name>.json and prints it with the file's path. */
export function writeResult(name: string, result: unknown): void {
  fs.mkdirSync(path.join(import.meta.dirname, 'results'), { recursive: true });
  const file = path.join(import.meta.dirname, 'results', `${name}.json`);
  fs.writeFileSync(file, JSON.stringify(result, null, 2) + '\n');
  console.log(JSON.stringify(result, null, 2));
  console.log(`written to ${path.relative(process.cwd(), file)}`);
}
