import type { ApolloGateway } from '@apollo/gateway';
import { GraphQLScalarType } from 'graphql';
import { GraphQLISODateTime } from 'type-graphql';
import { PartialDateScalar } from '@hub/kit';

/** The subgraphs' own scalars, whose rules the supergraph does not carry (it only names them). */
const HUB_SCALARS = [PartialDateScalar, GraphQLISODateTime];

/**
 * Makes the gateway check the hub's scalars as the subgraphs do: `activeOn: "2026-13-01"` is then refused
 * while validating the client's document (400, at its line and column), before any subgraph is asked,
 * instead of each subgraph refusing its part. The supergraph's scalar types are otherwise pass-through.
 */
export function checkHubScalars(gateway: ApolloGateway) {
  gateway.onSchemaLoadOrUpdate(({ apiSchema }) => {
    for (const scalar of HUB_SCALARS) {
      const type = apiSchema.getType(scalar.name);
      // the schema is the gateway's own, made from the supergraph moments ago and not yet in use
      if (type instanceof GraphQLScalarType) Object.assign(type, { parseValue: scalar.parseValue, parseLiteral: scalar.parseLiteral });
    }
  });
}
