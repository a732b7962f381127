import { Arg, Ctx, Field, Int, ObjectType, Query, Resolver, registerEnumType } from 'type-graphql';
import { NULL_WHEN_UNANSWERED, countType, raw, SectorReference, sectorGrouping, type Grouping } from '@hub/kit';
import { TITLE_SECTORS } from '../loaders';
import type { TrainingContext } from '../context';
import { TrainingOperatorType } from '../body/body.type';
import { ValidationMeasure, ValidationRegion } from './figure.entity';
import { ValidationFigureFilter } from './figure.list';
import { ValidationTitleFilter } from './title.list';

const GROUPED = 'Null when not grouped by it, or, when grouped by it, for the records where it is unknown (they form a group of their own).';

export enum TitleGrouping {
  SECTOR = 'SECTOR',
  OPERATOR = 'OPERATOR',
  REFERENTIAL_YEAR = 'REFERENTIAL_YEAR',
}
registerEnumType(TitleGrouping, {
  name: 'ValidationTitleGrouping',
  description: 'What to count validation titles by.',
  valuesConfig: {
    SECTOR: { description: 'Each sector of the title (a title of two sectors counts in both).' },
    OPERATOR: { description: 'Each training operator known to validate it.' },
    REFERENTIAL_YEAR: { description: 'The year its référentiel was approved.' },
  },
});

@ObjectType('ValidationTitleCountKey', { description: `What the titles of a group share. ${GROUPED}` })
export class TitleCountKey {
  @Field(() => SectorReference, { nullable: true, description: `The sector. ${GROUPED}` })
  sector!: SectorReference | null;

  @Field(() => TrainingOperatorType, { nullable: true, description: `The training operator. ${GROUPED}` })
  operator!: TrainingOperatorType | null;

  @Field(() => Int, { nullable: true, description: `The year the référentiel was approved. ${GROUPED}` })
  referentialYear!: number | null;
}
const TitleCount = countType(TitleCountKey, 'ValidationTitleCount', 'validation titles');

export enum FigureGrouping {
  MEASURE = 'MEASURE',
  REGION = 'REGION',
  YEAR = 'YEAR',
}
registerEnumType(FigureGrouping, { name: 'ValidationFigureGrouping', description: 'What to count validation figures by.' });

@ObjectType('ValidationFigureCountKey', { description: `What the figures of a group share. ${GROUPED}` })
export class FigureCountKey {
  @Field(() => ValidationMeasure, { nullable: true, description: `What they count. ${GROUPED}` })
  measure!: ValidationMeasure | null;

  @Field(() => ValidationRegion, { nullable: true, description: `Where. ${GROUPED}` })
  region!: ValidationRegion | null;

  @Field(() => Int, { nullable: true, description: `The year counted. ${GROUPED}` })
  year!: number | null;
}
const FigureCount = countType(FigureCountKey, 'ValidationFigureCount', 'validation figures');

export const TITLE_GROUPINGS: Record<TitleGrouping, Grouping> = {
  SECTOR: sectorGrouping(TITLE_SECTORS, 'title_id'),
  OPERATOR: {
    key: 'operator',
    select: raw('g_operator.operator_id'),
    join: raw('left join training.title_operator g_operator on g_operator.title_id = t.id'),
  },
  REFERENTIAL_YEAR: { key: 'referentialYear', select: raw('substr(t.referential_approved_on, 1, 4)::int') },
};

export const FIGURE_GROUPINGS: Record<FigureGrouping, Grouping> = {
  MEASURE: { key: 'measure', select: raw('t.measure') },
  REGION: { key: 'region', select: raw('t.region') },
  YEAR: { key: 'year', select: raw('t.year') },
};

@Resolver()
export class ValidationCountsResolver {
  @Query(() => [TitleCount], { nullable: true, description: `How many validation titles match the filter, per group (largest first), counted in SQL. No grouping: one group, the total. ${NULL_WHEN_UNANSWERED}` })
  async validationTitleCounts(
    @Arg('groupBy', () => [TitleGrouping], { description: 'What to group by; several keys give one group per combination.' }) groupBy: TitleGrouping[],
    @Arg('filter', () => ValidationTitleFilter, { nullable: true }) filter: ValidationTitleFilter | null,
    @Ctx() { loaders }: TrainingContext,
  ) {
    const groups = await loaders.titles().groupCounts(filter, [...new Set(groupBy)].map((g) => TITLE_GROUPINGS[g]), Object.values(TITLE_GROUPINGS).map((g) => g.key));
    // an operator is this subgraph's own record: the key holds it, read in the same request
    return Promise.all(groups.map(async ({ key, count }) => ({ key: { ...key, operator: key.operator === null ? null : await loaders.organisationById.load(key.operator as string) }, count })));
  }

  @Query(() => [FigureCount], { nullable: true, description: `How many validation figures match the filter, per group (largest first), counted in SQL: e.g. how many sources give a figure per measure and year. ${NULL_WHEN_UNANSWERED}` })
  validationFigureCounts(
    @Arg('groupBy', () => [FigureGrouping], { description: 'What to group by; several keys give one group per combination.' }) groupBy: FigureGrouping[],
    @Arg('filter', () => ValidationFigureFilter, { nullable: true }) filter: ValidationFigureFilter | null,
    @Ctx() { loaders }: TrainingContext,
  ) {
    return loaders.figures().groupCounts(filter, [...new Set(groupBy)].map((g) => FIGURE_GROUPINGS[g]), Object.values(FIGURE_GROUPINGS).map((g) => g.key));
  }
}
