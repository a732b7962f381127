import type { EntityManager } from '@mikro-orm/postgresql';
import { Arg, Args, Authorized, Ctx, Field, FieldResolver, ID, InputType, Mutation, Query, Resolver, Root, type ClassType } from 'type-graphql';
import { AuditEntry, historyLoader } from './audit';
import type { SubgraphName } from './config';
import { connectionType, ORDER_BY_DESCRIPTION, orderInput, PageArgs } from './connection';
import type { Context } from './context';
import { NULL_WHEN_UNANSWERED } from './errors';
import { Composable, ListQuery, RecordFilter, textKey, type ListArgs } from './list';
import { findReadOnly, oneLoader } from './loaders';
import { Organisation, PARTY_TYPES, PartyKind, kindsOwnedBy } from './party';
import { idChecker, recordPredicates, UPDATED_AT_KEY } from './predicates';
import { provenanceOf, type ReferenceData } from './reference-data';
import { raw, sql } from './sql';
import { checkRequired, type RecordWriter } from './imports';
import type { Source } from './provenance';
import {
  applyProvenance,
  badInput,
  changeInput,
  checkedName,
  checkPartyIdFree,
  createRecord,
  creationInput,
  deleteRecord,
  DeleteInput,
  namedThroughHub,
  checkedWebsite,
  payloadType,
  provenanceSnapshot,
  ProvenanceInput,
  sourcesThroughHub,
  updateRecord,
  upsertReferenceRecords,
  type ReferenceConflict,
} from './writes';

/** The GraphQL fields of an organisation, which `unverified_fields` may name. */
export const ORGANISATION_FIELDS = ['id', 'name', 'kind', 'legalBasis', 'website'] as const;

@InputType({ description: 'Which parties to list: every field given must hold (AND); `and` / `or` / `not` combine filters.' })
@Composable('parties')
export class PartyFilter extends RecordFilter {
  @Field(() => String, { nullable: true, description: 'Words to look for in the name and id, regardless of case and accents, typos allowed ("forem" finds "Le Forem"); results come by relevance unless `orderBy` says otherwise.' })
  search?: string | null;

  @Field(() => [PartyKind], { nullable: true, description: 'Only parties of these kinds.' })
  kind?: PartyKind[] | null;
}

export const PartyOrderField = { RELEVANCE: 'RELEVANCE', ID: 'ID', NAME: 'NAME', KIND: 'KIND', UPDATED_AT: 'UPDATED_AT' } as const;
export const PartyOrder = orderInput(PartyOrderField, 'Party', {
  RELEVANCE: 'How well the party matches `filter.search` (best first with DESC); needs a search.',
  ID: 'The id.',
  NAME: 'The name, as published.',
  KIND: 'The kind of party.',
  UPDATED_AT: 'When the hub last stored a change.',
});

/** The loaders every subgraph that stores organisations needs. */
export function organisationLoaders(em: EntityManager) {
  const table = `${em.config.get('schema')}.organisation`;
  const checkIds = idChecker(em, table, 'party');
  const histories = new Map<string, ReturnType<typeof historyLoader>>();
  return {
    organisationById: oneLoader((ids) => findReadOnly(em, Organisation, 'id', ids), (o) => o.id),
    /** The audit trail of each organisation of a party type (`TrainingOperator`). */
    organisationHistory: (typeName: string) => histories.get(typeName) ?? histories.set(typeName, historyLoader(em, typeName)).get(typeName)!,
    /** The organisations of the given kinds, filtered, ordered and paged in SQL. */
    organisations: (kinds: PartyKind[]) =>
      new ListQuery<Organisation>(em, {
        entity: Organisation,
        table,
        scope: sql`t.kind = any(${kinds})`,
        predicates: { ...recordPredicates(checkIds), kind: (values: PartyKind[]) => sql`t.kind = any(${values})` },
        nameColumn: 'name',
        order: { NAME: textKey('name'), KIND: [{ sql: raw('t.kind') }], UPDATED_AT: UPDATED_AT_KEY },
      }),
  };
}
type OrganisationContext = Context<ReturnType<typeof organisationLoaders>>;

/** `__resolveReference` of a party type stored as an organisation: an id of another kind is null, as in `Query`. */
export async function resolveOrganisation(ref: { id: string; __typename?: string }, { loaders }: OrganisationContext) {
  const organisation = await loaders.organisationById.load(ref.id);
  return organisation && PARTY_TYPES[organisation.kind].type === ref.__typename ? organisation : null;
}

/** Upserts the parties of the reference data that `owner` owns, as organisations. */
export async function loadOrganisations(em: EntityManager, data: ReferenceData, owner: SubgraphName): Promise<ReferenceConflict[]> {
  const owned = new Set<string>(kindsOwnedBy(owner));
  const rows = data.parties
    .map((party, i) => ({ party, at: `parties[${i}]` }))
    .filter(({ party }) => owned.has(party.kind))
    .map(({ party, at }) => ({
      id: party.id,
      name: party.name,
      kind: party.kind as PartyKind,
      legalBasis: party.legal_basis,
      website: party.website,
      ...provenanceOf(data, party, at, ORGANISATION_FIELDS),
    }));
  // a party that edited its own record through the API keeps its edit: the file no longer overwrites it
  return (await upsertReferenceRecords(em, Organisation, rows)).conflicts;
}

