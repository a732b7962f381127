import { Field, ID, InputType } from 'type-graphql';
import { Composable, connectionType, orderInput, PartialDateRange, RecordFilter } from '@hub/kit';
import { SfmqProfileKind } from './profile.entity';
import { SfmqProfileType } from './profile.type';

@InputType({ description: 'Which SFMQ profiles to list: every field given must hold (AND); `and` / `or` / `not` combine filters.' })
@Composable('profiles')
export class SfmqProfileFilter extends RecordFilter {
  @Field(() => String, { nullable: true, description: 'Words to look for in the name, id and grappe, regardless of case and accents, typos allowed; results come by relevance unless `orderBy` says otherwise.' })
  search?: string | null;

  @Field(() => [SfmqProfileKind], { nullable: true, description: 'Only profiles of these kinds.' })
  kind?: SfmqProfileKind[] | null;

  @Field(() => [ID], { nullable: true, description: 'Only profiles of one of these sectors or their sub-sectors.' })
  sector?: string[] | null;

  @Field(() => PartialDateRange, { nullable: true, description: 'Only profiles with a government approval stated as falling in this period (any of its statements, when they conflict); approvals of unknown date are left out.' })
  approvedBetween?: PartialDateRange | null;
}

export const SfmqProfileOrder = orderInput({ RELEVANCE: 'RELEVANCE', ID: 'ID', NAME: 'NAME', KIND: 'KIND', UPDATED_AT: 'UPDATED_AT' }, 'SfmqProfile', {
  RELEVANCE: 'How well the profile matches `filter.search` (best first with DESC); needs a search.',
  ID: 'The id.',
  NAME: 'The name.',
  KIND: 'The kind of profile.',
  UPDATED_AT: 'When the hub last stored a change.',
});

export const SfmqProfileConnection = connectionType(SfmqProfileType, 'SfmqProfile', 'SFMQ profile');
