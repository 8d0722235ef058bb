// [Note: public pages only] Starling reads a few web pages the user did not pick by hand:
// a link's page for its card and the picture that page names (og:image, any address the
// page's author chose). Such a read must not reach this machine or its network: a link
// (from a CSV, from a client) whose page names http://192.168.1.1/snapshot.jpg would
// otherwise have Starling fetch a camera's picture and publish it as the card's thumb.
// Every address a host name resolves to, and every literal address, is checked before the
// connection, the address checked is the one connected to (a lookup of our own on the
// request, so a second DNS answer cannot differ), and each redirect is checked again.
// Only `trustedOrigin` (the account's own server, which the user chose; a local fake in
// tests) may be private.
import dns from 'node:dns';
import type { IncomingMessage } from 'node:http';
import net from 'node:net';
import { Readable } from 'node:stream';
import { http, https } from './node-http.ts';

const privateRanges = new net.BlockList();
for (const [network, prefix] of [
  ['0.0.0.0', 8], // "this" network
  ['10.0.0.0', 8],
  ['100.64.0.0', 10], // carrier-grade NAT
  ['127.0.0.0', 8],
  ['169.254.0.0', 16], // link-local, cloud metadata
  ['172.16.0.0', 12],
  ['192.0.0.0', 24],
  ['192.168.0.0', 16],
  ['198.18.0.0', 15], // benchmarking
  ['224.0.0.0', 4], // multicast
  ['240.0.0.0', 4], // reserved, broadcast
] as const) {
  privateRanges.addSubnet(network, prefix, 'ipv4');
}
for (const [network, prefix] of [
  ['::', 128],
  ['::1', 128],
  ['fc00::', 7], // unique local
  ['fe80::', 10], // link-local
  ['ff00::', 8], // multicast
] as const) {
  privateRanges.addSubnet(network, prefix, 'ipv6');
}

/** Whether `address` (IPv4 or IPv6, as DNS or a URL gives it) is not on the public internet. */
export function isPrivateAddress(address: string): boolean {
  const bare = address.replace(/^\[|\]$/g, '');
  const mapped = /^(?:0*:)*:?ffff:([0-9a-f.:]+)$/i.exec(bare);
  if (mapped?.[1] !== undefined) {
    // An IPv4 address written as IPv6 (::ffff:127.0.0.1, or ::ffff:7f00:1 as URLs print it).
    const tail = mapped[1];
    const hex = /^([0-9a-f]{1,4}):([0-9a-f]{1,4})$/i.exec(tail);
    const v4 =
      hex?.[1] !== undefined && hex[2] !== undefined
        ? [
            parseInt(hex[1], 16) >> 8,
            parseInt(hex[1], 16) & 255,
            parseInt(hex[2], 16) >> 8,
            parseInt(hex[2], 16) & 255,
          ].join('.')
        : tail;
    if (net.isIPv4(v4)) return privateRanges.check(v4, 'ipv4');
  }
  if (net.isIPv4(bare)) return privateRanges.check(bare, 'ipv4');
  if (net.isIPv6(bare)) return privateRanges.check(bare, 'ipv6');
  return true;
}

type LookupCallback = (
  error: Error | null,
  address: string | dns.LookupAddress[],
  family?: number,
) => void;

function publicLookup(hostname: string, options: dns.LookupOptions, callback: LookupCallback) {
  dns.lookup(hostname, { ...options, all: true }, (error, addresses) => {
    if (error !== null) {
      callback(error, []);
      return;
    }
    const refused = addresses.find((a) => isPrivateAddress(a.address));
    if (refused !== undefined || addresses.length === 0) {
      callback(new Error(`${hostname} is not a public address`), []);
      return;
    }
    if (options.all === true) callback(null, addresses);
    else callback(null, addresses[0]?.address ?? '', addresses[0]?.family);
  });
}

const redirects = new Set([301, 302, 303, 307, 308]);
const maxRedirects = 4;

function request(url: URL, accept: string, signal: AbortSignal, trusted: boolean) {
  return new Promise<IncomingMessage>((resolve, reject) => {
    const client = url.protocol === 'https:' ? https : http;
    const sent = client.get(
      url,
      {
        headers: { accept, 'user-agent': 'Starling link preview' },
        signal,
        ...(trusted ? {} : { lookup: publicLookup }),
      },
      resolve,
    );
    sent.on('error', reject);
  });
}

/**
 * GETs `address` from the public web, following up to four redirects, each checked.
 * Resolves with the answer (its body a web stream) and the address it came from.
 */
export async function getPublic(
  address: string,
  options: { accept: string; signal: AbortSignal; trustedOrigin?: string },
): Promise<{ response: Response; url: string }> {
  let url = new URL(address);
  for (let hop = 0; ; hop++) {
    if (url.protocol !== 'https:' && url.protocol !== 'http:') throw new Error('not a web link');
    const trusted = options.trustedOrigin !== undefined && url.origin === options.trustedOrigin;
    if (
      !trusted &&
      net.isIP(url.hostname.replace(/^\[|\]$/g, '')) !== 0 &&
      isPrivateAddress(url.hostname)
    ) {
      throw new Error(`${url.host} is not a public address`);
    }
    const answer = await request(url, options.accept, options.signal, trusted);
    const status = answer.statusCode ?? 0;
    const location = answer.headers.location;
    if (redirects.has(status) && location !== undefined) {
      answer.resume();
      if (hop >= maxRedirects) throw new Error('too many redirects');
      url = new URL(location, url);
      continue;
    }
    const headers = new Headers();
    for (const [name, value] of Object.entries(answer.headers)) {
      for (const one of Array.isArray(value) ? value : [value]) {
        if (one !== undefined) headers.append(name, one);
      }
    }
    const empty = status === 204 || status === 205 || status === 304;
    if (empty) answer.resume();
    const body = empty ? null : (Readable.toWeb(answer) as ReadableStream<Uint8Array>);
    return { response: new Response(body, { status, headers }), url: url.href };
  }
}
