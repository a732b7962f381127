import { createHash } from 'node:crypto';
import { LockMode, UniqueConstraintViolationException, type EntityClass, type EntityData, type EntityManager } from '@mikro-orm/postgresql';
import { GraphQLError } from 'graphql';
import { Field, ID, InputType, Int, ObjectType, type ClassType } from 'type-graphql';
import { appendAudit, type AuditOperation, type RecordSnapshot } from './audit';
import { query, sql, tableOf, type Sql } from './sql';
import type { Context } from './context';
import { ErrorCode } from './errors';
import { firstDay, lastDay, type PartialDate } from './partial-date';
import { PARTY_TYPES, type PartyKind } from './party';
import type { Source, SourcedEntity } from './provenance';
import type { WriteTarget } from './rights';

/**
 * How a write reads a record it names (an agreement, a sector, a decision): FOR SHARE, so that a deletion
 * of it at the same moment either waits for the write, then sees it named, or goes first, and the write
 * no longer finds it.
 */
export const SHARED = { lockMode: LockMode.PESSIMISTIC_READ } as const;

/** A record that can be written through the API: sourced, with an id. */
export type WritableEntity = SourcedEntity & { id: string };

/** An update of one record, as a mutation asks it. */
export interface RecordUpdate<E extends WritableEntity> {
  /** The GraphQL type (`Sector`): what the rights and the audit trail call it. */
  type: string;
  entity: EntityClass<E>;
  /**
   * The mutation's input: the record's id, the version the caller read (the update is refused if it is no
   * longer current), and the fields it sets, which the rights see as given (they may withhold some).
   */
  input: { id: string; version: number };
  /** Checks the new values (references included) and sets them; throws BAD_USER_INPUT naming the field at fault. */
  apply(record: E, em: EntityManager): Promise<void> | void;
  /** The record's fields as the API shows them, for the audit trail. */
  snapshot(record: E, em: EntityManager): Promise<RecordSnapshot> | RecordSnapshot;
}

/** The provenance every writable record carries, as a write may set it: each write input extends it. */
@InputType('ProvenanceInput', { description: 'The provenance of a record, as a write sets it.' })
export abstract class ProvenanceInput {
  @Field(() => [ID], { nullable: true, description: 'The ids of the public pages (`Query.sources`) the record rests on: at least one when it is verified.' })
  sources?: string[];

  @Field({ nullable: true, description: 'False when no public source backs the record.' })
  verified?: boolean;

  @Field(() => [String], { nullable: true, description: 'The fields of the record (their GraphQL names) that no source backs.' })
  unverifiedFields?: string[];

  @Field(() => String, { nullable: true, description: 'Curator note: conflicts between sources, inferences, renamings.' })
  note?: string | null;
}

type FieldsInput = abstract new () => object;

/** `Create<X>Input`: the fields of a record, and the id of the new one. */
export function creationInput<T extends FieldsInput>(fields: T, name: string, description: string) {
  @InputType(name, { description })
  class Creation extends (fields as unknown as new () => object) {
    @Field(() => ID, { description: 'The new record’s id: 2 to 100 lower-case letters, digits, "_" or "-".' })
    id!: string;
  }
  return Creation as unknown as new () => InstanceType<T> & { id: string };
}

/** `Update<X>Input`: the record a change is to, the version of it the caller read, and the fields it sets. */
export function changeInput<T extends FieldsInput>(fields: T, name: string, description: string) {
  @InputType(name, { description: `${description} The fields given are set (null clears; a list replaces the old one), the others kept.` })
  class Change extends (fields as unknown as new () => object) {
    @Field(() => ID)
    id!: string;

    @Field(() => Int, { description: 'The `version` you read: the change is refused (CONFLICT) if someone changed the record since.' })
    version!: number;
  }
  return Change as unknown as new () => InstanceType<T> & { id: string; version: number };
}

