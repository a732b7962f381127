import { Arg, Args, Ctx, FieldResolver, ID, Query, Resolver, Root } from 'type-graphql';
import { NULL_WHEN_UNANSWERED, ORDER_BY_DESCRIPTION, PageArgs, type ListArgs } from '@hub/kit';
import type { TrainingContext } from '../context';
import type { ValidationFigure } from './figure.entity';
import { ValidationFigureConnection, ValidationFigureFilter, ValidationFigureOrder } from './figure.list';
import { ValidationFigureType } from './figure.type';

@Resolver(() => ValidationFigureType)
export class ValidationFigureResolver {
  @Query(() => ValidationFigureType, { nullable: true, description: 'A validation figure by id; null when there is none with that id.' })
  validationFigure(@Arg('id', () => ID) id: string, @Ctx() { loaders }: TrainingContext) {
    return loaders.figureById.load(id);
  }

  @Query(() => ValidationFigureConnection, {
    nullable: true,
    description: `The figures of the validation of competences (CVDC statistics), each as one source states it, filtered, a page at a time (by year with \`orderBy: [{ field: YEAR }]\`). ${NULL_WHEN_UNANSWERED}`,
  })
  validationFigures(
    @Arg('filter', () => ValidationFigureFilter, { nullable: true }) filter: ValidationFigureFilter | null,
    @Arg('orderBy', () => [ValidationFigureOrder], { nullable: true, description: ORDER_BY_DESCRIPTION }) orderBy: ListArgs['orderBy'],
    @Args() page: PageArgs,
    @Ctx() { loaders }: TrainingContext,
  ) {
    return loaders.figures().connection({ filter, orderBy, page });
  }

  @FieldResolver(() => [ValidationFigureType], {
    description: 'The figures other sources give for the same measure, region and period with another value (conflicting sources, side by side); empty when none disagrees.',
  })
  async disagreeingFigures(@Root() figure: ValidationFigure, @Ctx() { loaders }: TrainingContext) {
    return (await loaders.disagreeingFigures.load(figure.id)).map((row) => row.figure);
  }
}
