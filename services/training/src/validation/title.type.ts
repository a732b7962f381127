import { Directive, Field, ID, Int, ObjectType } from 'type-graphql';
import { PartialDateScalar, Source, Sourced, type PartialDate } from '@hub/kit';

@ObjectType('ValidationTitleYear', { description: 'What a source says of a validation title in one year.' })
export class ValidationTitleYearType {
  @Field(() => Int)
  year!: number;

  @Field(() => Int, { nullable: true, description: 'Épreuves (validation tests) held for the title that year; null when the source does not say.' })
  epreuves!: number | null;

  @Field(() => Int, { nullable: true, description: 'Titres de compétence delivered for it that year; null when the source does not say.' })
  titles!: number | null;

  @Field(() => Int, { nullable: true, description: 'Its rank among all titles that year (1: the most validated); null when not ranked.' })
  rank!: number | null;

  @Field(() => String, { nullable: true, description: 'What else the source says of that year, or null.' })
  note!: string | null;

  @Field(() => [Source], { description: 'The pages these figures come from.' })
  sources!: Source[];
}

@ObjectType('ValidationTitle', {
  description: 'A titre de compétence of the Consortium de validation des compétences (CVDC): a trade (métier) whose skills an adult can have validated in an approved centre, with what the sources say of it.',
})
@Directive('@key(fields: "id")')
@Sourced()
export class ValidationTitleType {
  @Field(() => ID, { description: 'Stable slug, e.g. "vt_aide_comptable".' })
  id!: string;

  @Field({ description: 'The trade as the CVDC names it, in French, e.g. "Aide-comptable".' })
  name!: string;

  @Field(() => [String], { nullable: true, description: 'The units of competence (unités de compétence) of its référentiel de validation; null when no source lists them.' })
  units!: string[] | null;

  @Field(() => PartialDateScalar, { nullable: true, description: 'When the government approved its référentiel de validation (at the precision the source gives); null when unknown.' })
  referentialApprovedOn!: PartialDate | null;

  @Field(() => PartialDateScalar, { nullable: true, description: 'When that approval was published in the Moniteur belge; null when unknown.' })
  referentialPublishedOn!: PartialDate | null;

  @Field(() => [ValidationTitleYearType], { description: 'Its figures, one entry per year a source gives, oldest first; empty when none is published.' })
  years!: ValidationTitleYearType[];
}