/** `<Mutation>Payload { record }`: the record as the write left it. */
export function payloadType<T extends object>(record: ClassType<T>, name: string, description: string) {
  @ObjectType(name, { description })
  class Payload {
    @Field(() => record)
    record!: T;
  }
  return Payload;
}

/** A record's provenance as the audit trail shows it (spread into each type's snapshot). */
export const provenanceSnapshot = (record: WritableEntity) => ({
  sources: record.sources.map((source) => source.id),
  verified: record.verified,
  unverifiedFields: record.unverifiedFields,
  note: record.note,
});

/** A list of ids given once each (`sectors[2]: "bois" is given twice`), as its table keys them. */
export function checkDistinct(field: string, ids: readonly string[] | undefined) {
  const repeated = ids?.findIndex((id, i) => ids.indexOf(id) !== i) ?? -1;
  if (repeated >= 0) throw badInput(`${field}[${repeated}]`, `"${ids![repeated]}" is given twice.`);
}

/** Sets the provenance a write gives, each part checked against the record's `fields` (GraphQL names). */
export function applyProvenance(record: WritableEntity, given: ProvenanceInput, sources: Source[] | undefined, fields: readonly string[], what: string) {
  if (sources !== undefined) record.sources = sources;
  if (given.verified !== undefined) record.verified = given.verified;
  if (given.unverifiedFields !== undefined) record.unverifiedFields = checkedUnverifiedFields(given.unverifiedFields, fields, what);
  if (given.note !== undefined) record.note = given.note;
  checkSourced(record, what);
}

/** A name as given, trimmed: 1 to 300 characters, else BAD_USER_INPUT naming `field`. */
export function checkedName(field: string, given: string): string {
  const name = given.trim();
  if (!name || name.length > 300) throw badInput(field, 'must hold 1 to 300 characters.');
  return name;
}

/** A website as given: an http(s) address, or null to clear it; else BAD_USER_INPUT naming `field`. */
export function checkedWebsite(field: string, given: string | null): string | null {
  if (given !== null && !/^https?:\/\/[^\s/]+\.[^\s]+$/.test(given)) throw badInput(field, `"${given.slice(0, 100)}" is not an http(s) address.`);
  return given;
}

/** Every field an input gives, so that none can slip past the rights by being left off a list. */
const givenFields = (input: object) =>
  Object.entries(input)
    .filter(([name, value]) => name !== 'id' && name !== 'version' && value !== undefined)
    .map(([name]) => name);

/** A new record, as a mutation asks it. */
export interface RecordCreation<E extends WritableEntity> {
  type: string;
  entity: EntityClass<E>;
  /** The mutation's input: the new record's id and the fields it sets, which the rights see as given. */
  input: { id: string };
  /** What the id must look like, when not a plain slug (a sub-sector's is `<sector>/<slug>`). */
  idRule?: { pattern: RegExp; description: string };
  /** Checks the values (references included) and makes the record, unsaved; throws BAD_USER_INPUT naming the field at fault. */
  build(em: EntityManager): Promise<E>;
  /** After the record is saved: its links (a convention's sectors, parties…), in the same transaction. */
  link?(record: E, em: EntityManager): Promise<void>;
  snapshot(record: E, em: EntityManager): Promise<RecordSnapshot> | RecordSnapshot;
}

const RECORD_ID = /^[a-z0-9][a-z0-9_-]{1,99}$/;
const ID_RULE = '2 to 100 lower-case letters, digits, "_" or "-", starting with a letter or digit';

/** An id a new record may have (a slug, unless `rule` says otherwise); else BAD_USER_INPUT. */
export function checkRecordId(id: string, rule = { pattern: RECORD_ID, description: ID_RULE }) {
  if (!rule.pattern.test(id)) throw badInput('id', `must be ${rule.description}.`);
}

