import type { EntityManager } from '@mikro-orm/postgresql';
import { Arg, Authorized, Ctx, Field, ID, InputType, Mutation, Resolver, type ClassType } from 'type-graphql';
import {
  applyProvenance,
  changeInput,
  checkDistinct,
  checkedName,
  checkPartiesThroughHub,
  checkPeriod,
  createRecord,
  creationInput,
  PartialDateScalar,
  payloadType,
  provenanceSnapshot,
  ProvenanceInput,
  replaceList,
  updateRecord,
  type PartialDate,
  checkRequired,
  checkExistLocally,
  deleteRecord,
  DeleteInput,
  type RecordWriter,
  namedLocally,
  sql,
} from '@hub/kit';
import type { ConventionsContext } from '../context';
import { PartyRefInput } from '../convention/convention.write';
import { rememberParties } from '../party/party-keys';
import { Sector } from '../sector/sector.entity';
import { sourcesOf } from '../source/sources';
import { AgreementSector, AgreementSignatory, FrameworkAgreement } from './agreement.entity';
import { FrameworkAgreementType } from './agreement.type';

/** The fields of an agreement that `unverifiedFields` may name. */
const AGREEMENT_FIELDS = ['title', 'signedOn', 'validFrom', 'validTo', 'programme', 'content', 'sectors', 'signatories'];

@InputType('FrameworkAgreementFields', { description: 'The fields of a framework agreement, as a write sets them.' })
export class AgreementFields extends ProvenanceInput {
  @Field({ nullable: true })
  title?: string;

  @Field(() => PartialDateScalar, { nullable: true })
  signedOn?: PartialDate | null;

  @Field(() => PartialDateScalar, { nullable: true })
  validFrom?: PartialDate | null;

  @Field(() => PartialDateScalar, { nullable: true, description: 'Not before `validFrom`, at the precision given.' })
  validTo?: PartialDate | null;

  @Field(() => String, { nullable: true, description: 'The programme it belongs to.' })
  programme?: string | null;

  @Field(() => String, { nullable: true, description: 'What it provides, in short.' })
  content?: string | null;

  @Field(() => [ID], { nullable: true, description: 'The sectors it covers (ids of `Query.sectors`).' })
  sectors?: string[];

  @Field(() => [PartyRefInput], { nullable: true, description: 'Its signatories, each checked with the subgraph that owns it.' })
  signatories?: PartyRefInput[];

}

const CreateFrameworkAgreementInput = creationInput(AgreementFields, 'CreateFrameworkAgreementInput', 'A new framework agreement: its id and title at least.');
const UpdateFrameworkAgreementInput = changeInput(AgreementFields, 'UpdateFrameworkAgreementInput', 'A change to a framework agreement.');
const CreateFrameworkAgreementPayload = payloadType(FrameworkAgreementType as ClassType<FrameworkAgreement>, 'CreateFrameworkAgreementPayload', 'The framework agreement as the creation left it.');
const DeleteFrameworkAgreementPayload = payloadType(FrameworkAgreementType as ClassType<FrameworkAgreement>, 'DeleteFrameworkAgreementPayload', 'The framework agreement as it was when deleted.');
const UpdateFrameworkAgreementPayload = payloadType(FrameworkAgreementType as ClassType<FrameworkAgreement>, 'UpdateFrameworkAgreementPayload', 'The framework agreement as the change left it.');


/** The agreement as the audit trail shows it, links included. */
async function snapshot(a: FrameworkAgreement, em: EntityManager) {
  // one after the other: inside a transaction they share one connection
  const sectors = await em.find(AgreementSector, { agreement: a.id }, { orderBy: { sector: 'asc' } });
  const signatories = await em.find(AgreementSignatory, { agreement: a.id }, { orderBy: { partyId: 'asc' } });
  return {
    title: a.title,
    signedOn: a.signedOn,
    validFrom: a.validFrom,
    validTo: a.validTo,
    programme: a.programme,
    content: a.content,
    sectors: sectors.map((s) => s.sector.id),
    signatories: signatories.map((p) => ({ id: p.partyId, kind: p.partyKind })),
    ...provenanceSnapshot(a),
  };
}

async function applyFields(agreement: FrameworkAgreement, set: AgreementFields, em: EntityManager) {
  if (set.title !== undefined) agreement.title = checkedName('title', set.title);
  if (set.signedOn !== undefined) agreement.signedOn = set.signedOn;
  if (set.validFrom !== undefined) agreement.validFrom = set.validFrom;
  if (set.validTo !== undefined) agreement.validTo = set.validTo;
  checkPeriod(agreement.validFrom, agreement.validTo, 'agreement');
  if (set.programme !== undefined) agreement.programme = set.programme;
  if (set.content !== undefined) agreement.content = set.content;
  checkDistinct('sectors', set.sectors);
  checkDistinct('signatories', set.signatories?.map((p) => p.id));
  if (set.sectors !== undefined) await checkExistLocally(em, 'sectors', Sector, 'id', set.sectors, 'sector');
  applyProvenance(agreement, set, set.sources && (await sourcesOf(em, set.sources)), AGREEMENT_FIELDS, 'framework agreement');
}

