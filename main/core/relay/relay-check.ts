// The relay's test, step by step as the settings show it: put a small object, sign a GET
// URL for it, fetch it through that URL with no keys (as Instagram and Threads will), and
// delete it. The object is cleaned up even when fetching fails.
import type { RelayTestReport, RelayTestStep } from '../../../shared/relay.ts';
import { relayPrefix } from '../../../shared/relay.ts';
import { AppFailure } from '../../../shared/result.ts';
import { isLoopbackUrl } from '../platforms/server-address.ts';
import { explainBucketError } from './relay-errors.ts';
import type { RelayTarget } from './relay-settings.ts';
import type { RelayBucket } from './s3-bucket.ts';

export interface CheckDeps {
  bucket: RelayBucket;
  target: RelayTarget;
  /** The object's name after the prefix (random, like every relay key). */
  name: string;
  now: () => number;
  fetch: typeof fetch;
}

/** How long the test's URL lives: enough to fetch it once. */
const testUrlLifetimeS = 60;

const messageOf = (error: unknown) => (error instanceof AppFailure ? error.message : String(error));

export async function checkRelay(deps: CheckDeps): Promise<RelayTestReport> {
  const { bucket, target } = deps;
  const key = `${relayPrefix}${deps.name}.txt`;
  const body = new TextEncoder().encode(
    `Starling media relay test, ${new Date(deps.now()).toISOString()}\n`,
  );
  const steps: RelayTestStep[] = [];
  const where = `bucket “${target.bucket}”`;
  const skipped = (step: RelayTestStep['step'], message: string) => {
    steps.push({ step, outcome: 'skipped', message });
  };

  try {
    await bucket.put(key, body, body.byteLength, 'text/plain; charset=utf-8');
    steps.push({
      step: 'put',
      outcome: 'passed',
      message: `Put a ${String(body.byteLength)}-byte test object at ${key} in ${where}.`,
    });
  } catch (error) {
    steps.push({
      step: 'put',
      outcome: 'failed',
      message: messageOf(explainBucketError(error, target, 'put the test object')),
    });
    skipped('presign', 'Not tried: there is no test object.');
    skipped('fetch', 'Not tried: there is no test object.');
    skipped('delete', 'Nothing to delete: the test object was not stored.');
    return report(steps, target);
  }

  let url: string | null = null;
  try {
    url = await bucket.presignGet(key, testUrlLifetimeS, deps.now());
    steps.push({
      step: 'presign',
      outcome: 'passed',
      message: `Signed a link to it that lives ${String(testUrlLifetimeS)} seconds.`,
    });
  } catch (error) {
    steps.push({
      step: 'presign',
      outcome: 'failed',
      message: messageOf(explainBucketError(error, target, 'sign a link to the test object')),
    });
    skipped('fetch', 'Not tried: there is no signed link.');
  }

  if (url !== null) steps.push(await fetchStep(deps.fetch, url, body));

  try {
    await bucket.delete(key);
    steps.push({ step: 'delete', outcome: 'passed', message: 'Deleted the test object.' });
  } catch (error) {
    steps.push({
      step: 'delete',
      outcome: 'failed',
      message: `${messageOf(explainBucketError(error, target, 'delete the test object'))} The sweep deletes it within a day once deleting works.`,
    });
  }
  return report(steps, target);
}

async function fetchStep(
  fetcher: typeof fetch,
  url: string,
  sent: Uint8Array,
): Promise<RelayTestStep> {
  try {
    const response = await fetcher(url, { signal: AbortSignal.timeout(20_000) });
    const got = new Uint8Array(await response.arrayBuffer());
    if (!response.ok) {
      const code = /<Code>([^<]{1,64})<\/Code>/.exec(new TextDecoder().decode(got))?.[1];
      return {
        step: 'fetch',
        outcome: 'failed',
        message:
          `The signed link answered HTTP ${String(response.status)}${code === undefined ? '' : ` (${code})`}: ` +
          'the bucket refuses signed links. Check that nothing (a bucket policy, a proxy) blocks ' +
          'query-string signatures, and that the endpoint is the bucket’s own.',
      };
    }
    if (got.byteLength !== sent.byteLength || !got.every((b, i) => b === sent[i])) {
      return {
        step: 'fetch',
        outcome: 'failed',
        message: `The signed link answered, but with other content (${String(got.byteLength)} bytes instead of ${String(sent.byteLength)}).`,
      };
    }
    return {
      step: 'fetch',
      outcome: 'passed',
      message:
        'Fetched it through the link without keys, as Instagram and Threads will: same content.',
    };
  } catch (error) {
    const cause =
      error instanceof Error && error.cause instanceof Error ? `: ${error.cause.message}` : '';
    return {
      step: 'fetch',
      outcome: 'failed',
      message: `The signed link could not be fetched (${error instanceof Error ? error.message : String(error)}${cause}).`,
    };
  }
}

function report(steps: RelayTestStep[], target: RelayTarget): RelayTestReport {
  const warnings: string[] = [];
  const url = new URL(target.endpoint);
  if (isLoopbackUrl(url)) {
    warnings.push(
      'The endpoint is on this computer: Instagram and Threads cannot fetch from it. Use a bucket on the internet to publish.',
    );
  } else if (url.protocol !== 'https:') {
    warnings.push('The endpoint is not https://: networks may refuse to fetch from it.');
  }
  return { ok: steps.every((s) => s.outcome === 'passed'), steps, warnings };
}
