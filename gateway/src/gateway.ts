import { createHash } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { ApolloGateway } from '@apollo/gateway';
import type { ApolloServerPlugin } from '@apollo/server';
import {
  isAnonymous,
  apolloLogger,
  clip,
  DEFAULT_GATEWAY_LIMITS,
  ErrorCode,
  HUB_CALLER,
  identityOf,
  parseJsonBody,
  readSignedBody,
  ReplayGuard,
  sendGraphQLResponse,
  SIGNATURE_HEADER,
  CHANGES_PATH,
  HttpError,
  sendJson,
  requestIdOf,
  requestIdPlugin,
  serveGraphQL,
  metricsPlugin,
  GATEWAY_ADMISSION,
  setIdentity,
  type GatewayConfig,
  type Identity,
  type Logger,
  type RunningServer,
  type SubgraphName,
} from '@hub/kit';
import { readSupergraph } from './compose';
import { explorerRoute } from './explorer';
import { exportRoute } from './export';
import { limitsPlugin, withOperationTimeout, type TimedContext } from './limits';
import { clientKeys, RateLimiter, rateLimitRoute, refuse, type ClientContext } from './rate-limit';
import { SignIn } from './sign-in';
import { checkHubScalars } from './scalars';
import { listPathPlugin, SubgraphSource } from './subgraph-source';
import { ResponseCache, type CachedRequestContext } from './response-cache';
import { ListSizeStore } from './list-sizes';

interface GatewayContext extends TimedContext, ClientContext, CachedRequestContext {
  requestId: string;
  identity: Identity;
  /** SQL statements the subgraphs ran for this request, added up from their `x-sql-statements`. */
  sqlStatements: number;
}


function statementTotalPlugin(): ApolloServerPlugin<GatewayContext> {
  return {
    async requestDidStart() {
      return {
        async willSendResponse({ response, contextValue }) {
          response.http.headers.set('x-sql-statements', String(contextValue.sqlStatements));
        },
      };
    },
  };
}

/**
 * One line per request for the operators, as fields: operation (its name cut to MAX_CLIENT_TEXT
 * characters: the client chose it), HTTP status, error codes, milliseconds, SQL statements, the caller's
 * credential (`token <jti>`, `api-key <id>`, `anonymous`: never a secret), request id.
 */
function accessLogPlugin(log: Logger): ApolloServerPlugin<GatewayContext> {
  return {
    async requestDidStart() {
      const started = performance.now();
      return {
        async willSendResponse({ operationName, response, contextValue, errors }) {
          const codes = [...new Set((errors ?? []).map((e) => String(e.extensions?.code ?? 'ERROR')))];
          log.info('request', {
            operation: clip(operationName ?? 'anonymous'),
            status: response.http.status ?? 200,
            codes,
            ms: Math.round(performance.now() - started),
            sql: contextValue.sqlStatements,
            cache: contextValue.cache?.outcome,
            caller: contextValue.identity.credential,
            requestId: contextValue.requestId,
          });
        },
      };
    },
  };
}

/** Whether every subgraph answers its /health/ready with ok. */
async function subgraphsReady(urls: string[]): Promise<boolean> {
  const ready = (url: string) =>
    fetch(new URL('/health/ready', url), { signal: AbortSignal.timeout(1800) }).then(
      async (response) => response.ok && ((await response.json()) as { status?: string }).status === 'ok',
      () => false,
    );
  return (await Promise.all(urls.map(ready))).every(Boolean);
}

/**
 * A subgraph's call to the gateway, with the hub's signature (checked before it is answered): POST /graphql
 * (AskHub: a write checks its references) or POST /hub/changes (a write committed: the cache hears it).
 */
const isHubCall = (req: IncomingMessage) => {
  const path = req.url?.split('?')[0];
  return req.headers[SIGNATURE_HEADER] !== undefined && req.method === 'POST' && (path === '/graphql' || path === CHANGES_PATH);
};

