import type { IncomingMessage, ServerResponse } from 'node:http';
import type { EntityManager } from '@mikro-orm/postgresql';
import { sendJson, type Route } from './http';
import type { Grouping } from './list';
import { joinSql, query, raw, sql, type Sql } from './sql';

/**
 * The most items each list field of a subgraph holds now, by coordinate (`Sector.conventions`): for a
 * root list, its rows; for a nested one, the most any one parent has. Each is an SQL expression giving a
 * whole number; the gateway estimates an operation's cost with them (limits.ts), so an analyst's question
 * is priced by what the data holds, not by the largest page it could ask for.
 */
export type ListSizes = Record<string, Sql>;

/** Where a subgraph tells the gateway its list sizes (a signed GET, as the gateway's other calls). */
export const LIST_SIZES_PATH = '/hub/list-sizes';

/** The live rows of a table (`t`), those `where` keeps. */
export const rowsOf = (table: string, where: Sql = raw('t.deleted_at is null')) => sql`(select count(*) from ${raw(table)} t where ${where})`;

/**
 * The most rows `from` (a table aliased `l`, or a join: `conventions.convention_sector l join …`) any one
 * parent has, the parent being `parent` (a column of `l`, or an expression: a sub-sector's rows count for
 * its sector); `where` keeps the rows that count. Deleted records may still count: an upper bound.
 */
export const mostPerParent = (from: string, parent: string, where: Sql = raw('true')) =>
  sql`(select coalesce(max(n), 0) from (select count(*) as n from ${raw(from)} where ${where} group by ${raw(parent)}) g)`;

/** The most items of a JSON list column of a table's live rows (`t.years`). */
export const mostInJson = (table: string, column: string) => sql`(select coalesce(max(jsonb_array_length(t.${raw(column)})), 0) from ${raw(table)} t where t.deleted_at is null)`;

/**
 * The most groups a count of `table`'s live rows (`t`) can give: its rows joined with every grouping's
 * link table (each joined row is in one group, whichever groupings are asked); at least the one group of a total.
 */
export const groupsAtMost = (table: string, groupings: Record<string, Grouping>) =>
  sql`(select greatest(count(*), 1) from ${raw(table)} t ${joinSql(Object.values(groupings).flatMap((g) => (g.join ? [g.join] : [])), ' ')} where t.deleted_at is null)`;

/** Every size at once, in one statement. */
export async function measureListSizes(em: EntityManager, sizes: ListSizes): Promise<Record<string, number>> {
  const coordinates = Object.keys(sizes);
  if (coordinates.length === 0) return {};
  const [row] = await query<Record<string, string | number>>(em, sql`select ${joinSql(coordinates.map((c, i) => sql`${sizes[c]}::int as ${raw(`s${i}`)}`), ', ')}`);
  return Object.fromEntries(coordinates.map((c, i) => [c, Number(row[`s${i}`])]));
}

/**
 * The route of a subgraph that answers the gateway's GET /hub/list-sizes with `{ sizes: { "Type.field": n } }`
 * (a subgraph's routes are reached only once the gateway's signature holds).
 */
export function listSizesRoute(fork: () => EntityManager, sizes: ListSizes): Route {
  return async (req: IncomingMessage, res: ServerResponse, url: URL) => {
    if (url.pathname !== LIST_SIZES_PATH || req.method !== 'GET') return false;
    sendJson(res, 200, { sizes: await measureListSizes(fork(), sizes) });
    return true;
  };
}
