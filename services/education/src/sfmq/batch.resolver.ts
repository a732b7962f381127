import { Arg, Args, Ctx, FieldResolver, ID, Query, Resolver, Root } from 'type-graphql';
import { NULL_WHEN_UNANSWERED, ORDER_BY_DESCRIPTION, PageArgs, type ListArgs } from '@hub/kit';
import type { EducationContext } from '../context';
import { PublicAuthorityReference } from '../foreign.type';
import { SfmqApprovalBatch } from './batch.entity';
import { SfmqApprovalBatchConnection, SfmqApprovalBatchFilter, SfmqApprovalBatchOrder } from './batch.list';
import { SfmqApprovalBatchType } from './batch.type';

@Resolver(() => SfmqApprovalBatchType)
export class SfmqApprovalBatchResolver {
  @Query(() => SfmqApprovalBatchType, { nullable: true, description: 'An approval batch of SFMQ profiles by id; null when there is none with that id.' })
  sfmqApprovalBatch(@Arg('id', () => ID) id: string, @Ctx() { loaders }: EducationContext) {
    return loaders.sfmqApprovalBatchById.load(id);
  }

  @Query(() => SfmqApprovalBatchConnection, { nullable: true, description: `The government decisions approving batches of SFMQ profiles, filtered and searched, a page at a time. ${NULL_WHEN_UNANSWERED}` })
  sfmqApprovalBatches(
    @Arg('filter', () => SfmqApprovalBatchFilter, { nullable: true }) filter: SfmqApprovalBatchFilter | null,
    @Arg('orderBy', () => [SfmqApprovalBatchOrder], { nullable: true, description: ORDER_BY_DESCRIPTION }) orderBy: ListArgs['orderBy'],
    @Args() page: PageArgs,
    @Ctx() { loaders }: EducationContext,
  ) {
    return loaders.sfmqApprovalBatches().connection({ filter, orderBy, page });
  }

  @FieldResolver(() => PublicAuthorityReference, { nullable: true, description: 'The government that decided (resolved by the conventions subgraph); null, with an error at this path, when that subgraph is unavailable.' })
  government(@Root() batch: SfmqApprovalBatch) {
    return { id: batch.government };
  }
}
