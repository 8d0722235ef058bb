// Media paths named in a CSV: files the user chose by choosing the CSV, so they are read
// relative to the CSV's folder and anything that escapes it (.., an absolute path
// elsewhere, a symlink pointing out) is refused. Kinds come from the extension and X's
// size limits are checked before anything is copied.
import fs from 'node:fs';
import path from 'node:path';

export type MediaKind = 'image' | 'gif' | 'video';

const kinds: Record<string, MediaKind> = {
  '.jpg': 'image',
  '.jpeg': 'image',
  '.png': 'image',
  '.webp': 'image',
  '.gif': 'gif',
  '.mp4': 'video',
  '.m4v': 'video',
  '.mov': 'video',
};

const maxBytes: Record<MediaKind, number> = {
  image: 5 * 1024 * 1024,
  gif: 15 * 1024 * 1024,
  video: 512 * 1024 * 1024,
};

export type MediaCheck =
  { ok: true; file: string; kind: MediaKind } | { ok: false; message: string };

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
    const kind = kinds[path.extname(file).toLowerCase()];
    if (kind === undefined) {
      return {
        ok: false,
        message: `${name}: unsupported media type. Use an image (.jpg, .png, .webp), a .gif or a video (.mp4, .mov).`,
      };
    }
    if (stat.size === 0) return { ok: false, message: `${name} is empty.` };
    if (stat.size > maxBytes[kind]) {
      return {
        ok: false,
        message: `${name} is ${mb(stat.size)}: X accepts at most ${mb(maxBytes[kind])} for a${kind === 'image' ? 'n image' : kind === 'gif' ? ' GIF' : ' video'}.`,
      };
    }
    return { ok: true, file, kind };
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
