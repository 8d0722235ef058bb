// The pages a browser sees at /oauth/authorize: the consent form (plain HTML, so a real
// browser answers it without JavaScript), the signed-out page, errors and the OOB code.
import { html, type Reply } from './replies.ts';
import type { UserRecord } from './store.ts';

export function escapeHtml(text: string): string {
  return text.replace(
    /[&<>"']/g,
    (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c] ?? c,
  );
}

const style = `body{font-family:system-ui,sans-serif;max-width:32rem;margin:3rem auto;padding:0 1rem}
button{font-size:1rem;padding:.6rem 1.2rem;border-radius:4px;margin-right:.5rem;cursor:pointer}
.allow{background:#6364ff;color:#fff;border:0}.deny{background:#fff;border:1px solid #c0cdd9}`;

function page(status: number, title: string, body: string): Reply {
  return html(
    status,
    `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>${escapeHtml(title)} - Fake Mastodon</title>
<style>${style}</style></head>
<body>${body}</body></html>`,
  );
}

export function consentPage(opts: {
  requestId: string;
  appName: string;
  user: UserRecord;
  scopes: string[];
}): Reply {
  const items = opts.scopes.map((s) => `<li><code>${escapeHtml(s)}</code></li>`).join('');
  return page(
    200,
    'Authorization required',
    `<h1>Authorization required</h1>
<p><strong>${escapeHtml(opts.appName)}</strong> would like permission to access your account.</p>
<p class="account">Signed in as <strong>${escapeHtml(opts.user.displayName)}</strong> <span class="handle">@${escapeHtml(opts.user.username)}</span></p>
<ul class="scopes">${items}</ul>
<form method="post" action="/oauth/authorize">
<input type="hidden" name="request_id" value="${escapeHtml(opts.requestId)}">
<button type="submit" name="decision" value="allow" class="allow">Authorize</button>
<button type="submit" name="decision" value="deny" class="deny">Deny</button>
</form>`,
  );
}

export function signedOutPage(): Reply {
  return page(
    200,
    'Log in',
    '<h1>Log in</h1><p id="signed-out">No account is signed in on this fake Mastodon.</p>',
  );
}

/** Doorkeeper shows an error page, not a redirect, when it cannot trust the client or URI. */
export function errorPage(reason: string): Reply {
  return page(
    400,
    'An error has occurred',
    `<h1>An error has occurred</h1><p id="error">${escapeHtml(reason)}</p>`,
  );
}

/** Where urn:ietf:wg:oauth:2.0:oob sends the browser: the code, to copy by hand. */
export function oobCodePage(code: string): Reply {
  return page(
    200,
    'Authorization code',
    `<h1>Authorization code</h1><p>Copy this authorization code and paste it into the application.</p>
<input type="text" id="code" readonly value="${escapeHtml(code)}">`,
  );
}
