// Runs the real `starling` command in a child process, as a user or script would.
import { spawn, spawnSync } from 'node:child_process';
import path from 'node:path';

export const binPath = path.resolve(import.meta.dirname, '../../bin/starling.js');

export interface CliRun {
  status: number | null;
  stdout: string;
  stderr: string;
  /** stdout parsed as JSON (for --json runs). */
  json: () => unknown;
}

export function runCli(args: string[], env: NodeJS.ProcessEnv = {}): CliRun {
  const result = spawnSync(process.execPath, [binPath, ...args], {
    encoding: 'utf8',
    env: { ...process.env, ...env },
    timeout: 30_000,
  });
  return {
    status: result.status,
    stdout: result.stdout,
    stderr: result.stderr,
    json: () => JSON.parse(result.stdout) as unknown,
  };
}

export interface Running {
  /** Resolves with the first stderr line matching the pattern. */
  stderrLine(pattern: RegExp): Promise<string>;
  exited: Promise<{ code: number | null; stdout: string; stderr: string }>;
  kill(signal: NodeJS.Signals): void;
  /** What the command wrote to stderr so far (for failure messages). */
  stderrSoFar(): string;
}

/**
 * Starts `starling` without waiting, for runs that talk to a fake living in this process
 * (spawnSync would block the fake): stderr lines can be awaited as they come.
 */
export function startCli(args: string[], env: NodeJS.ProcessEnv): Running {
  const child = spawn(process.execPath, [binPath, ...args], {
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  const waiters: { pattern: RegExp; resolve: (line: string) => void }[] = [];
  child.stdout.setEncoding('utf8').on('data', (chunk: string) => {
    stdout += chunk;
  });
  child.stderr.setEncoding('utf8').on('data', (chunk: string) => {
    stderr += chunk;
    for (const w of [...waiters]) {
      const line = stderr.split('\n').find((l) => w.pattern.test(l));
      if (line !== undefined) {
        waiters.splice(waiters.indexOf(w), 1);
        w.resolve(line);
      }
    }
  });
  const exited = new Promise<{ code: number | null; stdout: string; stderr: string }>((resolve) => {
    child.once('close', (code) => {
      resolve({ code, stdout, stderr });
    });
  });
  const timer = setTimeout(() => child.kill('SIGKILL'), 25_000);
  void exited.then(() => {
    clearTimeout(timer);
  });
  return {
    stderrLine: (pattern) =>
      new Promise((resolve, reject) => {
        const line = stderr.split('\n').find((l) => pattern.test(l));
        if (line !== undefined) {
          resolve(line);
          return;
        }
        waiters.push({ pattern, resolve });
        void exited.then((r) => {
          reject(new Error(`starling exited (${String(r.code)}) first:\n${r.stderr}${r.stdout}`));
        });
      }),
    exited,
    kill: (signal) => child.kill(signal),
    stderrSoFar: () => stderr,
  };
}
