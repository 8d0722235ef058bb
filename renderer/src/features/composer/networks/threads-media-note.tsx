// What the Threads preview says about media: Threads takes images and videos only from a
// public web address, which Starling makes with the user's media relay. Without one set up
// the composer says so plainly, before the post is scheduled (publishing would refuse it).
import { useEffect, useState } from 'react';
import { getBridge } from '../../../bridge/bridge.ts';

export function ThreadsMediaNote() {
  const [relaySet, setRelaySet] = useState<boolean | null>(null);
  useEffect(() => {
    let live = true;
    void getBridge()
      .invoke('relay:get', {})
      .then((result) => {
        if (live) setRelaySet(result.ok && result.value.relay !== null);
      });
    return () => {
      live = false;
    };
  }, []);
  if (relaySet === null) return null;
  return relaySet ? (
    <p className="net-preview-note">
      Threads fetches the media from your media relay; Starling deletes the relay’s copy once
      Threads has it.
    </p>
  ) : (
    <p className="net-preview-note net-preview-warning" role="note">
      No media relay is set up, so this media cannot go to Threads: Threads takes images and videos
      only from a web address. Add your bucket in Settings → Media relay, or post text only to
      Threads.
    </p>
  );
}
