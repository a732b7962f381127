import DataLoader from 'dataloader';
import { Field, InputType } from 'type-graphql';
import type { EntityManager } from '@mikro-orm/postgresql';
import { badFilterValue, type Grouping, type OrderKey, type ParentLink, type Predicates } from './list';
import { firstDay, lastDay, PartialDateScalar, type PartialDate } from './partial-date';
import { searchMatches, searchWords } from './search';
import { raw, sql, query, type Sql } from './sql';

@InputType({ description: 'A period given by partial dates; either end may be left open. A date known only to the year or month counts when any part of it falls in the period.' })
export class PartialDateRange {
  @Field(() => PartialDateScalar, { nullable: true, description: 'First day, month or year of the period; open when absent.' })
  from?: PartialDate | null;

  @Field(() => PartialDateScalar, { nullable: true, description: 'Last day, month or year of the period; open when absent.' })
  to?: PartialDate | null;
}

/**
 * Checks that ids exist in a table, batched per request (one statement for every filter of a request
 * that names such ids): an unknown id is a BAD_USER_INPUT naming it, never an empty list.
 */
export function idChecker(em: EntityManager, table: string, what: string) {
  const exists = new DataLoader<string, boolean>(async (ids) => {
    const rows = await query<{ id: string }>(em, sql`select id from ${raw(table)} where id = any(${[...ids]})`);
    const found = new Set(rows.map((row) => row.id));
    return ids.map((id) => found.has(id));
  });
  return async (ids: string[], field: string) => {
    const known = await exists.loadMany(ids);
    const unknown = ids.filter((_, i) => known[i] !== true);
    if (unknown.length > 0) throw badFilterValue(`Unknown ${what} ${unknown.map((id) => JSON.stringify(id.slice(0, 100))).join(', ')} in filter.${field}.`, field);
  };
}

/** Filter fields every record has: id, verifiedOnly, changedSince and search (on its `search_text`). */
export function recordPredicates(checkIds: (ids: string[], field: string) => Promise<void>): Predicates {
  return {
    id: async (ids: string[]) => {
      await checkIds(ids, 'id');
      return sql`t.id = any(${ids})`;
    },
    verifiedOnly: (only: boolean) => (only ? raw('t.verified') : raw('true')),
    changedSince: (since: Date) => sql`t.updated_at >= ${since.toISOString()}::timestamptz`,
    search: (text: string) => searchMatches(raw('t.search_text'), searchWords(text)),
  };
}

/** Text equal to one of the values, regardless of case and accents ("liege" matches "Liège"). */
export const foldedIn = (column: Sql, values: string[]) => sql`hub_fold(${column}) = any(select hub_fold(v) from unnest(${values}) v)`;

/**
 * Valid on a day, or at some time in a month or year: a bound known only to the year or month counts for
 * all of it; an unknown bound cannot establish validity, so the record is left out.
 */
export const activeOn = (from: string, to: string) => (when: PartialDate) =>
  sql`(${raw(`t.${from}`)} is not null and ${raw(`t.${to}`)} is not null and hub_first_day(${raw(`t.${from}`)}) <= ${lastDay(when)}::date and ${firstDay(when)}::date <= hub_last_day(${raw(`t.${to}`)}))`;

/** A partial date that may fall in the period (any day it may stand for); unknown dates are left out. */
export const dateBetween = (column: string) => (range: PartialDateRange) =>
  sql`(${raw(`t.${column}`)} is not null${range.to ? sql` and hub_first_day(${raw(`t.${column}`)}) <= ${lastDay(range.to)}::date` : raw('')}${
    range.from ? sql` and ${firstDay(range.from)}::date <= hub_last_day(${raw(`t.${column}`)})` : raw('')
  })`;

/**
 * A sector id among `ids` (an SQL array), or a sub-sector of one of them: sub-sector ids are
 * "<sector>/<sub-sector>" (subSectorId), so a subgraph that does not own sectors needs no sector table.
 */
export const sectorIn = (column: Sql, ids: Sql) => sql`(${column} = any(${ids}) or split_part(${column}, '/', 1) = any(${ids}))`;

/** Order keys of when the hub last changed a record, in whole microseconds so that cursors hold them exactly. */
export const UPDATED_AT_KEY: OrderKey[] = [{ sql: raw('(extract(epoch from t.updated_at) * 1000000)::bigint'), type: 'integer' }];

/**
 * The records of a list linked to sectors through a link table (`training.title_sector`, its `owner`
 * column naming the record, `sector_id` the sector): the `sector` filter (sub-sectors included; an id
 * the subgraph does not know is refused), the link of the list under each sector, and the count per sector.
 */
export function sectorLinks(em: EntityManager, table: string, owner: string) {
  const checkSectors = idChecker(em, `${em.config.get('schema')}.sector_key`, 'sector');
  const linked = (ids: Sql) => sql`exists (select 1 from ${raw(table)} l where ${raw(`l.${owner}`)} = t.id and ${sectorIn(raw('l.sector_id'), ids)})`;
  return {
    filter: async (ids: string[]) => {
      await checkSectors(ids, 'sector');
      return linked(sql`${ids}`);
    },
    underSector: linked(raw('array[p.key]')) as ParentLink,
  };
}

export type SectorLinks = ReturnType<typeof sectorLinks>;

/** A count's grouping by sector for records linked as `sectorLinks` says: a reference to the sector the gateway resolves in its owner. */
export const sectorGrouping = (table: string, owner: string): Grouping => ({
  key: 'sector',
  select: raw('g_sector.sector_id'),
  join: raw(`left join ${table} g_sector on g_sector.${owner} = t.id`),
  value: (id) => ({ id }),
});
