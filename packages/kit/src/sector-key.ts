import type { EntityManager } from '@mikro-orm/postgresql';
import { Entity, PrimaryKey } from '@mikro-orm/postgresql';
import { Directive, Field, ID, ObjectType } from 'type-graphql';
import type { Context } from './context';
import { ImportError, subSectorId, type ReferenceData } from './reference-data';
import { checkDistinct, checkExistThroughHub } from './writes';

/**
 * A sector or sub-sector id of the conventions subgraph, which owns sectors, in the schema of a subgraph
 * that links its records to sectors: the ids it may link to and accept in a filter, checked there
 * without reading another subgraph's tables.
 */
@Entity({ tableName: 'sector_key' })
export class SectorKey {
  @PrimaryKey({ type: 'text' })
  id!: string;
}

/** The sector entity of the conventions subgraph, as another subgraph extends it (`Sector.competenceCentres`). */
@ObjectType('Sector')
@Directive('@key(fields: "id")')
export class SectorReference {
  @Field(() => ID)
  id!: string;
}

/** Keeps every sector and sub-sector id of the data file; returns them, for the records the file links. */
export async function loadSectorKeys(em: EntityManager, data: ReferenceData): Promise<Set<string>> {
  const ids = new Set(data.sectors.flatMap((s) => [s.id, ...s.subsectors.map((name) => subSectorId(s.id, name))]));
  await em.upsertMany(SectorKey, [...ids].map((id) => ({ id })));
  return ids;
}

/** Checks that the sectors a record of the data file names are among `known` (`loadSectorKeys`); else an import error at `at[j]`. */
export function checkSectorIds(ids: string[], known: Set<string>, at: string) {
  ids.forEach((id, j) => {
    if (!known.has(id)) throw new ImportError(`${at}[${j}]`, `unknown sector "${id}"`);
  });
}

/**
 * Checks the sectors a write names with their owner, through the gateway (each once, each existing); the
 * write then keeps them with `rememberSectors`, so that a sector created since the data file was loaded
 * can be filtered on here.
 */
export async function checkSectorsThroughHub(context: Context, field: string, ids: string[] | undefined) {
  if (!ids?.length) return;
  checkDistinct(field, ids);
  await checkExistThroughHub(context, field, ids, 'sector', 'sectors');
}

/** Adds the sector ids a write links to, once their owner confirmed them (checkSectorsThroughHub). */
export async function rememberSectors(em: EntityManager, ids: string[] | undefined) {
  if (ids?.length) await em.upsertMany(SectorKey, ids.map((id) => ({ id })));
}
