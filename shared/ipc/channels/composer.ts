// Composer: drafts that autosave, templates and hashtag groups per client (issue 5).
// Spread into the contract (../contract.ts) and the push events (../events.ts).

export const composerChannels = {} as const;

// eslint-disable-next-line @typescript-eslint/no-empty-object-type
export interface ComposerEvents {}

export const composerEventNames: readonly (keyof ComposerEvents)[] = [];
