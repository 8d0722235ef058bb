// `starling daemon` as a child process: its JSON lines as they come, signals, exit.
import { spawn, type ChildProcessByStdio } from 'node:child_process';
import type { Readable } from 'node:stream';
import readline from 'node:readline';
import { binPath } from './cli.ts';

export interface DaemonLine {
  at: number;
  type: string;
  [field: string]: unknown;
}

export interface DaemonProcess {
  child: ChildProcessByStdio<null, Readable, Readable>;
  lines: DaemonLine[];
  stderr: () => string;
  /** Resolves with the first line (already printed or not) that matches. */
  waitFor(match: (line: DaemonLine) => boolean, timeoutMs?: number): Promise<DaemonLine>;
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
}

export function spawnDaemon(
  dataDir: string,
  env: NodeJS.ProcessEnv,
  args: string[] = [],
): DaemonProcess {
  const child = spawn(
    process.execPath,
    [binPath, '--data-dir', dataDir, '--json', 'daemon', ...args],
    { env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] },
  );
  const lines: DaemonLine[] = [];
  const waiters = new Set<() => void>();
  let err = '';
  child.stderr.on('data', (chunk: Buffer) => {
    err += chunk.toString('utf8');
  });
  readline.createInterface({ input: child.stdout }).on('line', (text) => {
    try {
      lines.push(JSON.parse(text) as DaemonLine);
    } catch {
      lines.push({ at: Date.now(), type: 'unparsed', text });
    }
    for (const wake of waiters) wake();
  });
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) => {
    child.once('exit', (code, signal) => {
      resolve({ code, signal });
      for (const wake of waiters) wake();
    });
  });
  return {
    child,
    lines,
    stderr: () => err,
    exited,
    waitFor(match, timeoutMs = 20_000) {
      return new Promise((resolve, reject) => {
        const check = () => {
          const found = lines.find(match);
          if (found !== undefined) {
            waiters.delete(check);
            clearTimeout(timer);
            resolve(found);
          } else if (child.exitCode !== null || child.signalCode !== null) {
            waiters.delete(check);
            clearTimeout(timer);
            reject(new Error(`daemon exited before the line came; stderr: ${err}`));
          }
        };
        const timer = setTimeout(() => {
          waiters.delete(check);
          reject(new Error(`no such daemon line in ${String(timeoutMs)} ms; stderr: ${err}`));
        }, timeoutMs);
        waiters.add(check);
        check();
      });
    },
  };
}
