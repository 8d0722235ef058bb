// The LinkedIn form's plain rules (linkedin.tsx): which accounts are company pages, and
// what the app fields are checked for before anything is sent.
import type { z } from 'zod';
import { saveAppInput, type NetworkApp } from '../../../../../shared/accounts.ts';

/** The schema's first message for `value`, or null when it passes. */
function issueOf(schema: z.ZodType, value: string): string | null {
  const result = schema.safeParse(value);
  return result.success ? null : (result.error.issues[0]?.message ?? 'This value is not valid.');
}

export type LinkedInAppField = 'clientId' | 'clientSecret';

/** A company page's account: LinkedIn names organisations, not people, with this URN. */
export const isLinkedInPage = (platformUserId: string) =>
  platformUserId.startsWith('urn:li:organization:');

/** What the form checks before anything is sent; an empty secret keeps the saved one. */
export function linkedInAppIssue(
  field: LinkedInAppField,
  value: string,
  app: Pick<NetworkApp, 'fromEnvironment'> | null,
): string | null {
  if (app?.fromEnvironment === true) return null;
  if (field === 'clientId') {
    if (value.trim() === '') return 'Paste the Client ID of your LinkedIn app.';
    return issueOf(saveAppInput.shape.clientId, value);
  }
  return value.trim() === '' ? null : issueOf(saveAppInput.shape.clientSecret, value);
}
