import type { EntityManager } from '@mikro-orm/postgresql';
import { Arg, Authorized, Ctx, Field, ID, InputType, Int, Mutation, ObjectType, Resolver } from 'type-graphql';
import {
  badInput,
  checkedName,
  checkedUnverifiedFields,
  checkPartiesThroughHub,
  checkPeriod,
  checkSourced,
  createRecord,
  PartialDateScalar,
  replaceList,
  updateRecord,
  VERSION_DESCRIPTION,
  type PartialDate,
} from '@hub/kit';
import type { ConventionsContext } from '../context';
import { PartyRefInput } from '../convention/convention.write';
import { Sector } from '../sector/sector.entity';
import { sourcesOf } from '../source/sources';
import { AgreementSector, AgreementSignatory, FrameworkAgreement } from './agreement.entity';
import { FrameworkAgreementType } from './agreement.type';

/** The fields of an agreement that `unverifiedFields` may name. */
const AGREEMENT_FIELDS = ['title', 'signedOn', 'validFrom', 'validTo', 'programme', 'content', 'sectors', 'signatories'];

@InputType('FrameworkAgreementFields', { description: 'The fields of a framework agreement: those given are set (null clears; a list replaces the old one), the others kept.' })
export class AgreementFields {
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

  @Field(() => [ID], { nullable: true, description: 'The ids of the public pages (`Query.sources`) it rests on: at least one when it is verified.' })
  sources?: string[];

  @Field({ nullable: true })
  verified?: boolean;

  @Field(() => [String], { nullable: true, description: `The fields no source backs: ${AGREEMENT_FIELDS.join(', ')}.` })
  unverifiedFields?: string[];

  @Field(() => String, { nullable: true })
  note?: string | null;
}

@InputType({ description: 'A new framework agreement: its id (lower-case letters, digits, "_", "-") and title at least.' })
export class CreateFrameworkAgreementInput extends AgreementFields {
  @Field(() => ID)
  id!: string;
}

@InputType({ description: 'A change to a framework agreement.' })
export class UpdateFrameworkAgreementInput extends AgreementFields {
  @Field(() => ID)
  id!: string;

  @Field(() => Int, { description: VERSION_DESCRIPTION })
  version!: number;
}

@ObjectType({ description: 'The framework agreement as the creation left it.' })
export class CreateFrameworkAgreementPayload {
  @Field(() => FrameworkAgreementType)
  record!: FrameworkAgreement;
}

@ObjectType({ description: 'The framework agreement as the change left it.' })
export class UpdateFrameworkAgreementPayload {
  @Field(() => FrameworkAgreementType)
  record!: FrameworkAgreement;
}

const INPUT_FIELDS = ['title', 'signedOn', 'validFrom', 'validTo', 'programme', 'content', 'sectors', 'signatories', 'sources', 'verified', 'unverifiedFields', 'note'] as const;

/** The agreement as the audit trail shows it, links included. */
async function snapshot(a: FrameworkAgreement, em: EntityManager) {
  const [sectors, signatories] = await Promise.all([
    em.find(AgreementSector, { agreement: a.id }, { orderBy: { sector: 'asc' } }),
    em.find(AgreementSignatory, { agreement: a.id }, { orderBy: { partyId: 'asc' } }),
  ]);
  return {
    title: a.title,
    signedOn: a.signedOn,
    validFrom: a.validFrom,
    validTo: a.validTo,
    programme: a.programme,
    content: a.content,
    sectors: sectors.map((s) => s.sector.id),
    signatories: signatories.map((p) => ({ id: p.partyId, kind: p.partyKind })),
    sources: a.sources.map((s) => s.id),
    verified: a.verified,
    unverifiedFields: a.unverifiedFields,
    note: a.note,
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
  if (set.sectors !== undefined) {
    const found = new Set((await em.find(Sector, { id: { $in: set.sectors } })).map((s) => s.id));
    const missing = set.sectors.findIndex((id) => !found.has(id));
    if (missing >= 0) throw badInput(`sectors[${missing}]`, `there is no sector "${set.sectors[missing]}".`);
  }
  if (set.sources !== undefined) agreement.sources = await sourcesOf(em, set.sources);
  if (set.verified !== undefined) agreement.verified = set.verified;
  if (set.unverifiedFields !== undefined) agreement.unverifiedFields = checkedUnverifiedFields(set.unverifiedFields, AGREEMENT_FIELDS, 'framework agreement');
  if (set.note !== undefined) agreement.note = set.note;
  checkSourced(agreement, 'framework agreement');
}

async function replaceLinks(agreement: FrameworkAgreement, set: AgreementFields, em: EntityManager) {
  const owner = { agreement: agreement.id };
  await replaceList(em, AgreementSector, owner, set.sectors?.map((sector) => ({ ...owner, sector })));
  await replaceList(em, AgreementSignatory, owner, set.signatories?.map((p) => ({ ...owner, partyId: p.id, partyKind: p.kind })));
}

/** The writes of framework agreements: the Walloon and FWB governments and admins (data/rights.json). */
@Resolver()
export class AgreementWriteResolver {
  @Authorized('editor', 'admin')
  @Mutation(() => CreateFrameworkAgreementPayload, {
    description: 'Adds a framework agreement, with its sectors and signatories (each checked with the subgraph that owns it). Refused: UNAUTHENTICATED, FORBIDDEN, BAD_USER_INPUT (the field at fault).',
  })
  async createFrameworkAgreement(@Arg('input') input: CreateFrameworkAgreementInput, @Ctx() context: ConventionsContext): Promise<CreateFrameworkAgreementPayload> {
    if (input.title === undefined) throw badInput('title', 'is required.');
    await checkPartiesThroughHub(context, 'signatories', input.signatories ?? []);
    const record = await createRecord(context, {
      type: 'FrameworkAgreement',
      entity: FrameworkAgreement,
      id: input.id,
      build: async (em) => {
        const agreement = Object.assign(new FrameworkAgreement(), { id: input.id, title: input.title });
        await applyFields(agreement, input, em);
        return agreement;
      },
      link: (agreement, em) => replaceLinks(agreement, input, em),
      snapshot,
    });
    return { record };
  }

  @Authorized('editor', 'admin')
  @Mutation(() => UpdateFrameworkAgreementPayload, {
    description: 'Changes a framework agreement; a list given (sectors, signatories) replaces the old one. Refused: UNAUTHENTICATED, FORBIDDEN, CONFLICT, BAD_USER_INPUT (the field at fault), NOT_FOUND.',
  })
  async updateFrameworkAgreement(@Arg('input') input: UpdateFrameworkAgreementInput, @Ctx() context: ConventionsContext): Promise<UpdateFrameworkAgreementPayload> {
    if (input.signatories) await checkPartiesThroughHub(context, 'signatories', input.signatories);
    const record = await updateRecord(context, {
      type: 'FrameworkAgreement',
      entity: FrameworkAgreement,
      id: input.id,
      version: input.version,
      fields: INPUT_FIELDS.filter((field) => input[field] !== undefined),
      snapshot,
      apply: async (agreement, em) => {
        await applyFields(agreement, input, em);
        await replaceLinks(agreement, input, em);
      },
    });
    return { record };
  }
}
