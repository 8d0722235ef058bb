// A part as POST /api/v1/statuses takes it, for a status sent now (publish.ts) and one
// the instance holds until its time (hold.ts).
import type { mastodon } from 'masto';
import type { PartContext } from '../port.ts';
import { readOptions, readSettings, type PostOptions } from './settings.ts';

/** The post's options for this account; `check` refused unusable ones before any send. */
export function optionsOf(context: PartContext): PostOptions {
  const options = readOptions(context.options, readSettings(context.account.settings));
  return 'problem' in options ? { visibility: 'public', contentWarning: '' } : options;
}

/** The status as POST /api/v1/statuses takes it: options, reply, text and media. */
export function statusParams(
  context: PartContext,
  mediaIds: string[],
): mastodon.rest.v1.CreateStatusParams {
  const { visibility, contentWarning } = optionsOf(context);
  const common = {
    visibility,
    ...(contentWarning !== '' && { spoilerText: contentWarning }),
    ...(context.parent !== null && { inReplyToId: context.parent.id }),
  };
  const text = context.part.text;
  return mediaIds.length > 0
    ? { ...common, mediaIds, ...(text.trim() !== '' && { status: text }) }
    : { ...common, status: text };
}