/** The rule of a sub-record's id: its parent's id, "/", and a slug (`construction/gros-oeuvre`). */
export const childIdRule = (parent: string) => ({
  pattern: new RegExp(`^${parent.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}/[a-z0-9][a-z0-9_-]{1,99}$`),
  description: `"${parent}/" followed by ${ID_RULE}`,
});

/** Who makes a write, and how the audit trail names it (the record's id aside). */
export type WriteAudit = Pick<Context, 'requestId' | 'subgraph' | 'identity'> & { operation: AuditOperation; recordType: string };

type Snapshot<E> = (record: E, em: EntityManager) => Promise<RecordSnapshot> | RecordSnapshot;

/** Saves a new record, as edited through the API, and its links in `tx`, with its audit entry. */
export async function saveCreation<E extends WritableEntity>(tx: EntityManager, audit: WriteAudit, entity: EntityClass<E>, record: E, link: ((record: E, em: EntityManager) => Promise<void>) | undefined, snapshot: Snapshot<E>) {
  record.editedAt = new Date();
  await tx.insert(entity, record);
  await link?.(record, tx);
  await appendAudit(tx, { ...audit, recordId: record.id, before: null, after: await snapshot(record, tx) });
}

/** Saves the change made to a locked record in `tx`, its version raised, with the fields `before` and after in the audit trail. */
export async function saveChange<E extends WritableEntity>(tx: EntityManager, audit: WriteAudit, record: E, before: RecordSnapshot, snapshot: Snapshot<E>) {
  record.version += 1;
  record.editedAt = new Date();
  await tx.flush();
  await appendAudit(tx, { ...audit, recordId: record.id, before, after: await snapshot(record, tx) });
}

/** Marks a locked record deleted in `tx`, its version raised, with its tombstone (the fields `before`, nothing after). */
export async function saveDeletion(tx: EntityManager, audit: WriteAudit, record: WritableEntity, before: RecordSnapshot) {
  record.deletedAt = record.editedAt = new Date();
  record.version += 1;
  await tx.flush();
  await appendAudit(tx, { ...audit, recordId: record.id, before, after: null });
}

/**
 * The live record `id`, locked for a change, at the version the caller read; NOT_FOUND or CONFLICT
 * otherwise. `checkRights` sees it first, for rights that depend on what is stored (its organiser).
 */
async function lockedAt<E extends WritableEntity>(tx: EntityManager, type: string, entity: EntityClass<E>, id: string, version: number, checkRights?: (record: E) => void): Promise<E> {
  const record = await tx.findOne(entity, { id } as never, { lockMode: LockMode.PESSIMISTIC_WRITE });
  if (!record) throw notFound(type, id);
  checkRights?.(record);
  if (record.version !== version) throw conflict(type, id, record.version, version);
  return record;
}

/**
 * Checks the caller's rights to write a stored record: at once, or, for a type whose organiser edits it,
 * once the record is read (the stored organiser and the one `given` must both be the agency's).
 */
function rightsChecks<E extends WritableEntity>({ identity, rights }: Context, target: WriteTarget, given: object | null) {
  if (!rights.organiserField(target.type)) {
    rights.check(identity, target);
    return undefined;
  }
  return (stored: E) => rights.check(identity, { ...target, organisers: rights.organisersOf(target.type, stored, given) });
}

/**
 * Creates one record for the caller, in one transaction: rights, an id of lower-case letters, digits, `_`
 * and `-` that no record has, the values checked, the record saved at version 1 as edited through the API,
 * and the creation appended to the audit trail.
 */
