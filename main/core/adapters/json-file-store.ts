// Key-value preferences in a JSON file, for hosts without electron-store (the browser
// host and the CLI). Written atomically: a crash mid-write leaves the old file.
import fs from 'node:fs';
import path from 'node:path';
import type { KeyValueStore } from '../ports.ts';
import { replaceFile } from './replace-file.ts';

export function createJsonFileStore(file: string): KeyValueStore {
  let data: Record<string, unknown> = {};
  try {
    const parsed: unknown = JSON.parse(fs.readFileSync(file, 'utf8'));
    if (parsed !== null && typeof parsed === 'object' && !Array.isArray(parsed)) {
      data = parsed as Record<string, unknown>;
    }
  } catch {
    // Missing or unreadable: start empty; the file is rewritten on the next change.
  }
  return {
    get: (key) => (Object.hasOwn(data, key) ? data[key] : undefined),
    set(key, value) {
      data = { ...data, [key]: value };
      fs.mkdirSync(path.dirname(file), { recursive: true });
      replaceFile(file, JSON.stringify(data, null, 2));
    },
  };
}
