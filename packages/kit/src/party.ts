import { Entity, Enum, PrimaryKey, Property } from '@mikro-orm/postgresql';
import { Field, ID, InterfaceType, ObjectType, registerEnumType } from 'type-graphql';
import type { SubgraphName } from './config';
import { Sourced, SourcedEntity } from './provenance';
import { Searchable } from './search';

/** What kind of body a party to a convention is (the reference data's `kind`). */
export enum PartyKind {
  GOVERNMENT = 'GOVERNMENT',
  SECTOR_FUND = 'SECTOR_FUND',
  SECTOR_FEDERATION = 'SECTOR_FEDERATION',
  TRAINING_OPERATOR = 'TRAINING_OPERATOR',
  VALIDATION_BODY = 'VALIDATION_BODY',
  EDUCATION_ADMINISTRATION = 'EDUCATION_ADMINISTRATION',
  EDUCATION_NETWORK = 'EDUCATION_NETWORK',
  QUALIFICATIONS_BODY = 'QUALIFICATIONS_BODY',
  COMPETENCE_CENTRE = 'COMPETENCE_CENTRE',
}

registerEnumType(PartyKind, {
  name: 'PartyKind',
  description: 'What kind of body a party is.',
  valuesConfig: {
    GOVERNMENT: { description: 'A government or public authority (Wallonia, FWB, COCOF).' },
    SECTOR_FUND: { description: 'A sector training fund (fonds sectoriel), e.g. Constructiv, EDUCAM.' },
    SECTOR_FEDERATION: { description: 'An employers federation of a sector, e.g. FEVIA Wallonie.' },
    TRAINING_OPERATOR: { description: 'A public training operator (opérateur de formation), e.g. Le Forem, IFAPME.' },
    VALIDATION_BODY: { description: 'The Consortium de validation des compétences (CVDC).' },
    EDUCATION_ADMINISTRATION: { description: "The Administration générale de l'Enseignement (AGE)." },
    EDUCATION_NETWORK: { description: "An education network (réseau d'enseignement), e.g. WBE, SeGEC." },
    QUALIFICATIONS_BODY: { description: 'The Service francophone des Métiers et des Qualifications (SFMQ).' },
    COMPETENCE_CENTRE: { description: 'A labelled competence centre (Centre de compétence).' },
  },
});

/** The GraphQL type of each kind of party, and the subgraph that owns it. */
export const PARTY_TYPES: Record<PartyKind, { type: string; owner: SubgraphName }> = {
  GOVERNMENT: { type: 'PublicAuthority', owner: 'conventions' },
  SECTOR_FUND: { type: 'SectorBody', owner: 'conventions' },
  SECTOR_FEDERATION: { type: 'SectorBody', owner: 'conventions' },
  TRAINING_OPERATOR: { type: 'TrainingOperator', owner: 'training' },
  VALIDATION_BODY: { type: 'ValidationBody', owner: 'training' },
  EDUCATION_ADMINISTRATION: { type: 'EducationAuthority', owner: 'education' },
  EDUCATION_NETWORK: { type: 'EducationNetwork', owner: 'education' },
  QUALIFICATIONS_BODY: { type: 'EducationAuthority', owner: 'education' },
  COMPETENCE_CENTRE: { type: 'CompetenceCentre', owner: 'competence' },
};

/** The kinds of party a subgraph owns. */
export const kindsOwnedBy = (owner: SubgraphName) =>
  (Object.keys(PARTY_TYPES) as PartyKind[]).filter((kind) => PARTY_TYPES[kind].owner === owner);

/** Anything that can sign a framework agreement or be party to a specific convention. */
/** The words every subgraph's Party says (composition wants them equal). */
export const PARTY_DESCRIPTION =
  'A party to framework agreements or specific conventions, whichever subgraph owns it. Ask `__typename` and use fragments (`... on TrainingOperator`) for the fields of each kind.';
export const PARTY_ID_DESCRIPTION = 'Stable, readable id (slug), the same in every subgraph, e.g. "forem".';

@InterfaceType({
  description: PARTY_DESCRIPTION,
  resolveType: (party: { kind: PartyKind }) => PARTY_TYPES[party.kind].type,
})
export abstract class Party {
  @Field(() => ID, { description: PARTY_ID_DESCRIPTION })
  id!: string;

  @Field({ description: 'Official name, as published (usually French).' })
  name!: string;

  @Field(() => PartyKind, { description: 'What kind of body this is.' })
  kind!: PartyKind;
}

/** Storage of a party that is an organisation and nothing more (operators, networks, funds, authorities). */
@Entity({ tableName: 'organisation' })
@Searchable('organisation', ['id', 'name'])
export class Organisation extends SourcedEntity {
  @PrimaryKey({ type: 'text' })
  id!: string;

  @Property({ type: 'text' })
  name!: string;

  @Enum({ items: () => PartyKind })
  kind!: PartyKind;

  @Property({ type: 'text', nullable: true })
  legalBasis: string | null = null;

  @Property({ type: 'text', nullable: true })
  website: string | null = null;
}

/**
 * The public fields of an organisation; each owning subgraph declares its party types from these
 * (`@ObjectType('TrainingOperator', { implements: Party })`).
 */
@ObjectType()
@Sourced()
export abstract class OrganisationFields implements Party {
  @Field(() => ID, { description: PARTY_ID_DESCRIPTION })
  id!: string;

  @Field({ description: 'Official name, as published (usually French).' })
  name!: string;

  @Field(() => PartyKind, { description: 'What kind of body this is.' })
  kind!: PartyKind;

  @Field(() => String, { nullable: true, description: 'The law or decree that creates the body; null when not sourced.' })
  legalBasis!: string | null;

  @Field(() => String, { nullable: true, description: 'Official website; null when not sourced.' })
  website!: string | null;
}
