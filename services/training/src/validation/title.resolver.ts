import { Arg, Args, Ctx, FieldResolver, ID, Query, Resolver, Root } from 'type-graphql';
import { NULL_WHEN_UNANSWERED, ORDER_BY_DESCRIPTION, PageArgs, SectorReference, type ListArgs } from '@hub/kit';
import type { TrainingContext } from '../context';
import { TrainingOperatorType } from '../body/body.type';
import type { ValidationTitle } from './title.entity';
import { ValidationTitleConnection, ValidationTitleFilter, ValidationTitleOrder } from './title.list';
import { ValidationTitleType } from './title.type';

/** The arguments every list of validation titles takes. */
const listArgs = (filter: ValidationTitleFilter | null, orderBy: ListArgs['orderBy'], page: PageArgs): ListArgs => ({ filter, orderBy, page });

@Resolver(() => ValidationTitleType)
export class ValidationTitleResolver {
  @Query(() => ValidationTitleType, { nullable: true, description: 'A validation title (titre de compétence) by id; null when there is none with that id.' })
  validationTitle(@Arg('id', () => ID) id: string, @Ctx() { loaders }: TrainingContext) {
    return loaders.titleById.load(id);
  }

  @Query(() => ValidationTitleConnection, { nullable: true, description: `The CVDC's validation titles (titres de compétence), filtered and searched, a page at a time. ${NULL_WHEN_UNANSWERED}` })
  validationTitles(
    @Arg('filter', () => ValidationTitleFilter, { nullable: true }) filter: ValidationTitleFilter | null,
    @Arg('orderBy', () => [ValidationTitleOrder], { nullable: true, description: ORDER_BY_DESCRIPTION }) orderBy: ListArgs['orderBy'],
    @Args() page: PageArgs,
    @Ctx() { loaders }: TrainingContext,
  ) {
    return loaders.titles().connection(listArgs(filter, orderBy, page));
  }

  @FieldResolver(() => [SectorReference], {
    nullable: 'items',
    description: 'The sectors the title belongs to, as the CVDC attached them; empty when no source maps it to a sector. A sector is null, with an error at its path, when the conventions subgraph, which owns sectors, is unavailable.',
  })
  async sectors(@Root() title: ValidationTitle, @Ctx() { loaders }: TrainingContext) {
    return (await loaders.sectorIdsByTitle.load(title.id)).map((link) => ({ id: link.sectorId }));
  }

  @FieldResolver(() => [TrainingOperatorType], { description: 'The training operators a source names as running a validation centre for it; empty when none is named.' })
  operators(@Root() title: ValidationTitle, @Ctx() { loaders }: TrainingContext) {
    return loaders.operatorsByTitle.load(title.id);
  }
}

@Resolver(() => SectorReference)
export class SectorTitlesResolver {
  @FieldResolver(() => ValidationTitleConnection, {
    nullable: true,
    description: 'The validation titles (titres de compétence) of this sector or one of its sub-sectors (resolved by the training subgraph); null, with an error at this path, when the training subgraph is unavailable or refuses the arguments.',
  })
  validationTitles(
    @Root() sector: SectorReference,
    @Arg('filter', () => ValidationTitleFilter, { nullable: true }) filter: ValidationTitleFilter | null,
    @Arg('orderBy', () => [ValidationTitleOrder], { nullable: true, description: ORDER_BY_DESCRIPTION }) orderBy: ListArgs['orderBy'],
    @Args() page: PageArgs,
    @Ctx() { loaders }: TrainingContext,
  ) {
    return loaders.titlesBySector(sector.id, listArgs(filter, orderBy, page));
  }
}

@Resolver(() => TrainingOperatorType)
export class OperatorTitlesResolver {
  @FieldResolver(() => ValidationTitleConnection, { nullable: true, description: `The validation titles this operator is known to validate. ${NULL_WHEN_UNANSWERED}` })
  validationTitles(
    @Root() operator: { id: string },
    @Arg('filter', () => ValidationTitleFilter, { nullable: true }) filter: ValidationTitleFilter | null,
    @Arg('orderBy', () => [ValidationTitleOrder], { nullable: true, description: ORDER_BY_DESCRIPTION }) orderBy: ListArgs['orderBy'],
    @Args() page: PageArgs,
    @Ctx() { loaders }: TrainingContext,
  ) {
    return loaders.titlesByOperator(operator.id, listArgs(filter, orderBy, page));
  }
}
