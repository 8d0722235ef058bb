// node:http and node:https through `require`, for modules on every command's start-up path.
// [Note: http by require] An ESM `import http from 'node:http'` builds a facade that reads
// every export, and one of them is a getter that loads Node's bundled undici (about 20 ms
// on this machine); `require` returns the module object and reads nothing.
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);

export const http = require('node:http') as typeof import('node:http');
export const https = require('node:https') as typeof import('node:https');
