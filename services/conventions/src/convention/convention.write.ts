import type { EntityManager } from '@mikro-orm/postgresql';
import { Arg, Authorized, Ctx, Field, ID, InputType, Mutation, Resolver, type ClassType } from 'type-graphql';
import {
  applyProvenance,
  badInput,
  changeInput,
  checkDistinct,
  checkedName,
  checkPartiesThroughHub,
  checkPeriod,
  createRecord,
  creationInput,
  PartialDateScalar,
  PartyKind,
  payloadType,
  provenanceSnapshot,
  ProvenanceInput,
  replaceList,
  updateRecord,
  type PartialDate,
  checkRequired,
  deleteRecord,
  DeleteInput,
  type RecordWriter,
  checkExistLocally,
  SHARED,
} from '@hub/kit';
import type { ConventionsContext } from '../context';
import { FrameworkAgreement } from '../agreement/agreement.entity';
import { rememberParties } from '../party/party-keys';
import { Sector } from '../sector/sector.entity';
import { sourcesOf } from '../source/sources';
import { ConventionKind, ConventionObjective, ConventionParty, ConventionSector, Objective, SpecificConvention } from './convention.entity';
import { SpecificConventionType } from './convention.type';

/** The fields of a convention that `unverifiedFields` may name. */
const CONVENTION_FIELDS = ['title', 'kind', 'signedOn', 'validFrom', 'validTo', 'frameworkAgreement', 'sectors', 'parties', 'objectives'];

@InputType({ description: 'A party a convention names: its id and its kind (which subgraph owns it).' })
export class PartyRefInput {
  @Field(() => ID)
  id!: string;

  @Field(() => PartyKind)
  kind!: PartyKind;
}

/** The fields of a convention a change may set; a creation gives them all it knows. */
@InputType('SpecificConventionFields', { description: 'The fields of a specific convention, as a write sets them.' })
export class ConventionFields extends ProvenanceInput {
  @Field({ nullable: true })
  title?: string;

  @Field(() => ConventionKind, { nullable: true })
  kind?: ConventionKind;

  @Field(() => ID, { nullable: true, description: 'The framework agreement it carries out.' })
  frameworkAgreement?: string | null;

  @Field(() => PartialDateScalar, { nullable: true })
  signedOn?: PartialDate | null;

  @Field(() => PartialDateScalar, { nullable: true })
  validFrom?: PartialDate | null;

  @Field(() => PartialDateScalar, { nullable: true, description: 'Not before `validFrom`, at the precision given.' })
  validTo?: PartialDate | null;

  @Field(() => [ID], { nullable: true, description: 'The sectors it concerns (ids of `Query.sectors`).' })
  sectors?: string[];

  @Field(() => [PartyRefInput], { nullable: true, description: 'Its parties, each checked with the subgraph that owns it.' })
  parties?: PartyRefInput[];

  @Field(() => [String], { nullable: true, description: 'The codes of the objectives it pursues (`Query.objectives`).' })
  objectives?: string[];

}

export const CreateConventionInput = creationInput(ConventionFields, 'CreateConventionInput', 'A new specific convention: its id, title and kind at least.');
export const UpdateConventionInput = changeInput(ConventionFields, 'UpdateConventionInput', 'A change to a specific convention.');
const CreateConventionPayload = payloadType(SpecificConventionType as ClassType<SpecificConvention>, 'CreateConventionPayload', 'The specific convention as the creation left it.');
const DeleteConventionPayload = payloadType(SpecificConventionType as ClassType<SpecificConvention>, 'DeleteConventionPayload', 'The specific convention as it was when deleted.');
const UpdateConventionPayload = payloadType(SpecificConventionType as ClassType<SpecificConvention>, 'UpdateConventionPayload', 'The specific convention as the change left it.');

/** The convention as the audit trail shows it, links included. */
async function snapshot(c: SpecificConvention, em: EntityManager) {
  // one after the other: inside a transaction they share one connection
  const sectors = await em.find(ConventionSector, { convention: c.id }, { orderBy: { sector: 'asc' } });
  const parties = await em.find(ConventionParty, { convention: c.id }, { orderBy: { partyId: 'asc' } });
  const objectives = await em.find(ConventionObjective, { convention: c.id }, { orderBy: { objective: 'asc' } });
  return {
    title: c.title,
    kind: c.kind,
    frameworkAgreement: c.frameworkAgreement?.id ?? null,
    signedOn: c.signedOn,
    validFrom: c.validFrom,
    validTo: c.validTo,
    sectors: sectors.map((s) => s.sector.id),
    parties: parties.map((p) => ({ id: p.partyId, kind: p.partyKind })),
    objectives: objectives.map((o) => o.objective.code),
    ...provenanceSnapshot(c),
  };
}

