// Reading the answer out of an address the user pasted (services/pasted-address.ts): only
// the flow's own redirect with a code or an error in it is taken; anything else is refused
// in words, so the flow can keep waiting.
import { describe, expect, it } from 'vitest';
import { pastedQuery } from '../../main/core/services/pasted-address.ts';

const redirect = 'https://starling.example/threads/callback';

const taken = (pasted: string) => {
  const result = pastedQuery(pasted, redirect);
  if (!result.ok) throw new Error(result.message);
  return Object.fromEntries(result.value);
};
const refused = (pasted: string) => {
  const result = pastedQuery(pasted, redirect);
  if (result.ok) throw new Error(`took ${pasted}`);
  return result.message;
};

describe('a pasted address', () => {
  it('gives the code and state of the redirect, whatever Meta put after #', () => {
    expect(taken(`${redirect}?code=AQB1&state=s1#_`)).toEqual({ code: 'AQB1', state: 's1' });
    expect(taken(`${redirect}/?state=s1&code=AQB1#_=_`)).toEqual({ code: 'AQB1', state: 's1' });
  });

  it('forgives what copying adds: spaces, quotes, angle brackets, a hidden scheme', () => {
    expect(taken(`  "${redirect}?code=c&state=s"\n`)).toEqual({ code: 'c', state: 's' });
    expect(taken(`<${redirect}?code=c&state=s>`)).toEqual({ code: 'c', state: 's' });
    expect(taken('starling.example/threads/callback?code=c&state=s')).toEqual({
      code: 'c',
      state: 's',
    });
    expect(taken('HTTPS://Starling.Example/threads/callback?code=c&state=s')).toMatchObject({
      code: 'c',
    });
  });

  it('gives a denial, which ends the flow as a loopback one does', () => {
    expect(taken(`${redirect}?error=access_denied&state=s`)).toEqual({
      error: 'access_denied',
      state: 's',
    });
  });

  it('refuses another address, naming the one it should be', () => {
    expect(refused('https://elsewhere.example/threads/callback?code=c&state=s')).toContain(
      'https://starling.example/threads/callback',
    );
    expect(refused('http://starling.example/threads/callback?code=c&state=s')).toContain(
      'not the address',
    );
    expect(refused('https://starling.example/other?code=c&state=s')).toContain('not the address');
    expect(refused('https://starling.example:8443/threads/callback?code=c')).toContain(
      'not the address',
    );
  });

  it('refuses the redirect without a code, nothing at all, and what is not an address', () => {
    expect(refused(redirect)).toContain('no sign-in code');
    expect(refused(`${redirect}?state=s`)).toContain('no sign-in code');
    expect(refused('   ')).toBe('Paste the address your browser shows.');
    expect(refused('https://exa mple/?code=1')).toContain('not a web address');
    expect(refused(`${redirect}?code=${'c'.repeat(8_000)}`)).toContain('too long');
  });

  it('reads a loopback redirect too (a browser on another computer)', () => {
    const result = pastedQuery(
      'http://127.0.0.1:17823/callback?code=c&state=s',
      'http://127.0.0.1:17823/callback',
    );
    expect(result.ok).toBe(true);
  });
});
