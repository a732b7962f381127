import { Field, ID, InputType } from 'type-graphql';
import { Composable, connectionType, orderInput, PartialDateRange, PartialDateScalar, PartyKind, RecordFilter, type PartialDate } from '@hub/kit';
import { ConventionKind } from './convention.entity';
import { SpecificConventionType } from './convention.type';

@InputType({ description: 'Which specific conventions to list: every field given must hold (AND); `and` / `or` / `not` combine filters.' })
@Composable('conventions')
export class SpecificConventionFilter extends RecordFilter {
  @Field(() => String, { nullable: true, description: 'Words to look for in the title and note, regardless of case and accents, typos allowed ("construction" finds the conventions of the construction sector); results come by relevance unless `orderBy` says otherwise.' })
  search?: string | null;

  @Field(() => [ID], { nullable: true, description: 'Only conventions concerning one of these sectors or their sub-sectors.' })
  sector?: string[] | null;

  @Field(() => [ConventionKind], { nullable: true, description: 'Only conventions of these kinds.' })
  kind?: ConventionKind[] | null;

  @Field(() => [ID], { nullable: true, description: 'Only conventions one of these parties is party to.' })
  party?: string[] | null;

  @Field(() => [PartyKind], { nullable: true, description: 'Only conventions with a party of one of these kinds.' })
  partyKind?: PartyKind[] | null;

  @Field(() => [ID], { nullable: true, description: 'Only conventions carrying out one of these framework agreements.' })
  agreement?: string[] | null;

  @Field(() => PartialDateScalar, {
    nullable: true,
    description: 'Only those valid on this day (YYYY-MM-DD), or at some time in this month or year (YYYY-MM, YYYY). A bound known only to the year or month counts for all of it; records with an unknown bound are left out.',
  })
  activeOn?: PartialDate | null;

  @Field(() => PartialDateRange, { nullable: true, description: 'Only conventions that may have been signed in this period; those with an unknown signature date are left out.' })
  signedBetween?: PartialDateRange | null;
}

export const SpecificConventionOrder = orderInput(
  { RELEVANCE: 'RELEVANCE', ID: 'ID', TITLE: 'TITLE', KIND: 'KIND', SIGNED_ON: 'SIGNED_ON', VALID_FROM: 'VALID_FROM', VALID_TO: 'VALID_TO', UPDATED_AT: 'UPDATED_AT' },
  'SpecificConvention',
  {
    RELEVANCE: 'How well the convention matches `filter.search` (best first with DESC); needs a search.',
    ID: 'The id.',
    TITLE: 'The title.',
    KIND: 'The kind.',
    SIGNED_ON: 'The signature date (unknown last).',
    VALID_FROM: 'The start of validity (unknown last).',
    VALID_TO: 'The end of validity (unknown last).',
    UPDATED_AT: 'When the hub last stored a change.',
  },
);

export const SpecificConventionConnection = connectionType(SpecificConventionType, 'SpecificConvention', 'specific convention');
