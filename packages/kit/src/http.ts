import { createHash } from 'node:crypto';
import http, { type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Duplex } from 'node:stream';
import { ApolloServer, HeaderMap, type ApolloServerOptions, type ApolloServerPlugin, type BaseContext, type HTTPGraphQLResponse } from '@apollo/server';
import {
  ApolloServerPluginInlineTraceDisabled,
  ApolloServerPluginLandingPageDisabled,
  ApolloServerPluginSchemaReportingDisabled,
  ApolloServerPluginUsageReportingDisabled,
} from '@apollo/server/plugin/disabled';
import { ApolloServerPluginDrainHttpServer } from '@apollo/server/plugin/drainHttpServer';
import { requestIdOf } from './context';
import { tracedRequest } from './tracing';
import { Admission, type AdmissionLimits } from './admission';
import { metrics, requestsShed } from './metrics';
import { ErrorCode, formatError } from './errors';
import { answerStatusPlugin, knownOperationTypesRule, requestChecksPlugin } from './request-errors';
import { apolloLogger, errorFields, inRequest, type Logger } from './log';
import { decodeIdentity, IDENTITY_HEADER, setIdentity } from './identity';
import { checkSignatureHeader, ReplayGuard, SIGNATURE_HEADER, verifyRequest, type SignedRequest } from './signature';

const MAX_BODY_BYTES = 1_000_000;

/**
 * Runs a GraphQL-over-HTTP request through the server exactly as /graphql does (same plugins, limits and
 * context, the request's own headers); `headers` replace some of them.
 */
export type ExecuteGraphQL = (
  req: IncomingMessage,
  request: { method: string; search: string; body: unknown; headers?: Record<string, string> },
) => Promise<HTTPGraphQLResponse>;

/** Extra routes next to /graphql and /health; returns (or resolves to) true when it answered the request. */
export type Route = (req: IncomingMessage, res: ServerResponse, url: URL, executeGraphQL: ExecuteGraphQL) => boolean | Promise<boolean>;

export interface GraphQLHttpOptions<TContext extends BaseContext> {
  /** What the process serves (`gateway`, `conventions`…): the label of its metrics. */
  service: string;
  apollo: ApolloServerOptions<TContext>;
  host: string;
  port: number;
  log: Logger;
  context: (req: IncomingMessage) => Promise<TContext>;
  route?: Route;
  /** Let browser pages of any origin call the API (partner dashboards); it is read-only and uses no cookies. */
  cors?: boolean;
  /**
   * A subgraph's SUBGRAPH_SECRET: every request but GET /health, /health/live and /health/ready must carry the gateway's signature made
   * with it, else it is refused with 401 before its body is parsed.
   */
  signatureSecret?: string;
  /** Returned by /health/live, so that the launcher knows it reached the process it started (HUB_INSTANCE). */
  instance?: string;
  /** Whether this process can serve requests now (its database, its subgraphs): GET /health/ready. */
  ready?: () => Promise<boolean>;
  /** How many requests it serves at once and lets wait (the health checks are always answered); absent: no bound. */
  admission?: AdmissionLimits;
  /**
   * Requests that are part of work already admitted (a subgraph's call back to the gateway during a
   * write): served from a pool of their own, four times as large, so clients never starve them.
   */
  admitted?: (req: IncomingMessage) => boolean;
}

const READY_TIMEOUT_MS = 2000;

/** Whether `check` says ready within 2 s; an error or no answer in time is "not ready". */
async function isReady(check: (() => Promise<boolean>) | undefined): Promise<boolean> {
  if (!check) return true;
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<boolean>((resolve) => (timer = setTimeout(() => resolve(false), READY_TIMEOUT_MS)));
  try {
    return await Promise.race([check().catch(() => false), late]);
  } finally {
    clearTimeout(timer);
  }
}

export interface RunningServer {
  url: string;
  port: number;
  close(): Promise<void>;
}

/** A failure of the HTTP request itself, answered as `{ errors: [{ message, extensions: { code } }] }`; routes may throw it too. */
export class HttpError extends Error {
  constructor(readonly status: number, readonly code: string, message: string) {
    super(message);
  }
}

