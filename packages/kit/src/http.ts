import http, { type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { ApolloServer, HeaderMap, type ApolloServerOptions, type ApolloServerPlugin, type BaseContext } from '@apollo/server';
import {
  ApolloServerPluginInlineTraceDisabled,
  ApolloServerPluginLandingPageDisabled,
} from '@apollo/server/plugin/disabled';
import { ApolloServerPluginDrainHttpServer } from '@apollo/server/plugin/drainHttpServer';
import { ErrorCode, formatError } from './errors';
import type { Logger } from './log';

const MAX_BODY_BYTES = 1_000_000;

/** Extra routes next to /graphql and /health; returns true when it answered the request. */
export type Route = (req: IncomingMessage, res: ServerResponse, url: URL) => boolean;

export interface GraphQLHttpOptions<TContext extends BaseContext> {
  apollo: ApolloServerOptions<TContext>;
  host: string;
  port: number;
  log: Logger;
  context: (req: IncomingMessage) => Promise<TContext>;
  route?: Route;
  /** Let browser pages of any origin call the API (partner dashboards); it is read-only and uses no cookies. */
  cors?: boolean;
}

export interface RunningServer {
  url: string;
  port: number;
  close(): Promise<void>;
}

class HttpError extends Error {
  constructor(readonly status: number, readonly code: string, message: string) {
    super(message);
  }
}

function sendJson(res: ServerResponse, status: number, body: unknown) {
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8' });
  res.end(JSON.stringify(body));
}

async function readBody(req: IncomingMessage): Promise<unknown> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    size += chunk.length;
    if (size > MAX_BODY_BYTES) throw new HttpError(413, ErrorCode.LIMIT_EXCEEDED, `Request body is larger than ${MAX_BODY_BYTES} bytes.`);
    chunks.push(chunk);
  }
  const text = Buffer.concat(chunks).toString('utf8');
  if (text === '') return undefined;
  try {
    return JSON.parse(text);
  } catch {
    throw new HttpError(400, ErrorCode.BAD_REQUEST, 'The request body is not valid JSON.');
  }
}

/** Tags errors masked as INTERNAL_SERVER_ERROR with the request id, so a report can be traced in the logs. */
export function requestIdPlugin<TContext extends BaseContext & { requestId: string }>(): ApolloServerPlugin<TContext> {
  return {
    async requestDidStart() {
      return {
        async willSendResponse({ response, contextValue }) {
          response.http.headers.set('x-request-id', contextValue.requestId);
          if (response.body.kind !== 'single') return;
          for (const error of response.body.singleResult.errors ?? []) {
            if (error.extensions?.code === ErrorCode.INTERNAL_SERVER_ERROR) {
              (error.extensions as Record<string, unknown>).requestId = contextValue.requestId;
            }
          }
        },
      };
    },
  };
}

/**
 * Serves an Apollo server over plain node:http: POST/GET /graphql, GET /health, extra routes; closing
 * drains requests in flight. One implementation for the subgraphs and the gateway.
 */
export async function serveGraphQL<TContext extends BaseContext>(options: GraphQLHttpOptions<TContext>): Promise<RunningServer> {
  const httpServer = http.createServer();
  const server = new ApolloServer<TContext>({
    ...options.apollo,
    formatError: formatError(options.log.error),
    includeStacktraceInErrorResponses: false,
    // onShutdown stops everything in order; Apollo's own signal handlers would race it.
    stopOnTerminationSignals: false,
    plugins: [
      ...(options.apollo.plugins ?? []),
      ApolloServerPluginDrainHttpServer({ httpServer }),
      ApolloServerPluginLandingPageDisabled(),
      ApolloServerPluginInlineTraceDisabled(),
    ],
  } as ApolloServerOptions<TContext>);
  await server.start();

  httpServer.on('request', async (req: IncomingMessage, res: ServerResponse) => {
    try {
      const url = new URL(req.url ?? '/', 'http://localhost');
      if (options.cors) {
        res.setHeader('access-control-allow-origin', '*');
        res.setHeader('access-control-expose-headers', 'x-request-id, x-sql-statements');
        if (req.method === 'OPTIONS') {
          res.writeHead(204, {
            'access-control-allow-methods': 'GET, POST, OPTIONS',
            'access-control-allow-headers': 'content-type, apollo-require-preflight, x-request-id',
            'access-control-max-age': '86400',
          });
          return res.end();
        }
      }
      if (url.pathname === '/health') return sendJson(res, 200, { status: 'ok' });
      if (options.route?.(req, res, url)) return;
      if (url.pathname !== '/graphql') {
        return sendJson(res, 404, { errors: [{ message: `Nothing at ${url.pathname}: GraphQL is served at /graphql.`, extensions: { code: ErrorCode.NOT_FOUND } }] });
      }
      const headers = new HeaderMap();
      for (const [name, value] of Object.entries(req.headers)) {
        if (value !== undefined) headers.set(name, Array.isArray(value) ? value.join(', ') : value);
      }
      const body = req.method === 'POST' ? await readBody(req) : undefined;
      const response = await server.executeHTTPGraphQLRequest({
        httpGraphQLRequest: { method: req.method ?? 'GET', headers, search: url.search, body },
        context: () => options.context(req),
      });
      for (const [name, value] of response.headers) res.setHeader(name, value);
      res.statusCode = response.status ?? 200;
      if (response.body.kind === 'complete') return res.end(response.body.string);
      for await (const chunk of response.body.asyncIterator) res.write(chunk);
      res.end();
    } catch (error) {
      if (error instanceof HttpError) {
        // The rest of an oversized body is never read: close the connection instead of reusing it.
        if (error.status === 413) res.setHeader('connection', 'close');
        return sendJson(res, error.status, { errors: [{ message: error.message, extensions: { code: error.code } }] });
      }
      options.log.error(`request failed: ${(error as Error).stack ?? error}`);
      if (!res.headersSent) sendJson(res, 500, { errors: [{ message: 'Internal server error.', extensions: { code: ErrorCode.INTERNAL_SERVER_ERROR } }] });
      else res.end();
    }
  });

  await new Promise<void>((resolve, reject) => {
    httpServer.once('error', reject);
    httpServer.listen(options.port, options.host, () => resolve());
  });
  const port = (httpServer.address() as AddressInfo).port;
  return {
    url: `http://${options.host === '0.0.0.0' ? '127.0.0.1' : options.host}:${port}/graphql`,
    port,
    close: () => server.stop(),
  };
}

/**
 * Runs `stop` once on SIGINT, SIGTERM or SIGHUP (a closed terminal), or when the process that started
 * this one is gone (it was killed outright), then exits: nothing is left running or half-done.
 */
export function onShutdown(log: Logger, stop: () => Promise<void>) {
  let stopping = false;
  const handler = async (reason: string) => {
    if (stopping) return;
    stopping = true;
    log.info(`${reason}: stopping`);
    try {
      await stop();
      process.exit(0);
    } catch (error) {
      log.error(`stop failed: ${(error as Error).stack ?? error}`);
      process.exit(1);
    }
  };
  for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) process.on(signal, () => void handler(signal));
  const parent = process.ppid;
  setInterval(() => process.ppid !== parent && void handler('parent process gone'), 1000).unref();
}
