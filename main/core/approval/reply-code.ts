// [Note: reply code] What a review packet gives back: `SR1.<body>.<crc>`, where body is
// the base64url of a small JSON document (the packet's id and token, the name typed,
// when, and per post its id, version hash, decision and comment) and crc the CRC-32 of
// those JSON bytes in hex. The packet's own script writes it (packet-script.ts); this
// module reads it back. The CRC catches a code cut short or mangled on its way through
// email; the token (only the packet's readers have it) and the hashes (checked against
// the packet as recorded) are what make a reply count. Whitespace is ignored, so a code
// an email program wrapped over several lines still reads.
import zlib from 'node:zlib';
import { z } from 'zod';
import { lazySchema } from '../../../shared/lazy-schema.ts';
import { reviewLimits } from '../../../shared/approval.ts';
import { epochInstant } from '../../../shared/instant.ts';
import { failure } from '../../../shared/result.ts';

export const replyCodePrefix = 'SR1';

const codePattern = /SR1\.([A-Za-z0-9_-]+)\.([0-9a-f]{8})/g;

const replyPost = lazySchema(() =>
  z.strictObject({
    /** The post's id as the packet wrote it. */
    i: z.string().min(1).max(64),
    /** Its version hash as the packet wrote it. */
    h: z.string().regex(/^[0-9a-f]{32}$/),
    a: z.enum(['approved', 'changes_requested']),
    c: z.string().max(reviewLimits.commentMax),
  }),
);

export const replyBody = lazySchema(() =>
  z
    .strictObject({
      /** The packet's id. */
      p: z.string().min(1).max(64),
      /** The packet's token. */
      t: z.string().min(16).max(64),
      /** The name the client typed. */
      n: z.string().trim().min(1).max(reviewLimits.nameMax),
      /** When the reply was made, by the client's clock (epoch ms). */
      w: epochInstant().optional(),
      d: z.array(replyPost).min(1).max(reviewLimits.postsMax),
    })
    .superRefine((body, ctx) => {
      const seen = new Set<string>();
      for (const [index, post] of body.d.entries()) {
        if (seen.has(post.i)) {
          ctx.addIssue({ code: 'custom', path: ['d', index], message: 'a post is named twice' });
        }
        seen.add(post.i);
        if (post.a === 'changes_requested' && post.c.trim() === '') {
          ctx.addIssue({
            code: 'custom',
            path: ['d', index],
            message: 'changes without a comment',
          });
        }
      }
    }),
);

export type ReplyBody = z.infer<typeof replyBody>;

const crcHex = (bytes: Buffer) => zlib.crc32(bytes).toString(16).padStart(8, '0');

/** The code for `body`, as the packet's script makes it (tests use this to forge replies). */
export function encodeReply(body: ReplyBody): string {
  const bytes = Buffer.from(JSON.stringify(body), 'utf8');
  return `${replyCodePrefix}.${bytes.toString('base64url')}.${crcHex(bytes)}`;
}

const malformed = (why: string) =>
  failure(
    'VALIDATION',
    `This is not a review reply Starling can read (${why}). Paste the whole code from the packet's "Reply code" box, or open the reply file it saved. Nothing was recorded.`,
  );

/** The reply in `text` (a pasted code, an email around it, or the reply file), checked. */
export function decodeReply(text: string): ReplyBody {
  if (Buffer.byteLength(text, 'utf8') > reviewLimits.replyMaxBytes) {
    throw failure(
      'VALIDATION',
      `This reply is over ${String(reviewLimits.replyMaxBytes / 1024)} KB: a review reply is much smaller. Nothing was recorded.`,
    );
  }
  const codes = [...new Set([...text.replace(/\s+/g, '').matchAll(codePattern)].map((m) => m[0]))];
  if (codes.length === 0) throw malformed('no reply code in it');
  if (codes.length > 1) throw malformed('it holds more than one reply code: import one at a time');
  const [, body = '', crc = ''] =
    /^SR1\.([A-Za-z0-9_-]+)\.([0-9a-f]{8})$/.exec(codes[0] ?? '') ?? [];
  const bytes = Buffer.from(body, 'base64url');
  if (crcHex(bytes) !== crc) throw malformed('its checksum does not match: it was cut or changed');
  let json: unknown;
  try {
    json = JSON.parse(bytes.toString('utf8'));
  } catch {
    throw malformed('its contents are not readable');
  }
  const parsed = replyBody.safeParse(json);
  if (!parsed.success) throw malformed('its contents are not a reply');
  return parsed.data;
}
