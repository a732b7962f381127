import { GraphQLError, Kind, visit, type ASTNode, type DocumentNode, type GraphQLFormattedError, type ValidationRule } from 'graphql';
import type { ApolloServerPlugin, BaseContext } from '@apollo/server';
import { CLIENT_ERROR_CODES, ErrorCode, UNAVAILABLE_CODES } from './errors';

/** What `Retry-After` says when a part of the hub is down: about the time a subgraph takes to restart. */
export const RETRY_AFTER_SECONDS = 30;

/**
 * Refuses a mutation or subscription on a schema that has none (the rule graphql-js 17 adds), at
 * validation: otherwise execution fails on it as an internal error.
 */
export const knownOperationTypesRule: ValidationRule = (context) => ({
  OperationDefinition(node) {
    if (!context.getSchema().getRootType(node.operation)) {
      context.reportError(new GraphQLError(`The ${node.operation} operation is not supported by the schema: this API is read-only and answers queries.`, { nodes: node }));
    }
  },
});

const NUL = '\u0000';

const badInput = (message: string, node: ASTNode | undefined, argument?: string) =>
  new GraphQLError(message, { nodes: node, extensions: { code: ErrorCode.BAD_USER_INPUT, ...(argument ? { argument } : {}), http: { status: 400 } } });

/** The argument a text literal is given to, as `filter.search`, from the nodes above it. */
function argumentPath(ancestors: readonly (ASTNode | readonly ASTNode[])[]): string | undefined {
  const names: string[] = [];
  for (const ancestor of ancestors) {
    if (Array.isArray(ancestor)) continue;
    const node = ancestor as ASTNode;
    if (node.kind === Kind.ARGUMENT) names.splice(0, names.length, node.name.value);
    else if (node.kind === Kind.OBJECT_FIELD && names.length > 0) names.push(node.name.value);
  }
  return names.length > 0 ? names.join('.') : undefined;
}

/** Where in the variables a text holds a NUL character (`$filter.search`), if any. */
function nulIn(value: unknown, at: string): string | undefined {
  if (typeof value === 'string') return value.includes(NUL) ? at : undefined;
  if (Array.isArray(value)) {
    for (const [i, item] of value.entries()) {
      const found = nulIn(item, `${at}[${i}]`);
      if (found) return found;
    }
  } else if (value !== null && typeof value === 'object') {
    for (const [key, item] of Object.entries(value)) {
      const found = nulIn(item, `${at}.${key}`);
      if (found) return found;
    }
  }
  return undefined;
}

/**
 * PostgreSQL text cannot hold the NUL character, so any text with one would fail deep in a subgraph as
 * an internal error: refused here, the first thing every server (the gateway first) does with a request.
 */
function refuseNul(document: DocumentNode, variables: Record<string, unknown> | undefined) {
  let refusal: GraphQLError | undefined;
  visit(document, {
    StringValue(node, _key, parent, _path, ancestors) {
      if (refusal || !node.value.includes(NUL)) return;
      const argument = argumentPath([...ancestors, parent as ASTNode]);
      refusal = badInput(`Text may not contain the NUL character (\\u0000)${argument ? `: found in argument ${argument}` : ''}.`, node, argument);
    },
  });
  if (refusal) throw refusal;
  for (const [name, value] of Object.entries(variables ?? {})) {
    const at = nulIn(value, `$${name}`);
    if (!at) continue;
    const definition = document.definitions
      .flatMap((d) => (d.kind === Kind.OPERATION_DEFINITION ? (d.variableDefinitions ?? []) : []))
      .find((v) => v.variable.name.value === name);
    throw badInput(`Text may not contain the NUL character (\\u0000): found in variable ${at}.`, definition);
  }
}

/**
 * Checks what Apollo leaves to execution, where it would fail as an internal error (the gateway's
 * executor throws): a document with several operations and no or an unknown `operationName`, and
 * text with a NUL character. Both are the client's to fix: 400.
 */
export function requestChecksPlugin<TContext extends BaseContext>(): ApolloServerPlugin<TContext> {
  return {
    async requestDidStart() {
      return {
        async didResolveOperation({ document, operation, request }) {
          if (!operation) {
            const message = request.operationName
              ? `Unknown operation named "${request.operationName.slice(0, 100)}".`
              : 'Must provide operation name if query contains multiple operations.';
            throw new GraphQLError(message, { extensions: { code: ErrorCode.BAD_REQUEST, http: { status: 400 } } });
          }
          refuseNul(document, request.variables);
        },
      };
    },
  };
}

/** Nothing was answered: no data, or every field asked at the top is null with an error on it. */
function nothingAnswered(data: Record<string, unknown> | null | undefined, errors: readonly GraphQLFormattedError[]) {
  if (data === null || data === undefined) return true;
  return Object.entries(data).every(([key, value]) => value === null && errors.some((error) => error.path?.[0] === key));
}

/**
 * The HTTP status of an answer that holds nothing: 401, 403 or 409 when the caller was refused
 * (UNAUTHENTICATED, FORBIDDEN) or was late (CONFLICT) and `refusals` is set (the gateway: a subgraph's 401
 * means it refused the gateway's signature, so a subgraph answers those 400), 400 when the request must
 * change (BAD_USER_INPUT…),
 * 503 with `Retry-After` when a part of the hub is down (SERVICE_UNAVAILABLE, SUBGRAPH_UNAVAILABLE).
 * An answer with some data stays 200: its errors say which fields are missing and why.
 */
export function answerStatusPlugin<TContext extends BaseContext>({ refusals }: { refusals: boolean }): ApolloServerPlugin<TContext> {
  return {
    async requestDidStart() {
      return {
        async willSendResponse({ response }) {
          if (response.body.kind !== 'single' || response.http.status !== undefined) return;
          const { data, errors } = response.body.singleResult;
          if (!errors?.length || !nothingAnswered(data, errors)) return;
          const codes = errors.map((error) => String(error.extensions?.code));
          const only = (code: string) => codes.every((c) => c === code);
          const refusal = [
            [ErrorCode.UNAUTHENTICATED, 401],
            [ErrorCode.FORBIDDEN, 403],
            [ErrorCode.CONFLICT, 409],
          ].find(([code]) => only(code as string));
          if (refusal && refusals) {
            response.http.status = refusal[1] as number;
            return;
          }
          if (codes.every((code) => CLIENT_ERROR_CODES.has(code) || UNAVAILABLE_CODES.has(code)) && codes.some((code) => CLIENT_ERROR_CODES.has(code))) {
            response.http.status = 400;
          } else if (codes.every((code) => UNAVAILABLE_CODES.has(code))) {
            response.http.status = 503;
            response.http.headers.set('retry-after', String(RETRY_AFTER_SECONDS));
          }
        },
      };
    },
  };
}
