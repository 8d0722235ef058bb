// Dispatch cases for the calendar feature's channels: a record over them, so a channel
// added to shared/ipc/channels/calendar.ts without cases here fails to compile.
import type { calendarChannels } from '../../../shared/ipc/channels/calendar.ts';
import type { ChannelCases } from './types.ts';

export const calendarCases: Record<keyof typeof calendarChannels, ChannelCases> = {};