export async function createRecord<E extends WritableEntity>({ em, identity, rights, requestId, subgraph }: Context, creation: RecordCreation<E>): Promise<E> {
  const { id } = creation.input;
  rights.check(identity, { type: creation.type, id, fields: givenFields(creation.input), organisers: rights.organisersOf(creation.type, null, creation.input) });
  checkRecordId(id, creation.idRule);
  const taken = async () => {
    const deleted = await em.fork().findOne(creation.entity, { id } as never, { filters: false });
    return badInput('id', deleted?.deletedAt ? `"${id}" belonged to a ${creation.type} deleted on ${deleted.deletedAt.toISOString().slice(0, 10)}: ids are never reused, choose another.` : `there is already a ${creation.type} "${id}".`);
  };
  try {
    return await em.transactional(async (tx) => {
      const record = await creation.build(tx);
      // inserted at once: an id taken, even at the same moment by another write, is refused here
      await saveCreation(tx, { requestId, subgraph, identity, operation: 'create', recordType: creation.type }, creation.entity, record, creation.link, creation.snapshot);
      return record;
    });
  } catch (error) {
    throw error instanceof UniqueConstraintViolationException ? await taken() : error;
  }
}

/** A period in order at the precision given (2024-05 may end in 2024, not in 2023-12); else BAD_USER_INPUT at `field`. */
export function checkPeriod(validFrom: PartialDate | null, validTo: PartialDate | null, what: string, field = 'validTo') {
  if (validFrom && validTo && firstDay(validFrom) > lastDay(validTo)) throw badInput(field, `${validTo} is before the start of the ${what}'s validity, ${validFrom}.`);
}

/** Fields a record says no source backs, each one of `fields`; else BAD_USER_INPUT naming it. */
export function checkedUnverifiedFields(given: string[], fields: readonly string[], what: string): string[] {
  const unknown = given.find((field) => !fields.includes(field));
  if (unknown !== undefined) throw badInput('unverifiedFields', `"${unknown}" is not a field of a ${what} (${fields.join(', ')}).`);
  return given;
}

/** A verified record rests on at least one source. */
export function checkSourced(record: { verified: boolean; sources: unknown[] }, what: string) {
  if (record.verified && record.sources.length === 0) throw badInput('sources', `a verified ${what} needs at least one source (or set verified: false).`);
}

/**
 * Replaces the rows of a record's list (a link table) with `rows`, when given; undefined leaves it as it
 * is. A record just `created` has no rows yet: nothing to delete first.
 */
export async function replaceList(em: EntityManager, entity: EntityClass<object>, owner: Record<string, string>, rows: object[] | undefined, created = false) {
  if (rows === undefined) return;
  if (!created) await em.nativeDelete(entity, owner as never);
  if (rows.length > 0) await em.insertMany(entity, rows as never[]);
}

export const badInput = (field: string, message: string) => new GraphQLError(`${field}: ${message}`, { extensions: { code: ErrorCode.BAD_USER_INPUT, field } });

const notFound = (type: string, id: string) => new GraphQLError(`There is no ${type} "${id}".`, { extensions: { code: ErrorCode.NOT_FOUND } });

export const conflict = (type: string, id: string, current: number, sent: number) =>
  new GraphQLError(`${type} "${id}" was changed since you read it: it is at version ${current}, you sent ${sent}. Read it again and re-apply your change.`, {
    extensions: { code: ErrorCode.CONFLICT, currentVersion: current },
  });

/**
 * Updates one record for the caller: the caller's rights checked first (data/rights.json), then in one
 * transaction the row is locked, its version compared with the one the caller read (CONFLICT otherwise: no lost
 * update), the change applied and validated, the version raised, the record marked as edited (the
 * reference data no longer overwrites it), and the write appended to the audit trail with the fields
 * before and after. Anything refused or failing leaves the database as it was.
 */
export async function updateRecord<E extends WritableEntity>(context: Context, update: RecordUpdate<E>): Promise<E> {
  const { em, identity, requestId, subgraph } = context;
  const { id, version } = update.input;
  const checkRights = rightsChecks<E>(context, { type: update.type, id, fields: givenFields(update.input) }, update.input);
  return em.transactional(async (tx) => {
    const record = await lockedAt(tx, update.type, update.entity, id, version, checkRights);
    const before = await update.snapshot(record, tx);
    await update.apply(record, tx);
    await saveChange(tx, { requestId, subgraph, identity, operation: 'update', recordType: update.type }, record, before, update.snapshot);
    return record;
  });
}

