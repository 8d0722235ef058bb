// JSON-lines logger into <data>/logs/starling.log. Fields are scrubbed of anything
// that looks like a credential before they are written.
import fs from 'node:fs';
import path from 'node:path';
import type { Logger } from '../ports.ts';
import { ensurePrivateFolder } from './private-folder.ts';

const secretKey = /token|secret|authorization|passphrase|password|cookie/i;

/** `value` with every field named like a credential redacted, however deep (a few levels). */
function scrubbed(value: unknown, depth: number): unknown {
  if (typeof value !== 'object' || value === null) return value;
  if (depth === 0) return '[nested]';
  if (Array.isArray(value)) return value.map((item) => scrubbed(item, depth - 1));
  return Object.fromEntries(
    Object.entries(value).map(([k, v]) => [
      k,
      secretKey.test(k) ? '[redacted]' : scrubbed(v, depth - 1),
    ]),
  );
}

function scrub(fields: Record<string, unknown> | undefined): Record<string, unknown> {
  if (fields === undefined) return {};
  return scrubbed(fields, 6) as Record<string, unknown>;
}

export function createFileLogger(
  dataDir: string,
  now: () => number,
  echo?: (line: string) => void,
): Logger {
  const dir = path.join(dataDir, 'logs');
  const file = path.join(dir, 'starling.log');
  let ready = false;
  const write = (level: string, message: string, fields?: Record<string, unknown>) => {
    const line = JSON.stringify({
      at: new Date(now()).toISOString(),
      level,
      message,
      ...scrub(fields),
    });
    try {
      if (!ready) {
        // The log may be the first thing written: the folder is made private here too.
        ensurePrivateFolder(dataDir);
        fs.mkdirSync(dir, { recursive: true });
        ready = true;
      }
      fs.appendFileSync(file, `${line}\n`);
    } catch {
      // A log that cannot be written must not stop the app.
    }
    echo?.(line);
  };
  return {
    info: (m, f) => {
      write('info', m, f);
    },
    warn: (m, f) => {
      write('warn', m, f);
    },
    error: (m, f) => {
      write('error', m, f);
    },
  };
}
