import { parse, type GraphQLSchema } from 'graphql';
import { buildSubgraphSchema } from '@apollo/subgraph';
import { printSchemaWithDirectives } from '@graphql-tools/utils';
import { buildSchema, createResolversMap, type NonEmptyArray } from 'type-graphql';
import { roleChecker } from './rights';
import type { Context } from './context';

const FEDERATION_LINK = `extend schema @link(url: "https://specs.apollo.dev/federation/v2.14", import: ["@key", "@shareable", "@external"])`;

/** `__resolveReference` of each entity type this subgraph can resolve, by type name. */
export type ReferenceResolvers = Record<string, (reference: { id: string; __typename?: string }, context: Context) => unknown>;

export interface SubgraphDefinition {
  resolvers: NonEmptyArray<Function>;
  references: ReferenceResolvers;
  /** Types no resolver returns directly, e.g. entities only referenced by another subgraph. */
  orphanedTypes?: Function[];
}

function typeGraphqlSchema(definition: SubgraphDefinition) {
  return buildSchema({ resolvers: definition.resolvers, orphanedTypes: definition.orphanedTypes, validate: false, authChecker: roleChecker });
}

/** The SDL of a subgraph, federation directives included: what `npm run compose` checks in. */
export async function printSubgraphSdl(definition: SubgraphDefinition): Promise<string> {
  return `${FEDERATION_LINK}\n\n${printSchemaWithDirectives(await typeGraphqlSchema(definition))}\n`;
}

/** Builds the executable Federation 2 schema of a subgraph from its type-graphql resolvers. */
export async function buildSubgraph(definition: SubgraphDefinition): Promise<GraphQLSchema> {
  const schema = await typeGraphqlSchema(definition);
  const generated = createResolversMap(schema) as Record<string, Record<string, unknown>>;
  const resolvers: Record<string, any> = { ...generated };
  for (const [type, resolveReference] of Object.entries(definition.references)) {
    resolvers[type] = { ...generated[type], __resolveReference: resolveReference };
  }
  return buildSubgraphSchema({ typeDefs: parse(await printSubgraphSdl(definition)), resolvers });
}
