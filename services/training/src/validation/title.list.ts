import { Field, ID, InputType, Int } from 'type-graphql';
import { Composable, connectionType, orderInput, PartialDateRange, RecordFilter } from '@hub/kit';
import { ValidationTitleType } from './title.type';

@InputType({ description: 'Which validation titles to list: every field given must hold (AND); `and` / `or` / `not` combine filters.' })
@Composable('validation titles')
export class ValidationTitleFilter extends RecordFilter {
  @Field(() => String, { nullable: true, description: 'Words to look for in the name, id and units, regardless of case and accents, typos allowed ("comptabl" finds "Aide-comptable"); results come by relevance unless `orderBy` says otherwise.' })
  search?: string | null;

  @Field(() => [ID], { nullable: true, description: 'Only titles of one of these sectors or their sub-sectors.' })
  sector?: string[] | null;

  @Field(() => [ID], { nullable: true, description: 'Only titles one of these training operators is known to validate (`Query.trainingOperators`).' })
  operator?: string[] | null;

  @Field(() => PartialDateRange, { nullable: true, description: 'Only titles whose référentiel may have been approved in this period; unknown approvals are left out.' })
  referentialApprovedBetween?: PartialDateRange | null;

  @Field(() => [Int], { nullable: true, description: 'Only titles with figures published for one of these years.' })
  yearWithFigures?: number[] | null;
}

export const ValidationTitleOrder = orderInput(
  { RELEVANCE: 'RELEVANCE', ID: 'ID', NAME: 'NAME', REFERENTIAL_APPROVED_ON: 'REFERENTIAL_APPROVED_ON', UPDATED_AT: 'UPDATED_AT' },
  'ValidationTitle',
  {
    RELEVANCE: 'How well the title matches `filter.search` (best first with DESC); needs a search.',
    ID: 'The id.',
    NAME: 'The name.',
    REFERENTIAL_APPROVED_ON: 'When its référentiel was approved (unknown last).',
    UPDATED_AT: 'When the hub last stored a change.',
  },
);

export const ValidationTitleConnection = connectionType(ValidationTitleType, 'ValidationTitle', 'validation title');
