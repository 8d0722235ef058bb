// Shapes every fake network server shares: its request log, its injected faults, its clock.

export interface LoggedRequest {
  method: string;
  host: string;
  /** Path without the query string. */
  path: string;
  /** Path with the query string, as sent. */
  url: string;
  /** The status the fake answered, or would have answered before dropping the connection (0: none). */
  status: number;
  /** false when a fault dropped or reset the connection instead of answering. */
  delivered: boolean;
  authorization?: string;
  /** Text bodies (JSON, form); multipart and binary bodies are summarised. */
  body?: string;
  /** Fake-clock time the request arrived. */
  at: number;
}

export type FaultRule = {
  method?: string;
  /** Exact path (':name' segments match any value) or a RegExp tested against the path. */
  path: string | RegExp;
  /** How many matching requests the fault applies to; default 1. */
  times?: number;
} & (
  | { kind: 'latency'; ms: number }
  | { kind: 'status'; status: 500 | 502 | 503 | 504 }
  | { kind: 'rate-limit'; resetInSeconds: number }
  | { kind: 'drop-after-record' }
  /** Does the work, then answers a server error in its place (a gateway that gave up). */
  | { kind: 'status-after-record'; status: 500 | 502 | 503 | 504 }
  | { kind: 'reset' }
  /** The network's answer to a token or session it no longer accepts. */
  | { kind: 'revoked' }
  /** The network's answer to a token past its lifetime (where it tells the two apart). */
  | { kind: 'expired' }
);

export interface FakeClock {
  now(): number;
  advance(ms: number): void;
}
