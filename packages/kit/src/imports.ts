import { LockMode, type EntityClass, type EntityManager } from '@mikro-orm/postgresql';
import { coerceInputValue, GraphQLError, type GraphQLResolveInfo } from 'graphql';
import { GraphQLJSONObject } from 'graphql-scalars';
import { Arg, Authorized, Ctx, Directive, Field, ID, Info, Int, Mutation, ObjectType, Query, Resolver } from 'type-graphql';
import type { RecordSnapshot } from './audit';
import type { SubgraphName } from './config';
import type { Context } from './context';
import { ErrorCode } from './errors';
import { query, sql, tableOf } from './sql';
import { badInput, canonical, checkRecordId, conflict, refuseIfNamed, saveChange, saveCreation, saveDeletion, type WritableEntity, type WriteAudit } from './writes';

/**
 * How one type's records are written, shared by its mutations and the import: the same checks, the same
 * changes, the same snapshot in the audit trail. Inputs are the type's `Create<X>Input` (id and fields).
 */
export interface RecordWriter<E extends WritableEntity = any, I extends { id: string } = any, R = any> {
  /** The GraphQL type (`SpecificConvention`). */
  type: string;
  entity: EntityClass<E>;
  /** What a new record's id must look like, when not a plain slug (a sub-sector's). */
  idRule?(input: I): { pattern: RegExp; description: string } | undefined;
  /** The fields a new record must be given. */
  required: readonly string[];
  /**
   * Checks what other subgraphs own (through the gateway), before any row is locked, and gives what
   * `build` and `apply` need of it (the sources, say).
   */
  references?(context: Context, input: Partial<I>, creating: boolean): Promise<R>;
  /** Makes a new record from `input`, unsaved; throws BAD_USER_INPUT naming the field at fault. */
  build(input: I, em: EntityManager, references: R): Promise<E>;
  /** Sets the fields `input` gives on a record; throws BAD_USER_INPUT naming the field at fault. */
  apply(record: E, input: Partial<I>, em: EntityManager, references: R): Promise<void> | void;
  /** Replaces the record's lists (link tables) that `input` gives (a record just `created` has none yet). */
  link?(record: E, input: Partial<I>, em: EntityManager, created?: boolean): Promise<void>;
  /** The record as the audit trail and the export show it: the input's fields, links by id. */
  snapshot(record: E, em: EntityManager): Promise<RecordSnapshot> | RecordSnapshot;
  /** The live records of this subgraph that name it: a deletion is refused while there are any. */
  namedBy?(record: E, em: EntityManager): Promise<string[]>;
  /** The live records of other subgraphs that name it, asked through the gateway. */
  namedElsewhere?(context: Context, id: string): Promise<string[]>;
}

const PARTY_FIELDS = 'name kind legalBasis website';

/**
 * The types an import writes and an export reads: the subgraph that owns each, the input type a record is
 * read as (its `Create<X>Input`), and the list an export reads (a connection, paged, unless `paged` is
 * false) with the fields that give that input's shape back (an object of one field, like `{ id }`, is
 * written as that field's value).
 */
