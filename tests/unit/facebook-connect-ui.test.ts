// The plain rules behind Connect Facebook: the Meta app form's checks (facebook-app.ts),
// and Facebook's rules as the composer counts them (shared/networks/facebook.ts).
import { describe, expect, it } from 'vitest';
import { metaAppIssue } from '../../renderer/src/features/accounts/networks/facebook-app.ts';
import { networkRules } from '../../shared/networks/index.ts';
import { facebookPreviewLink as firstLink } from '../../shared/networks/facebook.ts';

describe('Meta app form', () => {
  const fresh = { fromEnvironment: false, hasSecret: false };
  it('asks for a numeric App ID and, until one is kept, the App Secret', () => {
    expect(metaAppIssue('clientId', 'abc', fresh)).toMatch(/App ID/);
    expect(metaAppIssue('clientId', '1234567890123456', fresh)).toBeNull();
    expect(metaAppIssue('clientSecret', '', fresh)).toBe('Paste the App Secret.');
    expect(metaAppIssue('clientSecret', '', { ...fresh, hasSecret: true })).toBeNull();
    expect(metaAppIssue('clientSecret', 'short', fresh)).toMatch(/too short/);
    expect(metaAppIssue('clientId', '', { fromEnvironment: true, hasSecret: true })).toBeNull();
  });
});

describe('Facebook rules', () => {
  it('counts 63,206 characters for a post and 8,000 for a comment', () => {
    const rules = networkRules.facebook;
    expect(rules.count('x'.repeat(63_206))).toMatchObject({ length: 63_206, overFrom: null });
    expect(rules.count('x'.repeat(63_207)).overFrom).toBe(63_206);
    expect(rules.replyTextLimit).toBe(8000);
  });

  it('takes the first link for the preview, without the sentence’s punctuation', () => {
    expect(firstLink('Menu: https://rye.example/menu. Open 7-3')).toBe('https://rye.example/menu');
    expect(firstLink('(see https://rye.example/a?b=1)')).toBe('https://rye.example/a?b=1');
    expect(firstLink('No link here')).toBeNull();
  });
});
