import { Arg, Args, Ctx, ID, Query, Resolver } from 'type-graphql';
import { NULL_WHEN_UNANSWERED, ORDER_BY_DESCRIPTION, PageArgs, Source, type ListArgs } from '@hub/kit';
import type { ConventionsContext } from '../context';
import { SourcePage } from './source.entity';
import { SourceConnection, SourceFilter, SourceOrder } from './source.list';

@Resolver(() => Source)
export class SourceResolver {
  @Query(() => Source, { nullable: true, description: 'A public page by id ("S01"); null when there is none with that id.' })
  source(@Arg('id', () => ID) id: string, @Ctx() { em }: ConventionsContext) {
    return em.findOne(SourcePage, { id });
  }

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