export const IMPORT_TYPES: Record<string, { subgraph: SubgraphName; input: string; list: string; fields: string; paged?: false }> = {
  PublicAuthority: { subgraph: 'conventions', input: 'CreatePartyInput', list: 'publicAuthorities', fields: PARTY_FIELDS },
  SectorBody: { subgraph: 'conventions', input: 'CreatePartyInput', list: 'sectorBodies', fields: PARTY_FIELDS },
  Sector: {
    subgraph: 'conventions',
    input: 'CreateSectorInput',
    list: 'sectors',
    fields: 'name parent { id } sectorFund { id } federation { id }',
  },
  FrameworkAgreement: {
    subgraph: 'conventions',
    input: 'CreateFrameworkAgreementInput',
    list: 'frameworkAgreements',
    fields: 'title signedOn validFrom validTo programme content sectors { id } signatories { id kind }',
  },
  SpecificConvention: {
    subgraph: 'conventions',
    input: 'CreateConventionInput',
    list: 'conventions',
    fields: 'title kind frameworkAgreement { id } signedOn validFrom validTo sectors { id } parties { id kind } objectives { code }',
  },
  EducationNetwork: { subgraph: 'education', input: 'CreatePartyInput', list: 'educationNetworks', fields: PARTY_FIELDS },
  EducationAuthority: { subgraph: 'education', input: 'CreatePartyInput', list: 'educationAuthorities', fields: PARTY_FIELDS },
  SectorTest: {
    subgraph: 'education',
    input: 'CreateSectorTestInput',
    list: 'sectorTests',
    fields:
      'name organiser { id } sectors { id } trades targetPublic certificate passThreshold passMark partnerCentres sfmqLink validationLink convention { id } sessions { year schoolYear dateText trade candidates candidatesApprox passed passRate place note sources { id } }',
  },
  SfmqProfile: {
    subgraph: 'education',
    input: 'CreateSfmqProfileInput',
    list: 'sfmqProfiles',
    fields:
      'kind name grappe sectors { id } documentDate versions { label versionDate chamValidatedOn chaefValidatedOn chacaAgreedOn note sources { id } } governmentApprovals { government { id } approvedOn statedAs sources { id } }',
  },
  SfmqApprovalBatch: {
    subgraph: 'education',
    input: 'CreateSfmqApprovalBatchInput',
    list: 'sfmqApprovalBatches',
    fields: 'name government { id } decidedOn profileKind profileCount firstApprovedCount rectifiedOn',
  },
  TrainingOperator: { subgraph: 'training', input: 'CreatePartyInput', list: 'trainingOperators', fields: PARTY_FIELDS },
  ValidationBody: { subgraph: 'training', input: 'CreatePartyInput', list: 'validationBodies', fields: PARTY_FIELDS },
  ValidationTitle: {
    subgraph: 'training',
    input: 'CreateValidationTitleInput',
    list: 'validationTitles',
    fields: 'name units referentialApprovedOn referentialPublishedOn years { year epreuves titles rank note sources { id } } sectors { id } operators { id }',
  },
  ValidationFigure: {
    subgraph: 'training',
    input: 'CreateValidationFigureInput',
    list: 'validationFigures',
    fields: 'measure region year cumulative sinceYear value qualifier statedAs periodText',
  },
  LabelDecision: {
    subgraph: 'competence',
    input: 'CreateLabelDecisionInput',
    list: 'labelDecisions',
    paged: false,
    fields: 'decidedOn decidedBy { id } proposedBy certificatesHandedOverOn validFrom validTo retroactive fullLabelCount provisionalLabelCount centresInNetwork peopleTrainedPerYear',
  },
  CompetenceCentre: {
    subgraph: 'competence',
    input: 'CreateCompetenceCentreInput',
    list: 'competenceCentres',
    fields: 'name scope city sites province managingBody website label { status decidedOn validFrom validTo note } labelDecision: label { decision { id } } sectors { id } publics { id }',
  },
};

/** The required fields `input` lacks: BAD_USER_INPUT naming the first. */
export function checkRequired(writer: RecordWriter, input: object) {
  const missing = writer.required.find((field) => (input as Record<string, unknown>)[field] == null);
  if (missing) throw badInput(missing, 'is required.');
}

/** What happened, or would happen, to one record of an import. */
export type ImportOutcome = 'created' | 'changed' | 'unchanged' | 'deleted';

@ObjectType({ description: 'A record of an import that cannot be written, and why.' })
@Directive('@shareable')
export class ImportProblem {
  @Field(() => Int, { description: 'Its place in the import (0 for the first record): the import command turns it into a line number.' })
  record!: number;

  @Field(() => String, { nullable: true, description: 'The field at fault (`parties[2]`), when one is.' })
  field!: string | null;

  @Field({ description: 'The error code a mutation would have given (BAD_USER_INPUT, FORBIDDEN, CONFLICT…).' })
  code!: string;

  @Field()
  message!: string;
}

@ObjectType({ description: 'What an import did, or would do with `dryRun`, to one record.' })
@Directive('@shareable')
export class ImportRecordOutcome {
  @Field(() => Int)
  record!: number;

  @Field()
  type!: string;

  @Field(() => ID)
  id!: string;

  @Field({ description: 'created, changed, unchanged or deleted.' })
  outcome!: string;
}

@ObjectType({ description: 'An import: its records staged, then checked and written in one transaction (all or nothing).' })
@Directive('@shareable')
export class ImportJob {
  @Field(() => ID)
  id!: string;

  @Field({ description: 'STAGING (records arriving), RUNNING, DONE (written, or checked with dryRun), REJECTED (problems: nothing written) or FAILED.' })
  state!: string;

  @Field()
  dryRun!: boolean;

  @Field(() => Int, { description: 'Records staged.' })
  total!: number;

  @Field(() => Int, { description: 'Records checked so far.' })
  done!: number;

  @Field(() => Int)
  created!: number;

  @Field(() => Int)
  changed!: number;

  @Field(() => Int)
  unchanged!: number;

  @Field(() => Int)
  deleted!: number;

