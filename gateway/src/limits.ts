import type { ApolloGateway } from '@apollo/gateway';
import { HeaderMap, type ApolloServerPlugin } from '@apollo/server';
import { answerCost, REFUSAL_PAUSE_MS, type ClientContext, type RateLimiter } from './rate-limit';
import { maxAliasesRule } from '@escape.tech/graphql-armor-max-aliases';
import { maxDepthRule } from '@escape.tech/graphql-armor-max-depth';
import { maxDirectivesRule } from '@escape.tech/graphql-armor-max-directives';
import {
  getNamedType,
  getNullableType,
  isListType,
  GraphQLError,
  isInterfaceType,
  isObjectType,
  Kind,
  validate,
  type DocumentNode,
  type FragmentDefinitionNode,
  type GraphQLNamedType,
  type GraphQLSchema,
  type OperationDefinitionNode,
  type SelectionSetNode,
  type ValueNode,
} from 'graphql';
import { DEFAULT_PAGE_SIZE, ErrorCode, MAX_PAGE_SIZE, type GatewayLimits } from '@hub/kit';
import type { KnownSizes, SizeOf } from './list-sizes';

/**
 * A request refused for asking too much: LIMIT_EXCEEDED, HTTP 400, the message names the limit and what the
 * request had; so do the extensions (`measured`), for a program to size its next request by.
 */
export function limitExceeded(message: string, operation?: OperationDefinitionNode, measured: Record<string, number> = {}) {
  return new GraphQLError(message, { nodes: operation, extensions: { code: ErrorCode.LIMIT_EXCEEDED, ...measured, http: { status: 400 } } });
}

/** What an operation asks, measured before it is planned. */
export interface OperationSize {
  /** Fields nested, fragments followed (inline or named fragments add no level). */
  depth: number;
  /** Aliases, those of a fragment counted at every place it is spread. */
  aliases: number;
  /** Directives, those of a fragment counted at every place it is spread. */
  directives: number;
}

/**
 * The depth, aliases and directives of `operation`, counted by graphql-armor's rules: each walks the
 * operation once and computes each fragment once (a fragment spread twice in every one of 24 fragments
 * costs 24 walks, not 2^24). The rules are given no limit; ours is applied by `checkOperation`, with our
 * own message and code.
 */
export function measureOperation(schema: GraphQLSchema, document: DocumentNode, operation: OperationDefinitionNode): OperationSize {
  const size: OperationSize = { depth: 0, aliases: 0, directives: 0 };
  const record = (measure: keyof OperationSize) => [(_context: unknown, details: { n: number }) => void (size[measure] = details.n)];
  // The operation alone with the fragments: the rules measure every operation of the document they see.
  const alone: DocumentNode = { ...document, definitions: document.definitions.filter((d) => d === operation || d.kind === Kind.FRAGMENT_DEFINITION) };
  validate(schema, alone, [
    maxDepthRule({ n: Infinity, flattenFragments: true, ignoreIntrospection: true, onAccept: record('depth') }),
    // __typename too: an alias is an alias, and graphql-armor lets those through by default.
    maxAliasesRule({ n: Infinity, allowList: [], onAccept: record('aliases') }),
    maxDirectivesRule({ n: Infinity, onAccept: record('directives') }),
  ]);
  return size;
}

/** A field is a Relay connection when its type's name ends in `Connection` (`SectorConnection`). */
const isConnection = (type: GraphQLNamedType | undefined) => type?.name.endsWith('Connection') ?? false;

/**
 * The estimated cost of `operation`: every field counts 1 for each item of the lists around it. A
 * connection holds its `first` or `last` items (50 when neither is given, at most 500: the subgraphs refuse
 * more), or fewer when the data holds fewer: `sizeOf` says the most items each list holds now (its rows,
 * or the most under any one parent: ListSizeStore). A plain list holds what `sizeOf` says, or
 * `unmeasured` items when it does not know (once: the lists of values no subgraph measures, `sources`).
 * `@skip`/`@include` are ignored (the cost is an upper bound). Linear in the document: each fragment is
 * costed once, and a spread adds that cost (costs multiply down the tree, so a fragment's cost does not
 * depend on where it is).
 */
