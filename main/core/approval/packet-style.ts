// The review packet's only style sheet, inline (allowed by its hash in the packet's CSP):
// readable on a phone and a laptop, light or dark, and printed (the PDF) without the
// decision controls. Each network's preview gets its own accent so a client can tell at a
// glance where a text goes.
export const packetStyle = `
:root { color-scheme: light dark; --bg: #f6f7f9; --card: #fff; --ink: #16181d; --muted: #5b6170;
  --line: #d8dce3; --accent: #2563eb; --ok: #047857; --warn: #b45309; }
@media (prefers-color-scheme: dark) {
  :root { --bg: #111318; --card: #1b1e25; --ink: #eceef2; --muted: #a3a9b6; --line: #343946;
    --accent: #7aa2ff; --ok: #34d399; --warn: #fbbf24; }
}
* { box-sizing: border-box; }
body { margin: 0; background: var(--bg); color: var(--ink);
  font: 16px/1.5 system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; }
header, main, footer { max-width: 60rem; margin: 0 auto; padding: 1rem 1.25rem; }
h1 { font-size: 1.6rem; margin: 1rem 0 0.25rem; }
h2 { font-size: 1.15rem; margin: 0 0 0.75rem; }
.muted { color: var(--muted); }
.print-only { display: none; }
.needs-script { border: 1px solid var(--warn); border-radius: 8px; padding: 0.75rem 1rem; }
html.scripted .needs-script { display: none; }
.decide, .reply { display: none; }
html.scripted .decide { display: flex; }
html.scripted .reply { display: block; }
article.post { background: var(--card); border: 1px solid var(--line); border-radius: 12px;
  padding: 1rem 1.25rem; margin: 0 0 1.25rem; }
article.post[data-decision="approved"] { border-color: var(--ok); }
article.post[data-decision="changes_requested"] { border-color: var(--warn); }
.previews { display: grid; grid-template-columns: repeat(auto-fit, minmax(17rem, 1fr)); gap: 0.75rem; }
.preview { border: 1px solid var(--line); border-top: 4px solid var(--accent); border-radius: 10px;
  padding: 0.6rem 0.8rem; }
.preview.net-x { border-top-color: #6b7280; }
.preview.net-bluesky { border-top-color: #1185fe; }
.preview.net-mastodon { border-top-color: #6364ff; }
.preview.net-linkedin { border-top-color: #0a66c2; }
.preview.net-threads { border-top-color: #000000; }
.network { font-size: 0.8rem; font-weight: 600; text-transform: uppercase; letter-spacing: 0.04em;
  color: var(--muted); margin: 0 0 0.4rem; }
.part + .part { border-top: 1px dashed var(--line); margin-top: 0.6rem; padding-top: 0.6rem; }
.who { display: flex; align-items: center; gap: 0.5rem; margin-bottom: 0.25rem; }
.who > div { min-width: 0; overflow-wrap: anywhere; }
.avatar { width: 2rem; height: 2rem; border-radius: 50%; background: var(--accent); color: #fff;
  display: inline-flex; align-items: center; justify-content: center; font-weight: 700; flex: none; }
.who b { display: block; line-height: 1.2; }
.who .handle { display: block; color: var(--muted); font-size: 0.9rem; }
.text { white-space: pre-wrap; overflow-wrap: anywhere; margin: 0.25rem 0; }
.cw { font-weight: 600; color: var(--warn); margin: 0.25rem 0; }
.media { display: grid; grid-template-columns: repeat(auto-fit, minmax(8rem, 1fr)); gap: 0.4rem; }
figure { margin: 0; }
figure img { width: 100%; height: auto; border-radius: 8px; display: block; }
figcaption { font-size: 0.8rem; color: var(--muted); }
.placeholder { border: 1px dashed var(--line); border-radius: 8px; padding: 1.5rem 0.5rem;
  text-align: center; color: var(--muted); }
.decide { flex-wrap: wrap; align-items: flex-end; gap: 0.5rem 0.75rem; border: 0;
  border-top: 1px solid var(--line); margin: 1rem 0 0; padding: 0.75rem 0 0; }
.decide legend { padding: 0; font-weight: 600; float: left; width: 100%; }
button { font: inherit; border-radius: 8px; border: 1px solid var(--line); background: var(--card);
  color: var(--ink); padding: 0.45rem 0.9rem; cursor: pointer; min-height: 2.5rem; }
button:disabled { opacity: 0.5; cursor: not-allowed; }
button.approve[aria-pressed="true"] { background: var(--ok); border-color: var(--ok); color: #fff; }
button.changes[aria-pressed="true"] { background: var(--warn); border-color: var(--warn); color: #111; }
button:focus-visible, textarea:focus-visible, input:focus-visible { outline: 3px solid var(--accent);
  outline-offset: 2px; }
label { display: block; font-weight: 600; }
textarea, input { font: inherit; color: var(--ink); background: var(--bg); width: 100%;
  border: 1px solid var(--line); border-radius: 8px; padding: 0.45rem 0.6rem; font-weight: 400; }
.comment { flex: 1 1 100%; }
.decision-state { flex-basis: 100%; margin: 0; color: var(--muted); }
.reply { max-width: 57.5rem; margin: 0 auto 1rem; padding: 1rem 1.25rem; background: var(--card);
  border: 1px solid var(--line); border-radius: 12px; }
@media (max-width: 60rem) { .reply { margin: 0 1.25rem 1rem; } }
.reply .field { margin: 0.75rem 0; }
#reply-code { font-family: ui-monospace, SFMono-Regular, Menlo, monospace; font-size: 0.85rem;
  min-height: 5rem; }
.actions { display: flex; gap: 0.5rem; flex-wrap: wrap; }
@media print {
  body { background: #fff; color: #000; }
  .decide, .reply, .needs-script, .how { display: none !important; }
  .print-only { display: block; }
  article.post { break-inside: avoid; border-color: #999; }
}
`;
