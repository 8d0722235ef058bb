// Dispatch cases for the media feature's channels: a record over them, so a channel
// added to shared/ipc/channels/media.ts without cases here fails to compile.
import type { mediaChannels } from '../../../shared/ipc/channels/media.ts';
import type { ChannelCases } from './types.ts';

export const mediaCases: Record<keyof typeof mediaChannels, ChannelCases> = {};
