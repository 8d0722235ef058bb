// Client approval in the demo data: the first client approves each post; the next two
// weeks' posts went out in a review packet, and the client approved two, asked for
// changes on a third and has not answered for the rest.
import { encodeReply } from '../../main/core/approval/reply-code.ts';
import type { Core } from '../../main/core/create-core.ts';
import { packetToken } from './approval.ts';
import { dayMs } from './demo-posts.ts';

export async function addApproval(core: Core, clientId: string, now: number): Promise<void> {
  const updated = await core.invoke('clients:update', { id: clientId, requireApproval: true });
  if (!updated.ok) throw new Error(updated.error.message);
  const sent = await core.invoke('review:send', { clientId, from: now, to: now + 14 * dayMs });
  if (!sent.ok) throw new Error(sent.error.message);
  const [first, second, third] = sent.value.packet.posts;
  const decide = (post: typeof first, a: 'approved' | 'changes_requested', c = '') =>
    post === undefined ? [] : [{ i: post.sentPostId, h: post.versionHash, a, c }];
  const reply = encodeReply({
    p: sent.value.packet.id,
    t: packetToken(sent.value.html),
    n: 'Maria Weber',
    d: [
      ...decide(first, 'approved'),
      ...decide(second, 'approved', 'Lovely photo.'),
      ...decide(third, 'changes_requested', 'Please mention the new opening hours.'),
    ],
  });
  const imported = await core.invoke('review:import', { reply });
  if (!imported.ok) throw new Error(imported.error.message);
}
