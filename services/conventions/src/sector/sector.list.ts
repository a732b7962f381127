import { Field, InputType } from 'type-graphql';
import { Composable, connectionType, orderInput, RecordFilter } from '@hub/kit';
import { SectorType } from './sector.type';

@InputType({ description: 'Which sectors to list: every field given must hold (AND); `and` / `or` / `not` combine filters.' })
@Composable('sectors')
export class SectorFilter extends RecordFilter {
  @Field(() => String, { nullable: true, description: 'Words to look for in the name and id, regardless of case and accents, typos allowed ("metiers" finds "Métiers de l’eau"); results come by relevance unless `orderBy` says otherwise.' })
  search?: string | null;
}

export const SectorOrder = orderInput({ RELEVANCE: 'RELEVANCE', ID: 'ID', NAME: 'NAME', UPDATED_AT: 'UPDATED_AT' }, 'Sector', {
  RELEVANCE: 'How well the sector matches `filter.search` (best first with DESC); needs a search.',
  ID: 'The id.',
  NAME: 'The name, as published.',
  UPDATED_AT: 'When the hub last stored a change.',
});

export const SectorConnection = connectionType(SectorType, 'Sector', 'sector');
