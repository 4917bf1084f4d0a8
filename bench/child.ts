// Starts a benchmark's server script as a child process (under tsx; with BENCH_PROFILE=dir, with
// a CPU profile) and resolves once it says it is ready, with the address it listens on.
import { fork, type ChildProcess } from 'node:child_process';
import path from 'node:path';

export function startChild(
  script: string,
  env: Record<string, string | undefined>,
  /** `pipe`: the child's output is read by the caller (the fuzzer scans the server's log). */
  output: 'inherit' | 'pipe' = 'inherit',
): Promise<{ child: ChildProcess; url: string }> {
  const child = fork(path.join(import.meta.dirname, script), [], {
    execArgv: [
      '--import',
      'tsx',
      // Node's own flags for the server under test (a GC setting, --trace-gc): BENCH_NODE_FLAGS.
      ...(process.env.BENCH_NODE_FLAGS?.split(' ').filter(Boolean) ?? []),
      ...(process.env.BENCH_PROFILE
        ? ['--cpu-prof', '--cpu-prof-dir', process.env.BENCH_PROFILE]
        : []),
    ],
    env: { ...process.env, ...env },
    stdio: ['ignore', output, output, 'ipc'],
  });
  return new Promise((resolve, reject) => {
    child.once('exit', (code) => reject(new Error(`${script} exited: ${code}`)));
    child.on('message', (m: { type: string; address?: string }) => {
      if (m.type === 'ready') resolve({ child, url: m.address! });
    });
  });
}
