import { Directive, Field, ID, Int, ObjectType } from 'type-graphql';
import { PartialDateScalar, Sourced, type PartialDate } from '@hub/kit';

/** The public authority entity of the conventions subgraph, referenced here as the label's decider. */
@ObjectType('PublicAuthority')
@Directive('@key(fields: "id")')
export class PublicAuthorityRef {
  @Field(() => ID)
  id!: string;
}

@ObjectType('LabelDecision', { description: 'A decision (re)labelling the competence centres of the network, with the figures it published.' })
@Sourced()
export class LabelDecisionType {
  @Field(() => ID, { description: 'Stable slug, e.g. "ld_2020".' })
  id!: string;

  @Field(() => PartialDateScalar, { nullable: true, description: 'Day of the decision; null when the sources do not give it.' })
  decidedOn!: PartialDate | null;

  @Field(() => String, { nullable: true, description: 'Who proposed it (minister), as published; null when unknown.' })
  proposedBy!: string | null;

  @Field(() => PartialDateScalar, { nullable: true, description: 'Day the label certificates were handed over; null when unknown.' })
  certificatesHandedOverOn!: PartialDate | null;

  @Field(() => PartialDateScalar, { nullable: true, description: 'Start of the period the full label covers; null when unknown.' })
  validFrom!: PartialDate | null;

  @Field(() => PartialDateScalar, { nullable: true, description: 'End of the period the full label covers; null when unknown.' })
  validTo!: PartialDate | null;

  @Field(() => Boolean, { nullable: true, description: 'Whether the period started before the decision; null when unknown.' })
  retroactive!: boolean | null;

  @Field(() => Int, { nullable: true, description: 'Centres given the full label; null when not published.' })
  fullLabelCount!: number | null;

  @Field(() => Int, { nullable: true, description: 'Centres given a provisional label; null when not published.' })
  provisionalLabelCount!: number | null;

  @Field(() => Int, { nullable: true, description: 'Centres in the network at the time; null when not published.' })
  centresInNetwork!: number | null;

  @Field(() => Int, { nullable: true, description: 'People the centres train per year, approximately, as published; null when not published.' })
  peopleTrainedPerYear!: number | null;
}
