import { Arg, Args, Ctx, Query, Resolver } from 'type-graphql';
import { NULL_WHEN_UNANSWERED, ORDER_BY_DESCRIPTION, PageArgs, Source, type ListArgs } from '@hub/kit';
import type { ConventionsContext } from '../context';
import { SourceConnection, SourceFilter, SourceOrder } from './source.list';

@Resolver(() => Source)
export class SourceResolver {
  @Query(() => SourceConnection, { nullable: true, description: `Every public page the hub’s facts rest on, with the passage quoted, searched and a page at a time. ${NULL_WHEN_UNANSWERED}` })
  sources(
    @Arg('filter', () => SourceFilter, { nullable: true }) filter: SourceFilter | null,
    @Arg('orderBy', () => [SourceOrder], { nullable: true, description: ORDER_BY_DESCRIPTION }) orderBy: ListArgs['orderBy'],
    @Args() page: PageArgs,
    @Ctx() { loaders }: ConventionsContext,
  ) {
    return loaders.lists.sources().connection({ filter, orderBy, page });
  }
}
