// The review feature's handlers (see ../feature.ts): client approval by review packets
// (approval/). Each packet sent or reply recorded is pushed as review:saved, and each
// post whose approval changed as post:saved, so open windows and the scheduler (which
// looks again at once) follow. In the background of the publishing hosts it reminds of
// posts due within a day without their approval (review:reminded).
import fs from 'node:fs';
import path from 'node:path';
import type { ReviewPacketView } from '../../../shared/approval.ts';
import type { reviewChannels } from '../../../shared/ipc/channels/review.ts';
import { failure } from '../../../shared/result.ts';
import { findChromium, printHtmlToPdf } from '../analytics/report-pdf.ts';
import { importReply } from '../approval/review-import.ts';
import { listPackets, loadPacket, packetPage } from '../approval/review-list.ts';
import { sendForReview, slug } from '../approval/review-send.ts';
import type { CoreContext, CoreFeature } from '../feature.ts';
import { findSummaries } from '../services/posts-read.ts';
import { createReminderRunner } from '../approval/reminders.ts';
import { realTimers } from '../scheduler/timers.ts';

export function createReviewFeature(
  context: Pick<CoreContext, 'dataDir' | 'database' | 'ports' | 'events'>,
): CoreFeature<keyof typeof reviewChannels> {
  const { dataDir, ports, events } = context;
  const db = context.database.db;

  async function pushed(packet: ReviewPacketView, postIds: string[]) {
    for (const post of await findSummaries(db, postIds)) events.emit('post:saved', { post });
    events.emit('review:saved', { packet });
    return packet;
  }

  async function print(html: string): Promise<Buffer> {
    if (ports.printPdf !== undefined) return ports.printPdf(html);
    if (findChromium() === null) {
      throw failure(
        'VALIDATION',
        'A PDF of the packet needs Chromium, and none was found here (this host has no PDF printer of its own). Install it (Debian: apt-get install chromium) or set STARLING_CHROMIUM to its path, or print the packet from the desktop app. The HTML packet works without it.',
      );
    }
    return printHtmlToPdf(html);
  }

  const reminders = createReminderRunner({
    db,
    timers: ports.timers ?? realTimers,
    logger: ports.logger,
    now: () => ports.clock.now(),
    remind: ({ post, clientName }) => {
      events.emit('review:reminded', { post, clientName });
    },
  });

  return {
    start: () => {
      reminders.start();
    },
    stop: () => reminders.stop(),
    handlers: {
      'review:send': async (input) => {
        const sent = await sendForReview(
          { db, dataDir, clock: ports.clock, newId: ports.newId },
          input,
        );
        const ids = sent.packet.posts.flatMap((p) => (p.postId === null ? [] : [p.postId]));
        await pushed(sent.packet, ids);
        return sent;
      },
      'review:import': async (input) => {
        const result = await importReply(db, input.reply, ports.clock.now());
        await pushed(
          await loadPacket(db, dataDir, result.packetId),
          result.applied.map((p) => p.postId),
        );
        return result;
      },
      'review:list': (input) => listPackets(db, dataDir, input.clientId),
      'review:export-pdf': async (input) => {
        const packet = await loadPacket(db, dataDir, input.id);
        const page = packetPage(dataDir, path.basename(packet.filePath));
        if (!fs.existsSync(page)) {
          throw failure('NOT_FOUND', `The packet's file ${page} is gone.`);
        }
        const pdf = await print(fs.readFileSync(page, 'utf8'));
        return {
          fileName: `${slug(packet.clientName)}-review-${new Date(packet.createdAt).toISOString().slice(0, 10)}.pdf`,
          content: pdf.toString('base64'),
        };
      },
    },
  };
}
