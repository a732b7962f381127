import { Directive, Field, Float, ID, Int, ObjectType, registerEnumType } from 'type-graphql';
import { Sourced } from '@hub/kit';
import { FigureQualifier, ValidationMeasure, ValidationRegion } from './figure.entity';

registerEnumType(ValidationMeasure, {
  name: 'ValidationMeasure',
  description: 'What a figure of validation of competences counts.',
  valuesConfig: {
    TITLES_DELIVERED: { description: 'Titres de compétence delivered.' },
    HOLDERS: { description: 'People who received titles.' },
    EPREUVES: { description: 'Épreuves (validation tests) held.' },
    SUCCESS_RATE: { description: 'Share of épreuves passed, from 0 to 1.' },
    TRADES_OFFERED: { description: 'Trades (métiers) open to validation.' },
    APPROVED_CENTRES: { description: 'Approved validation centres (centres de validation agréés).' },
    SECTORS_COVERED: { description: 'Sectors the trades open to validation belong to.' },
  },
});
registerEnumType(ValidationRegion, {
  name: 'ValidationRegion',
  description: 'Where a figure counts.',
  valuesConfig: {
    WALLONIA_BRUSSELS: { description: 'Wallonia and Brussels together: the whole of the CVDC.' },
    WALLONIA: { description: 'Wallonia only.' },
    BRUSSELS: { description: 'The Brussels-Capital Region only.' },
  },
});
registerEnumType(FigureQualifier, {
  name: 'FigureQualifier',
  description: 'How exact the source says the figure is.',
  valuesConfig: {
    EXACT: { description: 'As given.' },
    ABOUT: { description: '"Environ", "quelque": about this many.' },
    MORE_THAN: { description: '"Plus de": more than this.' },
    ALMOST: { description: '"Près de", "almost": a little less than this.' },
  },
});

@ObjectType('ValidationFigure', {
  description:
    'One figure of the validation of competences (CVDC statistics: titles, épreuves, centres, trades…) as one source states it. Sources that disagree each give a figure of their own for the same measure and period: they are kept side by side (see `disagreeingFigures`), never merged.',
})
@Directive('@key(fields: "id")')
@Sourced()
export class ValidationFigureType {
  @Field(() => ID, { description: 'Stable slug, e.g. "vf_2022_titles".' })
  id!: string;

  @Field(() => ValidationMeasure)
  measure!: ValidationMeasure;

  @Field(() => ValidationRegion)
  region!: ValidationRegion;

  @Field(() => Int, { nullable: true, description: 'The year counted (for a running total, the year it was reached); null when the source gives no year (see `periodText`).' })
  year!: number | null;

  @Field({ description: 'True for a running total (since the start, or since `sinceYear`) rather than one year.' })
  cumulative!: boolean;

  @Field(() => Int, { nullable: true, description: 'First year of a running total; null for one year, or when the total runs from the start.' })
  sinceYear!: number | null;

  @Field(() => Float, { description: 'The figure (a share from 0 to 1 for SUCCESS_RATE).' })
  value!: number;

  @Field(() => FigureQualifier)
  qualifier!: FigureQualifier;

  @Field({ description: 'The source’s own words for the figure, verbatim.' })
  statedAs!: string;

  @Field(() => String, { nullable: true, description: 'The period as the source words it when it gives no year ("l’an dernier"); null otherwise.' })
  periodText!: string | null;
}
