// The pages LinkedIn shows at /oauth/v2/authorization: the consent screen listing what the
// app asks for (plain HTML with a form, so a browser can answer it without JavaScript),
// a signed-out page, and the error page for requests it cannot trust.
import { html, type Reply } from './replies.ts';
import type { MemberRecord } from './store.ts';

export function escapeHtml(text: string): string {
  return text.replace(
    /[&<>"']/g,
    (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c] ?? c,
  );
}

const scopeDescriptions: Record<string, string> = {
  openid: 'Use your name and photo',
  profile: 'Use your name and photo',
  email: 'Use the primary email address associated with your LinkedIn account',
  w_member_social: 'Create, modify, and delete posts, comments, and reactions on your behalf',
  r_organization_social:
    "Retrieve your organization's posts, comments, reactions, and other engagement data",
  w_organization_social:
    'Create, modify, and delete posts, comments, and reactions on your organization’s behalf',
  rw_organization_admin: "Manage your organization's pages and retrieve reporting data",
  r_organization_admin: "Retrieve your organization's pages and their reporting data",
};

const style = `body{font-family:system-ui,sans-serif;max-width:32rem;margin:3rem auto;padding:0 1rem}
button{font-size:1rem;padding:.6rem 1.2rem;border-radius:999px;margin-right:.5rem;cursor:pointer}
.allow{background:#0a66c2;color:#fff;border:0}.deny{background:#fff;border:1px solid #666}`;

export function consentPage(opts: {
  action: string;
  requestId: string;
  appName: string;
  member: MemberRecord;
  scopes: string[];
}): Reply {
  const permissions = [...new Set(opts.scopes.map((s) => scopeDescriptions[s] ?? s))];
  const items = permissions.map((p) => `<li>${escapeHtml(p)}</li>`).join('');
  const name = `${opts.member.givenName} ${opts.member.familyName}`;
  return html(
    200,
    `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>LinkedIn | Authorize ${escapeHtml(opts.appName)}</title>
<style>${style}</style></head>
<body>
<h1>${escapeHtml(opts.appName)} would like to:</h1>
<p class="account">Signed in as <strong>${escapeHtml(name)}</strong></p>
<ul>${items}</ul>
<form method="post" action="${escapeHtml(opts.action)}">
<input type="hidden" name="request_id" value="${escapeHtml(opts.requestId)}">
<button type="submit" name="decision" value="allow" class="allow">Allow</button>
<button type="submit" name="decision" value="deny" class="deny">Cancel</button>
</form>
</body></html>`,
  );
}

export function signedOutPage(): Reply {
  return html(
    200,
    `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>LinkedIn Login</title></head>
<body><h1>Sign in</h1><p id="signed-out">No member is signed in on this fake LinkedIn.</p></body></html>`,
  );
}

/** LinkedIn shows an error page, not a redirect, for an unknown client or redirect URI. */
export function errorPage(status: number, reason: string): Reply {
  return html(
    status,
    `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>LinkedIn</title></head>
<body><h1>Bummer, something went wrong.</h1><p id="error">${escapeHtml(reason)}</p></body></html>`,
  );
}
