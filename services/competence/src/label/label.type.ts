import { Field, Int, ObjectType, registerEnumType } from 'type-graphql';
import { PartialDateScalar, Sourced, type PartialDate } from '@hub/kit';
import { LabelStatus } from '../centre/centre.entity';

registerEnumType(LabelStatus, {
  name: 'LabelStatus',
  description: 'How a centre holds the label.',
  valuesConfig: {
    FULL: { description: 'Labelled for the full period of the decision.' },
    PROVISIONAL: { description: 'Labelled provisionally, pending a second evaluation.' },
  },
});

@ObjectType('CompetenceLabel', { description: 'The label Centre de compétence, as granted by the Walloon Government on the Minister of Training’s proposal.' })
export class LabelType {
  @Field(() => LabelStatus, { description: 'Full or provisional.' })
  status!: LabelStatus;

  @Field(() => PartialDateScalar, { nullable: true, description: 'Day of the decision; null when unknown.' })
  decidedOn!: PartialDate | null;

  @Field(() => PartialDateScalar, { nullable: true, description: 'Start of the label’s validity; null when the decision does not state it.' })
  validFrom!: PartialDate | null;

  @Field(() => PartialDateScalar, { nullable: true, description: 'End of the label’s validity; null when the decision does not state it.' })
  validTo!: PartialDate | null;

  @Field(() => String, { nullable: true, description: 'Curator note on the label (e.g. pending evaluation); null when none.' })
  note!: string | null;

  /** Not a field: what `decision` loads. */
  decisionId!: string | null;
}

@ObjectType('LabelCriterion', { description: 'One of the 4 criteria a centre must meet to hold the label (seed page "Le label Centre de compétence").' })
@Sourced()
export class LabelCriterionType {
  @Field({ description: 'Stable code, C1 to C4, in the published order.' })
  code!: string;

  @Field({ name: 'label', description: 'The criterion as published (French).' })
  labelFr!: string;

  @Field({ name: 'detail', description: 'What the criterion asks, as published (French).' })
  detailFr!: string;

  @Field({ description: 'English translation made for the hub.' })
  labelEn!: string;
}

@ObjectType('TraineePublic', { description: 'A public the competence centres train (public cible).' })
@Sourced()
export class TraineePublicType {
  @Field({ description: 'Stable slug, e.g. "demandeurs_emploi".' })
  id!: string;

  @Field({ name: 'label', description: 'The public as published (French).' })
  labelFr!: string;

  @Field(() => Int, { nullable: true, description: 'Average distinct trainees per year, all centres together, over the last four complete years; null when not published.' })
  averageTraineesPerYear!: number | null;
}
