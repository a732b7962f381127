import { Directive, Field, ID, ObjectType } from 'type-graphql';
import { OrganisationFields, Party, PartyKind } from '@hub/kit';

@ObjectType('PublicAuthority', { implements: Party, description: 'A government or public authority that signs agreements: Wallonia, the FWB, the COCOF.' })
@Directive('@key(fields: "id")')
export class PublicAuthorityType extends OrganisationFields {}

@ObjectType('SectorBody', { implements: Party, description: 'A body that speaks for a sector: its training fund (fonds sectoriel) or its employers federation.' })
@Directive('@key(fields: "id")')
export class SectorBodyType extends OrganisationFields {}

/**
 * A party type owned by another subgraph, seen from here: its id, the Party fields the owner resolves
 * (@external), and the reverse links this subgraph adds (`conventions`).
 */
function foreignParty(name: string) {
  @ObjectType(name, { implements: Party })
  @Directive('@key(fields: "id")')
  class ForeignParty implements Party {
    @Field(() => ID)
    id!: string;

    @Field()
    @Directive('@external')
    name!: string;

    @Field(() => PartyKind)
    @Directive('@external')
    kind!: PartyKind;
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
