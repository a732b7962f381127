import DataLoader from 'dataloader';
import type { EntityManager } from '@mikro-orm/postgresql';
import { GraphQLJSONObject } from 'graphql-scalars';
import { GraphQLError } from 'graphql';
import { Arg, Args, Authorized, Ctx, Directive, Field, ID, InputType, ObjectType, Query, registerEnumType, Resolver } from 'type-graphql';
import { noteWrite } from './changes';
import { connectionType, PageArgs, pageRequest, type Connection } from './connection';
import type { Context } from './context';
import { ErrorCode, NULL_WHEN_UNANSWERED } from './errors';
import type { Identity } from './identity';
import { and, query, raw, sql, type Sql } from './sql';

/**
 * The audit trail: one ledger for the whole hub (schema `audit`, shared like the search functions), so
 * that one query reads every agency's changes in order. Each subgraph appends to it in the transaction of
 * its write; its database role may read and insert rows, never change or delete one (grantServiceRole).
 */
export const AUDIT_SQL = [
  `create schema if not exists audit`,
  `create table if not exists audit.entry (
     id bigint generated always as identity primary key,
     at timestamptz not null default now(),
     request_id text not null,
     subgraph text not null,
     subject text not null,
     role text not null,
     agency text,
     credential text not null,
     operation text not null check (operation in ('create', 'update', 'delete', 'import')),
     record_type text not null,
     record_id text not null,
     before jsonb,
     after jsonb)`,
  `create index if not exists entry_record_index on audit.entry (record_type, record_id, id)`,
  `create index if not exists entry_agency_index on audit.entry (agency, id)`,
];

export const AuditOperation = { CREATE: 'create', UPDATE: 'update', DELETE: 'delete', IMPORT: 'import' } as const;
export type AuditOperation = (typeof AuditOperation)[keyof typeof AuditOperation];
registerEnumType(AuditOperation, { name: 'AuditOperation', description: 'What a write did to a record.' });

/** A record's fields as the API shows them (GraphQL names), before or after a write. */
export type RecordSnapshot = Record<string, unknown>;

/** One write, as the ledger keeps it. */
export interface AuditWrite {
  requestId: string;
  subgraph: string;
  identity: Identity;
  operation: AuditOperation;
  recordType: string;
  recordId: string;
  before: RecordSnapshot | null;
  after: RecordSnapshot | null;
}

/** Appends a write to the ledger, in the transaction of `em` (the write and its entry commit together). */
export async function appendAudit(em: EntityManager, write: AuditWrite): Promise<void> {
  const { identity } = write;
  noteWrite(em, write.recordType, write.recordId);
  await query(
    em,
    sql`insert into audit.entry (request_id, subgraph, subject, role, agency, credential, operation, record_type, record_id, before, after)
        values (${write.requestId}, ${write.subgraph}, ${identity.subject}, ${identity.role}, ${identity.agency}, ${identity.credential},
                ${write.operation}, ${write.recordType}, ${write.recordId}, ${json(write.before)}::jsonb, ${json(write.after)}::jsonb)`,
  );
}

const json = (snapshot: RecordSnapshot | null) => (snapshot === null ? null : JSON.stringify(snapshot));

@ObjectType({ description: 'One write to a record through the hub: who, when, what, and the fields before and after.' })
@Directive('@shareable')
export class AuditEntry {
  @Field(() => ID, { description: 'Its place in the ledger: later writes have larger ids.' })
  id!: string;

  @Field({ description: 'When the write was committed.' })
  at!: Date;

  @Field({ description: 'Who made it: the token’s subject, or `api-key:<id>`.' })
  subject!: string;

  @Field({ description: 'The role they wrote with: reader, editor or admin.' })
  role!: string;

  @Field(() => ID, { nullable: true, description: 'The agency they acted for.' })
  agency!: string | null;

  @Field({ description: 'What proved who they were: `token <id>` or `api-key <id>`.' })
  credential!: string;

  @Field(() => AuditOperation)
  operation!: AuditOperation;

  @Field({ description: 'The GraphQL type of the record (`Sector`).' })
  recordType!: string;

  @Field(() => ID)
  recordId!: string;

  @Field(() => GraphQLJSONObject, { nullable: true, description: 'The record’s fields before the write (GraphQL names); null for a creation.' })
  before!: RecordSnapshot | null;

  @Field(() => GraphQLJSONObject, { nullable: true, description: 'The record’s fields after the write; null for a deletion.' })
  after!: RecordSnapshot | null;

  @Field({ description: 'The request that made it (x-request-id), to find it in the logs.' })
  requestId!: string;
}

