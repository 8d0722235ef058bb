// Dispatch cases for the analytics feature's channels: a record over them, so a channel
// added to shared/ipc/channels/analytics.ts without cases here fails to compile.
import type { analyticsChannels } from '../../../shared/ipc/channels/analytics.ts';
import type { ChannelCases } from './types.ts';

export const analyticsCases: Record<keyof typeof analyticsChannels, ChannelCases> = {};