export function sendJson(res: ServerResponse, status: number, body: unknown) {
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8' });
  res.end(JSON.stringify(body));
}

/** The request's body as sent, at most 1 MB; a body declared as anything but JSON is refused unread. */
export async function readRawBody(req: IncomingMessage): Promise<Buffer> {
  const type = req.headers['content-type']?.split(';')[0].trim().toLowerCase();
  if (type && type !== 'application/json' && !type.endsWith('+json')) {
    throw new HttpError(415, ErrorCode.BAD_REQUEST, `The request body must be JSON, sent with content-type: application/json (got ${type.slice(0, 100)}).`);
  }
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    size += chunk.length;
    if (size > MAX_BODY_BYTES) throw new HttpError(413, ErrorCode.LIMIT_EXCEEDED, `Request body is larger than ${MAX_BODY_BYTES} bytes.`);
    chunks.push(chunk);
  }
  return Buffer.concat(chunks);
}

export function parseJsonBody(raw: Buffer): unknown {
  const text = raw.toString('utf8');
  if (text === '') return undefined;
  try {
    return JSON.parse(text);
  } catch {
    throw new HttpError(400, ErrorCode.BAD_REQUEST, 'The request body is not valid JSON.');
  }
}

/** The request's JSON body (undefined when empty), at most 1 MB; a body declared as anything but JSON is refused unread. */
export async function readBody(req: IncomingMessage): Promise<unknown> {
  return parseJsonBody(await readRawBody(req));
}

const unauthenticated = (why: string, audience: SignedRequest['audience']) =>
  new HttpError(
    401,
    ErrorCode.UNAUTHENTICATED,
    audience === 'gateway' ? `This call is not one the hub's subgraphs signed (${why}).` : `This subgraph answers only the hub's gateway (${why}): send your request to the gateway.`,
  );

/**
 * Reads the body of a request that must carry the gateway's signature (signature.ts), refusing it with
 * 401 UNAUTHENTICATED unless it does: a missing, malformed, expired or future signature before the body
 * is read, a wrong or already used one before it is parsed.
 */
export async function readSignedBody(req: IncomingMessage, secret: string, guard: ReplayGuard, audience: SignedRequest['audience'] = 'subgraph'): Promise<Buffer> {
  const header = req.headers[SIGNATURE_HEADER];
  const signature = typeof header === 'string' ? header : undefined;
  const checked = checkSignatureHeader(signature);
  if ('refused' in checked) throw unauthenticated(checked.refused, audience);
  const body = await readRawBody(req);
  const [requestId, identity] = [req.headers['x-request-id'], req.headers[IDENTITY_HEADER]];
  const signed = {
    method: req.method ?? 'GET',
    path: req.url ?? '/',
    requestId: typeof requestId === 'string' ? requestId : '',
    identity: typeof identity === 'string' ? identity : '',
    body,
    audience,
  };
  const refused = verifyRequest(secret, signature, signed, Date.now(), guard);
  if (refused) throw unauthenticated(refused, audience);
  // The gateway signed it: the caller it names is the one it verified.
  if (signed.identity) setIdentity(req, decodeIdentity(signed.identity));
  return body;
}

/**
 * Writes an answer of Apollo Server to the response: its status, headers and body. A GET answer that may be
 * kept (its cache-control is not no-store) gets an ETag, and 304 Not Modified without a body when the
 * client's If-None-Match already holds it.
 */
