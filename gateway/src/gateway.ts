import { ApolloGateway, RemoteGraphQLDataSource, type GraphQLDataSourceProcessOptions } from '@apollo/gateway';
import type { ApolloServerPlugin } from '@apollo/server';
import { depthLimitPlugin, requestIdOf, requestIdPlugin, serveGraphQL, type GatewayConfig, type Logger, type RunningServer, type SubgraphName } from '@hub/kit';
import { readSupergraph } from './compose';
import { explorerRoute } from './explorer';

/** Deep enough for sector → agreement → convention → party → its own data and back once more. */
export const MAX_DEPTH = 12;

interface GatewayContext {
  requestId: string;
  /** SQL statements the subgraphs ran for this request, added up from their `x-sql-statements`. */
  sqlStatements: number;
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
    // Node's own fetch (undici, pooled keep-alive connections) rather than the default make-fetch-happen.
    buildService: ({ name }) => new SubgraphSource({ url: config.subgraphUrls[name as SubgraphName], fetcher: fetch as unknown as RemoteGraphQLDataSource['fetcher'] }),
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
