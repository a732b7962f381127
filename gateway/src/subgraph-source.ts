import { RemoteGraphQLDataSource, type GraphQLDataSourceProcessOptions } from '@apollo/gateway';
import { GraphQLError, Kind, parse, type DocumentNode, type FragmentDefinitionNode, type GraphQLFormattedError, type SelectionSetNode } from 'graphql';
import type { ApolloServerPlugin, BaseContext } from '@apollo/server';
import { encodeIdentity, ErrorCode, IDENTITY_HEADER, SIGNATURE_HEADER, signRequest, subgraphFetchDuration, tracedCall, subgraphFetchesShared, type Identity, type Logger } from '@hub/kit';

/** A subgraph request as the data source sends it: its headers and its body, already serialised. */
type FetchInit = RequestInit & { headers: Record<string, string>; body: string };

/** How long the gateway waits for a subgraph before answering without its fields. */
export const SUBGRAPH_TIMEOUT_MS = 15_000;

/** At most this many errors for one failed fetch (one per field and entity): enough to show which fields are missing. */
const MAX_ERRORS_PER_FETCH = 100;

type GatewayGraphQLResponse = Awaited<ReturnType<RemoteGraphQLDataSource['process']>>;

/** What the gateway keeps per request that its subgraph calls need. */
export interface SubgraphCallContext {
  requestId: string;
  /** The caller, as sign-in verified it: passed on to the subgraph, under the signature. */
  identity: Identity;
  /** SQL statements the subgraphs ran for this request, added up from their `x-sql-statements`. */
  sqlStatements: number;
  /** Aborted when the operation ran past its time limit (limits.ts): no further subgraph request is sent for it. */
  operation?: AbortController;
}

const unavailable = (name: string, why: string) =>
  new GraphQLError(`The ${name} subgraph ${why}: its fields are missing from this answer. Try again later.`, {
    extensions: { code: ErrorCode.SUBGRAPH_UNAVAILABLE, subgraph: name },
  });

const isGraphQLAnswer = (text: string) => {
  try {
    const body = JSON.parse(text);
    return body !== null && typeof body === 'object' && Array.isArray(body.errors);
  } catch {
    return false;
  }
};

/**
 * Node's own fetch (pooled keep-alive connections) with a time limit, each request signed for the
 * subgraph (signature.ts). A subgraph that cannot be reached, is too slow, refuses the signature (401:
 * its SUBGRAPH_SECRET differs) or answers 502–504 without a GraphQL body is SUBGRAPH_UNAVAILABLE. A
 * subgraph's GraphQL answer is read whatever its status (400 for input it refuses, 503 when its database
 * is down), so its errors reach the client with their codes instead of a bare "400: Bad Request".
 *
 * The signature is made here rather than in willSendRequest: the data source serialises the request
 * to JSON only after willSendRequest, and this is the string it sends, so the subgraph checks the hash
 * of exactly the bytes it receives, with no canonical form to agree on.
 */
function subgraphFetcher(name: string, secret: string, log: Logger): RemoteGraphQLDataSource['fetcher'] {
  const send = async (url: string, init: FetchInit): Promise<Response> => {
    const { pathname, search } = new URL(url);
    const signature = signRequest(secret, {
      method: init.method ?? 'POST',
      path: pathname + search,
      requestId: init.headers['x-request-id'] ?? '',
      identity: init.headers[IDENTITY_HEADER] ?? '',
      body: init.body,
    });
    let response: Response;
    let text: string;
    const headers: Record<string, string> = { ...(init.headers as Record<string, string>), [SIGNATURE_HEADER]: signature };
    try {
      response = await tracedCall(`subgraph ${name}`, { 'hub.subgraph': name, 'url.full': url }, headers, () =>
        fetch(url, { ...init, headers, signal: AbortSignal.timeout(SUBGRAPH_TIMEOUT_MS) }),
      );
      if (response.ok) return response;
      text = await response.text();
    } catch (error) {
      throw unavailable(name, (error as Error).name === 'TimeoutError' ? `did not answer within ${SUBGRAPH_TIMEOUT_MS / 1000} s` : 'is unreachable');
    }
    if (response.status === 401) {
      log.error(`the ${name} subgraph refused the gateway's signature: give both the same SUBGRAPH_SECRET (${text.slice(0, 200)})`);
      throw unavailable(name, 'refused the gateway (HTTP 401)');
    }
    if (isGraphQLAnswer(text)) return new Response(text, { status: 200, headers: response.headers });
    if (response.status >= 502 && response.status <= 504) throw unavailable(name, `is unavailable (HTTP ${response.status})`);
    return new Response(text, { status: response.status, statusText: response.statusText, headers: response.headers });
  };
  const timed = async (url: string, init: FetchInit) => {
    const stop = subgraphFetchDuration.startTimer({ subgraph: name });
    try {
      const response = await send(url, init);
      stop({ outcome: 'ok' });
      return response;
    } catch (error) {
      stop({ outcome: 'unavailable' });
      throw error;
    }
  };
  return deduplicated(name, timed) as unknown as RemoteGraphQLDataSource['fetcher'];
}