interface EntryRow {
  id: string;
  /** As the driver gives a timestamptz read with raw SQL: text. */
  at: string | Date;
  subject: string;
  role: string;
  agency: string | null;
  credential: string;
  operation: AuditOperation;
  record_type: string;
  record_id: string;
  before: RecordSnapshot | null;
  after: RecordSnapshot | null;
  request_id: string;
}

const entryOf = (row: EntryRow): AuditEntry => ({
  id: String(row.id),
  at: new Date(row.at),
  subject: row.subject,
  role: row.role,
  agency: row.agency,
  credential: row.credential,
  operation: row.operation,
  recordType: row.record_type,
  recordId: row.record_id,
  before: row.before,
  after: row.after,
  requestId: row.request_id,
});

/** The writes to each record of `recordType`, oldest first: one statement for every record asked in a request. */
export function historyLoader(em: EntityManager, recordType: string) {
  return new DataLoader<string, AuditEntry[]>(async (ids) => {
    const rows = await query<EntryRow>(em, sql`select * from audit.entry where record_type = ${recordType} and record_id = any(${[...ids]}) order by id`);
    const byRecord = new Map<string, AuditEntry[]>(ids.map((id) => [id, []]));
    for (const row of rows) byRecord.get(row.record_id)?.push(entryOf(row));
    return ids.map((id) => byRecord.get(id)!);
  });
}

export const AuditEntryConnection = connectionType(AuditEntry, 'AuditEntry', 'audit entry');

@InputType({ description: 'Which audit entries: every field given must match.' })
export class AuditFilter {
  @Field({ nullable: true, description: 'The GraphQL type of the records (`Sector`).' })
  recordType?: string;

  @Field(() => ID, { nullable: true })
  recordId?: string;

  @Field(() => ID, { nullable: true, description: 'The agency that made the writes.' })
  agency?: string;

  @Field({ nullable: true, description: 'Who made them: a token’s subject or `api-key:<id>`.' })
  subject?: string;

  @Field({ nullable: true, description: 'Writes committed at or after this time.' })
  since?: Date;
}

/**
 * `auditTrail`: every write through the hub, newest first, for admins; an editor sees the writes of its
 * own agency and those to its own record. Served by one subgraph, as the ledger is one.
 */
@Resolver()
export class AuditTrailResolver {
  @Authorized('editor', 'admin')
  @Query(() => AuditEntryConnection, {
    nullable: true,
    description: `The writes made through the hub, newest first (admins: all; editors: their agency’s and those to their own record). Page with \`first\` and \`after\`. ${NULL_WHEN_UNANSWERED}`,
  })
  async auditTrail(
    @Arg('filter', () => AuditFilter, { nullable: true }) filter: AuditFilter | null,
    @Args() page: PageArgs,
    @Ctx() { em, identity }: Context,
  ): Promise<Connection<AuditEntry>> {
    const { size, backwards, cursor } = pageRequest(page);
    if (backwards) throw new GraphQLError('The audit trail pages forwards only: use `first` and `after`.', { extensions: { code: ErrorCode.BAD_USER_INPUT, argument: 'last' } });
    const after = cursor === null ? null : Number(cursor);
    if (after !== null && !Number.isSafeInteger(after)) throw new GraphQLError(`after: "${cursor}" is not a cursor of the audit trail.`, { extensions: { code: ErrorCode.BAD_USER_INPUT, argument: 'after' } });
    const conditions: Sql[] = [];
    if (identity.role !== 'admin') conditions.push(sql`(agency = ${identity.agency} or record_id = ${identity.agency})`);
    if (filter?.recordType) conditions.push(sql`record_type = ${filter.recordType}`);
    if (filter?.recordId) conditions.push(sql`record_id = ${filter.recordId}`);
    if (filter?.agency) conditions.push(sql`agency = ${filter.agency}`);
    if (filter?.subject) conditions.push(sql`subject = ${filter.subject}`);
    if (filter?.since) conditions.push(sql`at >= ${filter.since}`);
    const where = and(conditions);
    const rows = await query<EntryRow>(em, sql`select * from audit.entry where ${where} and ${after === null ? raw('true') : sql`id < ${after}`} order by id desc limit ${size + 1}`);
    const nodes = rows.slice(0, size).map(entryOf);
    const edges = nodes.map((node) => ({ cursor: node.id, node }));
    return {
      edges,
      nodes,
      pageInfo: { hasNextPage: rows.length > size, hasPreviousPage: after !== null, startCursor: edges[0]?.cursor ?? null, endCursor: edges.at(-1)?.cursor ?? null },
      get totalCount() {
        return query<{ count: number }>(em, sql`select count(*)::int as count from audit.entry where ${where}`).then(([row]) => row.count);
      },
    };
  }
}
