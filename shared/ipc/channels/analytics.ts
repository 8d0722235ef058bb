// Analytics: metric sync, the dashboard and reports (issue 7).
// Spread into the contract (../contract.ts) and the push events (../events.ts).

export const analyticsChannels = {} as const;

// eslint-disable-next-line @typescript-eslint/no-empty-object-type
export interface AnalyticsEvents {}

export const analyticsEventNames: readonly (keyof AnalyticsEvents)[] = [];
