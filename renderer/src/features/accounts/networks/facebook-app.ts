// The Facebook form's plain rules (facebook.tsx): what the Meta app's fields are checked
// for before anything is sent. Facebook Login cannot sign in without the App Secret.
import type { z } from 'zod';
import { saveAppInput, type NetworkApp } from '../../../../../shared/accounts.ts';

function issueOf(schema: z.ZodType, value: string): string | null {
  const result = schema.safeParse(value);
  return result.success ? null : (result.error.issues[0]?.message ?? 'This value is not valid.');
}

export type MetaAppField = 'clientId' | 'clientSecret';

/** An empty secret keeps the saved one; without one saved, the secret is needed. */
export function metaAppIssue(
  field: MetaAppField,
  value: string,
  app: Pick<NetworkApp, 'fromEnvironment' | 'hasSecret'> | null,
): string | null {
  if (app?.fromEnvironment === true) return null;
  if (field === 'clientId') {
    if (!/^\d{5,20}$/.test(value.trim())) return 'Paste the App ID of your Meta app (digits only).';
    return issueOf(saveAppInput.shape.clientId, value);
  }
  if (value.trim() === '') return app?.hasSecret === true ? null : 'Paste the App Secret.';
  return issueOf(saveAppInput.shape.clientSecret, value);
}
