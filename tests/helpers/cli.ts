// Runs the real `starling` command in a child process, as a user or script would.
import { spawnSync } from 'node:child_process';
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
