import { createHash, createHmac, randomBytes, timingSafeEqual } from 'node:crypto';

/**
 * How the subgraphs know a request comes from the gateway: the gateway signs each request it sends them
 * with the secret they share (SUBGRAPH_SECRET), in this header:
 * `t=<unix seconds>,n=<random nonce, hex>,v1=<hex HMAC-SHA256>`. The HMAC covers the time, the nonce, the
 * request id (`x-request-id`, empty when absent), the caller's identity (`x-hub-identity`, empty when
 * absent), the method, the path and a SHA-256 of the body's exact bytes, so a signature cannot be moved to
 * another body, request id, caller or URL, stops working a minute after
 * it was made, and is accepted once (ReplayGuard): a captured request, a write above all, cannot be sent again.
 */
export const SIGNATURE_HEADER = 'x-hub-signature';

/** How old a signature may be: the replay guard remembers each nonce this long. */
export const SIGNATURE_MAX_AGE_SECONDS = 60;
/** How far ahead of this machine's clock a signature may be (the gateway's clock may run a little fast). */
export const SIGNATURE_MAX_SKEW_SECONDS = 5;

export interface SignedRequest {
  method: string;
  /** Path and query string, as the server sees it in the request line (`/graphql`). */
  path: string;
  requestId: string;
  /** The identity header's value ('' when absent). */
  identity: string;
  body: string | Uint8Array;
  /**
   * Whom it is for: a subgraph (the gateway's calls, the default) or the gateway (a subgraph checking a
   * reference). Signed, so that a request captured on its way to one cannot be replayed to the other.
   */
  audience?: 'subgraph' | 'gateway';
}

function mac(secret: string, time: number, nonce: string, request: SignedRequest): Buffer {
  const bodyHash = createHash('sha256').update(request.body).digest('hex');
  return createHmac('sha256', secret)
    .update(`v1\n${time}\n${nonce}\n${request.audience ?? 'subgraph'}\n${request.requestId}\n${request.identity}\n${request.method.toUpperCase()}\n${request.path}\n${bodyHash}`)
    .digest();
}

/** The header value that signs `request`, made at `now` (ms), with a fresh nonce. */
export function signRequest(secret: string, request: SignedRequest, now = Date.now()): string {
  const time = Math.floor(now / 1000);
  const nonce = randomBytes(16).toString('hex');
  return `t=${time},n=${nonce},v1=${mac(secret, time, nonce, request).toString('hex')}`;
}

const HEADER_FORMAT = /^t=(\d{1,12}),n=([0-9a-f]{32}),v1=([0-9a-f]{64})$/;

/**
 * Checks the header's form and age, which needs no body: a request that fails here is refused before its
 * body is read. Returns the signature's time, or why it is refused.
 */
export function checkSignatureHeader(header: string | undefined, now = Date.now()): { time: number; nonce: string; signature: Buffer } | { refused: string } {
  if (!header) return { refused: `missing ${SIGNATURE_HEADER}` };
  const match = HEADER_FORMAT.exec(header);
  if (!match) return { refused: `malformed ${SIGNATURE_HEADER}` };
  const time = Number(match[1]);
  const age = Math.floor(now / 1000) - time;
  if (age > SIGNATURE_MAX_AGE_SECONDS) return { refused: `expired ${SIGNATURE_HEADER} (${age} s old)` };
  if (age < -SIGNATURE_MAX_SKEW_SECONDS) return { refused: `${SIGNATURE_HEADER} from the future (${-age} s ahead)` };
  return { time, nonce: match[2], signature: Buffer.from(match[3], 'hex') };
}

/**
 * Whether `header` signs exactly this request with `secret`, now, and (given the server's guard) was never
 * accepted before: undefined when so, else why not.
 */
export function verifyRequest(secret: string, header: string | undefined, request: SignedRequest, now = Date.now(), guard?: ReplayGuard): string | undefined {
  const checked = checkSignatureHeader(header, now);
  if ('refused' in checked) return checked.refused;
  if (!timingSafeEqual(checked.signature, mac(secret, checked.time, checked.nonce, request))) return `wrong ${SIGNATURE_HEADER}`;
  // Only a good signature's nonce is remembered: nobody without the secret can fill the guard.
  if (guard && !guard.firstUse(checked.nonce, checked.time, now)) return `${SIGNATURE_HEADER} already used`;
  return undefined;
}

/**
 * The nonces of the signatures a server accepted while they were still valid, so that each is accepted
 * once. Held in the process (a replica behind a load balancer keeps its own), forgotten once expired, at
 * most `maxEntries` (past it the oldest goes first: 500,000 is 8,000 requests a second for a minute).
 */
export class ReplayGuard {
  /** Nonce → the second after which its signature is refused as expired anyway; oldest first. */
  private readonly seen = new Map<string, number>();

  constructor(private readonly maxEntries = 500_000) {}

  /** Remembers `nonce`, signed at `time` (s): false when it was already used. */
  firstUse(nonce: string, time: number, now = Date.now()): boolean {
    const seconds = Math.floor(now / 1000);
    for (const [old, expires] of this.seen) {
      if (expires >= seconds && this.seen.size < this.maxEntries) break;
      this.seen.delete(old);
    }
    if (this.seen.has(nonce)) return false;
    this.seen.set(nonce, time + SIGNATURE_MAX_AGE_SECONDS);
    return true;
  }

  get size() {
    return this.seen.size;
  }
}