export function operationCost(
  schema: GraphQLSchema,
  document: DocumentNode,
  operation: OperationDefinitionNode,
  variables: Record<string, unknown> = {},
  sizeOf: SizeOf = () => undefined,
  unmeasured = 1,
): number {
  const fragments = new Map<string, FragmentDefinitionNode>();
  for (const definition of document.definitions) {
    if (definition.kind === Kind.FRAGMENT_DEFINITION) fragments.set(definition.name.value, definition);
  }
  const defaults = new Map((operation.variableDefinitions ?? []).map((v) => [v.variable.name.value, v.defaultValue]));
  const intOf = (value: ValueNode): number | undefined => {
    if (value.kind === Kind.INT) return Number(value.value);
    if (value.kind !== Kind.VARIABLE) return undefined;
    const given = variables[value.name.value];
    if (typeof given === 'number') return given;
    const fallback = defaults.get(value.name.value);
    return given === undefined && fallback ? intOf(fallback) : undefined;
  };
  const pageSize = (args: readonly { name: { value: string }; value: ValueNode }[] = []) => {
    const sizes = args.filter((a) => a.name.value === 'first' || a.name.value === 'last').map((a) => intOf(a.value));
    const given = sizes.filter((s): s is number => s !== undefined && Number.isFinite(s));
    return given.length ? Math.min(MAX_PAGE_SIZE, Math.max(0, ...given)) : DEFAULT_PAGE_SIZE;
  };

  const fragmentCosts = new Map<string, number>();
  const costOf = (selectionSet: SelectionSetNode, parent: GraphQLNamedType | undefined): number => {
    let cost = 0;
    for (const selection of selectionSet.selections) {
      if (selection.kind === Kind.FIELD) {
        const field = isObjectType(parent) || isInterfaceType(parent) ? parent.getFields()[selection.name.value] : undefined;
        const type = field ? getNamedType(field.type) : undefined;
        const held = parent && field ? sizeOf(parent.name, field.name) : undefined;
        // a connection's nodes (a plain list) are the items its field already counted
        const plainList = field !== undefined && isListType(getNullableType(field.type)) && !isConnection(parent);
        const items = isConnection(type) ? Math.min(pageSize(selection.arguments), held ?? Infinity) : plainList ? (held ?? unmeasured) : 1;
        cost += 1 + (selection.selectionSet ? items * costOf(selection.selectionSet, type) : 0);
      } else if (selection.kind === Kind.INLINE_FRAGMENT) {
        cost += costOf(selection.selectionSet, selection.typeCondition ? schema.getType(selection.typeCondition.name.value) : parent);
      } else {
        cost += fragmentCost(selection.name.value);
      }
    }
    return cost;
  };
  const fragmentCost = (name: string): number => {
    const known = fragmentCosts.get(name);
    if (known !== undefined) return known;
    const fragment = fragments.get(name);
    fragmentCosts.set(name, 0); // a cycle (validation refuses those) ends here
    const cost = fragment ? costOf(fragment.selectionSet, schema.getType(fragment.typeCondition.name.value)) : 0;
    fragmentCosts.set(name, cost);
    return cost;
  };
  return costOf(operation.selectionSet, schema.getRootType(operation.operation) ?? undefined);
}

/** The first limit `operation` exceeds, as the error to answer; undefined when it is within all of them. */
export function checkOperation(
  limits: GatewayLimits,
  schema: GraphQLSchema,
  document: DocumentNode,
  operation: OperationDefinitionNode,
  variables?: Record<string, unknown>,
  sizes?: KnownSizes,
): GraphQLError | undefined {
  return measuredOperation(limits, schema, document, operation, variables, sizes).refusal;
}

/** The operation's estimated cost, and the first limit it exceeds (the error to answer), if any. */
function measuredOperation(
  limits: GatewayLimits,
  schema: GraphQLSchema,
  document: DocumentNode,
  operation: OperationDefinitionNode,
  variables?: Record<string, unknown>,
  sizes?: KnownSizes,
): { cost: number; refusal?: GraphQLError } {
  const { depth, aliases, directives } = measureOperation(schema, document, operation);
  if (depth > limits.maxDepth) {
    return { cost: NaN, refusal: limitExceeded(`The operation is nested ${depth} fields deep; the limit is ${limits.maxDepth}. Split it into several requests.`, operation, { depth, limit: limits.maxDepth }) };
  }
  if (aliases > limits.maxAliases) {
    return { cost: NaN, refusal: limitExceeded(`The operation has ${aliases} aliases; the limit is ${limits.maxAliases}. Split it into several requests.`, operation, { aliases, limit: limits.maxAliases }) };
  }
  if (directives > limits.maxDirectives) {
    return { cost: NaN, refusal: limitExceeded(`The operation has ${directives} directives; the limit is ${limits.maxDirectives}.`, operation, { directives, limit: limits.maxDirectives }) };
  }
  // while a subgraph cannot say its sizes, a plain list it may own is priced at a page, not once: an
  // estimate may be too high then, never too low
  const cost = operationCost(schema, document, operation, variables, sizes?.sizeOf, sizes && !sizes.complete ? DEFAULT_PAGE_SIZE : 1);
  if (cost > limits.maxCost) {
    return { cost, refusal: limitExceeded(
      `The operation may cost ${Number.isSafeInteger(cost) ? cost : `more than ${Number.MAX_SAFE_INTEGER}`} (each field counts once per item of the lists around it: their \`first\` or \`last\`, else 50, or what the data holds when it holds fewer); ` +
        `the limit is ${limits.maxCost}. Ask for smaller pages or fewer nested lists, or split it into several requests.`,
      operation,
      // past 2^53 the number is not exact (a fragment bomb's is astronomic): the message says "more than"
      Number.isSafeInteger(cost) ? { cost, limit: limits.maxCost } : { limit: limits.maxCost },
    ) };
  }
  return { cost };
}

