// The client form's values and their checks. Field checks use the same zod schemas as
// the core, so the inline message is the one the core would send back.
import type { z } from 'zod';
import {
  clientColor,
  clientName,
  clientNotes,
  clientTimeZone,
  type Client,
} from '../../../../shared/clients.ts';
import type { AppError } from '../../../../shared/result.ts';

export interface ClientDraft {
  name: string;
  timezone: string;
  color: string;
  notes: string;
}

export type ClientField = keyof ClientDraft;
export type FieldErrors = Partial<Record<ClientField, string>>;

/** Form order: the first invalid field in this order gets focus. */
export const clientFields: readonly ClientField[] = ['name', 'timezone', 'color', 'notes'];

const schemas: Record<ClientField, z.ZodType<string, string>> = {
  name: clientName,
  timezone: clientTimeZone,
  color: clientColor,
  notes: clientNotes,
};

export const draftFromClient = (client: Client): ClientDraft => ({
  name: client.name,
  timezone: client.timezone,
  color: client.color,
  notes: client.notes,
});

export function checkField(field: ClientField, value: string): string | null {
  const result = schemas[field].safeParse(value);
  return result.success ? null : (result.error.issues[0]?.message ?? 'This value is not valid.');
}

export function checkDraft(draft: ClientDraft): FieldErrors {
  const errors: FieldErrors = {};
  for (const field of clientFields) {
    const message = checkField(field, draft[field]);
    if (message !== null) errors[field] = message;
  }
  return errors;
}

/** The values as the core will store them (trimmed name, lower-case colour). */
export function normaliseDraft(draft: ClientDraft): ClientDraft {
  return {
    name: clientName.parse(draft.name),
    timezone: draft.timezone,
    color: clientColor.parse(draft.color),
    notes: draft.notes,
  };
}

const isClientField = (key: unknown): key is ClientField =>
  typeof key === 'string' && (clientFields as readonly string[]).includes(key);

/**
 * Splits a failed save into messages for fields (VALIDATION and CONFLICT issues whose
 * path starts with a field name) and one form-level message for everything else.
 */
export function splitServerError(error: AppError): { fields: FieldErrors; form: string | null } {
  const fields: FieldErrors = {};
  const rest: string[] = [];
  if (error.code === 'VALIDATION' || error.code === 'CONFLICT') {
    for (const issue of error.details?.issues ?? []) {
      const field = issue.path[0];
      if (isClientField(field)) fields[field] ??= issue.message;
      else rest.push(issue.message);
    }
  }
  if (Object.keys(fields).length === 0) return { fields, form: error.message };
  return { fields, form: rest.length === 0 ? null : rest.join(' ') };
}
