import { ApolloGateway, RemoteGraphQLDataSource, type GraphQLDataSourceProcessOptions } from '@apollo/gateway';
import type { ApolloServerPlugin } from '@apollo/server';
import { GraphQLError } from 'graphql';
import { depthLimitPlugin, ErrorCode, requestIdOf, requestIdPlugin, serveGraphQL, type GatewayConfig, type Logger, type RunningServer, type SubgraphName } from '@hub/kit';
import { readSupergraph } from './compose';
import { explorerRoute } from './explorer';

/** Deep enough for sector → agreement → convention → party → its own data and back once more. */
export const MAX_DEPTH = 12;

interface GatewayContext {
  requestId: string;
  /** SQL statements the subgraphs ran for this request, added up from their `x-sql-statements`. */
  sqlStatements: number;
}

/** How long the gateway waits for a subgraph before answering without its fields. */
export const SUBGRAPH_TIMEOUT_MS = 15_000;

/**
 * Node's own fetch (pooled keep-alive connections) with a time limit; a subgraph that is down or too
 * slow becomes a SUBGRAPH_UNAVAILABLE error naming it, and the other subgraphs' data is still returned.
 */
function subgraphFetcher(name: string): RemoteGraphQLDataSource['fetcher'] {
  const fetcher = async (url: string, init: RequestInit) => {
    try {
      return await fetch(url, { ...init, signal: AbortSignal.timeout(SUBGRAPH_TIMEOUT_MS) });
    } catch (error) {
      const timedOut = (error as Error).name === 'TimeoutError';
      throw new GraphQLError(`The ${name} subgraph ${timedOut ? `did not answer within ${SUBGRAPH_TIMEOUT_MS / 1000} s` : 'is unreachable'}: its fields are missing from this answer. Try again later.`, {
        extensions: { code: ErrorCode.SUBGRAPH_UNAVAILABLE, subgraph: name },
      });
    }
  };
  return fetcher as unknown as RemoteGraphQLDataSource['fetcher'];
}

/** Passes the request id on to the subgraphs and adds up the SQL statements they report. */
class SubgraphSource extends RemoteGraphQLDataSource<GatewayContext> {
  override willSendRequest({ request, context }: GraphQLDataSourceProcessOptions<GatewayContext>) {
    if (context.requestId) request.http?.headers.set('x-request-id', context.requestId);
  }

  override didReceiveResponse({ response, context }: Parameters<NonNullable<RemoteGraphQLDataSource<GatewayContext>['didReceiveResponse']>>[0]) {
    context.sqlStatements += Number(response.http?.headers.get('x-sql-statements') ?? 0);
    return response;
  }
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

/** One line per request for the operators: operation, outcome, time, SQL statements, request id. */
function accessLogPlugin(log: Logger): ApolloServerPlugin<GatewayContext> {
  return {
    async requestDidStart() {
      const started = performance.now();
      return {
        async willSendResponse({ operationName, response, contextValue, errors }) {
          const codes = [...new Set((errors ?? []).map((e) => String(e.extensions?.code ?? 'ERROR')))];
          log.info(
            `${operationName ?? 'anonymous'} ${response.http.status ?? 200}${codes.length ? ` ${codes.join(',')}` : ''} ` +
              `${(performance.now() - started).toFixed(0)} ms, ${contextValue.sqlStatements} SQL, request ${contextValue.requestId}`,
          );
        },
      };
    },
  };
}

/** The gateway on the checked-in supergraph (no introspection of the subgraphs at start-up). */
export async function startGateway(config: GatewayConfig, log: Logger): Promise<RunningServer> {
  const gateway = new ApolloGateway({
    supergraphSdl: readSupergraph(),
    buildService: ({ name }) => new SubgraphSource({ url: config.subgraphUrls[name as SubgraphName], fetcher: subgraphFetcher(name) }),
  });
  return serveGraphQL<GatewayContext>({
    apollo: { gateway, introspection: true, plugins: [requestIdPlugin(), statementTotalPlugin(), depthLimitPlugin(MAX_DEPTH), accessLogPlugin(log)] },
    host: config.host,
    port: config.port,
    log,
    route: explorerRoute,
    cors: true,
    context: async (req) => ({ requestId: requestIdOf(req.headers), sqlStatements: 0 }),
  });
}
