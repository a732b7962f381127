import type { IncomingMessage, ServerResponse } from 'node:http';
import { ErrorCode, HUB_CALLER, identityOf, isAnonymous, sendJson, type Identity, type Route } from '@hub/kit';

interface Bucket {
  tokens: number;
  /** When `tokens` was last brought up to date (ms, monotonic). */
  at: number;
}

/** How many clients' buckets are kept at most; past it the least recently seen is forgotten (memory stays bounded). */
const MAX_BUCKETS = 100_000;

/**
 * Token buckets, one per client key, in memory (one gateway process): each holds up to `burst` tokens
 * and refills at `perSecond`. A request takes one token; an operation takes its estimated cost, and is
 * settled at its real cost once answered (`settle`), which may leave the bucket owing: the client then
 * waits until it is paid back. Buckets are kept least recently used first; one idle long enough to be full
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

  /** Takes `amount` tokens from every one of `keys`' buckets: 0 when admitted, else the whole seconds to wait (nothing is taken). */
  take(keys: readonly string[], amount = 1): number {
    const now = this.now();
    this.evict(now);
    const tokens = keys.map((key) => this.tokens(key, now));
    const missing = Math.max(...tokens.map((left) => amount - left));
    if (missing > 0) return Math.max(1, Math.ceil(missing / this.perSecond));
    keys.forEach((key, i) => this.store(key, tokens[i] - amount, now));
    return 0;
  }

  /** Gives back `amount` tokens to every one of `keys`' buckets (taken when negative: the bucket may then owe). */
  settle(keys: readonly string[], amount: number) {
    const now = this.now();
    for (const key of keys) this.store(key, Math.min(this.burst, this.tokens(key, now) + amount), now);
  }

  /** How many buckets are held. */
  get size() {
    return this.buckets.size;
  }

  private tokens(key: string, now: number) {
    const known = this.buckets.get(key);
    return known ? this.refilled(known, now) : this.burst;
  }

  private store(key: string, tokens: number, now: number) {
    this.buckets.delete(key); // re-inserted last: the most recently used
    this.buckets.set(key, { tokens, at: now });
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
 * The bucket a request is counted against: a signed-in caller's credential (several dashboards behind one
 * address keep their own shares), anyone else's address.
 */
export function clientKeys(req: IncomingMessage, identity: Identity = identityOf(req)): string[] {
  if (identity === HUB_CALLER) return []; // the hub's own reference checks, part of a write a client was counted for
  if (!isAnonymous(identity)) return [`credential ${identity.credential}`];
  return [`address ${addressKey(req.socket.remoteAddress)}`];
}

/**
 * How long a refusal for being over a limit or for bad credentials takes to come back: a client that asks
 * again at once then sends at most a few requests a second on each connection, instead of keeping the
 * gateway busy refusing it.
 */
export const REFUSAL_PAUSE_MS = 250;

/** Answers `status` with one error of `code`, REFUSAL_PAUSE_MS later; the body, if any, is never read. */
export function refuse(req: IncomingMessage, res: ServerResponse, status: number, code: ErrorCode, message: string, headers: Record<string, string> = {}) {
  for (const [name, value] of Object.entries(headers)) res.setHeader(name, value);
  // A body sent with the refused request is not worth reading: close the connection instead.
  if (header(req, 'transfer-encoding') || Number(header(req, 'content-length') ?? 0) > 0) res.setHeader('connection', 'close');
  setTimeout(() => sendJson(res, status, { errors: [{ message, extensions: { code } }] }), REFUSAL_PAUSE_MS);
  return true;
}

/**
 * Refuses a client over its rate with HTTP 429, LIMIT_EXCEEDED and `Retry-After` (seconds), before the
 * request's body is read; otherwise lets the request through to the other routes (/graphql, /export.csv…).
 */
export function rateLimitRoute(limiter: RateLimiter): Route {
  return (req, res) => {
    const wait = limiter.take(clientKeys(req));
    if (wait === 0) return false;
    const message = `Too many requests from this client: the limit is ${limiter.perSecond} per second, with bursts of up to ${limiter.burst}. Retry after ${wait} s.`;
    return refuse(req, res, 429, ErrorCode.LIMIT_EXCEEDED, message, { 'retry-after': String(wait) });
  };
}

/** What the cost budget needs of a request's context: whose budget it spends. */
export interface ClientContext {
  clientKeys: string[];
}

/**
 * The field values an answer holds, counted as the cost estimate counts them: every field of every object,
 * every item of every list. What the hub really did for the request, whatever the estimate said.
 */
export function answerCost(data: unknown): number {
  let cost = 0;
  const pending: unknown[] = [data];
  while (pending.length) {
    const value = pending.pop();
    if (Array.isArray(value)) pending.push(...value);
    else if (value !== null && typeof value === 'object') {
      for (const field of Object.values(value)) {
        cost++;
        if (field !== null && typeof field === 'object') pending.push(field);
      }
    }
  }
  return cost;
}
