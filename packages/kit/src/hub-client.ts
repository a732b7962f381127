import { GraphQLError } from 'graphql';
import { ErrorCode } from './errors';
import { SIGNATURE_HEADER, signRequest } from './signature';

/** How long a subgraph waits for the gateway when it checks a reference. */
const HUB_TIMEOUT_MS = 10_000;

/** What the gateway answered a subgraph. */
export interface HubAnswer<T> {
  data?: T;
  errors?: { message: string; path?: (string | number)[]; extensions?: { code?: string } }[];
}

/**
 * Asks the hub, through the gateway, what another subgraph owns (does that source exist?), signed with
 * SUBGRAPH_SECRET as the gateway signs its own calls: the gateway answers it as the hub itself, a reader.
 */
export type AskHub = <T>(query: string, variables: Record<string, unknown>, requestId: string) => Promise<HubAnswer<T>>;

/** POSTs `body` as JSON to the gateway at `url`, signed with SUBGRAPH_SECRET as the hub's own call (audience gateway). */
export function postToGateway(url: string | URL, secret: string, body: unknown, requestId: string, timeoutMs: number): Promise<Response> {
  const text = JSON.stringify(body);
  const path = new URL(url).pathname;
  const headers = {
    'content-type': 'application/json',
    'x-request-id': requestId,
    [SIGNATURE_HEADER]: signRequest(secret, { method: 'POST', path, requestId, identity: '', body: text, audience: 'gateway' }),
  };
  return fetch(url, { method: 'POST', headers, body: text, signal: AbortSignal.timeout(timeoutMs) });
}

export function hubClient(gatewayUrl: string, secret: string): AskHub {
  return async <T>(query: string, variables: Record<string, unknown>, requestId: string) => {
    try {
      const response = await postToGateway(gatewayUrl, secret, { query, variables }, requestId, HUB_TIMEOUT_MS);
      if (response.status >= 500 || response.status === 401) throw new Error(`HTTP ${response.status}`);
      return (await response.json()) as HubAnswer<T>;
    } catch (error) {
      throw new GraphQLError(`The hub could not check the records this change refers to (${(error as Error).message}): nothing was changed. Try again later.`, {
        extensions: { code: ErrorCode.SERVICE_UNAVAILABLE },
      });
    }
  };
}
