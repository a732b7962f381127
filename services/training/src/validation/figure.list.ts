import { Field, InputType, Int } from 'type-graphql';
import { Composable, connectionType, orderInput, RecordFilter } from '@hub/kit';
import { ValidationMeasure, ValidationRegion } from './figure.entity';
import { ValidationFigureType } from './figure.type';

@InputType({ description: 'A span of years; either end may be left open.' })
export class YearRange {
  @Field(() => Int, { nullable: true })
  from?: number | null;

  @Field(() => Int, { nullable: true })
  to?: number | null;
}

@InputType({ description: 'Which validation figures to list: every field given must hold (AND); `and` / `or` / `not` combine filters.' })
@Composable('validation figures')
export class ValidationFigureFilter extends RecordFilter {
  @Field(() => String, { nullable: true, description: 'Words to look for in the figure as the source states it, regardless of case and accents, typos allowed.' })
  search?: string | null;

  @Field(() => [ValidationMeasure], { nullable: true, description: 'Only figures of these measures.' })
  measure?: ValidationMeasure[] | null;

  @Field(() => [ValidationRegion], { nullable: true, description: 'Only figures for these regions.' })
  region?: ValidationRegion[] | null;

  @Field(() => YearRange, { nullable: true, description: 'Only figures counted in these years (a running total: the year it was reached); figures with no year are left out.' })
  years?: YearRange | null;

  @Field(() => Boolean, { nullable: true, description: 'Only running totals (true), or only one year’s figures (false).' })
  cumulative?: boolean | null;
}

export const ValidationFigureOrder = orderInput(
  { RELEVANCE: 'RELEVANCE', ID: 'ID', YEAR: 'YEAR', MEASURE: 'MEASURE', REGION: 'REGION', VALUE: 'VALUE', UPDATED_AT: 'UPDATED_AT' },
  'ValidationFigure',
  {
    RELEVANCE: 'How well the figure matches `filter.search` (best first with DESC); needs a search.',
    ID: 'The id.',
    YEAR: 'The year counted (unknown last).',
    MEASURE: 'What it counts.',
    REGION: 'Where it counts.',
    VALUE: 'The figure.',
    UPDATED_AT: 'When the hub last stored a change.',
  },
);

export const ValidationFigureConnection = connectionType(ValidationFigureType, 'ValidationFigure', 'validation figure');
