import { createHash } from 'node:crypto';
import DataLoader from 'dataloader';
import { GraphQLError } from 'graphql';
import { Field, ID, InputType } from 'type-graphql';
import type { EntityManager } from '@mikro-orm/postgresql';
import { OrderDirection, pageRequest, type Connection, type PageArgs } from './connection';
import { ErrorCode } from './errors';
import { readOnlyEntity } from './loaders';
import { liveRows } from './provenance';
import { searchScore, searchWords } from './search';
import { and, joinSql, or, query, raw, sql, type Sql } from './sql';

/** The filter fields every record list has; each list's filter input extends this (no field returns it, so the schema never shows it). */
@InputType('RecordFilter')
export abstract class RecordFilter {
  @Field(() => [ID], { nullable: true, description: 'Only these ids (one id, or a list).' })
  id?: string[] | null;

  @Field(() => Boolean, { nullable: true, description: 'Only records backed by a public source (verified: true) when true.' })
  verifiedOnly?: boolean | null;

  @Field(() => Date, { nullable: true, description: 'Only records created or changed at or after this time (ISO 8601, e.g. "2026-11-01T00:00:00Z").' })
  changedSince?: Date | null;
}

/** Adds `and`, `or` and `not` to a list's filter input: filters of the same list, combined. */
export function Composable(what: string): ClassDecorator {
  return (type) => {
    Field(() => [type], { nullable: true, description: `Only ${what} matching every one of these filters.` })(type.prototype, 'and');
    Field(() => [type], { nullable: true, description: `Only ${what} matching at least one of these filters.` })(type.prototype, 'or');
    Field(() => type, { nullable: true, description: `Only ${what} not matching this filter.` })(type.prototype, 'not');
  };
}

/** A list filter as the resolvers receive it: its own fields, `search`, and `and` / `or` / `not`. */
export interface FilterValue {
  search?: string | null;
  and?: FilterValue[] | null;
  or?: FilterValue[] | null;
  not?: FilterValue | null;
}

/** How each field of a filter becomes SQL on the list's row `t` (may check its values first). */
export type Predicates = Record<string, (value: any) => Sql | Promise<Sql>>;

/** The SQL condition of a filter: its fields ANDed, with `and` / `or` / `not` composing nested filters. */
export async function compileFilter(filter: FilterValue | null | undefined, predicates: Predicates): Promise<Sql> {
  if (!filter) return raw('true');
  const parts: Sql[] = [];
  for (const [field, value] of Object.entries(filter) as [string, unknown][]) {
    if (value === undefined || value === null) continue;
    if (field === 'and') parts.push(and(await Promise.all((value as FilterValue[]).map((f) => compileFilter(f, predicates)))));
    else if (field === 'or') {
      const branches = await Promise.all((value as FilterValue[]).map((f) => compileFilter(f, predicates)));
      parts.push(or(branches));
    } else if (field === 'not') parts.push(sql`not (${await compileFilter(value as FilterValue, predicates)})`);
    else {
      const predicate = predicates[field];
      if (!predicate) throw new Error(`no SQL for filter field "${field}"`);
      parts.push(await predicate(value));
    }
  }
  return and(parts);
}

export const badFilterValue = (message: string, field: string) =>
  new GraphQLError(message, { extensions: { code: ErrorCode.BAD_USER_INPUT, argument: `filter.${field}` } });

/**
 * One key of an order: an expression that is never null; `fixed` keeps its direction whatever is asked
 * (nulls last). `type` says what its values are, as PostgreSQL gives them and cursors hold them: text
 * (the default), a boolean, or a whole or decimal number written as text (bigint, numeric).
 */
export interface OrderKey {
  sql: Sql;
  fixed?: OrderDirection;
  type?: OrderKeyType;
}
export type OrderKeyType = 'text' | 'boolean' | 'integer' | 'decimal';

/** The order key of a text column: alphabetical regardless of case and accents ("Aéronautique" before "Automobile"). */
export const textKey = (column: string): OrderKey[] => [{ sql: raw(`hub_fold(t.${column}) collate "C"`) }];

/** Order keys for a nullable text column: rows where it is unknown come last, in either direction. */
export const nullsLast = (column: string): OrderKey[] => [
  { sql: raw(`(t.${column} is null)`), fixed: OrderDirection.ASC, type: 'boolean' },
  { sql: raw(`hub_fold(coalesce(t.${column}, '')) collate "C"`) },
];

