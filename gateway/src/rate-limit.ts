import { createHash } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import { ErrorCode, sendJson, type Route } from '@hub/kit';

interface Bucket {
  tokens: number;
  /** When `tokens` was last brought up to date (ms, monotonic). */
  at: number;
}

/** How many clients' buckets are kept at most; past it the least recently seen is forgotten (memory stays bounded). */
const MAX_BUCKETS = 100_000;

/**
 * Token buckets, one per client key, in memory (one gateway process): each holds up to `burst` requests
 * and refills at `perSecond`. Buckets are kept least recently used first; one idle long enough to be full
 * again is the same as none and is dropped, so memory follows the clients active in the last
 * `burst / perSecond` seconds, and never holds more than MAX_BUCKETS.
 */
export class RateLimiter {
  private readonly buckets = new Map<string, Bucket>();

  constructor(
    readonly perSecond: number,
    readonly burst: number,
    private readonly now: () => number = () => performance.now(),
    private readonly maxBuckets = MAX_BUCKETS,
  ) {}

  /** Takes a request from every one of `keys`' buckets: 0 when admitted, else the whole seconds to wait (nothing is taken). */
  take(keys: readonly string[]): number {
    const now = this.now();
    this.evict(now);
    const tokens = keys.map((key) => {
      const known = this.buckets.get(key);
      return known ? this.refilled(known, now) : this.burst;
    });
    const missing = Math.max(...tokens.map((left) => 1 - left));
    if (missing > 0) return Math.max(1, Math.ceil(missing / this.perSecond));
    keys.forEach((key, i) => {
      this.buckets.delete(key); // re-inserted last: the most recently used
      this.buckets.set(key, { tokens: tokens[i] - 1, at: now });
    });
    return 0;
  }

  /** How many buckets are held. */
  get size() {
    return this.buckets.size;
  }

  private refilled(bucket: Bucket, now: number) {
    return Math.min(this.burst, bucket.tokens + ((now - bucket.at) / 1000) * this.perSecond);
  }

  /** Drops, from the least recently used, the buckets full again, and any beyond the bound. */
  private evict(now: number) {
    for (const [key, bucket] of this.buckets) {
      if (this.buckets.size < this.maxBuckets && this.refilled(bucket, now) < this.burst) return;
      this.buckets.delete(key);
    }
  }
}

/** An IPv6 address's /64 network (what one subscriber is given), an IPv4 address as it is. */
export function addressKey(address: string | undefined): string {
  if (!address) return 'unknown';
  const plain = address.replace(/%.*$/, '').replace(/^::ffff:(?=\d+\.\d+\.\d+\.\d+$)/i, '');
  if (!plain.includes(':')) return plain;
  const [head, tail] = plain.split('::');
  const left = head ? head.split(':') : [];
  const right = tail ? tail.split(':') : [];
  const groups = tail === undefined ? left : [...left, ...Array<string>(Math.max(0, 8 - left.length - right.length)).fill('0'), ...right];
  return `${groups.slice(0, 4).map((group) => parseInt(group, 16).toString(16)).join(':')}::/64`;
}

const header = (req: IncomingMessage, name: string) => {
  const value = req.headers[name];
  return Array.isArray(value) ? value.join(',') : value;
};

/**
 * The buckets a request is counted against: its address (an IPv6 /64) always, and its credential when it
 * sends one (`x-api-key`, else `Authorization`), hashed so that no secret is kept. Nothing verifies
 * credentials yet, so a credential alone cannot be the key: a client would get a fresh bucket with each
 * made-up key. Once sign-in verifies them, a verified caller can be counted by its credential alone.
 */
export function clientKeys(req: IncomingMessage): string[] {
  const keys = [`address ${addressKey(req.socket.remoteAddress)}`];
  const credential = header(req, 'x-api-key') || header(req, 'authorization');
  if (credential) keys.push(`credential ${createHash('sha256').update(credential).digest('base64url')}`);
  return keys;
}

/**
 * Refuses a client over its rate with HTTP 429, LIMIT_EXCEEDED and `Retry-After` (seconds), before the
 * request's body is read; otherwise lets the request through to the other routes (/graphql, /export.csv…).
 */
export function rateLimitRoute(limiter: RateLimiter): Route {
  return (req, res) => {
    const wait = limiter.take(clientKeys(req));
    if (wait === 0) return false;
    res.setHeader('retry-after', String(wait));
    const exposed = res.getHeader('access-control-expose-headers');
    if (exposed) res.setHeader('access-control-expose-headers', `${exposed}, retry-after`);
    // A body sent with the refused request is not worth reading: close the connection instead.
    if (header(req, 'transfer-encoding') || Number(header(req, 'content-length') ?? 0) > 0) res.setHeader('connection', 'close');
    sendJson(res, 429, {
      errors: [
        {
          message:
            `Too many requests from this client: the limit is ${limiter.perSecond} per second, with bursts of up to ${limiter.burst}. ` +
            `Retry after ${wait} s.`,
          extensions: { code: ErrorCode.LIMIT_EXCEEDED },
        },
      ],
    });
    return true;
  };
}