/** A subgraph's answer, read once, that several identical requests in flight share. */
interface SharedAnswer {
  status: number;
  statusText: string;
  headers: Headers;
  text: string;
}

/**
 * Identical reads in flight at the same time share one subgraph request and its answer: same subgraph,
 * same document and variables (an `_entities` batch included), same caller (the identity header, so a
 * signed-in caller never shares an answer made for other rights). Mutations are always sent. The
 * requests that shared an answer report no SQL statements of their own (`x-sql-statements: 0`).
 */
function deduplicated(subgraph: string, send: (url: string, init: FetchInit) => Promise<Response>) {
  const inFlight = new Map<string, Promise<SharedAnswer>>();
  return async (url: string, init: FetchInit): Promise<Response> => {
    if (!isRead(init.body)) return send(url, init);
    const key = JSON.stringify([url, init.headers[IDENTITY_HEADER] ?? '', init.body]);
    const shared = inFlight.get(key);
    if (shared) {
      subgraphFetchesShared.inc({ subgraph });
      const answer = await shared;
      const headers = new Headers(answer.headers);
      headers.set('x-sql-statements', '0');
      return new Response(answer.text, { status: answer.status, statusText: answer.statusText, headers });
    }
    const answer = send(url, init).then(async (response) => ({ status: response.status, statusText: response.statusText, headers: response.headers, text: await response.text() }));
    inFlight.set(key, answer);
    try {
      const { text, ...rest } = await answer;
      return new Response(text, rest);
    } finally {
      inFlight.delete(key);
    }
  };
}

/** Whether a subgraph request's body is a query (the gateway writes `query …` or `{ … }`), not a mutation. */
function isRead(body: string): boolean {
  const match = /"query":"\s*(\w+|\{)/.exec(body);
  return match !== null && (match[1] === '{' || match[1] === 'query');
}

/** The response keys a selection set asks of an object of type `typename` (fragments followed). */
function responseKeys(selectionSet: SelectionSetNode, typename: string | undefined, fragments: Map<string, FragmentDefinitionNode>): string[] {
  const keys: string[] = [];
  for (const selection of selectionSet.selections) {
    if (selection.kind === Kind.FIELD) {
      if (selection.name.value !== '__typename') keys.push(selection.alias?.value ?? selection.name.value);
    } else {
      const fragment = selection.kind === Kind.INLINE_FRAGMENT ? selection : fragments.get(selection.name.value);
      const condition = fragment?.typeCondition?.name.value;
      if (fragment && (condition === undefined || typename === undefined || condition === typename)) {
        keys.push(...responseKeys(fragment.selectionSet, typename, fragments));
      }
    }
  }
  return [...new Set(keys)];
}

/**
 * The paths, in the subgraph's answer, of every field a failed fetch would have given, which the gateway
 * turns into paths of the client's answer: `[field]` for a root fetch; `["_entities", 0, field]` for the
 * one entity of an entity fetch under no list. Under a list (`pathInIncomingRequest` holds "@"), the
 * gateway would number the entities among every item of the list, those another subgraph owns included
 * (a convention's parties), so the paths could name the wrong items: there each field gets `[field]`,
 * and `listPathPlugin` shortens the path to the list that holds the affected items.
 */
function pathsOfFetch(document: DocumentNode, representations: unknown, underList: boolean): (string | number)[][] {
  const fragments = new Map<string, FragmentDefinitionNode>();
  for (const definition of document.definitions) {
    if (definition.kind === Kind.FRAGMENT_DEFINITION) fragments.set(definition.name.value, definition);
  }
  const operation = document.definitions.find((d) => d.kind === Kind.OPERATION_DEFINITION);
  if (!operation || operation.kind !== Kind.OPERATION_DEFINITION) return [];
  const entities = operation.selectionSet.selections.find((s) => s.kind === Kind.FIELD && s.name.value === '_entities');
  if (entities?.kind !== Kind.FIELD || !entities.selectionSet || !Array.isArray(representations)) {
    return responseKeys(operation.selectionSet, undefined, fragments).map((key) => [key]);
  }
  const typenames = new Set(representations.map((r) => (r as { __typename?: string } | null)?.__typename));
  if (underList) return [...new Set([...typenames].flatMap((t) => responseKeys(entities.selectionSet!, t, fragments)))].map((key) => [key]);
  return representations.flatMap((r, i) => responseKeys(entities.selectionSet!, (r as { __typename?: string } | null)?.__typename, fragments).map((key) => ['_entities', i, key]));
}

