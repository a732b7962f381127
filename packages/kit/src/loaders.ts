import DataLoader from 'dataloader';
import type { EntityClass, EntityManager } from '@mikro-orm/postgresql';
import { liveRows } from './provenance';
import { columnOf, query, sql, tableOf } from './sql';

/** Orders `rows` as `keys`: one row (or null) per key, as DataLoader expects. */
export function byKey<K, R>(keys: readonly K[], rows: readonly R[], keyOf: (row: R) => K): (R | null)[] {
  const index = new Map(rows.map((row) => [keyOf(row), row] as const));
  return keys.map((key) => index.get(key) ?? null);
}

/** Groups `rows` by key in `keys` order: a list (maybe empty) per key. */
export function groupByKey<K, R>(keys: readonly K[], rows: readonly R[], keyOf: (row: R) => K): R[][] {
  const groups = new Map<K, R[]>(keys.map((key) => [key, []]));
  for (const row of rows) groups.get(keyOf(row))?.push(row);
  return keys.map((key) => groups.get(key)!);
}

/** A loader of one row per key, fetched with one query for the whole batch. */
export function oneLoader<R>(fetch: (keys: readonly string[]) => Promise<R[]>, keyOf: (row: R) => string) {
  return new DataLoader<string, R | null>(async (keys) => byKey(keys, await fetch(keys), keyOf));
}

/** A loader of a list per key, fetched with one query for the whole batch. */
export function manyLoader<R>(fetch: (keys: readonly string[]) => Promise<R[]>, keyOf: (row: R) => string) {
  return new DataLoader<string, R[]>(async (keys) => groupByKey(keys, await fetch(keys), keyOf));
}

/**
 * An entity made from a row of its table (column names), only to be read: not merged into the request's
 * identity map, so MikroORM takes no snapshot of it for change tracking (em.map and em.find do, copying
 * every JSON column: the largest cost of a read in a profile of the conventions subgraph). What a write
 * changes it loads itself, locked (lockedAt); lists and loaders serve reads.
 */
export function readOnlyEntity<T extends object>(em: EntityManager, entity: EntityClass<T>, row: Record<string, unknown>): T {
  const data = em.getDriver().mapResult(row as never, em.getMetadata().get(entity.name)) as Record<string, unknown>;
  return em.getEntityFactory().create(entity, data as never, { merge: false, initialized: true, newEntity: false, convertCustomTypes: true });
}

/**
 * The live records (no tombstone) whose `property` is one of `keys`, read only (readOnlyEntity), ordered
 * by `orderBy`: one statement, as em.find would run, without its bookkeeping.
 */
export async function findReadOnly<T extends object>(em: EntityManager, entity: EntityClass<T>, property: string, keys: readonly unknown[], orderBy = 'id'): Promise<T[]> {
  const column = (name: string) => columnOf(em, entity, name);
  const rows = await query(em, sql`select t.* from ${tableOf(em, entity)} t where ${column(property)} = any(${[...keys]}) and ${liveRows(entity)} order by ${column(orderBy)}`);
  return rows.map((row) => readOnlyEntity(em, entity, row));
}

/**
 * A loader of the entities linked to each key through a link table: one statement (link joined to its
 * live target) per batch, ordered by the target's `targetKey`, read only.
 */
export function linkLoader<T extends object>(
  em: EntityManager,
  link: EntityClass<object>,
  from: string,
  to: string,
  targetKey = 'id',
): DataLoader<string, T[]> {
  const targetMeta = em.getMetadata().get(link.name).properties[to as never].targetMeta!;
  const target = targetMeta.class as EntityClass<T>;
  const [fromColumn, toColumn] = [columnOf(em, link, from, 'l'), columnOf(em, link, to, 'l')];
  const targetColumn = (name: string) => columnOf(em, target, name);
  return new DataLoader(async (keys) => {
    const rows = await query(
      em,
      sql`select ${fromColumn} as _key, t.* from ${tableOf(em, link)} l join ${tableOf(em, target)} t on ${targetColumn(targetMeta.primaryKeys[0])} = ${toColumn} and ${liveRows(target)}
          where ${fromColumn} = any(${[...keys]}) order by ${targetColumn(targetKey)}`,
    );
    return groupByKey(keys, rows, (row) => row._key as string).map((group) => group.map(({ _key, ...row }) => readOnlyEntity(em, target, row)));
  });
}
