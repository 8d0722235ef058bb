// A real S3-compatible server for the media relay's tests: s3rver (an npm devDependency,
// files in a temporary folder) on 127.0.0.1, closed when the test ends. s3rver checks the
// access key id and the expiry of presigned URLs but not SigV4 signatures, so this server
// checks them first (AWS's documented algorithm, both the Authorization header and the
// query-string form): a wrong secret is refused as S3 refuses it.
import { createHash, createHmac, timingSafeEqual } from 'node:crypto';
import fs from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import S3rver from 's3rver';
import { onTestFinished } from 'vitest';
import { tempDataDir } from './temp-dir.ts';

/** Keys the server knows: distinctive, so a test can look for the secret anywhere it leaked. */
export const s3Keys = {
  accessKeyId: 'AKIASTARLINGRELAY001',
  secretAccessKey: 'rel4y/Secret+Starling+Test+9f3c0d2e7b1a',
} as const;

interface Accounts {
  registry: Map<string, { accessKeys: Map<string, string> }>;
  DUMMY_ACCOUNT: { createKeyPair(id: string, secret: string): void };
}
// s3rver keeps its accounts in one registry per process; the key pair joins its own account.
const accounts = createRequire(import.meta.url)('s3rver/lib/models/account.js') as Accounts;
accounts.DUMMY_ACCOUNT.createKeyPair(s3Keys.accessKeyId, s3Keys.secretAccessKey);
const secretOf = (id: string) => accounts.registry.get(id)?.accessKeys.get(id);

export interface S3Server {
  endpoint: string;
  region: string;
  bucket: string;
  /** Every key in the bucket, sorted, read from s3rver's folder. */
  keys(): string[];
  /** Makes an object look `ageMs` old: s3rver lists its file's modification time. */
  backdate(key: string, ageMs: number): void;
  /** Requests seen (method and path, no query), in order. */
  requests: { method: string; path: string }[];
  close(): Promise<void>;
}

const suffix = '._S3rver_object';

