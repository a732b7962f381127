import { Directive, Field, ID, ObjectType, registerEnumType } from 'type-graphql';
import { PartialDateScalar, Source, Sourced, type PartialDate } from '@hub/kit';
import { ConventionKind } from './convention.entity';

registerEnumType(ConventionKind, {
  name: 'ConventionKind',
  description: 'Who the sector signs a specific convention with.',
  valuesConfig: {
    TRAINING_OPERATOR: { description: 'A regional training operator: Le Forem or IFAPME (also Bruxelles Formation, SFPME/efp).' },
    EDUCATION: { description: "The Administration générale de l'Enseignement (AGE) and the education networks." },
    QUALIFICATIONS: { description: 'The Service francophone des Métiers et des Qualifications (SFMQ).' },
    VALIDATION: { description: 'The Consortium de validation des compétences (CVDC).' },
  },
});

@ObjectType('Objective', { description: 'One of the 8 objectives an education convention may pursue (seed page "Conventions sectorielles").' })
export class ObjectiveType {
  @Field({ description: 'Stable code, OBJ1 to OBJ8, in the order of the published list.' })
  code!: string;

  @Field({ name: 'label', description: 'The objective as published (French).' })
  labelFr!: string;

  @Field({ description: 'English translation made for the hub.' })
  labelEn!: string;

  @Field(() => [Source], { description: 'The public pages that list this objective.' })
  sources!: Source[];
}

@ObjectType('SpecificConvention', {
  description: 'A specific convention (convention spécifique) between a sector and a training operator, the AGE and the education networks, the SFMQ or the CVDC.',
})
@Directive('@key(fields: "id")')
@Sourced()
export class SpecificConventionType {
  @Field(() => ID, { description: 'Stable slug, e.g. "sc_fevia_enseignement".' })
  id!: string;

  @Field({ description: 'Descriptive title made by the hub from the kind and the sectors: the sources give no official title.' })
  title!: string;

  @Field(() => ConventionKind, { description: 'Who the sector signs with.' })
  kind!: ConventionKind;

  @Field(() => PartialDateScalar, { nullable: true, description: 'Day (or month, or year) of signature; null when no source gives it.' })
  signedOn!: PartialDate | null;

  @Field(() => PartialDateScalar, { nullable: true, description: 'Start of validity, at the precision the source gives; null when unknown.' })
  validFrom!: PartialDate | null;

  @Field(() => PartialDateScalar, { nullable: true, description: 'End of validity, at the precision the source gives; null when unknown.' })
  validTo!: PartialDate | null;
}
