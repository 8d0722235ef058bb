// The video service (video.bsky.app) on the fake's own origin: upload limits, uploads
// authorised by a service-auth token from the PDS, and jobs that finish after N polls.
import { checkAccess, checkServiceToken, type Checked } from './auth.ts';
import { blobRefJson } from './blobs.ts';
import { blobCid, randomId } from './ids.ts';
import { contentType } from '../http-kit/request.ts';
import { invalidRequest, json, type Reply } from './replies.ts';
import type { XrpcCall, XrpcRoute } from './router.ts';
import type { Store, VideoJob } from './store.ts';

export const videoServiceDid = 'did:web:video.bsky.app';

/** The audiences a client may derive for this PDS from its URL (with or without the port). */
function pdsAudiences(store: Store): string[] {
  const port = new URL(store.origin).port;
  return ['127.0.0.1', 'localhost'].flatMap((host) => [
    `did:web:${host}`,
    `did:web:${host}:${port}`,
    `did:web:${host}%3A${port}`,
  ]);
}

function jobStatus(store: Store, job: VideoJob) {
  const out: Record<string, unknown> = { jobId: job.jobId, did: job.did, state: job.state };
  if (job.state === 'JOB_STATE_FAILED' && job.failure !== null) {
    out.error = job.failure.message;
    out.failureCode = job.failure.code;
    out.message = job.failure.message;
    return out;
  }
  const { videoPollsToComplete } = store.settings;
  out.progress =
    job.state === 'JOB_STATE_COMPLETED'
      ? 100
      : Math.floor((100 * job.polls) / videoPollsToComplete);
  if (job.blobCid !== null) out.blob = blobRefJson(job.blobCid, 'video/mp4', job.bytes.length);
  return out;
}

function uploadLimits(store: Store, call: XrpcCall): Reply {
  // The app asks with a service token for the video service; a PDS-proxied call carries
  // the access JWT instead. Either will do.
  const viaPds = checkAccess(store, call.req);
  const auth: Checked<string> = viaPds.ok
    ? viaPds
    : checkServiceToken(store, call.req, {
        audiences: [videoServiceDid],
        lxm: 'app.bsky.video.getUploadLimits',
      });
  if (!auth.ok) return auth.reply;
  return json(200, {
    canUpload: true,
    remainingDailyVideos: 25,
    remainingDailyBytes: 10_000_000_000,
  });
}

function uploadVideo(store: Store, call: XrpcCall): Reply {
  const auth = checkServiceToken(store, call.req, {
    audiences: pdsAudiences(store),
    lxm: 'com.atproto.repo.uploadBlob',
  });
  if (!auth.ok) return auth.reply;
  const did = call.req.query.get('did');
  if (did !== auth.value) return invalidRequest('did does not match the service token issuer');
  if (contentType(call.req) !== 'video/mp4') return invalidRequest('video must be video/mp4');
  const bytes = call.req.body;
  if (bytes.length === 0) return invalidRequest('empty video');
  if (bytes.length > store.settings.maxVideoBytes) {
    return invalidRequest(`video is larger than ${store.settings.maxVideoBytes} bytes`);
  }
  const failure = store.failNextVideo
    ? { code: 'encoding_failure', message: 'Video failed to encode' }
    : null;
  store.failNextVideo = false;
  const job: VideoJob = {
    jobId: randomId(12),
    did,
    name: call.req.query.get('name'),
    state: 'JOB_STATE_CREATED',
    polls: 0,
    blobCid: null,
    bytes: Buffer.from(bytes),
    failure,
  };
  store.videoJobs.set(job.jobId, job);
  // The service answers the bare JobStatus, not {jobStatus} as the lexicon says: the
  // Bluesky app reads `jobId` at the top level of this answer.
  return json(200, jobStatus(store, job));
}

/** One poll moves the job along; the last makes its blob part of the repo's uploads. */
function advance(store: Store, job: VideoJob): void {
  if (job.state === 'JOB_STATE_COMPLETED' || job.state === 'JOB_STATE_FAILED') return;
  job.polls += 1;
  if (job.failure !== null) {
    job.state = 'JOB_STATE_FAILED';
    return;
  }
  if (job.polls < store.settings.videoPollsToComplete) {
    job.state = 'JOB_STATE_ENCODING';
    return;
  }
  job.state = 'JOB_STATE_COMPLETED';
  job.blobCid = blobCid(job.bytes);
  store.blobs.push({
    did: job.did,
    mimeType: 'video/mp4',
    size: job.bytes.length,
    cid: job.blobCid,
    bytes: job.bytes,
    createdAt: store.clock.now(),
  });
}

function getJobStatus(store: Store, call: XrpcCall): Reply {
  const jobId = call.req.query.get('jobId');
  if (jobId === null) return invalidRequest('Params must have the property "jobId"');
  const job = store.videoJobs.get(jobId);
  if (job === undefined) return invalidRequest(`job not found: ${jobId}`, 'NotFound');
  advance(store, job);
  return json(200, { jobStatus: jobStatus(store, job) });
}

export function videoRoutes(store: Store): XrpcRoute[] {
  return [
    {
      nsid: 'app.bsky.video.getUploadLimits',
      method: 'GET',
      auth: 'none',
      handle: (call) => uploadLimits(store, call),
    },
    {
      nsid: 'app.bsky.video.uploadVideo',
      method: 'POST',
      auth: 'none',
      handle: (call) => uploadVideo(store, call),
    },
    {
      nsid: 'app.bsky.video.getJobStatus',
      method: 'GET',
      auth: 'none',
      handle: (call) => getJobStatus(store, call),
    },
  ];
}
