import { Directive, Field, ID, ObjectType } from 'type-graphql';

/**
 * A type another subgraph owns, seen from here by its key: its other fields (a sector body's name and
 * kind) come from its owner. `resolvable` when this subgraph adds fields to it (`SectorBody.sectorTests`).
 */
function keyOnly(name: string, resolvable: boolean) {
  @ObjectType(name)
  @Directive(resolvable ? '@key(fields: "id")' : '@key(fields: "id", resolvable: false)')
  class KeyOnly {
    @Field(() => ID)
    id!: string;
  }
  return KeyOnly;
}

/** A sector fund or federation (conventions subgraph); this subgraph adds `sectorTests`. */
export const SectorBodyReference = keyOnly('SectorBody', true);
export type SectorBodyReference = { id: string };
/** A government (conventions subgraph). */
export const PublicAuthorityReference = keyOnly('PublicAuthority', false);
/** A specific convention (conventions subgraph). */
export const SpecificConventionReference = keyOnly('SpecificConvention', false);
