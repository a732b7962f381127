import { Field, InputType } from 'type-graphql';
import { Composable, connectionType, orderInput, RecordFilter } from '@hub/kit';
import { FactType } from './fact.type';

@InputType({ description: 'Which facts to list: every field given must hold (AND); `and` / `or` / `not` combine filters.' })
@Composable('facts')
export class FactFilter extends RecordFilter {
  @Field(() => String, { nullable: true, description: 'Words to look for in the text and note, regardless of case and accents, typos allowed; results come by relevance unless `orderBy` says otherwise.' })
  search?: string | null;
}

export const FactOrder = orderInput({ RELEVANCE: 'RELEVANCE', ID: 'ID', UPDATED_AT: 'UPDATED_AT' }, 'Fact', {
  RELEVANCE: 'How well the fact matches `filter.search` (best first with DESC); needs a search.',
  ID: 'The id.',
  UPDATED_AT: 'When the hub last stored a change.',
});

export const FactConnection = connectionType(FactType, 'Fact', 'fact');
