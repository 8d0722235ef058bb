// A video through Bluesky's video service, as the Bluesky app sends one: a service-auth
// token from the PDS (audience the PDS, method uploadBlob), the MP4 posted to the
// service, then its job polled until the service has stored the blob in the account's
// repo. The service is video.bsky.app; a PDS on this computer (a test or development
// PDS) is taken to serve it on its own origin.
import { randomUUID } from 'node:crypto';
import fs from 'node:fs/promises';
import { XRPCError, type BlobRef } from '@atproto/api';
import { failure } from '../../../../shared/result.ts';
import type { Clock } from '../../ports.ts';
import { isLoopbackUrl, publicAgent, timedFetch } from './client.ts';
import type { AccountAgent } from './sessions.ts';

const videoService = 'https://video.bsky.app';
/** Uploads of up to 100 MB get more time than other requests. */
const uploadTimeoutMs = 10 * 60_000;
const pollEveryMs = 1_500;
const processingDeadlineMs = 10 * 60_000;

export interface VideoDeps {
  clock: Clock;
  sleep: (ms: number) => Promise<void>;
  timeoutMs: number;
}

interface JobAnswer {
  jobId?: unknown;
  state?: unknown;
  error?: unknown;
  message?: unknown;
}

/** Uploads the file and waits until the service made it a blob of the account. */
export async function uploadVideo(
  deps: VideoDeps,
  account: AccountAgent,
  file: string,
): Promise<BlobRef> {
  const pds = new URL(account.serviceUrl);
  const origin = isLoopbackUrl(pds.href) ? pds.origin : videoService;
  const { data: auth } = await account.agent.com.atproto.server.getServiceAuth({
    aud: `did:web:${pds.hostname}`,
    lxm: 'com.atproto.repo.uploadBlob',
    exp: Math.floor(deps.clock.now() / 1000) + 30 * 60,
  });
  const query = new URLSearchParams({ did: account.did, name: `${randomUUID()}.mp4` });
  const response = await timedFetch(uploadTimeoutMs)(
    `${origin}/xrpc/app.bsky.video.uploadVideo?${query.toString()}`,
    {
      method: 'POST',
      headers: { authorization: `Bearer ${auth.token}`, 'content-type': 'video/mp4' },
      body: await fs.readFile(file),
    },
  );
  const answer = (await response.json().catch(() => ({}))) as JobAnswer;
  const words = typeof answer.message === 'string' ? answer.message : undefined;
  // The service token is not the account's session: a refusal of it needs no reconnect.
  if (response.status === 401 || response.status === 403) {
    throw failure(
      'PLATFORM_REJECTED',
      `Bluesky's video service refused the upload (${words ?? `HTTP ${String(response.status)}`}).`,
    );
  }
  // 409: the service already has this very video; its job is named all the same.
  if (typeof answer.jobId !== 'string' || (!response.ok && response.status !== 409)) {
    throw new XRPCError(
      // 2: an answer without a job is one Starling cannot read.
      response.ok ? 2 : response.status,
      typeof answer.error === 'string' ? answer.error : undefined,
      words,
      Object.fromEntries(response.headers.entries()),
    );
  }
  return awaitJob(deps, origin, answer.jobId);
}

async function awaitJob(deps: VideoDeps, origin: string, jobId: string): Promise<BlobRef> {
  const service = publicAgent(origin, deps.timeoutMs).app.bsky.video;
  const deadline = deps.clock.now() + processingDeadlineMs;
  for (;;) {
    const { jobStatus } = (await service.getJobStatus({ jobId })).data;
    if (jobStatus.state === 'JOB_STATE_COMPLETED' && jobStatus.blob !== undefined) {
      return jobStatus.blob;
    }
    if (jobStatus.state === 'JOB_STATE_FAILED') {
      const why = jobStatus.message ?? jobStatus.error ?? 'no reason given';
      throw failure('PLATFORM_REJECTED', `Bluesky could not process the video (${why}).`);
    }
    if (deps.clock.now() >= deadline) {
      throw failure(
        'OFFLINE',
        'Bluesky is still processing the video after 10 minutes; it will be sent again later.',
        { retryable: true },
      );
    }
    await deps.sleep(pollEveryMs);
  }
}
