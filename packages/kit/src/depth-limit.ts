import { GraphQLError, Kind, type DocumentNode, type FragmentDefinitionNode, type OperationDefinitionNode, type SelectionSetNode } from 'graphql';
import type { ApolloServerPlugin, BaseContext } from '@apollo/server';
import { ErrorCode } from './errors';

/** How many fields deep an operation nests, fragments followed (`__typename` and the like not counted). */
export function operationDepth(document: DocumentNode, operation: OperationDefinitionNode): number {
  const fragments = new Map<string, FragmentDefinitionNode>();
  for (const definition of document.definitions) {
    if (definition.kind === Kind.FRAGMENT_DEFINITION) fragments.set(definition.name.value, definition);
  }
  const depthOf = (selectionSet: SelectionSetNode | undefined, seen: Set<string>): number => {
    let deepest = 0;
    for (const selection of selectionSet?.selections ?? []) {
      if (selection.kind === Kind.FIELD) {
        if (!selection.name.value.startsWith('__')) deepest = Math.max(deepest, 1 + depthOf(selection.selectionSet, seen));
      } else if (selection.kind === Kind.INLINE_FRAGMENT) {
        deepest = Math.max(deepest, depthOf(selection.selectionSet, seen));
      } else if (!seen.has(selection.name.value)) {
        const fragment = fragments.get(selection.name.value);
        deepest = Math.max(deepest, depthOf(fragment?.selectionSet, new Set([...seen, selection.name.value])));
      }
    }
    return deepest;
  };
  return depthOf(operation.selectionSet, new Set());
}

/**
 * Refuses operations nested deeper than `maxDepth` fields with LIMIT_EXCEEDED, before any subgraph is
 * asked: one request cannot make the gateway walk the graph back and forth without end.
 */
export function depthLimitPlugin<TContext extends BaseContext>(maxDepth: number): ApolloServerPlugin<TContext> {
  return {
    async requestDidStart() {
      return {
        async didResolveOperation({ document, operation }) {
          if (!operation) return; // Apollo itself rejects a document with no operation to run
          const depth = operationDepth(document, operation);
          if (depth > maxDepth) {
            throw new GraphQLError(`The operation is nested ${depth} fields deep; the limit is ${maxDepth}. Split it into several requests.`, {
              nodes: operation,
              extensions: { code: ErrorCode.LIMIT_EXCEEDED, http: { status: 400 } },
            });
          }
        },
      };
    },
  };
}
