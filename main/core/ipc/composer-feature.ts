// The composer feature's handlers (see ../feature.ts): drafts that the editor autosaves and
// schedules, and each client's templates and hashtag groups.
import type { composerChannels } from '../../../shared/ipc/channels/composer.ts';
import type { CoreContext, CoreFeature } from '../feature.ts';
import { createDraftsService } from '../services/drafts.ts';
import { createTemplatesService } from '../services/templates.ts';

export function createComposerFeature(
  context: CoreContext,
): CoreFeature<keyof typeof composerChannels> {
  const { db } = context.database;
  const drafts = createDraftsService(db, context.ports, context.events, context.posts);
  const templates = createTemplatesService(db, context.ports);
  return {
    handlers: {
      'drafts:save': (input) => drafts.save(input),
      'drafts:list': (input) => drafts.list(input),
      'drafts:delete': ({ id }) => drafts.remove(id),
      'drafts:schedule': (input) => drafts.schedule(input),
      'templates:list': (input) => templates.listTemplates(input),
      'templates:save': (input) => templates.saveTemplate(input),
      'templates:delete': ({ id }) => templates.deleteTemplate(id),
      'hashtag-groups:list': (input) => templates.listGroups(input),
      'hashtag-groups:save': (input) => templates.saveGroup(input),
      'hashtag-groups:delete': ({ id }) => templates.deleteGroup(id),
    },
  };
}