/** The gateway on the checked-in supergraph (no introspection of the subgraphs at start-up). */
export async function startGateway(config: GatewayConfig, log: Logger): Promise<RunningServer> {
  // @apollo/gateway sends usage metrics to Apollo every hour unless this variable is set; an operator's own value stands.
  process.env.APOLLO_TELEMETRY_DISABLED ??= '1';
  const limits = config.limits ?? DEFAULT_GATEWAY_LIMITS;
  const rateLimit = rateLimitRoute(new RateLimiter(limits.rateLimitPerSecond, limits.rateLimitBurst));
  const costBudget = new RateLimiter(limits.costPerSecond, limits.costBurst);
  const signIn = new SignIn(config.signIn);
  const hubCalls = new ReplayGuard();
  const notSignedIn = (req: IncomingMessage, res: ServerResponse, why: string) =>
    refuse(req, res, 401, ErrorCode.UNAUTHENTICATED, `Not signed in: ${why}. Send a valid token (Authorization: Bearer …) or API key (x-api-key)${config.signIn?.required ? '' : ', or neither to read anonymously'}.`, {
      'www-authenticate': 'Bearer realm="sector-conventions-hub", error="invalid_token"',
    });
  const gateway = new ApolloGateway({
    supergraphSdl: readSupergraph(),
    logger: apolloLogger(log),
    buildService: ({ name }) => new SubgraphSource(name, config.subgraphUrls[name as SubgraphName], config.subgraphSecret, log),
  });
  checkHubScalars(gateway);
  const listSizes = new ListSizeStore(config.subgraphUrls, config.subgraphSecret, log);
  const cache = config.responseCache && new ResponseCache(config.responseCache, createHash('sha256').update(config.subgraphSecret).digest('hex').slice(0, 16), log);
  cache?.watch(gateway);
  const server = await serveGraphQL<GatewayContext>({
    apollo: {
      gateway: withOperationTimeout(gateway, limits.operationTimeoutMs),
      introspection: true,
      // The parser stops at the token limit: a long document is neither read to its end nor validated.
      parseOptions: { maxTokens: limits.maxTokens },
      plugins: [
        requestIdPlugin(),
        statementTotalPlugin(),
        limitsPlugin(limits, costBudget, listSizes),
        // after the limits: a cached answer is still counted against the caller's rate and budget
        ...(cache ? [cache.plugin<GatewayContext>()] : []),
        listPathPlugin(),
        accessLogPlugin(log),
        metricsPlugin('gateway'),
      ],
    },
    service: 'gateway',
    host: config.host,
    port: config.port,
    log,
    // Before any body is read: who is asking (bad credentials are refused, never taken for none), then
    // their rate; the explorer's page loads without sign-in, the API (/graphql, /export.csv) may need it.
    route: async (req, res, url, executeGraphQL) => {
      // A subgraph checking a reference (AskHub): signed like the gateway's own calls, answered as the hub, no limit of a client's
      if (isHubCall(req)) {
        const body = parseJsonBody(await readSignedBody(req, config.subgraphSecret, hubCalls, 'gateway'));
        if (url.pathname === CHANGES_PATH) {
          const removed = (await cache?.invalidate(changesIn(body))) ?? 0;
          // a write may have made a list longer: the next estimate counts it (the write answers after this)
          await listSizes.refresh();
          sendJson(res, 200, { removed });
          return true;
        }
        setIdentity(req, HUB_CALLER);
        await sendGraphQLResponse(res, await executeGraphQL(req, { method: 'POST', search: url.search, body }));
        return true;
      }
      const signedIn = await signIn.identify(req);
      if ('refused' in signedIn) return notSignedIn(req, res, signedIn.refused);
      setIdentity(req, signedIn.identity);
      if (await rateLimit(req, res, url, executeGraphQL)) return true;
      if (await explorerRoute(req, res, url, executeGraphQL)) return true;
      if (config.signIn?.required && isAnonymous(signedIn.identity)) return notSignedIn(req, res, 'this hub requires sign-in');
      return exportRoute(req, res, url, executeGraphQL);
    },
    cors: true,
    admission: config.admission ?? GATEWAY_ADMISSION,
    // a subgraph checking a write's references: part of a request already admitted, which waits on it
    // (the route above refuses it with 401 unless its signature holds)
    admitted: isHubCall,
    instance: config.instance,
    // ready once the subgraphs are, and have said their list sizes: the first estimates count what the data holds
    ready: async () => (await subgraphsReady(Object.values(config.subgraphUrls))) && (await listSizes.known()),
    context: async (req) => ({ requestId: requestIdOf(req.headers), identity: identityOf(req), clientKeys: clientKeys(req), sqlStatements: 0, operation: new AbortController() }),
  });
  // the first estimates count what the data holds (a subgraph not yet up is asked again in 2 s, and when the gateway's readiness is asked)
  await listSizes.start();
  return {
    ...server,
    close: async () => {
      listSizes.stop();
      await server.close();
      await cache?.close();
    },
  };
}

/** The changes a subgraph published (`{ changes: ["Sector:bois", …] }`); anything else is refused. */
function changesIn(body: unknown): string[] {
  const changes = (body as { changes?: unknown } | undefined)?.changes;
  if (!Array.isArray(changes) || !changes.every((change) => typeof change === 'string')) throw new HttpError(400, ErrorCode.BAD_REQUEST, 'Expected { "changes": ["Type:id", …] }.');
  return changes;
}
