// Media library: import, list, fit for X and delete media (issue 5).
// Spread into the contract (../contract.ts) and the push events (../events.ts).

export const mediaChannels = {} as const;

// eslint-disable-next-line @typescript-eslint/no-empty-object-type
export interface MediaEvents {}

export const mediaEventNames: readonly (keyof MediaEvents)[] = [];
