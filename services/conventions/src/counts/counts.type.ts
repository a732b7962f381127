import { Field, Int, ObjectType, registerEnumType } from 'type-graphql';
import { countType, PartyKind } from '@hub/kit';
import { ConventionKind } from '../convention/convention.entity';
import { SectorType } from '../sector/sector.type';

export enum ConventionGrouping {
  SECTOR = 'SECTOR',
  KIND = 'KIND',
  YEAR_SIGNED = 'YEAR_SIGNED',
  PARTY_KIND = 'PARTY_KIND',
}
registerEnumType(ConventionGrouping, {
  name: 'ConventionGrouping',
  description: 'What to count specific conventions by.',
  valuesConfig: {
    SECTOR: { description: 'Each sector the convention concerns (a convention of two sectors counts in both).' },
    KIND: { description: 'The kind of convention.' },
    YEAR_SIGNED: { description: 'The year of signature.' },
    PARTY_KIND: { description: 'Each kind of party it has (a convention with a network and a federation counts under both).' },
  },
});

export enum AgreementGrouping {
  SECTOR = 'SECTOR',
  YEAR_SIGNED = 'YEAR_SIGNED',
  PROGRAMME = 'PROGRAMME',
}
registerEnumType(AgreementGrouping, {
  name: 'FrameworkAgreementGrouping',
  description: 'What to count framework agreements by.',
  valuesConfig: {
    SECTOR: { description: 'Each sector the agreement covers (an agreement of two sectors counts in both).' },
    YEAR_SIGNED: { description: 'The year of signature.' },
    PROGRAMME: { description: 'The programme it belongs to.' },
  },
});

const GROUPED = 'Null when not grouped by it, or, when grouped by it, for the records where it is unknown (they form a group of their own).';

@ObjectType('ConventionCountKey', { description: `What the conventions of a group share. ${GROUPED}` })
export class ConventionCountKey {
  @Field(() => SectorType, { nullable: true, description: `The sector. ${GROUPED}` })
  sector!: { id: string } | null;

  @Field(() => ConventionKind, { nullable: true, description: `The kind. ${GROUPED}` })
  kind!: ConventionKind | null;

  @Field(() => Int, { nullable: true, description: `The year of signature. ${GROUPED}` })
  yearSigned!: number | null;

  @Field(() => PartyKind, { nullable: true, description: `A kind of party. ${GROUPED}` })
  partyKind!: PartyKind | null;
}

export const ConventionCount = countType(ConventionCountKey, 'ConventionCount', 'specific conventions');

@ObjectType('FrameworkAgreementCountKey', { description: `What the agreements of a group share. ${GROUPED}` })
export class AgreementCountKey {
  @Field(() => SectorType, { nullable: true, description: `The sector. ${GROUPED}` })
  sector!: { id: string } | null;

  @Field(() => Int, { nullable: true, description: `The year of signature. ${GROUPED}` })
  yearSigned!: number | null;

  @Field(() => String, { nullable: true, description: `The programme. ${GROUPED}` })
  programme!: string | null;
}

export const AgreementCount = countType(AgreementCountKey, 'FrameworkAgreementCount', 'framework agreements');