/** Order keys for a nullable whole-number column: rows where it is unknown come last, in either direction. */
export const nullsLastInteger = (column: string): OrderKey[] => [
  { sql: raw(`(t.${column} is null)`), fixed: OrderDirection.ASC, type: 'boolean' },
  { sql: raw(`coalesce(t.${column}, 0)::bigint`), type: 'integer' },
];

/** What a list reads and how: its table, its filter, its order keys, its searchable name. */
export interface ListDefinition {
  /** The entity its rows hydrate into. */
  entity: Function;
  /** Schema-qualified table, read as `t`. */
  table: string;
  /** What always holds for the rows of this list (e.g. the kinds of party a type covers). */
  scope?: Sql;
  predicates: Predicates;
  /** The order fields analysts may ask for, besides RELEVANCE (with a search) and ID. */
  order: Record<string, OrderKey[]>;
  /** The column holding the record's name or title, weighed first in search relevance. */
  nameColumn: string;
}

/** What a count groups rows by: a value of the row (or of a joined link table), shown under `key`. */
export interface Grouping {
  key: string;
  select: Sql;
  /** A join giving at most one row per record and value (rows are counted, not distinct records). */
  join?: Sql;
  /** Turns the value read into the key's value (e.g. an id into a reference); null stays null. */
  value?: (read: unknown) => unknown;
}

export interface ListArgs {
  filter?: FilterValue | null;
  orderBy?: { field: string; direction: OrderDirection }[] | null;
  page: PageArgs;
}

interface PlannedList {
  where: Sql;
  keys: { sql: Sql; direction: OrderDirection; type?: OrderKeyType }[];
  signature: string;
}

/** A relation to a parent (a sector's conventions): the condition that ties a row `t` to the parent key `p.key`. */
export type ParentLink = Sql;

// Ids and folded text compare byte by byte ("C"), so an order never depends on the database's locale.
const ID_KEY: OrderKey = { sql: raw('t.id collate "C"') };

const encodeCursor = (signature: string, values: unknown[]) => Buffer.from(JSON.stringify([signature, ...values])).toString('base64url');

/** Whether a value of a cursor can be what a key of its type gave (a forged one could break the SQL it goes into). */
const CURSOR_VALUE: Record<OrderKeyType, (value: unknown) => boolean> = {
  text: (value) => typeof value === 'string' && !value.includes('\u0000'),
  boolean: (value) => typeof value === 'boolean',
  integer: (value) => typeof value === 'string' && /^-?\d{1,18}$/.test(value),
  decimal: (value) => typeof value === 'string' && /^-?\d{1,30}(?:\.\d{1,30})?$/.test(value),
};

function decodeCursor(cursor: string, signature: string, keys: PlannedList['keys'], argument: string): unknown[] {
  let decoded: unknown;
  try {
    decoded = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
  } catch {
    decoded = null;
  }
  const typed = (values: unknown[]) => values.every((value, i) => value === null || CURSOR_VALUE[keys[i]?.type ?? 'text'](value));
  if (!Array.isArray(decoded) || typeof decoded[0] !== 'string' || (decoded[0] === signature && !typed(decoded.slice(1)))) {
    throw new GraphQLError(`"${cursor.slice(0, 80)}" is not a cursor: pass an \`endCursor\`, \`startCursor\` or edge \`cursor\` a list returned.`, {
      extensions: { code: ErrorCode.BAD_USER_INPUT, argument },
    });
  }
  if (decoded[0] !== signature || decoded.length !== keys.length + 1) {
    throw new GraphQLError('This cursor was made for another list, order or search: ask the first page again with the new `orderBy` or `search`.', {
      extensions: { code: ErrorCode.BAD_USER_INPUT, argument },
    });
  }
  return decoded.slice(1);
}

/** Rows strictly after (or before) the cursor's row in the order of `keys`. */
function beyondCursor(keys: PlannedList['keys'], values: unknown[], backwards: boolean): Sql {
  const branches = keys.map((key, i) => {
    const ascending = (key.direction === OrderDirection.ASC) !== backwards;
    const equalBefore = keys.slice(0, i).map((k, j) => sql`${k.sql} = ${values[j]}`);
    return and([...equalBefore, sql`${key.sql} ${raw(ascending ? '>' : '<')} ${values[i]}`]);
  });
  return joinSql(branches.map((b) => sql`(${b})`), ' or ');
}

/** Reads pages and counts of one kind of record, for one request (its filters check ids with its loaders). */
export class ListQuery<T> {
  constructor(
    private readonly em: EntityManager,
    private readonly definition: ListDefinition,
  ) {}

  private readonly compiledFilters = new Map<string, Promise<Sql>>();

