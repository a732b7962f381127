import DataLoader from 'dataloader';
import type { EntityManager, EntityName } from '@mikro-orm/postgresql';

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
 * A loader of the entities linked to each key through a link table: one query (link joined to its
 * target) per batch, ordered by the target's id.
 */
export function linkLoader<T>(
  em: EntityManager,
  link: EntityName<any>,
  from: string,
  to: string,
  targetKey = 'id',
): DataLoader<string, T[]> {
  return new DataLoader(async (keys) => {
    const rows = await em.find(link, { [from]: { $in: keys } }, { populate: [to] as never[], orderBy: { [to]: { [targetKey]: 'asc' } } });
    return groupByKey(keys, rows, (row: any) => row[from].id).map((group) => group.map((row: any) => row[to] as T));
  });
}
