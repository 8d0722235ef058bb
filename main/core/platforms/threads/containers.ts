// [Note: Threads containers] Threads publishes in two steps: a media container is made
// (POST /{user}/threads: text, an image or video fetched from a public URL, or a carousel
// of such items), and the container is published (POST /{user}/threads_publish). Each
// container is made once per part: its id is an upload note ([Note: upload notes]),
// recorded the moment Threads names it and handed back to every later attempt, so a retry
// publishes the same container instead of making a second post. A container lives 24
// hours; one that expired or failed is made again.
import { AppFailure, failure } from '../../../../shared/result.ts';
import { wholePart, type PartContext, type PlannedMedia, type UploadNote } from '../port.ts';
import type { PlatformDeps } from '../registry.ts';
import { graph, type ThreadsApi } from './api.ts';
import type { Session } from './session.ts';

const containerLifeMs = 24 * 60 * 60_000;
/** Threads suggests checking once a minute; images are ready in seconds. */
const pollEveryMs = 5_000;
const pollForMs = 10 * 60_000;

export type ContainerStatus = 'IN_PROGRESS' | 'FINISHED' | 'PUBLISHED' | 'ERROR' | 'EXPIRED';

export interface ContainerDeps {
  api: ThreadsApi;
  relay: PlatformDeps['relay'];
  clock: PlatformDeps['clock'];
  sleep: PlatformDeps['sleep'];
}

export async function containerStatus(
  api: ThreadsApi,
  session: Session,
  id: string,
): Promise<{ status: ContainerStatus; error: string | null }> {
  const body = await session.call((token) =>
    api.get(graph(`/${id}`), { fields: 'status,error_message' }, token),
  );
  const status = typeof body.status === 'string' ? body.status : 'ERROR';
  return {
    status: status as ContainerStatus,
    error: typeof body.error_message === 'string' ? body.error_message : null,
  };
}

/** The newest id recorded for `assetId` by an earlier attempt that may still be alive. */
export function earlier(
  uploads: readonly UploadNote[],
  assetId: string,
  now: number,
): string | null {
  const notes = uploads.filter(
    (u) => u.assetId === assetId && (u.expiresAt === null || u.expiresAt > now),
  );
  return notes.at(-1)?.remoteMediaId ?? null;
}

/** What Threads' documented error_message values mean, for the user. */
const containerErrors: Record<string, string> = {
  FAILED_DOWNLOADING_VIDEO: 'it could not fetch the video',
  FAILED_PROCESSING_AUDIO: 'it could not process the sound (AAC, mono or stereo, up to 48 kHz)',
  FAILED_PROCESSING_VIDEO: 'it could not process the video (an H.264 or HEVC MP4 or MOV)',
  INVALID_ASPEC_RATIO: 'the picture is too wide or too tall (0.01:1 to 10:1)',
  INVALID_BIT_RATE: 'the bit rate is too high (25 Mbps at most)',
  INVALID_DURATION: 'the video is too long (5 minutes at most)',
  INVALID_FRAME_RATE: 'the frame rate is outside 23 to 60 frames a second',
  INVALID_AUDIO_CHANNELS: 'the sound has too many channels (mono or stereo)',
  INVALID_AUDIO_CHANNEL_LAYOUT: 'the sound’s channel layout is not one it takes',
};

/** A container Threads will never publish, in Threads' own words. */
function refusal(status: ContainerStatus, error: string | null) {
  const code = error ?? status;
  const meaning = containerErrors[code];
  return failure(
    'PLATFORM_REJECTED',
    `Threads could not use the media: ${meaning === undefined ? code : `${meaning} (${code})`}.`,
  );
}

/** Waits until Threads has the container ready; refuses one that failed. */
async function untilFinished(deps: ContainerDeps, session: Session, id: string): Promise<void> {
  const until = deps.clock.now() + pollForMs;
  for (;;) {
    const { status, error } = await containerStatus(deps.api, session, id);
    if (status === 'FINISHED' || status === 'PUBLISHED') return;
    if (status === 'ERROR' || status === 'EXPIRED') throw refusal(status, error);
    if (deps.clock.now() >= until) {
      throw failure('OFFLINE', 'Threads is still processing the media; trying again later.', {
        retryable: true,
      });
    }
    await deps.sleep(pollEveryMs);
  }
}