  /** Deleted records (tombstones) are never listed nor counted. */
  private readonly live = liveRows(this.definition.entity);

  /** The condition rows of this list meet under a filter (its scope included), compiled once: a page and its count share it. */
  private where(filter: FilterValue | null | undefined): Promise<Sql> {
    const key = JSON.stringify(filter ?? null);
    let where = this.compiledFilters.get(key);
    if (!where) {
      where = compileFilter(filter, this.definition.predicates).then((condition) => and([this.live, this.definition.scope ?? raw('true'), condition]));
      this.compiledFilters.set(key, where);
    }
    return where;
  }

  private async plan(args: ListArgs): Promise<PlannedList> {
    const { filter, orderBy } = args;
    const where = await this.where(filter);
    const words = filter?.search ? searchWords(filter.search) : null;
    const asked = orderBy?.length ? orderBy : words ? [{ field: 'RELEVANCE', direction: OrderDirection.DESC }] : [];
    const keys: PlannedList['keys'] = [];
    for (const { field, direction } of [...asked, { field: 'ID', direction: asked.find((o) => o.field === 'ID')?.direction ?? OrderDirection.ASC }]) {
      if (field === 'RELEVANCE' && !words) throw badFilterValue('RELEVANCE orders the results of a search: give `filter.search` too.', 'search');
      const orderKeys =
        field === 'ID' ? [ID_KEY] : field === 'RELEVANCE' ? [{ sql: sql`round(${searchScore(raw('t.search_text'), raw(`t.${this.definition.nameColumn}`), words!)}::numeric, 6)`, type: 'decimal' as const }] : this.definition.order[field];
      for (const key of orderKeys) keys.push({ sql: key.sql, direction: key.fixed ?? direction, type: key.type });
      if (field === 'ID') break; // the id is unique: keys after it would never decide anything
    }
    // what a cursor is valid for: this table, these order keys (the search words are in the relevance key)
    const orderText = JSON.stringify([this.definition.table, ...keys.map((k) => [k.sql.text, k.sql.values, k.direction])]);
    const signature = createHash('sha256').update(orderText).digest('base64url').slice(0, 12);
    return { where, keys, signature };
  }

  private toEntity(row: Record<string, unknown>): T {
    const columns = Object.fromEntries(Object.entries(row).filter(([column]) => !column.startsWith('_')));
    return readOnlyEntity(this.em, this.definition.entity as never, columns) as T;
  }

  /** Pages of the list; with `parents`, one page per parent key (in one statement), tied by `link`. */
  async pages(args: ListArgs, parents?: { keys: readonly string[]; link: ParentLink }): Promise<Map<string, Omit<Connection<T>, 'totalCount'>>> {
    const { where, keys, signature } = await this.plan(args);
    const page = pageRequest(args.page);
    const beyond = page.cursor === null ? raw('true') : beyondCursor(keys, decodeCursor(page.cursor, signature, keys, page.backwards ? 'before' : 'after'), page.backwards);
    const direction = (key: PlannedList['keys'][number]) => raw((key.direction === OrderDirection.ASC) !== page.backwards ? 'asc' : 'desc');
    const selectKeys = joinSql(keys.map((key, i) => sql`${key.sql} as ${raw(`_k${i}`)}`), ', ');
    const orderBy = (prefix: string) => joinSql(keys.map((key, i) => sql`${raw(`${prefix}_k${i}`)} ${direction(key)}`), ', ');
    const inner = (link: Sql) =>
      sql`select t.*, ${selectKeys} from ${raw(this.definition.table)} t where ${link} and ${where} and ${beyond} order by ${joinSql(keys.map((key) => sql`${key.sql} ${direction(key)}`), ', ')} limit ${page.size + 1}`;
    const rows = parents
      ? await query(this.em, sql`select p.key as _parent, x.* from unnest(${[...parents.keys]}) with ordinality as p(key, _ord) cross join lateral (${inner(parents.link)}) x order by p._ord, ${orderBy('x.')}`)
      : (await query(this.em, inner(raw('true')))).map((row) => ({ ...row, _parent: '' }));

    const grouped = new Map<string, Record<string, unknown>[]>((parents?.keys ?? ['']).map((key) => [key, []]));
    for (const row of rows) grouped.get(row._parent as string)?.push(row);
    const result = new Map<string, Omit<Connection<T>, 'totalCount'>>();
    for (const [key, group] of grouped) {
      const more = group.length > page.size;
      const kept = group.slice(0, page.size);
      if (page.backwards) kept.reverse();
      const edges = kept.map((row) => ({ cursor: encodeCursor(signature, keys.map((_, i) => row[`_k${i}`])), node: this.toEntity(row) }));
      result.set(key, {
        edges,
        nodes: edges.map((edge) => edge.node),
        pageInfo: {
          hasNextPage: page.backwards ? page.cursor !== null : more,
          hasPreviousPage: page.backwards ? more : page.cursor !== null,
          startCursor: edges[0]?.cursor ?? null,
          endCursor: edges.at(-1)?.cursor ?? null,
        },
      });
    }
    return result;
  }

