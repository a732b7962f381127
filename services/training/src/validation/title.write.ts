import type { EntityManager } from '@mikro-orm/postgresql';
import { Field, ID, InputType, Int } from 'type-graphql';
import {
  applyProvenance,
  badInput,
  checkDistinct,
  checkedName,
  checkSectorsThroughHub,
  Organisation,
  PartialDateScalar,
  PartyKind,
  provenanceSnapshot,
  ProvenanceInput,
  recordWrites,
  rememberSectors,
  replaceList,
  SHARED,
  sourceListsThroughHub,
  firstDay,
  type PartialDate,
  type RecordWriter,
  type Source,
} from '@hub/kit';
import { TitleOperator, TitleSector, ValidationTitle, type TitleYear } from './title.entity';
import { ValidationTitleType } from './title.type';

@InputType({ description: 'What a source says of a validation title in one year.' })
export class ValidationTitleYearInput {
  @Field(() => Int)
  year!: number;

  @Field(() => Int, { nullable: true })
  epreuves?: number | null;

  @Field(() => Int, { nullable: true })
  titles?: number | null;

  @Field(() => Int, { nullable: true })
  rank?: number | null;

  @Field(() => String, { nullable: true })
  note?: string | null;

  @Field(() => [ID], { nullable: true, description: 'The sources of these figures (`Query.sources`).' })
  sources?: string[];
}

@InputType('ValidationTitleFields', { description: 'The fields of a validation title, as a write sets them.' })
export class TitleFields extends ProvenanceInput {
  @Field({ nullable: true })
  name?: string;

  @Field(() => [String], { nullable: true, description: 'The units of competence of its référentiel; null when unknown.' })
  units?: string[] | null;

  @Field(() => PartialDateScalar, { nullable: true })
  referentialApprovedOn?: PartialDate | null;

  @Field(() => PartialDateScalar, { nullable: true, description: 'Publication in the Moniteur belge: not before the approval.' })
  referentialPublishedOn?: PartialDate | null;

  @Field(() => [ValidationTitleYearInput], { nullable: true, description: 'Its figures, one entry per year.' })
  years?: ValidationTitleYearInput[];

  @Field(() => [ID], { nullable: true, description: 'Its sectors: ids of `Query.sectors`, checked with the conventions subgraph.' })
  sectors?: string[];

  @Field(() => [ID], { nullable: true, description: 'The training operators running a validation centre for it: ids of `Query.trainingOperators`.' })
  operators?: string[];
}
type TitleInput = TitleFields & { id: string };

/** The fields of a title that `unverifiedFields` may name. */
export const TITLE_FIELDS = ['name', 'units', 'referentialApprovedOn', 'referentialPublishedOn', 'years', 'sectors', 'operators'];

/** The sources a write names, by the list that names them (`sources`, `years[1].sources`). */
type TitleSources = Map<string, Source[]>;

/** A title as the audit trail and the export show it. */
const snapshot = async (title: ValidationTitle, em: EntityManager) => ({
  name: title.name,
  units: title.units,
  referentialApprovedOn: title.referentialApprovedOn,
  referentialPublishedOn: title.referentialPublishedOn,
  years: title.years.map((y) => ({ year: y.year, epreuves: y.epreuves, titles: y.titles, rank: y.rank, note: y.note, sources: y.sources.map((s) => s.id) })),
  sectors: (await em.find(TitleSector, { title: title.id }, { orderBy: { sectorId: 'asc' } })).map((link) => link.sectorId),
  operators: (await em.find(TitleOperator, { title: title.id }, { orderBy: { operator: 'asc' } })).map((link) => link.operator.id),
  ...provenanceSnapshot(title),
});

/** A whole number of at least `min`, or null when not given. */
const atLeast = (min: number) => (field: string, value: number | null | undefined) => {
  if (value != null && value < min) throw badInput(field, `must be ${min} or more.`);
  return value ?? null;
};
const count = atLeast(0);
const rank = atLeast(1);

