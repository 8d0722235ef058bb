// Dispatch cases for the data feature's channels: a record over them, so a channel
// added to shared/ipc/channels/data.ts without cases here fails to compile.
import type { dataChannels } from '../../../shared/ipc/channels/data.ts';
import type { ChannelCases } from './types.ts';

export const dataCases: Record<keyof typeof dataChannels, ChannelCases> = {};