  @Field(() => [ImportProblem], { description: 'Every record that cannot be written (at most 1,000): one is enough for nothing to be written.' })
  problems!: ImportProblem[];

  @Field(() => [ImportRecordOutcome], { description: 'What happens to each record that is created, changed or deleted (at most 1,000).' })
  outcomes!: ImportRecordOutcome[];

  @Field(() => String, { nullable: true, description: 'Why the import failed, when it did (FAILED).' })
  failure!: string | null;
}

/** The most records one import holds, and one staging call carries. */
export const IMPORT_MAX_RECORDS = 250_000;
export const IMPORT_PART_RECORDS = 2_000;
/** The most problems and outcomes an import reports (the counts say the rest). */
const REPORTED = 1_000;
/** The imports one caller may have staged or running at once (each holds its records in memory). */
const IMPORTS_PER_CALLER = 2;
/** An import not run this long after its last part is forgotten. */
const STAGED_FOR_MS = 30 * 60_000;

interface StagedImport extends ImportJob {
  subject: string;
  records: Record<string, unknown>[];
  touched: number;
}

/** Imports of this process, by id (an import is staged and run on one replica of its subgraph). */
const imports = new Map<string, StagedImport>();

/** The subgraphs of this process that are stopping: their running imports roll back at their next record rather than hold the stop. */
const stopping = new Set<string>();

/** Rolls back the imports `subgraph` is running (they write all or nothing: the caller runs them again). */
export function stopImports(subgraph: string) {
  stopping.add(subgraph);
}

function forgetStale(now = Date.now()) {
  for (const [id, job] of imports) if (now - job.touched > STAGED_FOR_MS && job.state !== 'RUNNING') imports.delete(id);
}

const importError = (message: string, code: ErrorCode = ErrorCode.BAD_USER_INPUT) => new GraphQLError(message, { extensions: { code } });

/** The import `id` of the caller (or any, for an admin); NOT_FOUND otherwise. */
function ownImport(id: string, { identity }: Context): StagedImport {
  const job = imports.get(id);
  if (!job || (job.subject !== identity.subject && identity.role !== 'admin')) throw importError(`There is no import "${id.slice(0, 80)}" of yours.`, ErrorCode.NOT_FOUND);
  job.touched = Date.now();
  return job;
}

/** Why an error refuses one record, as the import reports it. */
function problemOf(record: number, error: unknown): ImportProblem {
  if (error instanceof GraphQLError && typeof error.extensions.code === 'string' && error.extensions.code !== ErrorCode.INTERNAL_SERVER_ERROR) {
    return { record, field: (error.extensions.field as string | undefined) ?? null, code: error.extensions.code, message: error.message };
  }
  throw error;
}

/**
 * Arrays compare as sets (an import may list sectors in any order), an empty one as null (a list read as
 * null when unknown is stored as no rows); the rest as canonical JSON.
 */
const comparable = (value: unknown): string =>
  Array.isArray(value) && value.length > 0 ? `[${value.map(comparable).sort().join(',')}]` : canonical(value === undefined || Array.isArray(value) ? null : value);

/** The fields the record gives whose values differ from the stored record's. */
const changedFields = (given: Record<string, unknown>, stored: RecordSnapshot) =>
  Object.entries(given)
    .filter(([field, value]) => field !== 'id' && comparable(value) !== comparable(stored[field]))
    .map(([field]) => field);

/**
 * Writes (or with `dryRun` checks) one record of an import in `em`'s transaction, as its mutation would:
 * rights, fields, references, version, audit entry (operation `import`, the import's request id).
 * Returns what happened; throws the refusal a mutation would give.
 */
