// What a post retrying through an outage or a rate limit waits for, from the publisher's
// reason ("Waiting for X to recover. X had a server error (503).", [Note: outages]), as
// the tray and the calendar say it: "waiting for X to recover".

/** The reason's first sentence with a small w, or null when the text says no such thing. */
export function waitingFor(reason: string | null): string | null {
  const words = /Waiting for [^.]+/.exec(reason ?? '')?.[0];
  return words === undefined ? null : `w${words.slice(1)}`;
}