/** `Delete<X>Input`: the record to delete and the version of it the caller read. */
@InputType('DeleteInput', { description: 'The record to delete, and the `version` of it you read: the deletion is refused (CONFLICT) if someone changed the record since.' })
export class DeleteInput {
  @Field(() => ID)
  id!: string;

  @Field(() => Int)
  version!: number;
}

/** A deletion, as a mutation asks it. */
export interface RecordDeletion<E extends WritableEntity> {
  type: string;
  entity: EntityClass<E>;
  input: DeleteInput;
  /**
   * The live records that still name this one, in this subgraph (`FrameworkAgreement "x"`): a deletion
   * would leave them pointing at nothing, so it is refused while there are any.
   */
  namedBy?(record: E, em: EntityManager): Promise<string[]>;
  snapshot(record: E, em: EntityManager): Promise<RecordSnapshot> | RecordSnapshot;
}

/** Refuses to delete a record other records still name (CONFLICT, with the first of them). */
export function refuseIfNamed(type: string, id: string, namedBy: string[]) {
  if (namedBy.length === 0) return;
  const shown = namedBy.slice(0, 5).join(', ') + (namedBy.length > 5 ? ` and ${namedBy.length - 5} more` : '');
  throw new GraphQLError(`${type} "${id}" is still named by ${shown}: change or delete those first.`, {
    extensions: { code: ErrorCode.CONFLICT, namedBy: namedBy.slice(0, 100) },
  });
}

/**
 * Deletes one record for the caller, softly: rights first, then in one transaction the row is locked, its
 * version checked (CONFLICT otherwise), the deletion refused while a live record still names it, and the
 * row marked deleted (every read leaves it out; its id is never given to another record), with a
 * tombstone in the audit trail (the fields before, nothing after).
 */
export async function deleteRecord<E extends WritableEntity>(context: Context, deletion: RecordDeletion<E>): Promise<E> {
  const { em, identity, requestId, subgraph } = context;
  const { id, version } = deletion.input;
  const checkRights = rightsChecks<E>(context, { type: deletion.type, id, deletion: true }, null);
  return em.transactional(async (tx) => {
    const record = await lockedAt(tx, deletion.type, deletion.entity, id, version, checkRights);
    refuseIfNamed(deletion.type, id, (await deletion.namedBy?.(record, tx)) ?? []);
    await saveDeletion(tx, { requestId, subgraph, identity, operation: 'delete', recordType: deletion.type }, record, await deletion.snapshot(record, tx));
    return record;
  });
}

/** A record of the data file that was not applied: an agency changed it through the API since. */
export interface ReferenceConflict {
  table: string;
  id: string;
  editedAt: Date;
}

