// Client approval in the UI: the review packets sent (and where each post stands), sending
// posts for review as a downloaded packet, and recording a client's reply. Refetched on
// start, on `review:saved` from the core, and after each change here.
import { create } from 'zustand';
import type {
  ReviewImportResult,
  ReviewPacketView,
  ReviewSendInput,
} from '../../../../shared/approval.ts';
import type { Result } from '../../../../shared/result.ts';
import { getBridge } from '../../bridge/bridge.ts';

interface ReviewState {
  packets: ReviewPacketView[];
  load: () => Promise<void>;
  /** Makes a packet and hands it to the browser as a download. */
  send: (input: ReviewSendInput) => Promise<Result<ReviewPacketView>>;
  importReply: (reply: string) => Promise<Result<ReviewImportResult>>;
}

let loadSeq = 0;

/** Hands text to the browser as a file download. */
function download(fileName: string, text: string, mime: string): void {
  const url = URL.createObjectURL(new Blob([text], { type: mime }));
  const link = document.createElement('a');
  link.href = url;
  link.download = fileName;
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => {
    URL.revokeObjectURL(url);
  }, 10_000);
}

export const useReview = create<ReviewState>()((set, get) => ({
  packets: [],

  async load() {
    const seq = ++loadSeq;
    const result = await getBridge().invoke('review:list', {});
    if (seq === loadSeq && result.ok) set({ packets: result.value });
  },

  async send(input) {
    const result = await getBridge().invoke('review:send', input);
    if (!result.ok) return result;
    download(result.value.fileName, result.value.html, 'text/html');
    void get().load();
    return { ok: true, value: result.value.packet };
  },

  async importReply(reply) {
    const result = await getBridge().invoke('review:import', { reply });
    if (result.ok) void get().load();
    return result;
  },
}));

/** Where a post stands in the newest packet that showed it, if any did. */
export function lastSent(
  packets: readonly ReviewPacketView[],
  postId: string,
): { packet: ReviewPacketView; post: ReviewPacketView['posts'][number] } | null {
  for (const packet of packets) {
    const post = packet.posts.find((p) => p.postId === postId);
    if (post !== undefined) return { packet, post };
  }
  return null;
}

/** Posts of a client's packets still waiting for the client's word. */
export const pendingFor = (packets: readonly ReviewPacketView[], clientId: string): number =>
  packets.filter((p) => p.clientId === clientId).reduce((n, p) => n + p.pending, 0);