/**
 * `Query.<single>(id)` and `Query.<plural>(filter, orderBy, first, after, …)` for a party type stored as
 * organisations of the given kinds; an id of another kind is null, like an unknown one.
 */
function organisationQueries(type: Function & { prototype: object }, options: { typeName: string; kinds: PartyKind[]; single: string; plural: string; what: string }) {
  const Connection = connectionType(type as never, options.typeName, options.what);

  @Resolver(() => type)
  class OrganisationQueries {
    @Query(() => type, { name: options.single, nullable: true, description: `One ${options.what} by id; null when there is none with that id.` })
    async single(@Arg('id', () => ID) id: string, @Ctx() { loaders }: OrganisationContext) {
      const organisation = await loaders.organisationById.load(id);
      return organisation && options.kinds.includes(organisation.kind) ? organisation : null;
    }

    @Query(() => Connection, { name: options.plural, nullable: true, description: `The ${options.what}s, filtered and searched, a page at a time (by id unless \`orderBy\` or a search says otherwise). ${NULL_WHEN_UNANSWERED}` })
    plural(
      @Arg('filter', () => PartyFilter, { nullable: true }) filter: PartyFilter | null,
      @Arg('orderBy', () => [PartyOrder], { nullable: true, description: ORDER_BY_DESCRIPTION }) orderBy: ListArgs['orderBy'],
      @Args() page: PageArgs,
      @Ctx() { loaders }: OrganisationContext,
    ) {
      return loaders.organisations(options.kinds).connection({ filter, orderBy, page });
    }
  }
  return OrganisationQueries;
}

@InputType('PartyFields', { description: 'The fields of a party’s record, as a write sets them.' })
export class PartyFields extends ProvenanceInput {
  @Field({ nullable: true, description: 'Official name, as published.' })
  name?: string;

  @Field(() => String, { nullable: true, description: 'The law or decree that creates the body.' })
  legalBasis?: string | null;

  @Field(() => String, { nullable: true, description: 'Official website: an http(s) address.' })
  website?: string | null;
}

export const UpdatePartyInput = changeInput(PartyFields, 'UpdatePartyInput', 'A change to a party’s own record.');
type UpdatePartyInput = InstanceType<typeof UpdatePartyInput>;

@InputType('NewPartyFields', { description: 'The fields of a new party’s record.' })
export class NewPartyFields extends PartyFields {
  @Field(() => PartyKind, { nullable: true, description: 'What kind of body it is: required where the type holds several kinds (a sector body is a fund or a federation).' })
  kind?: PartyKind;
}

export const CreatePartyInput = creationInput(NewPartyFields, 'CreatePartyInput', 'A new party: its id, name and, where the type holds several, kind.');
type CreatePartyInput = InstanceType<typeof CreatePartyInput>;

/** An organisation as the audit trail shows it. */
const organisationSnapshot = (o: Organisation) => ({
  name: o.name,
  kind: o.kind,
  legalBasis: o.legalBasis,
  website: o.website,
  ...provenanceSnapshot(o),
});

/** Checks the change and sets it on `organisation`; BAD_USER_INPUT names the field at fault. */
function applyPartyChange(organisation: Organisation, input: PartyFields) {
  if (input.name !== undefined) organisation.name = checkedName('name', input.name);
  if (input.legalBasis !== undefined) {
    if (input.legalBasis !== null && input.legalBasis.length > 1000) throw badInput('legalBasis', 'must hold at most 1,000 characters.');
    organisation.legalBasis = input.legalBasis;
  }
  if (input.website !== undefined) organisation.website = checkedWebsite('website', input.website);
}

/**
 * How the records of a party type stored as organisations of the given kinds are written, by its
 * mutations and by imports: a new party's id is free among every party type (asked through the gateway),
 * its sources are the conventions subgraph's; a deletion is refused while a convention or agreement names it.
 */
export function organisationWriter(options: OrganisationOptions): RecordWriter<Organisation, CreatePartyInput, Source[] | undefined> {
  const ofThisType = (organisation: Organisation) => {
    if (!options.kinds.includes(organisation.kind)) throw badInput('id', `"${organisation.id}" is not a ${options.what}.`);
  };
  return {
    type: options.typeName,
    entity: Organisation,
    required: ['name'],
    references: async (context, input, creating) => {
      if (creating) await checkPartyIdFree(context, input.id!);
      return input.sources === undefined ? undefined : sourcesThroughHub(context, input.sources);
    },
    build: async (input, _em, sources) => {
      const kind = input.kind ?? (options.kinds.length === 1 ? options.kinds[0] : undefined);
      if (!kind || !options.kinds.includes(kind)) throw badInput('kind', `a ${options.what} is of kind ${options.kinds.join(' or ')}.`);
      const organisation = Object.assign(new Organisation(), { id: input.id, kind });
      applyPartyChange(organisation, input);
      applyProvenance(organisation, input, sources, ORGANISATION_FIELDS, 'party');
      return organisation;
    },
    apply: (organisation, input, _em, sources) => {
      ofThisType(organisation);
      applyPartyChange(organisation, input);
      applyProvenance(organisation, input, sources, ORGANISATION_FIELDS, 'party');
    },
    snapshot: organisationSnapshot,
    namedBy: async (organisation, em) => {
      ofThisType(organisation);
      return (await options.namedBy?.(organisation, em)) ?? [];
    },
    namedElsewhere: (context, id) => namedThroughHub(context, options.single, id, { conventions: 'SpecificConvention', frameworkAgreements: 'FrameworkAgreement' }),
  };
}

