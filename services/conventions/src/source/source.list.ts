import { Field, ID, InputType } from 'type-graphql';
import { Composable, connectionType, orderInput, Source } from '@hub/kit';

@InputType({ description: 'Which sources to list: every field given must hold (AND); `and` / `or` / `not` combine filters.' })
@Composable('sources')
export class SourceFilter {
  @Field(() => [ID], { nullable: true, description: 'Only these ids (one id, or a list), e.g. "S01".' })
  id?: string[] | null;

  @Field(() => String, { nullable: true, description: 'Words to look for in the title, address and excerpt, regardless of case and accents, typos allowed; results come by relevance unless `orderBy` says otherwise.' })
  search?: string | null;
}

export const SourceOrder = orderInput({ RELEVANCE: 'RELEVANCE', ID: 'ID', TITLE: 'TITLE', URL: 'URL' }, 'Source', {
  RELEVANCE: 'How well the source matches `filter.search` (best first with DESC); needs a search.',
  ID: 'The id.',
  TITLE: 'The title.',
  URL: 'The address.',
});

export const SourceConnection = connectionType(Source, 'Source', 'source');
