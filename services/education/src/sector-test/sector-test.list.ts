import { Field, ID, InputType, Int } from 'type-graphql';
import { Composable, connectionType, orderInput, RecordFilter } from '@hub/kit';
import { SectorTestType } from './sector-test.type';

@InputType({ description: 'Which sector tests to list: every field given must hold (AND); `and` / `or` / `not` combine filters. Text fields compare regardless of case and accents.' })
@Composable('sector tests')
export class SectorTestFilter extends RecordFilter {
  @Field(() => String, {
    nullable: true,
    description: 'Words to look for in the name, id, organiser, trades, certificate and partner centres, regardless of case and accents, typos allowed ("soudage" finds the IFPM tests); results come by relevance unless `orderBy` says otherwise.',
  })
  search?: string | null;

  @Field(() => [ID], { nullable: true, description: 'Only tests for one of these sectors or their sub-sectors.' })
  sector?: string[] | null;

  @Field(() => [ID], { nullable: true, description: 'Only tests organised by one of these sector funds (their party ids, e.g. "educam").' })
  organiser?: string[] | null;

  @Field(() => [String], { nullable: true, description: 'Only tests with a trade whose wording contains one of these texts, regardless of case and accents ("usinage" finds "usinage (Usineurs – « Mécatrophy »)").' })
  trade?: string[] | null;

  @Field(() => [Int], { nullable: true, description: 'Only tests with a session in one of these years; sessions whose year no source gives never match.' })
  sessionYear?: number[] | null;
}

export const SectorTestOrder = orderInput({ RELEVANCE: 'RELEVANCE', ID: 'ID', NAME: 'NAME', UPDATED_AT: 'UPDATED_AT' }, 'SectorTest', {
  RELEVANCE: 'How well the test matches `filter.search` (best first with DESC); needs a search.',
  ID: 'The id.',
  NAME: 'The name.',
  UPDATED_AT: 'When the hub last stored a change.',
});

export const SectorTestConnection = connectionType(SectorTestType, 'SectorTest', 'sector test');
