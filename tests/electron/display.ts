// A display for the Electron e2e tests: the session's own if there is one, else a private
// Xvfb (Debian: apt-get install xvfb) that lives as long as the test file.
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';

const hasSessionDisplay = () =>
  process.platform !== 'linux' ||
  Boolean(process.env.DISPLAY) ||
  Boolean(process.env.WAYLAND_DISPLAY);

function findXvfb(): string | null {
  for (const dir of (process.env.PATH ?? '').split(path.delimiter)) {
    const candidate = path.join(dir, 'Xvfb');
    if (dir !== '' && fs.existsSync(candidate)) return candidate;
  }
  return null;
}

/** Why no window could be shown here, or null. Synchronous: decides a skip at load time. */
export function displayProblem(): string | null {
  if (hasSessionDisplay() || findXvfb() !== null) return null;
  return 'no display (DISPLAY is unset) and no Xvfb to make one (apt-get install xvfb)';
}

export interface Display {
  env: Record<string, string>;
  stop(): void;
}

export async function openDisplay(): Promise<Display> {
  const xvfb = findXvfb();
  if (hasSessionDisplay() || xvfb === null) return { env: {}, stop: () => undefined };
  // -displayfd: Xvfb picks a free display number and writes it to fd 3 when ready.
  const child = spawn(
    xvfb,
    ['-displayfd', '3', '-screen', '0', '1600x1000x24', '-nolisten', 'tcp'],
    {
      stdio: ['ignore', 'ignore', 'ignore', 'pipe'],
    },
  );
  const fd = child.stdio[3];
  if (fd === null || fd === undefined || !('on' in fd))
    throw new Error('Xvfb gave no display pipe');
  const number = await new Promise<string>((resolve, reject) => {
    let text = '';
    fd.on('data', (chunk: Buffer) => {
      text += chunk.toString();
      if (text.includes('\n')) resolve(text.trim());
    });
    child.once('exit', (code) => {
      reject(new Error(`Xvfb exited with code ${String(code)}`));
    });
  });
  return {
    env: { DISPLAY: `:${number}` },
    stop: () => {
      child.kill();
    },
  };
}