export async function sendGraphQLResponse(res: ServerResponse, response: HTTPGraphQLResponse, req?: IncomingMessage) {
  for (const [name, value] of response.headers) res.setHeader(name, value);
  res.statusCode = response.status ?? 200;
  const policy = response.headers.get('cache-control');
  if (response.body.kind === 'complete' && req?.method === 'GET' && res.statusCode === 200 && policy && !/\bno-store\b/.test(policy)) {
    const etag = `"${createHash('sha256').update(response.body.string).digest('base64url').slice(0, 32)}"`;
    res.setHeader('etag', etag);
    if (req.headers['if-none-match']?.split(',').some((tag) => tag.trim().replace(/^W\//, '') === etag)) {
      res.statusCode = 304;
      return void res.end();
    }
  }
  if (response.body.kind === 'complete') return void res.end(response.body.string);
  for await (const chunk of response.body.asyncIterator) res.write(chunk);
  res.end();
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
 * Serves an Apollo server over plain node:http: POST/GET /graphql, GET /health (= /health/live) and
 * /health/ready, extra routes; closing
 * drains requests in flight. One implementation for the subgraphs and the gateway.
 */
export async function serveGraphQL<TContext extends BaseContext>(options: GraphQLHttpOptions<TContext>): Promise<RunningServer> {
  const httpServer = http.createServer();
  const replayGuard = new ReplayGuard();
  // A request Node's HTTP parser refuses (a request line and headers over 16 KB, malformed HTTP) is
  // answered like any other refusal: JSON with a code, not an empty body.
  httpServer.on('clientError', (error: NodeJS.ErrnoException, socket: Duplex) => {
    if (error.code === 'ECONNRESET' || !socket.writable) return void socket.destroy();
    const [status, code, message] =
      error.code === 'HPE_HEADER_OVERFLOW'
        ? [431, ErrorCode.LIMIT_EXCEEDED, 'The request line and headers are larger than 16 KB: send a long query in the body of a POST.']
        : error.code === 'HPE_REQUEST_TIMEOUT' || error.code === 'ERR_HTTP_REQUEST_TIMEOUT'
          ? [408, ErrorCode.BAD_REQUEST, 'The request did not arrive in time.']
          : [400, ErrorCode.BAD_REQUEST, 'The request is not valid HTTP.'];
    const body = JSON.stringify({ errors: [{ message, extensions: { code } }] });
    const cors = options.cors ? 'access-control-allow-origin: *\r\n' : '';
    socket.end(`HTTP/1.1 ${status} ${http.STATUS_CODES[status]}\r\ncontent-type: application/json; charset=utf-8\r\ncontent-length: ${Buffer.byteLength(body)}\r\n${cors}connection: close\r\n\r\n${body}`);
  });
  const server = new ApolloServer<TContext>({
    ...options.apollo,
    formatError: formatError(options.log.error),
    logger: apolloLogger(options.log),
    includeStacktraceInErrorResponses: false,
    // onShutdown stops everything in order; Apollo's own signal handlers would race it.
    stopOnTerminationSignals: false,
    validationRules: [...(options.apollo.validationRules ?? []), knownOperationTypesRule],
    plugins: [
      requestChecksPlugin(),
      // before the caller's plugins: their willSendResponse (the gateway's access log) sees the status sent
      answerStatusPlugin({ refusals: options.signatureSecret === undefined }),
      ...(options.apollo.plugins ?? []),
      ApolloServerPluginDrainHttpServer({ httpServer }),
      ApolloServerPluginLandingPageDisabled(),
      ApolloServerPluginInlineTraceDisabled(),
      // nothing is sent to Apollo's servers, even with APOLLO_KEY and APOLLO_GRAPH_REF in the environment
      ApolloServerPluginUsageReportingDisabled(),
      ApolloServerPluginSchemaReportingDisabled(),
    ],
  } as ApolloServerOptions<TContext>);
  await server.start();

  const executeGraphQL: ExecuteGraphQL = (req, { method, search, body, headers: replaced = {} }) => {
    const headers = new HeaderMap();
    for (const [name, value] of Object.entries({ ...req.headers, ...replaced })) {
      if (value !== undefined) headers.set(name, Array.isArray(value) ? value.join(', ') : value);
    }
    return server.executeHTTPGraphQLRequest({
      httpGraphQLRequest: { method, headers, search, body },
      context: () => options.context(req),
    });
  };

  const admission = new Admission(options.admission ?? { maxInFlight: Infinity, maxQueued: 0, queueWaitMs: 0 });
  // work already admitted elsewhere has a pool of its own: never starved by clients, still bounded
  const admittedWork = new Admission({ ...admission.limits, maxInFlight: admission.limits.maxInFlight * 4 });
  const handle = async (req: IncomingMessage, res: ServerResponse) => {
    try {
      const url = new URL(req.url ?? '/', 'http://localhost');
      if (options.cors) {
        res.setHeader('access-control-allow-origin', '*');
        res.setHeader('access-control-expose-headers', 'x-request-id, x-sql-statements, x-cache, x-cost-estimate, x-cost-actual, etag, retry-after');
        if (req.method === 'OPTIONS') {
          res.writeHead(204, {
            'access-control-allow-methods': 'GET, POST, OPTIONS',
            'access-control-allow-headers': 'content-type, apollo-require-preflight, x-request-id, authorization, x-api-key, if-none-match',
            'access-control-max-age': '86400',
          });
          return res.end();
        }
      }
      if (url.pathname === '/health' || url.pathname === '/health/live') {
        return sendJson(res, 200, options.instance ? { status: 'ok', instance: options.instance } : { status: 'ok' });
      }
      if (url.pathname === '/metrics' && req.method === 'GET') {
        res.writeHead(200, { 'content-type': metrics.contentType });
        return res.end(await metrics.metrics());
      }
      if (url.pathname === '/health/ready') {
        return (await isReady(options.ready)) ? sendJson(res, 200, { status: 'ok' }) : sendJson(res, 503, { status: 'unavailable' });
      }
      // a client gone while it waited must not keep its place: its 'close' is seen before it gets one
      let gone = false;
      res.once('close', () => (gone = true));
      const pool = options.admitted?.(req) ? admittedWork : admission;
      const leave = await pool.enter();
      if (leave === null) {
        requestsShed.inc({ service: options.service });
        // the body is not read: close the connection rather than reuse it
        if (req.headers['content-length'] !== '0' && req.method === 'POST') res.setHeader('connection', 'close');
        res.setHeader('retry-after', '1');
        const { maxInFlight, maxQueued } = pool.limits;
        return sendJson(res, 503, { errors: [{ message: `Too busy: ${maxInFlight} requests are being served and ${maxQueued} are waiting. Retry after 1 s.`, extensions: { code: ErrorCode.SERVICE_UNAVAILABLE } }] });
      }
      if (gone) return leave();
      res.once('close', leave);
      const signedBody = options.signatureSecret === undefined ? undefined : await readSignedBody(req, options.signatureSecret, replayGuard);
      if (await options.route?.(req, res, url, executeGraphQL)) return;
      if (url.pathname !== '/graphql') {
        return sendJson(res, 404, { errors: [{ message: `Nothing at ${url.pathname}: GraphQL is served at /graphql.`, extensions: { code: ErrorCode.NOT_FOUND } }] });
      }
      const body = req.method !== 'POST' ? undefined : signedBody ? parseJsonBody(signedBody) : await readBody(req);
      await sendGraphQLResponse(res, await executeGraphQL(req, { method: req.method ?? 'GET', search: url.search, body }), req);
    } catch (error) {
      if (error instanceof HttpError) {
        // The rest of an oversized, unwanted or unsigned body is never read: close the connection instead of reusing it.
        if (error.status === 401 || error.status === 413 || error.status === 415) res.setHeader('connection', 'close');
        return sendJson(res, error.status, { errors: [{ message: error.message, extensions: { code: error.code } }] });
      }
      const requestId = requestIdOf(req.headers);
      options.log.error('request failed', { requestId, err: errorFields(error) });
      if (res.headersSent) return res.end();
      res.setHeader('x-request-id', requestId);
      sendJson(res, 500, { errors: [{ message: 'Internal server error: the operators have been told; quote the request id when you report it.', extensions: { code: ErrorCode.INTERNAL_SERVER_ERROR, requestId } }] });
    }
  };
  // Every line logged while a request is served carries its id (and its trace's, when traced).
  httpServer.on('request', (req: IncomingMessage, res: ServerResponse) => {
    const requestId = requestIdOf(req.headers);
    return tracedRequest(options.service, req, res, requestId, () => inRequest(requestId, () => handle(req, res)));
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
      log.error('stop failed', { err: errorFields(error) });
      process.exit(1);
    }
  };
  for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) process.on(signal, () => void handler(signal));
  const parent = process.ppid;
  setInterval(() => process.ppid !== parent && void handler('parent process gone'), 1000).unref();
}
