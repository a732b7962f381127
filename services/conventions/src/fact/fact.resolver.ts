import { Arg, Args, Ctx, Query, Resolver } from 'type-graphql';
import { NULL_WHEN_UNANSWERED, ORDER_BY_DESCRIPTION, PageArgs, type ListArgs } from '@hub/kit';
import type { ConventionsContext } from '../context';
import { FactConnection, FactFilter, FactOrder } from './fact.list';
import { FactType } from './fact.type';

@Resolver(() => FactType)
export class FactResolver {
  @Query(() => FactConnection, { nullable: true, description: `Other sourced statements (how the label works, counts of centres, dates of programmes), searched and a page at a time. ${NULL_WHEN_UNANSWERED}` })
  facts(
    @Arg('filter', () => FactFilter, { nullable: true }) filter: FactFilter | null,
    @Arg('orderBy', () => [FactOrder], { nullable: true, description: ORDER_BY_DESCRIPTION }) orderBy: ListArgs['orderBy'],
    @Args() page: PageArgs,
    @Ctx() { loaders }: ConventionsContext,
  ) {
    return loaders.lists.facts().connection({ filter, orderBy, page });
  }
}