async function replaceLinks(agreement: FrameworkAgreement, set: AgreementFields, em: EntityManager, created = false) {
  const owner = { agreement: agreement.id };
  await replaceList(em, AgreementSector, owner, set.sectors?.map((sector) => ({ ...owner, sector })), created);
  await rememberParties(em, set.signatories);
  await replaceList(em, AgreementSignatory, owner, set.signatories?.map((p) => ({ ...owner, partyId: p.id, partyKind: p.kind })), created);
}

/** How framework agreements are written, by the mutations below and by imports. */
export const agreementWriter: RecordWriter<FrameworkAgreement, InstanceType<typeof CreateFrameworkAgreementInput>, void> = {
  type: 'FrameworkAgreement',
  entity: FrameworkAgreement,
  required: ['title'],
  // the signatories are their owners' to confirm, through the gateway
  references: (context, input) => checkPartiesThroughHub(context, 'signatories', input.signatories ?? []),
  build: async (input, em) => {
    const agreement = Object.assign(new FrameworkAgreement(), { id: input.id, title: input.title });
    await applyFields(agreement, input, em);
    return agreement;
  },
  apply: applyFields,
  link: replaceLinks,
  snapshot,
  namedBy: (agreement, em) =>
    namedLocally(em, 'SpecificConvention', sql`select id from conventions.specific_convention where deleted_at is null and framework_agreement_id = ${agreement.id}`),
};

/** The writes of framework agreements: the Walloon and FWB governments and admins (data/rights.json). */
@Resolver()
export class AgreementWriteResolver {
  @Authorized('editor', 'admin')
  @Mutation(() => CreateFrameworkAgreementPayload, {
    description: 'Adds a framework agreement, with its sectors and signatories (each checked with the subgraph that owns it). Refused: UNAUTHENTICATED, FORBIDDEN, BAD_USER_INPUT (the field at fault).',
  })
  async createFrameworkAgreement(@Arg('input', () => CreateFrameworkAgreementInput) input: InstanceType<typeof CreateFrameworkAgreementInput>, @Ctx() context: ConventionsContext) {
    checkRequired(agreementWriter, input);
    await agreementWriter.references!(context, input, true);
    const record = await createRecord(context, {
      type: agreementWriter.type,
      entity: FrameworkAgreement,
      input,
      build: (em) => agreementWriter.build(input, em),
      link: (agreement, em) => replaceLinks(agreement, input, em, true),
      snapshot,
    });
    return { record };
  }

  @Authorized('editor', 'admin')
  @Mutation(() => UpdateFrameworkAgreementPayload, {
    description: 'Changes a framework agreement; a list given (sectors, signatories) replaces the old one. Refused: UNAUTHENTICATED, FORBIDDEN, CONFLICT, BAD_USER_INPUT (the field at fault), NOT_FOUND.',
  })
  async updateFrameworkAgreement(@Arg('input', () => UpdateFrameworkAgreementInput) input: InstanceType<typeof UpdateFrameworkAgreementInput>, @Ctx() context: ConventionsContext) {
    if (input.signatories) await checkPartiesThroughHub(context, 'signatories', input.signatories);
    const record = await updateRecord(context, {
      type: 'FrameworkAgreement',
      entity: FrameworkAgreement,
      input,
      snapshot,
      apply: async (agreement, em) => {
        await applyFields(agreement, input, em);
        await replaceLinks(agreement, input, em);
      },
    });
    return { record };
  }

  @Authorized('editor', 'admin')
  @Mutation(() => DeleteFrameworkAgreementPayload, {
    description:
      'Deletes a framework agreement: it leaves every list and query, its tombstone stays in the audit trail and its id is never reused. Refused while a specific convention carries it out (CONFLICT, naming them), and: UNAUTHENTICATED, FORBIDDEN, CONFLICT (another version), NOT_FOUND.',
  })
  async deleteFrameworkAgreement(@Arg('input', () => DeleteInput) input: DeleteInput, @Ctx() context: ConventionsContext) {
    const record = await deleteRecord(context, {
      type: 'FrameworkAgreement',
      entity: FrameworkAgreement,
      input,
      snapshot,
      namedBy: agreementWriter.namedBy,
    });
    return { record };
  }
}
