// Short human forms of media facts for the library view.
import type { MediaAsset } from '../../../../shared/media.ts';
import { plural } from '../../../../shared/plural.ts';

const megabyte = 1024 * 1024;

export const formatBytes = (bytes: number) =>
  bytes >= megabyte ? `${(bytes / megabyte).toFixed(1)} MB` : `${Math.ceil(bytes / 1024)} KB`;

export function describeAsset(m: MediaAsset): string {
  const kind =
    m.kind === 'image'
      ? m.mime.replace('image/', '').toUpperCase()
      : m.kind === 'document'
        ? 'PDF document'
        : m.kind.toUpperCase();
  const pixels =
    m.width === null || m.height === null ? null : `${String(m.width)}×${String(m.height)}`;
  const length = m.durationMs === null ? null : `${(m.durationMs / 1000).toFixed(1)} s`;
  return [kind, formatBytes(m.bytes), pixels, length].filter((x) => x !== null).join(' · ');
}

export function describeUses(m: MediaAsset): string {
  if (m.uses.length === 0) return 'Not used in any post';
  const statuses = [...new Set(m.uses.map((u) => u.status))].join(', ');
  return `Used in ${plural(m.uses.length, 'post')} (${statuses})`;
}
