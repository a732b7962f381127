import { Field, Float, InputType, Int } from 'type-graphql';
import { applyProvenance, badInput, checkedName, provenanceSnapshot, ProvenanceInput, recordWrites, sourcesThroughHub, type RecordWriter, type Source } from '@hub/kit';
import { FigureQualifier, ValidationFigure, ValidationMeasure, ValidationRegion } from './figure.entity';
import { ValidationFigureType } from './figure.type';

@InputType('ValidationFigureFields', { description: 'The fields of a validation figure, as a write sets them.' })
export class FigureFields extends ProvenanceInput {
  @Field(() => ValidationMeasure, { nullable: true })
  measure?: ValidationMeasure;

  @Field(() => ValidationRegion, { nullable: true })
  region?: ValidationRegion;

  @Field(() => Int, { nullable: true })
  year?: number | null;

  @Field({ nullable: true })
  cumulative?: boolean;

  @Field(() => Int, { nullable: true, description: 'First year of a running total: needs `cumulative`, not after `year`.' })
  sinceYear?: number | null;

  @Field(() => Float, { nullable: true, description: 'A share from 0 to 1 for SUCCESS_RATE, a whole number of 0 or more otherwise.' })
  value?: number;

  @Field(() => FigureQualifier, { nullable: true })
  qualifier?: FigureQualifier;

  @Field({ nullable: true, description: 'The source’s own words for the figure.' })
  statedAs?: string;

  @Field(() => String, { nullable: true })
  periodText?: string | null;
}
type FigureInput = FigureFields & { id: string };

/** The fields of a figure that `unverifiedFields` may name. */
export const FIGURE_FIELDS = ['measure', 'region', 'year', 'cumulative', 'sinceYear', 'value', 'qualifier', 'statedAs', 'periodText'];

const snapshot = (f: ValidationFigure) => ({
  measure: f.measure,
  region: f.region,
  year: f.year,
  cumulative: f.cumulative,
  sinceYear: f.sinceYear,
  value: f.value,
  qualifier: f.qualifier,
  statedAs: f.statedAs,
  periodText: f.periodText,
  ...provenanceSnapshot(f),
});

const checkedYear = (field: string, year: number | null) => {
  if (year !== null && (year < 1990 || year > 2100)) throw badInput(field, `${year} is not a year of the validation of competences (1990 to 2100).`);
  return year;
};

/** Sets the fields a write gives, then checks the figure as a whole (its value against its measure, its span). */
function applyFields(figure: ValidationFigure, input: Partial<FigureInput>, sources: Source[] | undefined) {
  if (input.measure !== undefined) figure.measure = input.measure;
  if (input.region !== undefined) figure.region = input.region;
  if (input.year !== undefined) figure.year = checkedYear('year', input.year);
  if (input.cumulative !== undefined) figure.cumulative = input.cumulative;
  if (input.sinceYear !== undefined) figure.sinceYear = checkedYear('sinceYear', input.sinceYear);
  if (input.value !== undefined) figure.value = input.value;
  if (input.qualifier !== undefined) figure.qualifier = input.qualifier;
  if (input.statedAs !== undefined) figure.statedAs = checkedName('statedAs', input.statedAs);
  if (input.periodText !== undefined) figure.periodText = input.periodText === null ? null : checkedName('periodText', input.periodText);
  const share = figure.measure === ValidationMeasure.SUCCESS_RATE;
  if (share ? figure.value < 0 || figure.value > 1 : figure.value < 0 || !Number.isInteger(figure.value)) {
    throw badInput('value', share ? `a success rate is a share from 0 to 1, not ${figure.value}.` : `a count is a whole number of 0 or more, not ${figure.value}.`);
  }
  if (figure.sinceYear !== null && !figure.cumulative) throw badInput('sinceYear', 'only a running total (cumulative: true) starts in a year.');
  if (figure.sinceYear !== null && figure.year !== null && figure.sinceYear > figure.year) throw badInput('sinceYear', `${figure.sinceYear} is after the year counted, ${figure.year}.`);
  applyProvenance(figure, input, sources, FIGURE_FIELDS, 'validation figure');
}

/** How validation figures are written, by their mutations and by imports. */
export const figureWriter: RecordWriter<ValidationFigure, FigureInput, Source[] | undefined> = {
  type: 'ValidationFigure',
  entity: ValidationFigure,
  required: ['measure', 'region', 'value', 'statedAs'],
  references: async (context, input) => (input.sources === undefined ? undefined : sourcesThroughHub(context, input.sources)),
  build: async (input, _em, sources) => {
    const figure = Object.assign(new ValidationFigure(), { id: input.id });
    applyFields(figure, input, sources);
    return figure;
  },
  apply: (figure, input, _em, sources) => applyFields(figure, input, sources),
  snapshot,
};

/** createValidationFigure, updateValidationFigure, deleteValidationFigure and a figure's history. */
export const FigureWriteResolver = recordWrites({ type: ValidationFigureType, writer: figureWriter, fields: FigureFields, what: 'validation figure', who: 'the CVDC (data/rights.json)' });