/** `closeWithTest`: closed when the test ends (default); false for scripts outside vitest. */
export async function startS3(
  options: { bucket?: string; closeWithTest?: boolean } = {},
): Promise<S3Server> {
  const bucket = options.bucket ?? 'relay-bucket';
  const withTest = options.closeWithTest !== false;
  // Outside vitest there is no test to remove the folder at its end: close does.
  const dir = withTest
    ? tempDataDir('starling-s3-')
    : fs.mkdtempSync(path.join(os.tmpdir(), 'starling-s3-'));
  const s3 = new S3rver({
    directory: dir,
    silent: true,
    vhostBuckets: false,
    configureBuckets: [{ name: bucket }],
  });
  await s3.configureBuckets();
  const handle = s3.getMiddleware();
  const requests: S3Server['requests'] = [];
  const server = http.createServer((req, res) => {
    requests.push({ method: req.method ?? '', path: (req.url ?? '').split('?')[0] ?? '' });
    const refusal = checkSignature(req);
    if (refusal === null) {
      handle(req, res);
      return;
    }
    req.resume();
    res.writeHead(403, { 'content-type': 'application/xml' });
    res.end(
      `<?xml version="1.0" encoding="UTF-8"?>\n<Error><Code>SignatureDoesNotMatch</Code><Message>${refusal}</Message></Error>`,
    );
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  const close = () =>
    new Promise<void>((resolve) => {
      server.closeAllConnections();
      server.close(() => {
        if (!withTest) fs.rmSync(dir, { recursive: true, force: true });
        resolve();
      });
    });
  if (withTest) onTestFinished(close);
  const bucketDir = path.join(dir, bucket);
  return {
    endpoint: `http://127.0.0.1:${String(port)}`,
    region: 'us-east-1',
    bucket,
    requests,
    keys: () =>
      fs
        .readdirSync(bucketDir, { recursive: true, encoding: 'utf8' })
        .filter((f) => f.endsWith(suffix))
        .map((f) => f.slice(0, -suffix.length).split(path.sep).join('/'))
        .sort(),
    backdate: (key, ageMs) => {
      const when = new Date(Date.now() - ageMs);
      fs.utimesSync(path.join(bucketDir, `${key}${suffix}`), when, when);
    },
    close,
  };
}

// --- SigV4 (docs.aws.amazon.com, "Signature Version 4 signing process") ---

const encode = (s: string) =>
  encodeURIComponent(s).replace(
    /[!'()*]/g,
    (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`,
  );
const sha256 = (s: string) => createHash('sha256').update(s).digest('hex');
const hmac = (key: Buffer | string, s: string) => createHmac('sha256', key).update(s).digest();

/** null when the request is signed with its key's secret (or not signed), else why not. */
function checkSignature(req: http.IncomingMessage): string | null {
  const url = new URL(req.url ?? '/', 'http://placeholder');
  const header = req.headers.authorization;
  let credential: string;
  let signedHeaders: string[];
  let signature: string;
  let amzDate: string;
  let payloadHash: string;
  if (header !== undefined) {
    const match =
      /^AWS4-HMAC-SHA256 Credential=([^,]+), ?SignedHeaders=([^,]+), ?Signature=([0-9a-f]+)$/.exec(
        header,
      );
    if (match === null) return 'Unsupported Authorization header';
    [, credential = '', , signature = ''] = match;
    signedHeaders = (match[2] ?? '').split(';');
    amzDate = String(req.headers['x-amz-date'] ?? '');
    payloadHash = String(req.headers['x-amz-content-sha256'] ?? 'UNSIGNED-PAYLOAD');
  } else if (url.searchParams.get('X-Amz-Algorithm') === 'AWS4-HMAC-SHA256') {
    credential = url.searchParams.get('X-Amz-Credential') ?? '';
    signedHeaders = (url.searchParams.get('X-Amz-SignedHeaders') ?? '').split(';');
    signature = url.searchParams.get('X-Amz-Signature') ?? '';
    amzDate = url.searchParams.get('X-Amz-Date') ?? '';
    payloadHash = 'UNSIGNED-PAYLOAD';
  } else {
    return null;
  }
  const [accessKeyId, date = '', region = '', service = '', term = ''] = credential.split('/');
  // An unknown key id is s3rver's to refuse (InvalidAccessKeyId).
  const secret = secretOf(accessKeyId ?? '');
  if (secret === undefined) return null;
  const query = [...url.searchParams]
    .filter(([k]) => k !== 'X-Amz-Signature')
    .map(([k, v]) => [encode(k), encode(v)] as const)
    .sort(([a, av], [b, bv]) => (a < b ? -1 : a > b ? 1 : av < bv ? -1 : av > bv ? 1 : 0))
    .map(([k, v]) => `${k}=${v}`)
    .join('&');
  const canonicalHeaders = signedHeaders
    .map((name) => {
      const value = req.headers[name];
      const text = Array.isArray(value) ? value.join(',') : (value ?? '');
      return `${name}:${text.trim().replace(/\s+/g, ' ')}\n`;
    })
    .join('');
  const canonical = [
    req.method ?? 'GET',
    url.pathname,
    query,
    canonicalHeaders,
    signedHeaders.join(';'),
    payloadHash,
  ].join('\n');
  const scope = `${date}/${region}/${service}/${term}`;
  const toSign = ['AWS4-HMAC-SHA256', amzDate, scope, sha256(canonical)].join('\n');
  let key = hmac(`AWS4${secret}`, date);
  for (const part of [region, service, term]) key = hmac(key, part);
  const expected = createHmac('sha256', key).update(toSign).digest();
  const given = Buffer.from(signature, 'hex');
  return given.length === expected.length && timingSafeEqual(given, expected)
    ? null
    : 'The request signature we calculated does not match the signature you provided. Check your key and signing method.';
}
