// Media paths named in a CSV: files the user chose by choosing the CSV, so they are read
// relative to the CSV's folder and anything that escapes it (.., an absolute path
// elsewhere, a symlink pointing out) is refused. Kind and type come from the extension
// (the library sniffs the bytes when the file is copied in); each network's own limits
// are checked per row, against the accounts the row names (csv-rows.ts).
import fs from 'node:fs';
import path from 'node:path';
import { importMaxBytes, type MediaKind } from '../../../shared/media.ts';

export type { MediaKind };

const types: Record<string, { kind: MediaKind; mime: string }> = {
  '.jpg': { kind: 'image', mime: 'image/jpeg' },
  '.jpeg': { kind: 'image', mime: 'image/jpeg' },
  '.png': { kind: 'image', mime: 'image/png' },
  '.webp': { kind: 'image', mime: 'image/webp' },
  '.gif': { kind: 'gif', mime: 'image/gif' },
  '.mp4': { kind: 'video', mime: 'video/mp4' },
  '.m4v': { kind: 'video', mime: 'video/mp4' },
  '.mov': { kind: 'video', mime: 'video/quicktime' },
  '.pdf': { kind: 'document', mime: 'application/pdf' },
};

export type MediaCheck =
  | { ok: true; file: string; kind: MediaKind; mime: string; bytes: number }
  | { ok: false; message: string };

const mb = (bytes: number) => `${String(Math.round(bytes / 1024 / 1024))} MB`;

/** Checks media paths against one CSV folder, remembering each answer. */
export function createMediaResolver(baseDir: string | null) {
  const seen = new Map<string, MediaCheck>();
  let realBase: string | null = null;

  function check(name: string): MediaCheck {
    if (baseDir === null) {
      return {
        ok: false,
        message: `${name}: media paths are read next to a CSV file on disk; choose the file with "Choose a file…" in the desktop app, or run "starling import csv FILE", to attach media.`,
      };
    }
    const file = path.resolve(baseDir, name);
    const inside = (base: string, target: string) => {
      const rel = path.relative(base, target);
      return rel !== '' && !rel.startsWith('..') && !path.isAbsolute(rel);
    };
    if (!inside(baseDir, file)) {
      return {
        ok: false,
        message: `${name} is outside the CSV's folder: media must sit in ${baseDir} or below it.`,
      };
    }
    let stat: fs.Stats;
    try {
      stat = fs.statSync(file);
      realBase ??= fs.realpathSync(baseDir);
      if (!inside(realBase, fs.realpathSync(file))) {
        return {
          ok: false,
          message: `${name} links to a file outside the CSV's folder: copy the file into it.`,
        };
      }
    } catch {
      return { ok: false, message: `${name}: no such file next to the CSV.` };
    }
    if (!stat.isFile()) return { ok: false, message: `${name} is not a file.` };
    const type = types[path.extname(file).toLowerCase()];
    if (type === undefined) {
      return {
        ok: false,
        message: `${name}: unsupported media type. Use an image (.jpg, .png, .webp), a .gif, a video (.mp4, .mov) or a .pdf document.`,
      };
    }
    if (stat.size === 0) return { ok: false, message: `${name} is empty.` };
    if (stat.size > importMaxBytes) {
      return {
        ok: false,
        message: `${name} is ${mb(stat.size)}: the media library takes files up to ${mb(importMaxBytes)}.`,
      };
    }
    return { ok: true, file, kind: type.kind, mime: type.mime, bytes: stat.size };
  }

  return {
    resolve(name: string): MediaCheck {
      let answer = seen.get(name);
      if (answer === undefined) {
        answer = check(name);
        seen.set(name, answer);
      }
      return answer;
    },
  };
}
