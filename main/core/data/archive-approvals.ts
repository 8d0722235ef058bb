// A client's approvals and review packets moved with its archive ([Note: client
// archives]). An approval counts only for the version hash it was given for, and the hash
// is taken over ids (accounts, media) that an import renews, so an approval that was
// current when exported is given the imported post's hash: it still counts. A stale one
// keeps its old hash and still does not. Review packets keep their ids where this machine
// has no packet by that id, so a client's reply to a packet sent before the move is
// still recognised (its posts are found by the ids the packet was written with).
import { assembleVersions, hashVersion, type VersionRows } from '../approval/version-hash.ts';
import type { ArchiveManifest, Row } from './client-archive-format.ts';

const text = (value: unknown) => (typeof value === 'string' ? value : JSON.stringify(value));

/** The version rows of an archive's posts, with every id passed through `id`. */
function versionRows(manifest: ArchiveManifest, id: (old: unknown) => string): VersionRows {
  const t = manifest.tables;
  const rows = (list: Row[] | undefined) => list ?? [];
  return {
    posts: rows(t.posts).map((p) => ({
      id: id(p.id),
      local_time: p.local_time === null ? null : text(p.local_time),
      timezone: text(p.timezone),
      scheduled_at: typeof p.scheduled_at === 'number' ? p.scheduled_at : null,
    })),
    targets: rows(t.post_targets).map((r) => ({
      post_id: id(r.post_id),
      account_id: id(r.account_id),
    })),
    parts: rows(t.post_parts).map((r) => ({
      id: id(r.id),
      post_id: id(r.post_id),
      position: Number(r.position),
      text: text(r.text),
    })),
    variants: rows(t.post_part_variants).map((r) => ({
      part_id: id(r.part_id),
      account_id: id(r.account_id),
      text: text(r.text),
    })),
    media: rows(t.post_part_media).map((r) => ({
      part_id: id(r.part_id),
      position: Number(r.position),
      media_id: id(r.media_id),
      alt_text: text(r.alt_text),
    })),
  };
}

const hashes = (rows: VersionRows) =>
  new Map([...assembleVersions(rows)].map(([postId, v]) => [postId, hashVersion(v)]));

/**
 * The hash a carried approval or packet row should hold on this machine, from the archive
 * and the old → new id map (complete once the posts and their parts are in).
 */
export function carriedHashes(manifest: ArchiveManifest, ids: ReadonlyMap<string, string>) {
  const exported = hashes(versionRows(manifest, text));
  const imported = hashes(versionRows(manifest, (old) => ids.get(text(old)) ?? text(old)));
  return (oldPostId: unknown, hash: unknown): unknown => {
    const postId = text(oldPostId);
    if (hash !== exported.get(postId)) return hash;
    return imported.get(ids.get(postId) ?? '') ?? hash;
  };
}
