// What went wrong with the relay's bucket, in words a person can act on. The SDK's errors
// carry S3's error code as their name and the HTTP status in $metadata; network failures
// carry Node's error code. Nothing here ever names a key.
import { AppFailure, failure } from '../../../shared/result.ts';

interface Where {
  endpoint: string;
  bucket: string;
  region: string;
}

const networkCodes: Record<string, string> = {
  ECONNREFUSED: 'nothing answers at that address',
  ENOTFOUND: 'that host name is not known',
  EAI_AGAIN: 'that host name could not be looked up',
  ETIMEDOUT: 'it did not answer in time',
  ECONNRESET: 'the connection was dropped',
  EHOSTUNREACH: 'that host cannot be reached',
  ENETUNREACH: 'the network cannot be reached',
  CERT_HAS_EXPIRED: 'its certificate has expired',
  DEPTH_ZERO_SELF_SIGNED_CERT: 'its certificate is self-signed',
  ERR_TLS_CERT_ALTNAME_INVALID: 'its certificate is for another name',
};

function field(error: unknown, name: string): unknown {
  return typeof error === 'object' && error !== null
    ? (error as Record<string, unknown>)[name]
    : undefined;
}

/** The network-level reason, looking through `cause` (undici and the SDK nest them). */
function networkReason(error: unknown): string | null {
  for (let e: unknown = error, depth = 0; e !== undefined && depth < 4; depth += 1) {
    const code = field(e, 'code');
    if (typeof code === 'string' && code in networkCodes) return networkCodes[code] ?? null;
    const name = field(e, 'name');
    if (name === 'TimeoutError' || name === 'RequestTimeout') return networkCodes.ETIMEDOUT ?? null;
    e = field(e, 'cause');
  }
  return null;
}

/** The failure of one request to the bucket (`doing`: "put the test object"). */
export function explainBucketError(error: unknown, where: Where, doing: string): AppFailure {
  if (error instanceof AppFailure) return error;
  const bucket = `“${where.bucket}”`;
  const network = networkReason(error);
  if (network !== null) {
    return failure(
      'OFFLINE',
      `Could not ${doing}: ${network} (${where.endpoint}). Check the endpoint and the connection.`,
      { retryable: true },
    );
  }
  const rawName = field(error, 'name');
  const name = typeof rawName === 'string' ? rawName : '';
  const status = (field(error, '$metadata') as { httpStatusCode?: number } | undefined)
    ?.httpStatusCode;
  const rejected = (message: string, retryable = false) =>
    failure('PLATFORM_REJECTED', `Could not ${doing}: ${message}`, {
      retryable,
      details: { s3Code: name, ...(status !== undefined && { httpStatus: status }) },
    });
  switch (name) {
    case 'InvalidAccessKeyId':
      return rejected(
        'the storage service does not know this access key id. Check the access key id.',
      );
    case 'SignatureDoesNotMatch':
      return rejected(
        'the secret access key does not match the access key id. Check the secret (paste it again).',
      );
    case 'NoSuchBucket':
      return rejected(`there is no bucket ${bucket} at ${where.endpoint}. Check the bucket name.`);
    case 'AccessDenied':
    case 'Forbidden':
      return rejected(
        `the keys are not allowed to do that in bucket ${bucket}. Give them s3:PutObject, ` +
          's3:GetObject, s3:DeleteObject and s3:ListBucket on the starling-relay/ prefix.',
      );
    case 'PermanentRedirect':
    case 'AuthorizationHeaderMalformed':
    case 'IllegalLocationConstraintException':
      return rejected(
        `bucket ${bucket} is in another region than ${where.region}, or needs another ` +
          'endpoint. Check the region and the endpoint.',
      );
    case 'RequestTimeTooSkewed':
      return rejected("this computer's clock is too far off. Set the clock right and try again.");
    case 'SlowDown':
    case 'ServiceUnavailable':
    case 'InternalError':
      return rejected('the storage service is busy. Try again in a minute.', true);
    default:
      break;
  }
  if (status !== undefined) {
    return rejected(
      `the endpoint answered HTTP ${String(status)}${name !== '' && name !== 'Unknown' && !name.startsWith('UnknownError') ? ` (${name})` : ''}, ` +
        `which is not how an S3-compatible service answers there. Check the endpoint, the ` +
        'bucket name and whether the bucket is in the path.',
    );
  }
  const message = error instanceof Error ? error.message : String(error);
  return rejected(`${message}. Check the endpoint.`);
}