/** graphql-js's own refusal of a document over `parseOptions.maxTokens` (it stops reading there; 16.x spells it "more that"). */
const TOKEN_LIMIT_MESSAGE = /^Syntax Error: Document contains more tha[nt] (\d+) tokens\. Parsing aborted\.$/;

/**
 * Applies the limits to each operation after it is parsed and validated and before the gateway plans it,
 * then charges its estimated cost to the client's budget (`budget`): admitted when the budget holds it,
 * settled once answered at the answer's real size (`answerCost`), so a client whose answers are large
 * waits before its next operation, while one whose estimate was too high gets the difference back. An
 * operation that ran but gave no data (out of time, say) keeps its estimate; one never run costs nothing.
 * Over the budget: HTTP 429, LIMIT_EXCEEDED, `Retry-After`, before any subgraph is asked.
 *
 * The token limit is applied earlier, by the parser (`parseOptions: { maxTokens }`, so a long document is
 * never read to its end nor validated): this plugin only gives that refusal our code and message. One
 * plugin for both, because Apollo runs the `didResolveOperation` hooks of all plugins at once: a separate
 * budget plugin would charge operations the limits refuse.
 */
export function limitsPlugin<TContext extends ClientContext>(limits: GatewayLimits, budget: RateLimiter, sizes?: KnownSizes): ApolloServerPlugin<TContext> {
  return {
    async requestDidStart() {
      let taken = 0;
      let executed = false;
      return {
        async didResolveOperation({ document, operation, schema, request, contextValue }) {
          if (!operation) return; // Apollo itself refuses a document with no operation to run
          const { cost, refusal } = measuredOperation(limits, schema, document, operation, request.variables, sizes);
          if (refusal) throw refusal;
          const wait = budget.take(contextValue.clientKeys, cost);
          if (wait > 0) {
            await new Promise((resolve) => setTimeout(resolve, REFUSAL_PAUSE_MS));
            throw new GraphQLError(
              `This client has been answered more than its share: ${budget.perSecond} field values a second, ${budget.burst} at once; ` +
                `this operation may cost ${cost}. Retry after ${wait} s, or ask for less (smaller pages, fewer fields).`,
              { extensions: { code: ErrorCode.LIMIT_EXCEEDED, http: { status: 429, headers: new HeaderMap([['retry-after', String(wait)]]) } } },
            );
          }
          taken = cost;
        },
        async executionDidStart() {
          executed = true;
        },
        async willSendResponse({ response, contextValue }) {
          if (!taken) return;
          const data = response.body.kind === 'single' ? response.body.singleResult.data : undefined;
          // an answer from the response cache costs its size too: the budget counts what a client is answered
          const charged = data != null ? answerCost(data) : executed ? taken : 0;
          budget.settle(contextValue.clientKeys, taken - charged);
          // what the operation was estimated to cost, and what its answer held: a dashboard sees how far off the estimate is
          response.http.headers.set('x-cost-estimate', String(taken));
          response.http.headers.set('x-cost-actual', String(charged));
        },
        async didEncounterErrors({ errors }) {
          for (const error of errors) {
            const tokens = TOKEN_LIMIT_MESSAGE.exec(error.message);
            if (error.extensions.code !== 'GRAPHQL_PARSE_FAILED' || !tokens) continue;
            error.message = `The document has more than ${tokens[1]} tokens (names, values and punctuation); the limit is ${limits.maxTokens}. Split it into several requests.`;
            error.extensions.code = ErrorCode.LIMIT_EXCEEDED;
          }
        },
      };
    },
  };
}

/** The per-request state the time limit needs: aborted when the operation ran out of time. */
export interface TimedContext {
  operation: AbortController;
}

const duration = (ms: number) => (ms % 1000 === 0 ? `${ms / 1000} s` : `${ms} ms`);

/**
 * The gateway with a time limit on each operation it executes (query planning and subgraph requests): past
 * `timeoutMs` the operation is answered with LIMIT_EXCEEDED and its `operation` controller aborted, so no
 * further subgraph request is sent for it (see SubgraphSource).
 */
export function withOperationTimeout(gateway: ApolloGateway, timeoutMs: number): Pick<ApolloGateway, 'load' | 'onSchemaLoadOrUpdate' | 'stop'> {
  return {
    load: async (options) => {
      const loaded = await gateway.load(options);
      return {
        ...loaded,
        executor: async (requestContext) => {
          let timer: NodeJS.Timeout | undefined;
          const outOfTime = new Promise<never>((_resolve, reject) => {
            timer = setTimeout(() => {
              const error = limitExceeded(
                `The operation ran for more than ${duration(timeoutMs)}; the limit is ${duration(timeoutMs)}. Ask for less: smaller pages, fewer nested lists.`,
              );
              (requestContext.context as Partial<TimedContext>).operation?.abort(error);
              reject(error);
            }, timeoutMs);
          });
          try {
            return await Promise.race([loaded.executor(requestContext), outOfTime]);
          } finally {
            clearTimeout(timer);
          }
        },
      };
    },
    onSchemaLoadOrUpdate: (callback) => gateway.onSchemaLoadOrUpdate(callback),
    stop: () => gateway.stop(),
  };
}