async function importRecord(context: Context, em: EntityManager, writer: RecordWriter, raw: Record<string, unknown>, info: GraphQLResolveInfo, stored: Set<string>): Promise<ImportOutcome> {
  const { type: _type, version, deleted, ...given } = raw;
  if (version !== undefined && !Number.isInteger(version)) throw badInput('version', 'must be the whole number a read or an export gave.');
  if (deleted !== undefined && typeof deleted !== 'boolean') throw badInput('deleted', 'must be true or false.');
  const inputType = info.schema.getType(IMPORT_TYPES[writer.type].input);
  if (!inputType || !('getFields' in inputType)) throw new Error(`no input type for ${writer.type}`);
  const input = coerceInputValue(given, inputType as never, (path, _value, error) => {
    throw badInput(path.length > 0 ? path.join('.').replace(/\.(\d+)/g, '[$1]') : 'record', error.message);
  }) as Record<string, unknown> & { id: string };
  const { identity, rights, requestId, subgraph } = context;
  const id = input.id;
  const audit: WriteAudit = { requestId, subgraph, identity, operation: 'import', recordType: writer.type };
  // `stored`: the ids of the file already in the database, read at once (most records of a large file are new)
  const existing = stored.has(id) ? ((await em.findOne(writer.entity, { id } as never, { filters: false, lockMode: LockMode.PESSIMISTIC_WRITE })) as WritableEntity | null) : null;
  const fields = Object.keys(input).filter((field) => field !== 'id');

  if (deleted) {
    if (existing?.deletedAt) return 'unchanged';
    rights.check(identity, { type: writer.type, id, deletion: true, organisers: rights.organisersOf(writer.type, existing, null) });
    if (!existing) throw importError(`There is no ${writer.type} "${id}" to delete.`, ErrorCode.NOT_FOUND);
    if (version !== undefined && existing.version !== version) throw conflict(writer.type, id, existing.version, version as number);
    refuseIfNamed(writer.type, id, [...((await writer.namedBy?.(existing, em)) ?? []), ...((await writer.namedElsewhere?.(context, id)) ?? [])]);
    await saveDeletion(em, audit, existing, await writer.snapshot(existing, em));
    return 'deleted';
  }
  if (existing?.deletedAt) throw badInput('id', `"${id}" belonged to a ${writer.type} deleted on ${existing.deletedAt.toISOString().slice(0, 10)}: ids are never reused.`);
  if (existing) {
    const before = await writer.snapshot(existing, em);
    const changed = changedFields(input, before);
    if (changed.length === 0) return 'unchanged';
    // the rights see what the record changes: an agency may send back its own export, fields it may not edit included, unchanged
    rights.check(identity, { type: writer.type, id, fields: changed, organisers: rights.organisersOf(writer.type, existing, input) });
    if (version !== undefined && existing.version !== version) throw conflict(writer.type, id, existing.version, version as number);
    const references = await writer.references?.(context, input, false);
    await writer.apply(existing, input, em, references);
    await writer.link?.(existing, input, em);
    await saveChange(em, audit, existing, before, writer.snapshot);
    return 'changed';
  }
  rights.check(identity, { type: writer.type, id, fields, organisers: rights.organisersOf(writer.type, null, input) });
  checkRecordId(id, writer.idRule?.(input));
  checkRequired(writer, input);
  const references = await writer.references?.(context, input, true);
  const record = await writer.build(input, em, references);
  await saveCreation(em, audit, writer.entity, record, (created, tx) => writer.link?.(created, input, tx, true) ?? Promise.resolve(), writer.snapshot);
  stored.add(id);
  return 'created';
}

/** Thrown to roll an import's transaction back (a dry run, or problems): its report is already made. */
class RollBack extends Error {}

/** Runs a staged import: every record checked in one transaction, kept only when all pass and it is not a dry run. */
async function runImport(job: StagedImport, context: Context, writers: Map<string, RecordWriter>, info: GraphQLResolveInfo) {
  const report = (record: number, outcome: ImportOutcome, type: string, id: string) => {
    job[outcome] += 1;
    if (outcome !== 'unchanged' && job.outcomes.length < REPORTED) job.outcomes.push({ record, type, id, outcome });
  };
  try {
    await context.em.fork().transactional(async (em) => {
      const stored = new Set<string>();
      for (const writer of writers.values()) {
        const ids = job.records.filter((r) => r.type === writer.type && typeof r.id === 'string').map((r) => r.id as string);
        const found = await query<{ id: string }>(em, sql`select id from ${tableOf(em, writer.entity)} where id = any(${ids})`);
        for (const record of found) stored.add(record.id);
      }
      for (const [i, raw] of job.records.entries()) {
        if (stopping.has(context.subgraph)) throw importError('The subgraph stopped during the import: nothing was written; run it again.', ErrorCode.SERVICE_UNAVAILABLE);
        job.done = i;
        const writer = writers.get(raw.type as string);
        try {
          if (!writer) throw badInput('type', `"${String(raw.type).slice(0, 80)}" is not a type this import writes (${[...writers.keys()].join(', ')}).`);
          report(i, await importRecord(context, em, writer, raw, info, stored), writer.type, String(raw.id));
        } catch (error) {
          if (job.problems.length < REPORTED) job.problems.push(problemOf(i, error));
          else problemOf(i, error);
        }
        // written: the next records need not drag this one through every flush
        em.clear();
        // other requests go on while a large import runs
        if (i % 500 === 499) await new Promise((resolve) => setImmediate(resolve));
      }
      job.done = job.records.length;
      if (job.problems.length > 0 || job.dryRun) throw new RollBack();
    });
    job.state = 'DONE';
  } catch (error) {
    if (error instanceof RollBack) job.state = job.problems.length > 0 ? 'REJECTED' : 'DONE';
    else {
      job.state = 'FAILED';
      job.failure = error instanceof GraphQLError ? error.message : 'the database refused the import: nothing was written (see the subgraph log)';
    }
  } finally {
    job.records = [];
    job.touched = Date.now();
  }
}