/**
 * `create<Type>`, `update<Type>` and `delete<Type>` for a party type stored as organisations of the given
 * kinds, and its `history`: who may change which record is data/rights.json's to say (each party its own
 * record, admins any).
 */
function organisationWrites(type: Function & { prototype: object }, options: OrganisationOptions) {
  const DeletePayload = payloadType(type as ClassType<Organisation>, `Delete${options.typeName}Payload`, `The ${options.what} as it was when deleted.`);
  const Payload = payloadType(type as ClassType<Organisation>, `Update${options.typeName}Payload`, `The ${options.what} as the change left it.`);
  const CreatePayload = payloadType(type as ClassType<Organisation>, `Create${options.typeName}Payload`, `The ${options.what} as the creation left it.`);
  const writer = organisationWriter(options);

  @Resolver(() => type)
  class OrganisationWrites {
    @Authorized('editor', 'admin')
    @Mutation(() => Payload, {
      name: `update${options.typeName}`,
      description: `Changes a ${options.what}. Refused: UNAUTHENTICATED, FORBIDDEN (data/rights.json: a party edits its own record), CONFLICT (another version), BAD_USER_INPUT (the field at fault), NOT_FOUND.`,
    })
    async update(@Arg('input', () => UpdatePartyInput) input: UpdatePartyInput, @Ctx() context: OrganisationContext): Promise<InstanceType<typeof Payload>> {
      // asked before the record is locked: no row waits on another subgraph
      const sources = await writer.references!(context, input, false);
      const record = await updateRecord(context, { type: writer.type, entity: Organisation, input, snapshot: writer.snapshot, apply: (organisation, em) => writer.apply(organisation, input, em, sources) });
      return { record };
    }

    @Authorized('editor', 'admin')
    @Mutation(() => CreatePayload, {
      name: `create${options.typeName}`,
      description: `Adds a ${options.what}. Refused: UNAUTHENTICATED, FORBIDDEN (data/rights.json: an agency adds its own record, an admin any), BAD_USER_INPUT (the field at fault).`,
    })
    async create(@Arg('input', () => CreatePartyInput) input: CreatePartyInput, @Ctx() context: OrganisationContext): Promise<InstanceType<typeof CreatePayload>> {
      checkRequired(writer, input);
      const sources = await writer.references!(context, input, true);
      const record = await createRecord(context, { type: writer.type, entity: Organisation, input, build: (em) => writer.build(input, em, sources), snapshot: writer.snapshot });
      return { record };
    }

    @Authorized('editor', 'admin')
    @Mutation(() => DeletePayload, {
      name: `delete${options.typeName}`,
      description: `Deletes a ${options.what}: it leaves every list and query, its tombstone stays in the audit trail and its id is never reused. Refused: UNAUTHENTICATED, FORBIDDEN, CONFLICT (another version, or a convention, agreement or record still names it), NOT_FOUND.`,
    })
    async delete(@Arg('input', () => DeleteInput) input: DeleteInput, @Ctx() context: OrganisationContext): Promise<InstanceType<typeof DeletePayload>> {
      // the conventions and agreements naming it are the conventions subgraph's: asked before the record is locked
      const namedElsewhere = await writer.namedElsewhere!(context, input.id);
      const record = await deleteRecord(context, {
        type: writer.type,
        entity: Organisation,
        input,
        snapshot: writer.snapshot,
        namedBy: async (organisation, em) => [...namedElsewhere, ...(await writer.namedBy!(organisation, em))],
      });
      return { record };
    }

    @FieldResolver(() => [AuditEntry], { description: 'Every change made to this record through the hub, oldest first; empty when none.' })
    history(@Root() organisation: Organisation, @Ctx() { loaders }: OrganisationContext) {
      return loaders.organisationHistory(options.typeName).load(organisation.id);
    }
  }
  return OrganisationWrites;
}

export interface OrganisationOptions {
  typeName: string;
  kinds: PartyKind[];
  single: string;
  plural: string;
  what: string;
  /** The records of the owning subgraph that name an organisation (a sector its fund), besides conventions and agreements. */
  namedBy?(organisation: Organisation, em: EntityManager): Promise<string[]>;
}

/** The queries, the writes and the history of a party type stored as organisations of the given kinds. */
export const organisationResolvers = (type: Function & { prototype: object }, options: OrganisationOptions) =>
  [organisationQueries(type, options), organisationWrites(type, options)] as const;