/** Sets the given fields on `convention`, each checked; the links are replaced by `replaceLinks`. */
async function applyFields(convention: SpecificConvention, set: ConventionFields, em: EntityManager) {
  if (set.title !== undefined) convention.title = checkedName('title', set.title);
  if (set.kind !== undefined) convention.kind = set.kind;
  if (set.frameworkAgreement !== undefined) {
    const agreement = set.frameworkAgreement === null ? null : await em.findOne(FrameworkAgreement, { id: set.frameworkAgreement }, SHARED);
    if (set.frameworkAgreement !== null && !agreement) throw badInput('frameworkAgreement', `there is no framework agreement "${set.frameworkAgreement}".`);
    convention.frameworkAgreement = agreement;
  }
  if (set.signedOn !== undefined) convention.signedOn = set.signedOn;
  if (set.validFrom !== undefined) convention.validFrom = set.validFrom;
  if (set.validTo !== undefined) convention.validTo = set.validTo;
  checkPeriod(convention.validFrom, convention.validTo, 'convention');
  checkDistinct('sectors', set.sectors);
  checkDistinct('parties', set.parties?.map((p) => p.id));
  checkDistinct('objectives', set.objectives);
  if (set.sectors !== undefined) await checkExistLocally(em, 'sectors', Sector, 'id', set.sectors, 'sector');
  if (set.objectives !== undefined) await checkExistLocally(em, 'objectives', Objective, 'code', set.objectives, 'objective');
  applyProvenance(convention, set, set.sources && (await sourcesOf(em, set.sources)), CONVENTION_FIELDS, 'convention');
}

/** Replaces the links the change gives (sectors, parties, objectives), leaving the others. */
async function replaceLinks(convention: SpecificConvention, set: ConventionFields, em: EntityManager, created = false) {
  const owner = { convention: convention.id };
  await replaceList(em, ConventionSector, owner, set.sectors?.map((sector) => ({ ...owner, sector })), created);
  await rememberParties(em, set.parties);
  await replaceList(em, ConventionParty, owner, set.parties?.map((p) => ({ ...owner, partyId: p.id, partyKind: p.kind })), created);
  await replaceList(em, ConventionObjective, owner, set.objectives?.map((objective) => ({ ...owner, objective })), created);
}


/** How specific conventions are written, by the mutations below and by imports. */
export const conventionWriter: RecordWriter<SpecificConvention, InstanceType<typeof CreateConventionInput>, void> = {
  type: 'SpecificConvention',
  entity: SpecificConvention,
  required: ['title', 'kind'],
  // the parties are their owners' to confirm, through the gateway
  references: (context, input) => checkPartiesThroughHub(context, 'parties', input.parties ?? []),
  build: async (input, em) => {
    const convention = Object.assign(new SpecificConvention(), { id: input.id, title: input.title, kind: input.kind });
    await applyFields(convention, input, em);
    return convention;
  },
  apply: applyFields,
  link: replaceLinks,
  snapshot,
};

/** The writes of specific conventions: the Walloon and FWB governments and admins (data/rights.json). */
@Resolver()
export class ConventionWriteResolver {
  @Authorized('editor', 'admin')
  @Mutation(() => CreateConventionPayload, {
    description: 'Adds a specific convention, with its sectors, parties (each checked with the subgraph that owns it) and objectives. Refused: UNAUTHENTICATED, FORBIDDEN, BAD_USER_INPUT (the field at fault).',
  })
  async createConvention(@Arg('input', () => CreateConventionInput) input: InstanceType<typeof CreateConventionInput>, @Ctx() context: ConventionsContext) {
    checkRequired(conventionWriter, input);
    // asked before the transaction: no row waits on another subgraph
    await conventionWriter.references!(context, input, true);
    const record = await createRecord(context, {
      type: conventionWriter.type,
      entity: SpecificConvention,
      input,
      build: (em) => conventionWriter.build(input, em),
      link: (convention, em) => replaceLinks(convention, input, em, true),
      snapshot,
    });
    return { record };
  }

  @Authorized('editor', 'admin')
  @Mutation(() => UpdateConventionPayload, {
    description: 'Changes a specific convention; a list given (sectors, parties, objectives) replaces the old one. Refused: UNAUTHENTICATED, FORBIDDEN, CONFLICT (another version), BAD_USER_INPUT (the field at fault), NOT_FOUND.',
  })
  async updateConvention(@Arg('input', () => UpdateConventionInput) input: InstanceType<typeof UpdateConventionInput>, @Ctx() context: ConventionsContext) {
    if (input.parties) await checkPartiesThroughHub(context, 'parties', input.parties);
    const record = await updateRecord(context, {
      type: 'SpecificConvention',
      entity: SpecificConvention,
      input,
      snapshot,
      apply: async (convention, em) => {
        await applyFields(convention, input, em);
        await replaceLinks(convention, input, em);
      },
    });
    return { record };
  }

  @Authorized('editor', 'admin')
  @Mutation(() => DeleteConventionPayload, {
    description: 'Deletes a specific convention: it leaves every list, count and query, its tombstone stays in the audit trail and its id is never reused. Refused: UNAUTHENTICATED, FORBIDDEN, CONFLICT (another version), NOT_FOUND.',
  })
  async deleteConvention(@Arg('input', () => DeleteInput) input: DeleteInput, @Ctx() context: ConventionsContext) {
    const record = await deleteRecord(context, { type: 'SpecificConvention', entity: SpecificConvention, input, snapshot });
    return { record };
  }
}