/**
 * The import of a subgraph's records: `stage<Subgraph>Import` takes the records in parts, `run<Subgraph>Import`
 * checks and writes them all in one transaction (a background job), `<subgraph>Import` says how far it is
 * and what it found. Editors and admins only; each record goes through the rights of data/rights.json.
 */
export function importResolver(subgraph: string, writers: RecordWriter[]) {
  const name = subgraph.replace(/^./, (first) => first.toUpperCase());
  const byType = new Map(writers.map((writer) => [writer.type, writer]));
  for (const { type } of writers) if (IMPORT_TYPES[type]?.subgraph !== subgraph) throw new Error(`IMPORT_TYPES does not say that ${subgraph} imports ${type}`);
  const types = writers.map((writer) => writer.type).join(', ');

  @Resolver()
  class ImportResolver {
    @Authorized('editor', 'admin')
    @Mutation(() => ImportJob, {
      name: `stage${name}Import`,
      description: `Adds records (${types}: \`{ "type": …, "id": …, fields of its Create input, "version"?, "deleted"? }\`) to an import, at most ${IMPORT_PART_RECORDS} a call, nothing written yet; \`npm run import\` does this for you.`,
    })
    stage(
      @Arg('importId', () => ID) importId: string,
      @Arg('records', () => [GraphQLJSONObject]) records: Record<string, unknown>[],
      @Ctx() context: Context,
    ): ImportJob {
      forgetStale();
      if (!/^[\w-]{8,64}$/.test(importId)) throw badInput('importId', 'must be 8 to 64 letters, digits, "_" or "-" (a UUID, say).');
      if (records.length > IMPORT_PART_RECORDS) throw badInput('records', `at most ${IMPORT_PART_RECORDS} records a call.`);
      let job = imports.get(importId);
      if (!job) {
        const open = [...imports.values()].filter((j) => j.subject === context.identity.subject && (j.state === 'STAGING' || j.state === 'RUNNING'));
        if (open.length >= IMPORTS_PER_CALLER) throw importError(`You have ${open.length} imports staged or running: run or finish them first (an import not run is forgotten after 30 minutes).`, ErrorCode.LIMIT_EXCEEDED);
        job = { id: importId, subject: context.identity.subject, state: 'STAGING', dryRun: false, total: 0, done: 0, created: 0, changed: 0, unchanged: 0, deleted: 0, problems: [], outcomes: [], failure: null, records: [], touched: Date.now() };
        imports.set(importId, job);
      }
      job = ownImport(importId, context);
      if (job.state !== 'STAGING') throw importError(`Import "${importId}" is ${job.state.toLowerCase()}: start another.`, ErrorCode.CONFLICT);
      if (job.total + records.length > IMPORT_MAX_RECORDS) throw badInput('records', `an import holds at most ${IMPORT_MAX_RECORDS} records.`);
      job.records.push(...records);
      job.total = job.records.length;
      return job;
    }

    @Authorized('editor', 'admin')
    @Mutation(() => ImportJob, {
      name: `run${name}Import`,
      description: 'Checks every staged record and, when all pass and `dryRun` is false, writes them in one transaction (one audited operation: every entry has this request’s id). Runs in the background: ask its progress with the import query.',
    })
    run(@Arg('importId', () => ID) importId: string, @Arg('dryRun', () => Boolean) dryRun: boolean, @Ctx() context: Context, @Info() info: GraphQLResolveInfo): ImportJob {
      const job = ownImport(importId, context);
      if (job.state !== 'STAGING') throw importError(`Import "${importId}" is ${job.state.toLowerCase()}: start another.`, ErrorCode.CONFLICT);
      Object.assign(job, { state: 'RUNNING', dryRun });
      void runImport(job, { ...context, requestId: `import-${importId}` }, byType, info);
      return job;
    }

    @Authorized('editor', 'admin')
    @Query(() => ImportJob, { name: `${subgraph}Import`, description: 'How far an import of yours is, and what it found.' })
    status(@Arg('importId', () => ID) importId: string, @Ctx() context: Context): ImportJob {
      return ownImport(importId, context);
    }
  }
  return ImportResolver;
}

