// Dispatch cases for the composer feature's channels: a record over them, so a channel
// added to shared/ipc/channels/composer.ts without cases here fails to compile.
import type { composerChannels } from '../../../shared/ipc/channels/composer.ts';
import type { ChannelCases } from './types.ts';

export const composerCases: Record<keyof typeof composerChannels, ChannelCases> = {};