  /** How many rows match, over all pages; with `parents`, per parent key (in one statement). */
  async counts(args: ListArgs, parents?: { keys: readonly string[]; link: ParentLink }): Promise<Map<string, number>> {
    const where = await this.where(args.filter);
    const count = (link: Sql) => sql`select count(*)::int from ${raw(this.definition.table)} t where ${link} and ${where}`;
    if (!parents) {
      const [row] = await query<{ count: number }>(this.em, count(raw('true')));
      return new Map([['', row.count]]);
    }
    const rows = await query<{ key: string; n: number }>(this.em, sql`select p.key, (${count(parents.link)}) as n from unnest(${[...parents.keys]}) as p(key)`);
    return new Map(rows.map((row) => [row.key, row.n]));
  }

  /**
   * How many rows match the filter in each group, in one statement: each grouping says what a row is
   * grouped by (joining a link table where needed) and under which key of the answer; a row in several
   * groups (two sectors) counts in each. Largest groups first; the keys not grouped by are null.
   */
  async groupCounts(filter: FilterValue | null | undefined, groupings: Grouping[], keys: readonly string[]): Promise<{ key: Record<string, unknown>; count: number }[]> {
    const where = await this.where(filter);
    const columns = groupings.map((_, i) => `_g${i}`);
    const selects = groupings.map((g, i) => sql`${g.select} as ${raw(columns[i])}, `);
    const joins = groupings.flatMap((g) => (g.join ? [g.join] : []));
    const grouped = columns.length > 0 ? raw(` group by ${columns.join(', ')} order by count desc, ${columns.map((c) => `${c} asc nulls last`).join(', ')}`) : raw('');
    const rows = await query<Record<string, unknown>>(
      this.em,
      sql`select ${joinSql(selects, '')}count(*)::int as count from ${raw(this.definition.table)} t ${joinSql(joins, ' ')} where ${where}${grouped}`,
    );
    return rows.map((row) => {
      const key: Record<string, unknown> = Object.fromEntries(keys.map((name) => [name, null]));
      groupings.forEach((g, i) => (key[g.key] = row[columns[i]] === null ? null : (g.value?.(row[columns[i]]) ?? row[columns[i]])));
      return { key, count: row.count as number };
    });
  }

  /** The whole answer of a top-level list field. */
  async connection(args: ListArgs): Promise<Connection<T>> {
    const page = (await this.pages(args)).get('')!;
    const counts = () => this.counts(args);
    return {
      ...page,
      get totalCount() {
        return counts().then((found) => found.get('')!);
      },
    };
  }
}

/**
 * A list under each parent (a sector's conventions, a party's agreements): the pages of every parent
 * asked with the same arguments are read in one statement, and their counts in one more when asked.
 */
export function nestedConnections<T>(makeList: () => ListQuery<T>, link: ParentLink) {
  let shared: ListQuery<T> | undefined;
  const list = () => (shared ??= makeList()); // one per request: pages and counts share compiled filters
  const pageLoaders = new Map<string, DataLoader<string, Omit<Connection<T>, 'totalCount'>>>();
  const countLoaders = new Map<string, DataLoader<string, number>>();
  const loaderFor = <V>(loaders: Map<string, DataLoader<string, V>>, args: ListArgs, read: (keys: readonly string[]) => Promise<Map<string, V>>) => {
    const argsKey = JSON.stringify(args);
    let loader = loaders.get(argsKey);
    if (!loader) {
      loader = new DataLoader<string, V>(async (keys) => {
        const found = await read(keys);
        return keys.map((key) => found.get(key)!);
      });
      loaders.set(argsKey, loader);
    }
    return loader;
  };
  return async (parentKey: string, args: ListArgs): Promise<Connection<T>> => {
    const page = await loaderFor(pageLoaders, args, (keys) => list().pages(args, { keys, link })).load(parentKey);
    return {
      ...page,
      get totalCount() {
        return loaderFor(countLoaders, args, (keys) => list().counts(args, { keys, link })).load(parentKey);
      },
    };
  };
}
