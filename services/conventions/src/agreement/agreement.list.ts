import { Field, ID, InputType } from 'type-graphql';
import { Composable, connectionType, orderInput, PartialDateRange, PartialDateScalar, RecordFilter, type PartialDate } from '@hub/kit';
import { FrameworkAgreementType } from './agreement.type';

@InputType({ description: 'Which framework agreements to list: every field given must hold (AND); `and` / `or` / `not` combine filters.' })
@Composable('agreements')
export class FrameworkAgreementFilter extends RecordFilter {
  @Field(() => String, { nullable: true, description: 'Words to look for in the title, programme, content and note, regardless of case and accents, typos allowed; results come by relevance unless `orderBy` says otherwise.' })
  search?: string | null;

  @Field(() => [ID], { nullable: true, description: 'Only agreements covering one of these sectors or their sub-sectors.' })
  sector?: string[] | null;

  @Field(() => [ID], { nullable: true, description: 'Only agreements signed by one of these parties.' })
  signatory?: string[] | null;

  @Field(() => [String], { nullable: true, description: 'Only agreements of one of these programmes (exact name, regardless of case and accents).' })
  programme?: string[] | null;

  @Field(() => PartialDateScalar, {
    nullable: true,
    description: 'Only those valid on this day (YYYY-MM-DD), or at some time in this month or year (YYYY-MM, YYYY). A bound known only to the year or month counts for all of it; records with an unknown bound are left out.',
  })
  activeOn?: PartialDate | null;

  @Field(() => PartialDateRange, { nullable: true, description: 'Only agreements that may have been signed in this period; those with an unknown signature date are left out.' })
  signedBetween?: PartialDateRange | null;
}

export const FrameworkAgreementOrder = orderInput(
  { RELEVANCE: 'RELEVANCE', ID: 'ID', TITLE: 'TITLE', SIGNED_ON: 'SIGNED_ON', VALID_FROM: 'VALID_FROM', VALID_TO: 'VALID_TO', UPDATED_AT: 'UPDATED_AT' },
  'FrameworkAgreement',
  {
    RELEVANCE: 'How well the agreement matches `filter.search` (best first with DESC); needs a search.',
    ID: 'The id.',
    TITLE: 'The title.',
    SIGNED_ON: 'The signature date (unknown last).',
    VALID_FROM: 'The start of validity (unknown last).',
    VALID_TO: 'The end of validity (unknown last).',
    UPDATED_AT: 'When the hub last stored a change.',
  },
);

export const FrameworkAgreementConnection = connectionType(FrameworkAgreementType, 'FrameworkAgreement', 'framework agreement');
