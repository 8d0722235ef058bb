// The consent page X shows before an app gets access: plain HTML with a form, so a real
// browser can answer it without JavaScript.
import { html, type Reply } from './replies.ts';
import type { UserRecord } from './store.ts';

export function escapeHtml(text: string): string {
  return text.replace(
    /[&<>"']/g,
    (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c] ?? c,
  );
}

const style = `body{font-family:system-ui,sans-serif;max-width:32rem;margin:3rem auto;padding:0 1rem}
button{font-size:1rem;padding:.6rem 1.2rem;border-radius:999px;margin-right:.5rem;cursor:pointer}
.allow{background:#0f1419;color:#fff;border:0}.deny{background:#fff;border:1px solid #cfd9de}`;

export function consentPage(opts: {
  action: string;
  requestId: string;
  appName: string;
  user: UserRecord;
  permissions: string[];
}): Reply {
  const { user } = opts;
  const items = opts.permissions.map((p) => `<li>${escapeHtml(p)}</li>`).join('');
  return html(
    200,
    `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Authorize ${escapeHtml(opts.appName)} / X</title>
<style>${style}</style></head>
<body>
<h1>Authorize ${escapeHtml(opts.appName)} to access your X account?</h1>
<p class="account">Signed in as <strong>${escapeHtml(user.name)}</strong> <span class="handle">@${escapeHtml(user.username)}</span></p>
<p>This app will be able to:</p>
<ul>${items}</ul>
<form method="post" action="${escapeHtml(opts.action)}">
<input type="hidden" name="request_id" value="${escapeHtml(opts.requestId)}">
<button type="submit" name="decision" value="allow" class="allow">Authorize app</button>
<button type="submit" name="decision" value="deny" class="deny">Cancel</button>
</form>
</body></html>`,
  );
}

export function signedOutPage(): Reply {
  return html(
    200,
    `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Log in to X</title></head>
<body><h1>Log in to X</h1><p id="signed-out">No account is signed in on this fake X.</p></body></html>`,
  );
}

/** X shows an error page, not a redirect, when it cannot trust the request. */
export function errorPage(status: number, reason: string): Reply {
  return html(
    status,
    `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>X / Error</title></head>
<body><h1>Something went wrong</h1><p>You weren't able to give access to the App. Go back and try logging in again.</p>
<p id="error">${escapeHtml(reason)}</p></body></html>`,
  );
}
