// An Instagram post checked before anything is sent: one part (Instagram has no threads),
// with media (it posts no text alone), its caption and media by the shared rules
// (shared/networks/instagram.ts), every file still in the media library.
import fs from 'node:fs';
import { networkRules, noThreads } from '../../../../shared/networks/index.ts';
import { mediaProblems, textProblems } from '../../../../shared/networks/check.ts';
import type { PlannedPart } from '../port.ts';

export function checkInstagramPost(parts: PlannedPart[]): string | null {
  const rules = networkRules.instagram;
  if (parts.length > 1) return noThreads(rules.label);
  const part = parts[0];
  if (part === undefined) return 'The post has no text or media to publish.';
  const name = 'The post';
  const text = textProblems(rules, part.text, name)[0];
  if (text !== undefined) return text;
  const media = part.media.map((m) => ({
    kind: m.kind,
    mime: m.mime,
    bytes: m.bytes,
    durationMs: m.durationMs,
    name: 'a file',
    altText: m.altText,
  }));
  const problem = mediaProblems(rules, media, name).errors[0];
  if (problem !== undefined) return problem;
  if (part.media.some((m) => !fs.existsSync(m.file))) {
    return `${name}: a media file is missing from the media library.`;
  }
  return null;
}
