// Data in and out: CSV import, exports, backups and client archives (issue 8).
// Spread into the contract (../contract.ts) and the push events (../events.ts).

export const dataChannels = {} as const;

// eslint-disable-next-line @typescript-eslint/no-empty-object-type
export interface DataEvents {}

export const dataEventNames: readonly (keyof DataEvents)[] = [];
