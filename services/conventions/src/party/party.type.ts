import { Directive, Field, ID, InterfaceType, ObjectType } from 'type-graphql';
import { OrganisationFields, PARTY_DESCRIPTION, PARTY_ID_DESCRIPTION, PARTY_TYPES, PartyKind } from '@hub/kit';

/**
 * The Party interface as this subgraph declares it: only `id`. The owners of the other party types
 * resolve `name` and `kind`, and a planner then fetches them there; declaring them here, @external on
 * the foreign types, is a pattern some planners refuse (the Hive Gateway's: "Was not able to find any
 * options for name"). The kit's Party, with name and kind, serves the subgraphs that own every type
 * they list.
 */
@InterfaceType('Party', {
  description: PARTY_DESCRIPTION,
  resolveType: (party: { kind: PartyKind }) => PARTY_TYPES[party.kind].type,
})
export abstract class Party {
  @Field(() => ID, { description: PARTY_ID_DESCRIPTION })
  id!: string;
}

@ObjectType('PublicAuthority', { implements: Party, description: 'A government or public authority that signs agreements: Wallonia, the FWB, the COCOF.' })
@Directive('@key(fields: "id")')
export class PublicAuthorityType extends OrganisationFields {}

@ObjectType('SectorBody', { implements: Party, description: 'A body that speaks for a sector: its training fund (fonds sectoriel) or its employers federation.' })
@Directive('@key(fields: "id")')
export class SectorBodyType extends OrganisationFields {}

/**
 * A party type owned by another subgraph, seen from here: its key and the reverse links this subgraph
 * adds (`conventions`); its name and kind come from the owner.
 */
function foreignParty(name: string) {
  @ObjectType(name, { implements: Party })
  @Directive('@key(fields: "id")')
  class ForeignParty implements Party {
    @Field(() => ID)
    id!: string;
  }
  return ForeignParty;
}

export const TrainingOperatorType = foreignParty('TrainingOperator');
export const ValidationBodyType = foreignParty('ValidationBody');
export const EducationNetworkType = foreignParty('EducationNetwork');
export const EducationAuthorityType = foreignParty('EducationAuthority');
export const CompetenceCentreType = foreignParty('CompetenceCentre');

/** The party types whose reverse links (`conventions`, `frameworkAgreements`) this subgraph resolves. */
export const PARTY_TYPES_HERE = [
  PublicAuthorityType,
  SectorBodyType,
  TrainingOperatorType,
  ValidationBodyType,
  EducationNetworkType,
  EducationAuthorityType,
  CompetenceCentreType,
];