/** A container made earlier that is still good to publish, or null to make a new one. */
async function reusable(
  deps: ContainerDeps,
  session: Session,
  id: string | null,
): Promise<string | null> {
  if (id === null) return null;
  const { status } = await containerStatus(deps.api, session, id);
  if (status === 'ERROR' || status === 'EXPIRED') return null;
  if (status === 'IN_PROGRESS') await untilFinished(deps, session, id);
  return id;
}

const urlPattern = /\bhttps?:\/\/[^\s<>"]+[^\s<>".,;:!?)\]]/iu;

/**
 * Makes (or finds again) the container of one part and returns its id, recording every
 * container Threads names at once (`record`).
 */
export async function partContainerId(
  deps: ContainerDeps,
  session: Session,
  context: PartContext,
  record: (note: UploadNote) => Promise<void>,
): Promise<string> {
  const now = deps.clock.now();
  const kept = await reusable(deps, session, earlier(context.uploads, wholePart, now));
  if (kept !== null) return kept;

  const { part } = context;
  const common = {
    text: part.text === '' ? undefined : part.text,
    reply_to_id: context.parent?.id,
  };
  const create = async (params: Record<string, string | boolean | undefined>, assetId: string) => {
    const body = await session.call((token) =>
      deps.api.post(graph(`/${session.userId}/threads`), params, token),
    );
    if (typeof body.id !== 'string')
      throw failure('PLATFORM_REJECTED', 'Threads made no container.');
    await record({
      assetId,
      remoteMediaId: body.id,
      expiresAt: deps.clock.now() + containerLifeMs,
    });
    return body.id;
  };

  if (part.media.length === 0) {
    // A link in a text post becomes its preview card (Threads' link_attachment).
    const link = urlPattern.exec(part.text)?.[0];
    return create({ media_type: 'TEXT', ...common, link_attachment: link }, wholePart);
  }

  if (!(await deps.relay.isSet())) {
    throw failure(
      'VALIDATION',
      'Threads takes images and videos only from a web address, so Starling hands them over ' +
        'through your media relay, and none is set up. Add your S3-compatible bucket in ' +
        'Settings → Media relay, or post text only to Threads.',
    );
  }

  if (part.media.length === 1) {
    const [item] = part.media as [PlannedMedia];
    return relayed(deps, session, item, (url) =>
      create({ ...mediaParams(item, url), ...common }, wholePart),
    );
  }

  const children: string[] = [];
  for (const item of part.media) {
    const before = await reusable(deps, session, earlier(context.uploads, item.assetId, now));
    children.push(
      before ??
        (await relayed(deps, session, item, (url) =>
          create({ ...mediaParams(item, url), is_carousel_item: true }, item.assetId),
        )),
    );
  }
  const carousel = await create(
    { media_type: 'CAROUSEL', children: children.join(','), ...common },
    wholePart,
  );
  await untilFinished(deps, session, carousel);
  return carousel;
}

function mediaParams(item: PlannedMedia, url: string): Record<string, string | undefined> {
  const alt = item.altText.trim() === '' ? undefined : item.altText;
  return item.kind === 'video'
    ? { media_type: 'VIDEO', video_url: url, alt_text: alt }
    : { media_type: 'IMAGE', image_url: url, alt_text: alt };
}

/**
 * Puts the file in the relay, makes its container from the presigned URL, waits until
 * Threads has fetched and processed it (or refused it), then deletes the relay's copy; the
 * sweep deletes it a day later if this never gets there (Threads still processing).
 */
async function relayed(
  deps: ContainerDeps,
  session: Session,
  item: PlannedMedia,
  make: (url: string) => Promise<string>,
): Promise<string> {
  const object = await deps.relay.put({ path: item.file, contentType: item.mime });
  const id = await make(object.url);
  try {
    await untilFinished(deps, session, id);
  } catch (error) {
    // Refused: Threads is done with the file. Still processing: it may yet fetch it.
    if (error instanceof AppFailure && error.error.code === 'PLATFORM_REJECTED') {
      await deps.relay.release(object.key);
    }
    throw error;
  }
  await deps.relay.release(object.key);
  return id;
}
