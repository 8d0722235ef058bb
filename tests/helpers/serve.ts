// Starts the real `starling serve` in a child process and waits for the URL it prints.
import { spawn } from 'node:child_process';
import { onTestFinished } from 'vitest';
import { binPath } from './cli.ts';

export interface ServedApp {
  url: string;
  origin: string;
  port: number;
  token: string;
}

/**
 * `env` is added to this process's environment (e.g. STARLING_X_API_ORIGIN); `args` to
 * the serve command (e.g. `--publish`).
 */
export async function serveApp(
  dataDir: string,
  env: NodeJS.ProcessEnv = {},
  args: string[] = [],
): Promise<ServedApp> {
  const child = spawn(
    process.execPath,
    [binPath, '--data-dir', dataDir, '--json', 'serve', '--port', '0', ...args],
    {
      stdio: ['ignore', 'pipe', 'pipe'],
      env: { ...process.env, ...env },
    },
  );
  onTestFinished(
    () =>
      new Promise<void>((resolve) => {
        if (child.exitCode !== null) {
          resolve();
          return;
        }
        child.once('exit', () => {
          resolve();
        });
        child.kill('SIGTERM');
      }),
  );
  let stdout = '';
  let stderr = '';
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  return new Promise<ServedApp>((resolve, reject) => {
    const timer = setTimeout(() => {
      reject(new Error(`starling serve printed no URL in 60 s. stderr: ${stderr}`));
    }, 60_000);
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`starling serve exited with ${String(code)}: ${stderr}`));
    });
    child.stdout.on('data', (chunk: Buffer) => {
      stdout += chunk.toString();
      try {
        const { url } = JSON.parse(stdout) as { url: string };
        clearTimeout(timer);
        const parsed = new URL(url);
        resolve({
          url,
          origin: parsed.origin,
          port: Number(parsed.port),
          token: new URLSearchParams(parsed.hash.slice(1)).get('token') ?? '',
        });
      } catch {
        // Not a whole JSON document yet.
      }
    });
  });
}
