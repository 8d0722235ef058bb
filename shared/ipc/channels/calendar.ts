// Calendar: the month/week/list query, campaigns and queue slots (issue 6).
// Spread into the contract (../contract.ts) and the push events (../events.ts).

export const calendarChannels = {} as const;

// eslint-disable-next-line @typescript-eslint/no-empty-object-type
export interface CalendarEvents {}

export const calendarEventNames: readonly (keyof CalendarEvents)[] = [];
