// The client DTO and the rules for editing one. The same zod schemas validate the CLI,
// IPC and the browser host in the core, and drive the inline messages in the renderer.
import { z } from 'zod';
import { lazySchema } from './lazy-schema.ts';
import { isValidTimeZone } from './time-zones.ts';

export interface Client {
  id: string;
  name: string;
  /** #rrggbb, lower case. */
  color: string;
  /** IANA time zone the client's schedule is read in. */
  timezone: string;
  notes: string;
  /**
   * How late a post may still go out after its time passed while the machine was off or
   * asleep; beyond it the post is marked missed instead. Minutes, 0–1440.
   */
  graceMinutes: number;
  /**
   * Each post needs the client's approval before it goes out (off by default): the
   * scheduler holds an unapproved post at its time (issue 17, shared/approval.ts).
   */
  requireApproval: boolean;
  /** Epoch ms when archived; null while active. */
  archivedAt: number | null;
  createdAt: number;
  updatedAt: number;
}

export const clientLimits = {
  nameMax: 80,
  notesMax: 2000,
  graceMinutesMax: 1440,
  graceMinutesDefault: 120,
} as const;

/** Colours offered in the UI and used, in turn, for new clients without one. */
export const clientPalette = [
  '#2563eb',
  '#db2777',
  '#059669',
  '#d97706',
  '#7c3aed',
  '#0891b2',
  '#dc2626',
  '#4d7c0f',
] as const;

export const clientName = lazySchema(() =>
  z
    .string({ error: 'Name must be text.' })
    .trim()
    .min(1, 'Name cannot be empty.')
    .max(clientLimits.nameMax, `Name must be at most ${String(clientLimits.nameMax)} characters.`),
);

export const clientColor = lazySchema(() =>
  z
    .string({ error: 'Colour must be text.' })
    .regex(/^#[0-9a-fA-F]{6}$/, 'Colour must look like #RRGGBB, for example #2563eb.')
    .transform((c) => c.toLowerCase()),
);

export const clientTimeZone = lazySchema(() =>
  z.string({ error: 'Time zone must be text.' }).refine(isValidTimeZone, {
    message: 'Unknown time zone: use an IANA name such as Europe/Berlin or America/New_York.',
  }),
);

export const clientNotes = lazySchema(() =>
  z
    .string({ error: 'Notes must be text.' })
    .max(
      clientLimits.notesMax,
      `Notes must be at most ${String(clientLimits.notesMax)} characters.`,
    ),
);

export const clientGraceMinutes = lazySchema(() =>
  z
    .number({ error: 'Grace window must be a number of minutes.' })
    .int('Grace window must be a whole number of minutes.')
    .min(0, 'Grace window cannot be negative.')
    .max(
      clientLimits.graceMinutesMax,
      `Grace window must be at most ${String(clientLimits.graceMinutesMax)} minutes (24 hours).`,
    ),
);

export const clientRequireApproval = lazySchema(() =>
  z.boolean({
    error: 'Require approval must be true or false.',
  }),
);

export const clientId = lazySchema(() =>
  z.string({ error: 'Client id must be text.' }).min(1).max(64),
);

export const clientCreateInput = lazySchema(() =>
  z.strictObject({
    name: clientName,
    color: clientColor.optional(),
    timezone: clientTimeZone.optional(),
    notes: clientNotes.optional(),
    graceMinutes: clientGraceMinutes.optional(),
    requireApproval: clientRequireApproval.optional(),
  }),
);

export const clientUpdateInput = lazySchema(() =>
  z.strictObject({
    id: clientId,
    name: clientName.optional(),
    color: clientColor.optional(),
    timezone: clientTimeZone.optional(),
    notes: clientNotes.optional(),
    graceMinutes: clientGraceMinutes.optional(),
    requireApproval: clientRequireApproval.optional(),
  }),
);

export type ClientCreateInput = z.input<typeof clientCreateInput>;
export type ClientUpdateInput = z.input<typeof clientUpdateInput>;