/** JSON with the keys of every object in order: the same record always gives the same digest. */
export function canonical(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonical).join(',')}]`;
  if (value !== null && typeof value === 'object' && !(value instanceof Date)) {
    return `{${Object.keys(value)
      .sort()
      .map((key) => `${JSON.stringify(key)}:${canonical((value as Record<string, unknown>)[key])}`)
      .join(',')}}`;
  }
  return JSON.stringify(value) ?? 'null';
}

/**
 * Loads records of the data file: inserts the new ones, and updates those nobody edited through the API.
 * A record an agency edited is kept as they left it (`kept`: leave its links alone too); when the file's
 * record changed since it was last applied (its digest differs), it is a conflict, for the start-up to report.
 */
export async function upsertReferenceRecords<E extends WritableEntity>(
  em: EntityManager,
  entity: EntityClass<E>,
  rows: (EntityData<E> & { id: string })[],
): Promise<{ conflicts: ReferenceConflict[]; kept: Set<string> }> {
  if (rows.length === 0) return { conflicts: [], kept: new Set() };
  const hashed = rows.map((row) => ({ ...row, referenceHash: createHash('sha256').update(canonical(row)).digest('base64url') }));
  const table = tableOf(em, entity);
  const tableName = em.getMetadata().get(entity.name).tableName;
  // read as rows, not entities: a managed entity could take the file's values and be flushed over the edit
  const edited = await query<{ id: string; reference_hash: string | null; edited_at: string | Date }>(
    em,
    sql`select id, reference_hash, edited_at from ${table} where edited_at is not null and id = any(${rows.map((row) => row.id)})`,
  );
  const digests = new Map(hashed.map((row) => [row.id, row.referenceHash]));
  await em.upsertMany(entity, hashed as never[], { onConflictWhere: { editedAt: null } as never });
  const conflicts = edited
    .filter((row) => row.reference_hash !== digests.get(row.id))
    .map((row) => ({ table: tableName, id: row.id, editedAt: new Date(row.edited_at) }));
  return { conflicts, kept: new Set(edited.map((row) => row.id)) };
}

/**
 * Replaces the links of the records a data file applied (`owners`, not those `kept` as an agency edited
 * them): the rows of `link` whose `owner` field names one of them make way for `rows`.
 */
export async function replaceLinks(em: EntityManager, link: EntityClass<object>, owner: string, owners: string[], rows: object[]) {
  await em.nativeDelete(link, { [owner]: { $in: owners } } as never);
  if (rows.length > 0) await em.insertMany(link, rows as never[]);
}

/**
 * Checks that records this subgraph owns exist (read FOR SHARE, see SHARED), by `key`; BAD_USER_INPUT names
 * the first unknown one (`sectors[1]: there is no sector "x"`), with the query that lists them when given.
 */
export async function checkExistLocally(em: EntityManager, field: string, entity: EntityClass<object>, key: string, ids: string[], what: string, list?: string) {
  const found = new Set((await em.find(entity, { [key]: { $in: ids } } as never, SHARED)).map((row) => (row as Record<string, string>)[key]));
  const missing = ids.findIndex((id) => !found.has(id));
  if (missing >= 0) throw badInput(`${field}[${missing}]`, `there is no ${what} "${ids[missing]}"${list ? ` (Query.${list})` : ''}.`);
}

/** One record asked of its owner through the gateway: the query that reads it by id, and what to select of it. */
interface Lookup {
  query: string;
  id: string;
  selection: string;
}

/**
 * Asks the owners of records, through the gateway, in one query (an alias per record): each record as
 * selected, or null where there is none. SERVICE_UNAVAILABLE, saying what could not be checked, when
 * an owner cannot answer: a write never goes on unchecked.
 */
async function lookUpThroughHub<T>({ askHub, requestId }: Context, lookups: Lookup[], what: string): Promise<(T | null)[]> {
  if (lookups.length === 0) return [];
  const query = `query HubLookUp(${lookups.map((_, i) => `$r${i}: ID!`).join(', ')}) { ${lookups.map((l, i) => `r${i}: ${l.query}(id: $r${i}) { ${l.selection} }`).join(' ')} }`;
  const answer = await askHub<Record<string, T | null>>(query, Object.fromEntries(lookups.map((l, i) => [`r${i}`, l.id])), requestId);
  if (!answer.data || answer.errors?.length) {
    throw new GraphQLError(`The hub could not check ${what} (a subgraph that owns them did not answer): nothing was changed. Try again later.`, {
      extensions: { code: ErrorCode.SERVICE_UNAVAILABLE },
    });
  }
  return lookups.map((_, i) => answer.data![`r${i}`] ?? null);
}

/** At most this many records of one list checked through the hub: each is one alias of its query. */
const MAX_LOOKUPS = 25;

/**
 * The sources of `ids` as a record keeps them, asked of their owner (the conventions subgraph) through the
 * gateway; BAD_USER_INPUT names the first unknown one (`sources[1]`), SERVICE_UNAVAILABLE when it cannot tell.
 */
export async function sourcesThroughHub(context: Context, ids: string[]): Promise<Source[]> {
  return (await sourceListsThroughHub(context, { sources: ids })).get('sources')!;
}

/**
 * The sources several lists of a write name (a record's `sources`, each of its yearly figures' `years[2].sources`),
 * asked of their owner in one query; BAD_USER_INPUT names the first unknown one in its own list.
 */
export async function sourceListsThroughHub(context: Context, lists: Record<string, string[]>): Promise<Map<string, Source[]>> {
  const ids = [...new Set(Object.values(lists).flat())];
  if (ids.length > MAX_LOOKUPS) throw badInput(Object.keys(lists)[0] ?? 'sources', `a record names at most ${MAX_LOOKUPS} distinct sources.`);
  const found = await lookUpThroughHub<Source>(context, ids.map((id) => ({ query: 'source', id, selection: 'id url title excerpt' })), 'the sources of this change');
  const byId = new Map(ids.map((id, i) => [id, found[i]]));
  return new Map(
    Object.entries(lists).map(([field, listed]) => [
      field,
      listed.map((id, i) => {
        const source = byId.get(id);
        if (!source) throw badInput(`${field}[${i}]`, `there is no source "${id}" (Query.sources).`);
        return source;
      }),
    ]),
  );
}

/**
 * The sources of each item of a record's list (a test's sessions, a profile's versions), asked of their
 * owner in one query; BAD_USER_INPUT names the first unknown one (`sessions[1].sources[0]`).
 */
export async function itemSourcesThroughHub(context: Context, field: string, items: { sources?: string[] | null }[] | undefined): Promise<Source[][] | undefined> {
  if (items === undefined) return undefined;
  const ids = [...new Set(items.flatMap((item) => item.sources ?? []))];
  if (ids.length > MAX_LOOKUPS) throw badInput(field, `the items of a record list at most ${MAX_LOOKUPS} sources together.`);
  const found = await lookUpThroughHub<Source>(context, ids.map((id) => ({ query: 'source', id, selection: 'id url title excerpt' })), `the sources of ${field}`);
  const byId = new Map(ids.map((id, i) => [id, found[i]]));
  return items.map((item, i) =>
    (item.sources ?? []).map((id, j) => {
      const source = byId.get(id);
      if (!source) throw badInput(`${field}[${i}].sources[${j}]`, `there is no source "${id}" (Query.sources).`);
      return source;
    }),
  );
}

/** The query of one record of a party type (`TrainingOperator` → `trainingOperator(id)`). */
const singleQuery = (type: string) => type.replace(/^./, (first) => first.toLowerCase());

/**
 * Refuses a new party's id when a party of any type has it already, asking every owner through the gateway
 * in one query: a party has one record, so an agency cannot add itself again as another kind of body.
 */
export async function checkPartyIdFree(context: Context, id: string): Promise<void> {
  const types = [...new Set(Object.values(PARTY_TYPES).map((p) => p.type))];
  const found = await lookUpThroughHub<{ __typename: string }>(context, types.map((type) => ({ query: singleQuery(type), id, selection: '__typename' })), 'that this party is new');
  const party = found.find((record) => record !== null);
  if (party) throw badInput('id', `"${id}" is already a ${party.__typename}: a party has one record.`);
}

/** A party a record names, as a mutation gives it. */
export interface PartyReference {
  id: string;
  kind: PartyKind;
}

/** The parties each request's owners confirmed (or not), by `KIND:id`. */
const confirmedParties = new WeakMap<Context, Map<string, boolean>>();

/**
 * Checks that every party exists with its kind, asking each party's owner through the gateway (a training
 * operator is the training subgraph's); BAD_USER_INPUT names the first one that does not (`parties[2]`, or
 * `field` itself for `one` party).
 */
export async function checkPartiesThroughHub(context: Context, field: string, parties: PartyReference[], one = false): Promise<void> {
  if (parties.length > MAX_LOOKUPS) throw badInput(field, `a record names at most ${MAX_LOOKUPS} parties.`);
  const single = (kind: PartyKind) => singleQuery(PARTY_TYPES[kind].type);
  const key = (party: PartyReference) => `${party.kind}:${party.id}`;
  // what this request's owners already confirmed (an import names the same parties on many records)
  const known = confirmedParties.get(context) ?? new Map<string, boolean>();
  confirmedParties.set(context, known);
  const asked = [...new Map(parties.filter((party) => !known.has(key(party))).map((party) => [key(party), party])).values()];
  const found = await lookUpThroughHub<{ kind: PartyKind }>(context, asked.map((p) => ({ query: single(p.kind), id: p.id, selection: 'kind' })), 'the parties of this change');
  asked.forEach((party, i) => known.set(key(party), found[i]?.kind === party.kind));
  parties.forEach((party, i) => {
    if (!known.get(key(party))) throw badInput(one ? field : `${field}[${i}]`, `there is no party "${party.id}" of kind ${party.kind} (Query.${single(party.kind)}).`);
  });
}

/** How many of the records naming another are named in a refusal (the count says the rest). */
const NAMED_SHOWN = 5;

/**
 * The live records of other subgraphs that name a record, asked of their owners through the gateway:
 * `single` is the query of the record (`trainingOperator`), `lists` its connections to ask and the type of
 * their records (`{ conventions: 'SpecificConvention' }`). SERVICE_UNAVAILABLE when an owner cannot tell.
 */
export async function namedThroughHub(context: Context, single: string, id: string, lists: Record<string, string>): Promise<string[]> {
  const selection = Object.keys(lists).map((field) => `${field}(first: ${NAMED_SHOWN}) { totalCount nodes { id } }`).join(' ');
  type Named = Record<string, { totalCount: number; nodes: { id: string }[] }>;
  const [record] = await lookUpThroughHub<Named>(context, [{ query: single, id, selection }], 'which records still name this one');
  if (!record) return [];
  return Object.entries(lists).flatMap(([field, type]) => {
    const { totalCount, nodes } = record[field];
    const named = nodes.map((node) => `${type} "${node.id}"`);
    return totalCount > nodes.length ? [...named, `${totalCount - nodes.length} more of type ${type}`] : named;
  });
}

/** The rows of `statement` (each with an `id`) as a refusal names them: `Type "id"`, at most a few. */
export async function namedLocally(em: EntityManager, type: string, statement: Sql): Promise<string[]> {
  const rows = await query<{ id: string }>(em, sql`select id from (${statement}) named order by id limit ${NAMED_SHOWN + 1}`);
  return rows.map((row, i) => (i < NAMED_SHOWN ? `${type} "${row.id}"` : `more of type ${type}`));
}

/**
 * Checks that records another subgraph owns exist (`sector(id)`), asking their owner through the gateway
 * in one query; BAD_USER_INPUT names the first unknown one (`sectors[1]`, or `field` itself for `one` record),
 * SERVICE_UNAVAILABLE when it cannot tell.
 */
export async function checkExistThroughHub(context: Context, field: string, ids: string[], single: string, list: string, one = false): Promise<void> {
  if (ids.length > MAX_LOOKUPS) throw badInput(field, `a record lists at most ${MAX_LOOKUPS}.`);
  const found = await lookUpThroughHub<{ id: string }>(context, ids.map((id) => ({ query: single, id, selection: 'id' })), field);
  ids.forEach((id, i) => {
    if (!found[i]) throw badInput(one ? field : `${field}[${i}]`, `there is no ${single} "${id}" (Query.${list}).`);
  });
}
