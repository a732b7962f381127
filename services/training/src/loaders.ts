import type { EntityManager } from '@mikro-orm/postgresql';
import {
  dateBetween,
  findReadOnly,
  idChecker,
  linkLoader,
  ListQuery,
  manyLoader,
  nestedConnections,
  nullsLast,
  nullsLastInteger,
  oneLoader,
  PartyKind,
  organisationLoaders,
  query,
  raw,
  readOnlyEntity,
  recordPredicates,
  sectorLinks,
  type SectorLinks,
  sql,
  textKey,
  UPDATED_AT_KEY,
  type Organisation,
} from '@hub/kit';
import { TitleOperator, TitleSector, ValidationTitle } from './validation/title.entity';
import { ValidationFigure } from './validation/figure.entity';
import type { ValidationFigureFilter, YearRange } from './validation/figure.list';

/** The link table of titles and their sectors. */
export const TITLE_SECTORS = 'training.title_sector';

/** The validation titles, filtered, searched, ordered and paged in SQL, for one request. */
function titleList(em: EntityManager, sectors: SectorLinks) {
  const checkTitles = idChecker(em, 'training.validation_title', 'validation title');
  const checkOperators = idChecker(em, `(select id from training.organisation where kind = '${PartyKind.TRAINING_OPERATOR}') operator`, 'training operator');
  return () =>
    new ListQuery<ValidationTitle>(em, {
      entity: ValidationTitle,
      table: 'training.validation_title',
      predicates: {
        ...recordPredicates(checkTitles),
        sector: sectors.filter,
        operator: async (ids: string[]) => {
          await checkOperators(ids, 'operator');
          return sql`exists (select 1 from training.title_operator l where l.title_id = t.id and l.operator_id = any(${ids}))`;
        },
        referentialApprovedBetween: dateBetween('referential_approved_on'),
        yearWithFigures: (years: number[]) => sql`exists (select 1 from jsonb_array_elements(t.years) y where y->>'year' = any(${years.map(String)}))`,
      },
      nameColumn: 'name',
      order: { NAME: textKey('name'), REFERENTIAL_APPROVED_ON: nullsLast('referential_approved_on'), UPDATED_AT: UPDATED_AT_KEY },
    });
}

const yearsWithin = (range: YearRange) =>
  sql`(t.year is not null${range.from != null ? sql` and t.year >= ${range.from}` : raw('')}${range.to != null ? sql` and t.year <= ${range.to}` : raw('')})`;

/** The validation figures, filtered, ordered and paged in SQL, for one request. */
function figureList(em: EntityManager) {
  const checkFigures = idChecker(em, 'training.validation_figure', 'validation figure');
  return () =>
    new ListQuery<ValidationFigure>(em, {
      entity: ValidationFigure,
      table: 'training.validation_figure',
      predicates: {
        ...recordPredicates(checkFigures),
        measure: (measures: ValidationFigureFilter['measure']) => sql`t.measure = any(${measures})`,
        region: (regions: ValidationFigureFilter['region']) => sql`t.region = any(${regions})`,
        years: yearsWithin,
        cumulative: (cumulative: boolean) => sql`t.cumulative = ${cumulative}`,
      },
      nameColumn: 'stated_as',
      order: {
        YEAR: nullsLastInteger('year'),
        MEASURE: [{ sql: raw('t.measure') }],
        REGION: [{ sql: raw('t.region') }],
        VALUE: [{ sql: raw('t.value::numeric'), type: 'decimal' }],
        UPDATED_AT: UPDATED_AT_KEY,
      },
    });
}

/**
 * The other figures of each figure's measure, region and period that give another value: sources that
 * disagree, side by side. One statement for the whole batch.
 */
function disagreeingFigures(em: EntityManager) {
  return manyLoader(async (ids) => {
    const rows = await query(
      em,
      sql`select f.id as _key, t.* from training.validation_figure f
          join training.validation_figure t on t.id <> f.id and t.deleted_at is null and t.measure = f.measure and t.region = f.region
            and t.cumulative = f.cumulative and t.year is not distinct from f.year and t.since_year is not distinct from f.since_year and t.value <> f.value
          where f.id = any(${[...ids]}) order by t.id`,
    );
    return rows.map(({ _key, ...row }) => ({ key: _key as string, figure: readOnlyEntity(em, ValidationFigure, row) }));
  }, (row) => row.key);
}

/** Every DataLoader of the training subgraph, made anew for each request. */
export function createLoaders(em: EntityManager) {
  const titleSectors = sectorLinks(em, TITLE_SECTORS, 'title_id');
  const titles = titleList(em, titleSectors);
  return {
    ...organisationLoaders(em),
    titles,
    figures: figureList(em),
    titleById: oneLoader((ids) => findReadOnly(em, ValidationTitle, 'id', ids), (t) => t.id),
    figureById: oneLoader((ids) => findReadOnly(em, ValidationFigure, 'id', ids), (f) => f.id),
    sectorIdsByTitle: manyLoader((ids) => findReadOnly(em, TitleSector, 'title', ids, 'sectorId'), (s) => s.title.id),
    operatorsByTitle: linkLoader<Organisation>(em, TitleOperator, 'title', 'operator'),
    disagreeingFigures: disagreeingFigures(em),
    // the nested lists: every parent's page in one statement per distinct set of arguments
    titlesBySector: nestedConnections(titles, titleSectors.underSector),
    titlesByOperator: nestedConnections(titles, sql`exists (select 1 from training.title_operator l where l.title_id = t.id and l.operator_id = p.key)`),
  };
}

export type Loaders = ReturnType<typeof createLoaders>;

