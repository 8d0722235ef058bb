// A review packet as one self-contained HTML page: every post as it will look on each of
// its networks, with its time in the client's zone, and per post "Approve", "Request
// changes" and a "Comment" box; a name field and the "Reply code" box with its download
// below. Nothing is fetched: the media are data URLs, the style and script are inline and
// the Content-Security-Policy allows exactly those two by hash, no connection, no form
// submission and no other script, so the page works offline and cannot leak. The same
// page prints as the packet's PDF (the controls hide in print, and without JavaScript).
import crypto from 'node:crypto';
import type { PacketModel, PacketPost, PacketPreview } from './packet-model.ts';
import type { PacketMedia } from './packet-media.ts';
import { packetScript } from './packet-script.ts';
import { packetStyle } from './packet-style.ts';

const escape = (text: string): string =>
  text
    .replaceAll('&', '&amp;')
    .replaceAll('<', '&lt;')
    .replaceAll('>', '&gt;')
    .replaceAll('"', '&quot;')
    .replaceAll("'", '&#39;');

const sha256 = (text: string) => crypto.createHash('sha256').update(text).digest('base64');

/** The packet's CSP: nothing but its own style and script, and images from data URLs. */
export function packetCsp(): string {
  return [
    "default-src 'none'",
    'img-src data:',
    `style-src 'sha256-${sha256(packetStyle)}'`,
    `script-src 'sha256-${sha256(packetScript)}'`,
    "base-uri 'none'",
    "form-action 'none'",
  ].join('; ');
}

function mediaHtml(media: PacketMedia): string {
  const alt =
    media.kind === 'document'
      ? media.alt === ''
        ? 'No title'
        : `Title: ${media.alt}`
      : media.alt === ''
        ? 'No alt text'
        : `Alt text: ${media.alt}`;
  const picture =
    media.dataUrl === null
      ? `<div class="placeholder">${escape(media.label)}</div>`
      : `<img src="${media.dataUrl}" alt="${escape(media.alt === '' ? media.label : media.alt)}">`;
  return `<figure>${picture}<figcaption>${escape(alt)}</figcaption></figure>`;
}

function previewHtml(preview: PacketPreview): string {
  const name = preview.displayName === '' ? preview.handle : preview.displayName;
  const initial = escape((name.trim()[0] ?? '?').toUpperCase());
  const parts = preview.parts
    .map((part, index) => {
      const warning =
        index === 0 && preview.contentWarning !== null
          ? `<p class="cw">Content warning: ${escape(preview.contentWarning)}</p>`
          : '';
      const media =
        part.media.length === 0
          ? ''
          : `<div class="media">${part.media.map(mediaHtml).join('')}</div>`;
      return `<div class="part"><div class="who"><span class="avatar" aria-hidden="true">${initial}</span><div><b>${escape(name)}</b><span class="handle">@${escape(preview.handle)}</span></div></div>${warning}<p class="text">${escape(part.text)}</p>${media}</div>`;
    })
    .join('');
  const thread = preview.parts.length > 1 ? ` · thread of ${String(preview.parts.length)}` : '';
  return `<section class="preview net-${escape(preview.platform)}" aria-label="On ${escape(preview.network)} as @${escape(preview.handle)}"><p class="network">${escape(preview.network)}${thread}</p>${parts}</section>`;
}

function postHtml(post: PacketPost, index: number, count: number): string {
  const label = `Post ${String(index + 1)}`;
  const heading = `${label} of ${String(count)} · ${post.when}`;
  return `<article class="post" data-post="${escape(post.id)}" data-version="${escape(post.versionHash)}" data-label="${escape(label)}" data-decision="none" aria-labelledby="h-${String(index)}">
<h2 id="h-${String(index)}">${escape(heading)}</h2>
<div class="previews">${post.previews.map(previewHtml).join('')}</div>
<fieldset class="decide"><legend>Your decision on ${escape(label.toLowerCase())}</legend>
<button type="button" class="approve" aria-pressed="false">Approve</button>
<button type="button" class="changes" aria-pressed="false">Request changes</button>
<label class="comment">Comment <textarea rows="2" maxlength="2000"></textarea></label>
<p class="decision-state" aria-live="polite">No decision yet.</p>
</fieldset>
</article>`;
}

/** The data the script reads; `<` is escaped so no text can close its element. */
function metaJson(model: PacketModel, replyFile: string): string {
  return JSON.stringify({
    packet: model.id,
    token: model.token,
    client: model.clientName,
    replyFile,
  }).replaceAll('<', '\\u003c');
}

export function packetHtml(model: PacketModel, replyFile: string): string {
  const count = model.posts.length;
  const plural = count === 1 ? 'post' : 'posts';
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="${packetCsp()}">
<meta name="referrer" content="no-referrer">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escape(`Posts for review: ${model.clientName}`)}</title>
<style>${packetStyle}</style>
</head>
<body>
<header>
<h1>${escape(`${String(count)} ${plural} for your review`)}</h1>
<p class="muted">${escape(`For ${model.clientName} · prepared ${model.made} · times in ${model.timezone}`)}</p>
<p class="how">Each post is shown as it will appear on each network it goes to. For each one, choose <b>Approve</b> or <b>Request changes</b> (say what to change in its Comment box). Then type your name below and send us the reply code, or the reply file.</p>
<p class="print-only">Each post is shown as it will appear on each network it goes to. Tell us by email which posts you approve, and what to change in the others.</p>
<p class="needs-script">To record your decisions this page needs JavaScript, which your viewer has turned off. You can still read every post; reply to us by email instead.</p>
</header>
<main>
${model.posts.map((post, index) => postHtml(post, index, count)).join('\n')}
</main>
<section class="reply" aria-labelledby="reply-heading">
<h2 id="reply-heading">Your reply</h2>
<div class="field"><label for="decider">Your name</label><input id="decider" autocomplete="name" maxlength="80"></div>
<p id="reply-status" aria-live="polite"></p>
<div class="field"><label for="reply-code">Reply code</label><textarea id="reply-code" readonly rows="4"></textarea></div>
<div class="actions"><button type="button" id="copy-reply" disabled>Copy reply code</button><button type="button" id="download-reply" disabled>Download reply file</button></div>
</section>
<footer class="muted"><p>${escape(`Review packet ${model.id}. Made with Starling; this page does not connect to anything.`)}</p></footer>
<script type="application/json" id="packet-meta">${metaJson(model, replyFile)}</script>
<script>${packetScript}</script>
</body>
</html>
`;
}