/**
 * A subgraph as the gateway calls it: passes the request id and the caller on, adds up the SQL statements the subgraph
 * reports, and when the subgraph is unavailable answers in its place with an error on every field it
 * was asked for, so the client gets the other subgraphs' data and knows exactly what is missing.
 */
export class SubgraphSource extends RemoteGraphQLDataSource<SubgraphCallContext> {
  constructor(readonly name: string, url: string, secret: string, log: Logger) {
    super({ url, fetcher: subgraphFetcher(name, secret, log) });
  }

  override willSendRequest({ request, context }: GraphQLDataSourceProcessOptions<SubgraphCallContext>) {
    context.operation?.signal.throwIfAborted();
    if (context.requestId) request.http?.headers.set('x-request-id', context.requestId);
    if (context.identity) request.http?.headers.set(IDENTITY_HEADER, encodeIdentity(context.identity));
  }

  override didReceiveResponse({ response, context }: Parameters<NonNullable<RemoteGraphQLDataSource<SubgraphCallContext>['didReceiveResponse']>>[0]) {
    context.sqlStatements += Number(response.http?.headers.get('x-sql-statements') ?? 0);
    return response;
  }

  override async process(options: GraphQLDataSourceProcessOptions<SubgraphCallContext>): Promise<GatewayGraphQLResponse> {
    let response: GatewayGraphQLResponse;
    try {
      response = await super.process(options);
    } catch (error) {
      // a body cut short by the time limit fails after the fetcher returned
      const failure = (error as Error).name === 'TimeoutError' ? unavailable(this.name, `did not answer within ${SUBGRAPH_TIMEOUT_MS / 1000} s`) : error;
      if (!(failure instanceof GraphQLError) || failure.extensions.code !== ErrorCode.SUBGRAPH_UNAVAILABLE) throw failure;
      const errors = onEveryField(options, [{ message: failure.message, extensions: failure.extensions }]);
      if (!errors) throw failure;
      return { errors };
    }
    // The subgraph refused the whole operation (a variable or literal it cannot accept): its errors have
    // no path; give them the fields they left empty, as a resolver's error would have.
    if (response.data == null && response.errors?.some((error) => !error.path)) {
      return { ...response, errors: onEveryField(options, response.errors) ?? response.errors };
    }
    return response;
  }
}

/**
 * The errors of a fetch that gave nothing, each one at the path of every field the fetch was asked for
 * (at most MAX_ERRORS_PER_FETCH); undefined when the request is not a client's operation.
 */
function onEveryField(options: GraphQLDataSourceProcessOptions<SubgraphCallContext>, errors: readonly GraphQLFormattedError[]): GraphQLFormattedError[] | undefined {
  if (!('incomingRequestContext' in options) || !options.request.query) return undefined; // a health check or the like
  const underList = options.pathInIncomingRequest?.includes('@') ?? false;
  const paths = pathsOfFetch(options.document ?? parse(options.request.query), options.request.variables?.representations, underList);
  if (paths.length === 0) return undefined;
  return errors.flatMap((error) => (error.path ? [error] : paths.map((path) => ({ ...error, path })))).slice(0, MAX_ERRORS_PER_FETCH);
}

/**
 * Errors of a failed fetch under a list come with a path through "@" (any item): each is shortened to the
 * list that holds the items left without their fields, and identical ones are given once.
 */
export function listPathPlugin<TContext extends BaseContext>(): ApolloServerPlugin<TContext> {
  return {
    async requestDidStart() {
      return {
        async willSendResponse({ response }) {
          if (response.body.kind !== 'single' || !response.body.singleResult.errors) return;
          const seen = new Set<string>();
          const errors = response.body.singleResult.errors.flatMap((error) => {
            const at = error.path?.indexOf('@') ?? -1;
            if (at < 0) return [error];
            const shortened = { ...error, path: error.path!.slice(0, at) };
            const key = JSON.stringify([shortened.message, shortened.path, shortened.extensions]);
            if (seen.has(key)) return [];
            seen.add(key);
            return [shortened];
          });
          response.body.singleResult.errors = errors;
        },
      };
    },
  };
}
