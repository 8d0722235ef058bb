// Composer: drafts that autosave, templates and hashtag groups per client.
// Spread into the contract (../contract.ts) and the push events (../events.ts).
import {
  clientListInput,
  draftSaveInput,
  draftScheduleInput,
  draftsListInput,
  hashtagGroupSaveInput,
  idInput,
  templateSaveInput,
  type HashtagGroup,
  type Template,
} from '../../compose-inputs.ts';
import type { PostDetail, PostSummary } from '../../posts.ts';
import { channel, event, type PayloadsOf } from '../channel.ts';

export const composerChannels = {
  /**
   * Create (no id) or update a draft: a post with status 'draft', no publish jobs. Saved as
   * typed (empty parts, text over X's limit); accounts and media must be the client's.
   * CONFLICT when the post is no longer a draft (it was scheduled meanwhile).
   */
  'drafts:save': channel<PostDetail>()(() => draftSaveInput),
  /** Drafts, all or one client's, most recently edited first (read one with posts:get). */
  'drafts:list': channel<PostSummary[]>()(() => draftsListInput),
  /** Delete a draft for good. CONFLICT for a post that is not a draft. */
  'drafts:delete': channel<{ id: string }>()(() => idInput('Draft')),
  /**
   * Schedule a post written in the composer: every posts:schedule rule plus X's per-file
   * media limits, then the draft it came from (if any) is removed. Returns the new post.
   */
  'drafts:schedule': channel<PostSummary>()(() => draftScheduleInput),
  /** A client's templates by name. */
  'templates:list': channel<Template[]>()(() => clientListInput),
  /** Create (no id) or rename/rewrite a template. */
  'templates:save': channel<Template>()(() => templateSaveInput),
  'templates:delete': channel<{ id: string }>()(() => idInput('Template')),
  /** A client's hashtag groups by name. */
  'hashtag-groups:list': channel<HashtagGroup[]>()(() => clientListInput),
  /** Create (no id) or change a hashtag group; hashtags are stored with their #. */
  'hashtag-groups:save': channel<HashtagGroup>()(() => hashtagGroupSaveInput),
  'hashtag-groups:delete': channel<{ id: string }>()(() => idInput('Hashtag group')),
} as const;

export const composerEventList = {
  /** A draft was saved (created or changed), in any window of this core. */
  'draft:saved': event<{ id: string; clientId: string }>(),
  /** A draft was deleted, or scheduled and so removed. */
  'draft:deleted': event<{ id: string; clientId: string }>(),
} as const;

export type ComposerEvents = PayloadsOf<typeof composerEventList>;
