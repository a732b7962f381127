import type { GraphQLFormattedError } from 'graphql';
import { unwrapResolverError } from '@apollo/server/errors';
import { errorFields, logErrorOnce, type LogFields } from './log';

/** The closed list of error codes a client may see in `extensions.code`. */
export const ErrorCode = {
  /** The HTTP request itself is unusable (not JSON, no query, no operation to run). */
  BAD_REQUEST: 'BAD_REQUEST',
  BAD_USER_INPUT: 'BAD_USER_INPUT',
  GRAPHQL_PARSE_FAILED: 'GRAPHQL_PARSE_FAILED',
  GRAPHQL_VALIDATION_FAILED: 'GRAPHQL_VALIDATION_FAILED',
  NOT_FOUND: 'NOT_FOUND',
  /**
   * No valid credentials: a bad, expired or forged token or API key at the gateway, sign-in required and
   * none sent, or a subgraph called by anyone but the gateway (no valid signature). HTTP 401.
   */
  UNAUTHENTICATED: 'UNAUTHENTICATED',
  /** Signed in, but this caller may not do this: the message names the agency and the record. */
  FORBIDDEN: 'FORBIDDEN',
  /** A write named a version of the record that is no longer the current one: read it again, re-apply. */
  CONFLICT: 'CONFLICT',
  VALIDATION_FAILED: 'VALIDATION_FAILED',
  LIMIT_EXCEEDED: 'LIMIT_EXCEEDED',
  /** A subgraph answered, but its database did not: the fields it resolves are missing; try again later. */
  SERVICE_UNAVAILABLE: 'SERVICE_UNAVAILABLE',
  /** A subgraph did not answer the gateway in time; the fields it owns are missing from the answer. */
  SUBGRAPH_UNAVAILABLE: 'SUBGRAPH_UNAVAILABLE',
  INTERNAL_SERVER_ERROR: 'INTERNAL_SERVER_ERROR',
} as const;
export type ErrorCode = (typeof ErrorCode)[keyof typeof ErrorCode];

/**
 * Ends the description of a root list: it is nullable so that a query asking several subgraphs still gets
 * the others' answers when one of them fails or refuses its part.
 */
export const NULL_WHEN_UNANSWERED = 'Null only when it could not be answered: an error with its path says why (input refused, or the subgraph behind it unavailable).';

const CODES = new Set<string>(Object.values(ErrorCode));
// Apollo Server's own codes for requests it rejects before execution; they are expected, not masked.
const APOLLO_CODES = new Set(['PERSISTED_QUERY_NOT_FOUND', 'PERSISTED_QUERY_NOT_SUPPORTED', 'OPERATION_RESOLUTION_FAILURE']);

/** Codes of an answer missing because a part of the hub is down: the same request may succeed later. */
export const UNAVAILABLE_CODES: ReadonlySet<string> = new Set([ErrorCode.SERVICE_UNAVAILABLE, ErrorCode.SUBGRAPH_UNAVAILABLE]);

/** Codes of a request the client has to change before it can succeed. */
export const CLIENT_ERROR_CODES: ReadonlySet<string> = new Set([
  ErrorCode.BAD_REQUEST,
  ErrorCode.BAD_USER_INPUT,
  ErrorCode.GRAPHQL_PARSE_FAILED,
  ErrorCode.GRAPHQL_VALIDATION_FAILED,
  ErrorCode.NOT_FOUND,
  ErrorCode.VALIDATION_FAILED,
  ErrorCode.LIMIT_EXCEEDED,
  ErrorCode.UNAUTHENTICATED,
  ErrorCode.FORBIDDEN,
  ErrorCode.CONFLICT,
  ...APOLLO_CODES,
]);