/** The yearly figures as given, each year once, oldest first. */
function titleYears(given: ValidationTitleYearInput[], sources: TitleSources): TitleYear[] {
  given.forEach((y, i) => {
    if (y.year < 1990 || y.year > 2100) throw badInput(`years[${i}].year`, `${y.year} is not a year of the validation of competences (1990 to 2100).`);
  });
  checkDistinct('years', given.map((y) => String(y.year)));
  return given
    .map((y, i) => ({
      year: y.year,
      epreuves: count(`years[${i}].epreuves`, y.epreuves),
      titles: count(`years[${i}].titles`, y.titles),
      rank: rank(`years[${i}].rank`, y.rank),
      note: y.note ?? null,
      sources: sources.get(`years[${i}].sources`) ?? [],
    }))
    .sort((a, b) => a.year - b.year);
}

/** Sets the fields a write gives on `title`, each checked; BAD_USER_INPUT names the field at fault. */
function applyFields(title: ValidationTitle, input: Partial<TitleInput>, sources: TitleSources) {
  if (input.name !== undefined) title.name = checkedName('name', input.name);
  if (input.units !== undefined) title.units = input.units === null ? null : input.units.map((unit, i) => checkedName(`units[${i}]`, unit));
  if (input.referentialApprovedOn !== undefined) title.referentialApprovedOn = input.referentialApprovedOn;
  if (input.referentialPublishedOn !== undefined) title.referentialPublishedOn = input.referentialPublishedOn;
  const { referentialApprovedOn: approved, referentialPublishedOn: published } = title;
  if (approved && published && firstDay(published) < firstDay(approved)) throw badInput('referentialPublishedOn', `${published} is before the approval, ${approved}.`);
  if (input.years !== undefined) title.years = titleYears(input.years, sources);
  applyProvenance(title, input, sources.get('sources'), TITLE_FIELDS, 'validation title');
}

/** Replaces the title's sectors and operators when given; the operators are this subgraph's own. */
async function replaceLinks(title: ValidationTitle, input: Partial<TitleInput>, em: EntityManager, created = false) {
  if (input.operators) {
    checkDistinct('operators', input.operators);
    const found = new Set((await em.find(Organisation, { id: { $in: input.operators }, kind: PartyKind.TRAINING_OPERATOR }, SHARED)).map((o) => o.id));
    const missing = input.operators.findIndex((id) => !found.has(id));
    if (missing >= 0) throw badInput(`operators[${missing}]`, `there is no training operator "${input.operators[missing]}" (Query.trainingOperators).`);
  }
  await rememberSectors(em, input.sectors);
  const owner = { title: title.id };
  await replaceList(em, TitleSector, owner, input.sectors?.map((sectorId) => ({ ...owner, sectorId })), created);
  await replaceList(em, TitleOperator, owner, input.operators?.map((operator) => ({ ...owner, operator })), created);
}

/** How validation titles are written, by their mutations and by imports. */
export const titleWriter: RecordWriter<ValidationTitle, TitleInput, TitleSources> = {
  type: 'ValidationTitle',
  entity: ValidationTitle,
  required: ['name'],
  references: async (context, input) => {
    await checkSectorsThroughHub(context, 'sectors', input.sectors);
    const lists: Record<string, string[]> = {};
    if (input.sources !== undefined) lists.sources = input.sources;
    input.years?.forEach((y, i) => (lists[`years[${i}].sources`] = y.sources ?? []));
    return sourceListsThroughHub(context, lists);
  },
  build: async (input, _em, sources) => {
    const title = Object.assign(new ValidationTitle(), { id: input.id });
    applyFields(title, input, sources);
    return title;
  },
  apply: (title, input, _em, sources) => applyFields(title, input, sources),
  link: replaceLinks,
  snapshot,
};

/** createValidationTitle, updateValidationTitle, deleteValidationTitle and a title's history. */
export const TitleWriteResolver = recordWrites({ type: ValidationTitleType, writer: titleWriter, fields: TitleFields, what: 'validation title', who: 'the CVDC (data/rights.json)' });
