import { Field, ID, Int, ObjectType } from 'type-graphql';
import { PartialDateScalar, Sourced, type PartialDate } from '@hub/kit';
import { SfmqProfileKind } from './profile.entity';

@ObjectType('SfmqApprovalBatch', {
  description: 'A government decision approving a batch of SFMQ profiles at once (e.g. 13 profils de formation on 18 December 2014), whose profiles the sources may not name.',
})
@Sourced()
export class SfmqApprovalBatchType {
  @Field(() => ID, { description: 'Stable slug, e.g. "sp_batch_2014_12_18".' })
  id!: string;

  @Field({ description: 'What the batch is, as the sources word it.' })
  name!: string;

  @Field(() => PartialDateScalar, { nullable: true, description: 'The day (or month, or year) of the decision; null when unknown.' })
  decidedOn!: PartialDate | null;

  @Field(() => SfmqProfileKind, { nullable: true, description: 'The kind of the profiles of the batch; null when unknown.' })
  profileKind!: SfmqProfileKind | null;

  @Field(() => Int, { nullable: true, description: 'How many profiles the batch holds; null when unknown.' })
  profileCount!: number | null;

  @Field(() => Int, { nullable: true, description: 'How many of them the first decision approved, where a later rectification changed it (10 of 13); null when unknown.' })
  firstApprovedCount!: number | null;

  @Field(() => PartialDateScalar, { nullable: true, description: 'When a rectification (notification rectificative) approved the rest; null when none is known or its date is not given (see `note`).' })
  rectifiedOn!: PartialDate | null;
}