// node-postgres and network codes of a connection that failed or was lost.
const CONNECTION_CODES = new Set(['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'EHOSTUNREACH', 'ENETUNREACH', 'ENOTFOUND', 'EAI_AGAIN', 'EPIPE']);
// PostgreSQL SQLSTATEs of a server that cannot serve: connection exceptions (08…), the session terminated by
// an administrator or a shutdown (57P01–57P03), too many connections (53300), the database gone (3D000).
const UNAVAILABLE_SQLSTATES = new Set(['57P01', '57P02', '57P03', '53300', '3D000']);
// The last is knex's, for a statement sent in a transaction whose connection was lost: the hub never
// reuses a finished transaction on purpose.
const CONNECTION_MESSAGES = /Connection terminated|Timeout acquiring a connection|Client has encountered a connection error|Connection ended unexpectedly|Transaction query already complete/i;

/**
 * Whether an error means the database cannot be reached right now (refused or lost connection, no free
 * connection in the pool, the database shut down or gone), not that the request or the code is wrong.
 * Looks through the causes MikroORM (`previous`), Node (`cause`) and GraphQL (`originalError`) keep.
 */
export function isDatabaseUnavailable(error: unknown): boolean {
  for (let current = error, depth = 0; current instanceof Error && depth < 5; depth++) {
    const { code, name, message } = current as Error & { code?: unknown };
    if (typeof code === 'string' && (CONNECTION_CODES.has(code) || UNAVAILABLE_SQLSTATES.has(code) || /^08/.test(code))) return true;
    if (name === 'KnexTimeoutError' || CONNECTION_MESSAGES.test(message)) return true;
    const wrapped = current as { previous?: unknown; cause?: unknown; originalError?: unknown };
    current = wrapped.previous ?? wrapped.cause ?? wrapped.originalError;
  }
  return false;
}

/** Apollo's own refusals of a malformed request carry a 4xx status but no code (a wrong persisted-query hash). */
const clientStatusOf = (error: unknown) => {
  const status = (error as { extensions?: { http?: { status?: unknown } } } | undefined)?.extensions?.http?.status;
  return typeof status === 'number' && status >= 400 && status < 500;
};

/** How an unexpected error is logged: the subgraph that gave it (at the gateway), else the error with its stack. */
function describe(original: unknown, formatted: GraphQLFormattedError): LogFields {
  const subgraph = formatted.extensions?.serviceName;
  return { ...(typeof subgraph === 'string' ? { subgraph } : {}), err: errorFields(original) };
}

/**
 * Apollo `formatError`: expected errors pass through; a database that cannot be reached becomes
 * SERVICE_UNAVAILABLE; anything else becomes a generic INTERNAL_SERVER_ERROR (the request id is added
 * by `requestIdPlugin`). Both are logged for the operators, once per distinct error and request (with
 * its stack, the number of fields it failed and the first of their paths), not once per field.
 */
export function formatError(log: (message: string, fields?: LogFields) => void) {
  return (formatted: GraphQLFormattedError, error: unknown): GraphQLFormattedError => {
    const code = String(formatted.extensions?.code ?? '');
    const { stacktrace: _dropped, ...extensions } = formatted.extensions ?? {};
    if ((CODES.has(code) && code !== ErrorCode.INTERNAL_SERVER_ERROR) || APOLLO_CODES.has(code)) {
      return { ...formatted, extensions };
    }
    if (code === ErrorCode.INTERNAL_SERVER_ERROR && clientStatusOf(error)) {
      return { message: formatted.message, extensions: { code: ErrorCode.BAD_REQUEST } };
    }
    const original = unwrapResolverError(error);
    const fields = describe(original, formatted);
    const at = formatted.path?.join('.') ?? '(request)';
    const report = (message: string) => logErrorOnce(log, `${message}\0${JSON.stringify(fields)}`, message, fields, at);
    if (isDatabaseUnavailable(original)) {
      report('database unavailable');
      return {
        message: 'The database behind this part of the answer is unavailable: its fields are missing. Try again later.',
        locations: formatted.locations,
        path: formatted.path,
        extensions: { code: ErrorCode.SERVICE_UNAVAILABLE },
      };
    }
    report(fields.subgraph ? `internal error in the ${fields.subgraph} subgraph` : 'internal error');
    return {
      message: 'Internal server error: the operators have been told; quote the request id when you report it.',
      locations: formatted.locations,
      path: formatted.path,
      extensions: { code: ErrorCode.INTERNAL_SERVER_ERROR },
    };
  };
}
