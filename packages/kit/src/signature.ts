import { createHash, createHmac, timingSafeEqual } from 'node:crypto';

/**
 * How the subgraphs know a request comes from the gateway: the gateway signs each request it sends them
 * with the secret they share (SUBGRAPH_SECRET), in this header: `t=<unix seconds>,v1=<hex HMAC-SHA256>`.
 * The HMAC covers the time, the request id (`x-request-id`, empty when absent), the method, the path
 * and a SHA-256 of the body's exact bytes, so a signature cannot be moved to another body, request id or
 * URL, and stops working a minute after it was made.
 */
export const SIGNATURE_HEADER = 'x-hub-signature';

/** How old a signature may be; a captured request can be replayed only within this time. */
export const SIGNATURE_MAX_AGE_SECONDS = 60;
/** How far ahead of this machine's clock a signature may be (the gateway's clock may run a little fast). */
export const SIGNATURE_MAX_SKEW_SECONDS = 5;

export interface SignedRequest {
  method: string;
  /** Path and query string, as the server sees it in the request line (`/graphql`). */
  path: string;
  requestId: string;
  body: string | Uint8Array;
}

function mac(secret: string, time: number, request: SignedRequest): Buffer {
  const bodyHash = createHash('sha256').update(request.body).digest('hex');
  return createHmac('sha256', secret).update(`v1\n${time}\n${request.requestId}\n${request.method.toUpperCase()}\n${request.path}\n${bodyHash}`).digest();
}

/** The header value that signs `request`, made at `now` (ms). */
export function signRequest(secret: string, request: SignedRequest, now = Date.now()): string {
  const time = Math.floor(now / 1000);
  return `t=${time},v1=${mac(secret, time, request).toString('hex')}`;
}

const HEADER_FORMAT = /^t=(\d{1,12}),v1=([0-9a-f]{64})$/;

/**
 * Checks the header's form and age, which needs no body: a request that fails here is refused before its
 * body is read. Returns the signature's time, or why it is refused.
 */
export function checkSignatureHeader(header: string | undefined, now = Date.now()): { time: number; signature: Buffer } | { refused: string } {
  if (!header) return { refused: `missing ${SIGNATURE_HEADER}` };
  const match = HEADER_FORMAT.exec(header);
  if (!match) return { refused: `malformed ${SIGNATURE_HEADER}` };
  const time = Number(match[1]);
  const age = Math.floor(now / 1000) - time;
  if (age > SIGNATURE_MAX_AGE_SECONDS) return { refused: `expired ${SIGNATURE_HEADER} (${age} s old)` };
  if (age < -SIGNATURE_MAX_SKEW_SECONDS) return { refused: `${SIGNATURE_HEADER} from the future (${-age} s ahead)` };
  return { time, signature: Buffer.from(match[2], 'hex') };
}

/** Whether `header` signs exactly this request with `secret`, now: undefined when it does, else why not. */
export function verifyRequest(secret: string, header: string | undefined, request: SignedRequest, now = Date.now()): string | undefined {
  const checked = checkSignatureHeader(header, now);
  if ('refused' in checked) return checked.refused;
  return timingSafeEqual(checked.signature, mac(secret, checked.time, request)) ? undefined : `wrong ${SIGNATURE_HEADER}`;
}
