import { Field, ID, InputType } from 'type-graphql';
import { Composable, connectionType, orderInput, PartialDateRange, PartialDateScalar, RecordFilter, type PartialDate } from '@hub/kit';
import { LabelStatus } from './centre.entity';
import { CompetenceCentreType } from './centre.type';

/** The provinces of Wallonia, as the province field holds them. */
export const PROVINCES = ['Brabant wallon', 'Hainaut', 'Liège', 'Luxembourg', 'Namur'];

@InputType({ description: 'Which competence centres to list: every field given must hold (AND); `and` / `or` / `not` combine filters. Text fields compare regardless of case and accents ("liege" matches "Liège").' })
@Composable('centres')
export class CompetenceCentreFilter extends RecordFilter {
  @Field(() => String, {
    nullable: true,
    description: 'Words to look for in the name, id, city, sites, province, managing body and scope, regardless of case and accents, typos allowed ("technifutr" finds "Technifutur"); results come by relevance unless `orderBy` says otherwise.',
  })
  search?: string | null;

  @Field(() => [ID], { nullable: true, description: 'Only centres serving one of these sectors or their sub-sectors.' })
  sector?: string[] | null;

  @Field(() => [String], { nullable: true, description: `Only centres in one of these provinces (${PROVINCES.join(', ')}).` })
  province?: string[] | null;

  @Field(() => [String], { nullable: true, description: 'Only centres with a site (the main one or another) in one of these towns or localities.' })
  city?: string[] | null;

  @Field(() => [String], { nullable: true, description: 'Only centres run by one of these bodies, e.g. "Le Forem".' })
  managingBody?: string[] | null;

  @Field(() => [LabelStatus], { nullable: true, description: 'Only centres whose label has one of these statuses.' })
  labelStatus?: LabelStatus[] | null;

  @Field(() => PartialDateScalar, {
    nullable: true,
    description: 'Only centres whose label is valid on this day (YYYY-MM-DD), or at some time in this month or year (YYYY-MM, YYYY); a label with unknown validity is left out.',
  })
  labelActiveOn?: PartialDate | null;

  @Field(() => PartialDateRange, { nullable: true, description: 'Only centres whose label may end in this period; labels with an unknown end are left out.' })
  labelExpiresBetween?: PartialDateRange | null;
}

export const CompetenceCentreOrder = orderInput(
  { RELEVANCE: 'RELEVANCE', ID: 'ID', NAME: 'NAME', PROVINCE: 'PROVINCE', CITY: 'CITY', LABEL_STATUS: 'LABEL_STATUS', LABEL_VALID_TO: 'LABEL_VALID_TO', UPDATED_AT: 'UPDATED_AT' },
  'CompetenceCentre',
  {
    RELEVANCE: 'How well the centre matches `filter.search` (best first with DESC); needs a search.',
    ID: 'The id.',
    NAME: 'The name.',
    PROVINCE: 'The province (unknown last).',
    CITY: 'The town of the main site (unknown last).',
    LABEL_STATUS: 'The label status.',
    LABEL_VALID_TO: 'The end of the label (unknown last).',
    UPDATED_AT: 'When the hub last stored a change.',
  },
);

export const CompetenceCentreConnection = connectionType(CompetenceCentreType, 'CompetenceCentre', 'competence centre');
