import { Field, ID, InputType } from 'type-graphql';
import { Composable, connectionType, orderInput, PartialDateRange, RecordFilter } from '@hub/kit';
import { SfmqApprovalBatchType } from './batch.type';

@InputType({ description: 'Which approval batches to list: every field given must hold (AND); `and` / `or` / `not` combine filters.' })
@Composable('approval batches')
export class SfmqApprovalBatchFilter extends RecordFilter {
  @Field(() => String, { nullable: true, description: 'Words to look for in the name and id, regardless of case and accents, typos allowed.' })
  search?: string | null;

  @Field(() => [ID], { nullable: true, description: 'Only batches decided by one of these governments (party ids, e.g. "gov_wallonia").' })
  government?: string[] | null;

  @Field(() => PartialDateRange, { nullable: true, description: 'Only batches decided in this period; batches of unknown date are left out.' })
  decidedBetween?: PartialDateRange | null;
}

export const SfmqApprovalBatchOrder = orderInput({ RELEVANCE: 'RELEVANCE', ID: 'ID', DECIDED_ON: 'DECIDED_ON', UPDATED_AT: 'UPDATED_AT' }, 'SfmqApprovalBatch', {
  RELEVANCE: 'How well the batch matches `filter.search` (best first with DESC); needs a search.',
  ID: 'The id.',
  DECIDED_ON: 'The date of the decision (unknown last).',
  UPDATED_AT: 'When the hub last stored a change.',
});

export const SfmqApprovalBatchConnection = connectionType(SfmqApprovalBatchType, 'SfmqApprovalBatch', 'SFMQ approval batch');
