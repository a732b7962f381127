import type { EntityManager } from '@mikro-orm/postgresql';
import { Field, ID, InputType } from 'type-graphql';
import {
  applyProvenance,
  checkedName,
  checkPartiesThroughHub,
  checkSectorsThroughHub,
  itemSourcesThroughHub,
  PartialDateScalar,
  PartyKind,
  provenanceSnapshot,
  ProvenanceInput,
  recordWrites,
  rememberSectors,
  replaceList,
  sourcesThroughHub,
  type PartialDate,
  type RecordWriter,
  type Source,
} from '@hub/kit';
import { checkedText } from '../checks';
import { SfmqProfile, SfmqProfileKind, SfmqProfileSector, type GovernmentApproval, type SfmqProfileVersion } from './profile.entity';
import { SfmqProfileType } from './profile.type';

@InputType({ description: 'A version of a profile and its chamber dates, as the document states them.' })
export class SfmqProfileVersionInput {
  @Field({ description: 'The version as the document names it ("version actuelle").' })
  label!: string;

  @Field(() => PartialDateScalar, { nullable: true })
  versionDate?: PartialDate | null;

  @Field(() => PartialDateScalar, { nullable: true, description: 'Validation by the Chambre des Métiers (ChaM).' })
  chamValidatedOn?: PartialDate | null;

  @Field(() => PartialDateScalar, { nullable: true, description: 'Validation by the Chambre Enseignement-Formation (ChaEF).' })
  chaefValidatedOn?: PartialDate | null;

  @Field(() => PartialDateScalar, { nullable: true, description: 'Agreement of the ChaCA (agréation).' })
  chacaAgreedOn?: PartialDate | null;

  @Field(() => String, { nullable: true })
  note?: string | null;

  @Field(() => [ID], { nullable: true, description: 'The sources stating it (`Query.sources`).' })
  sources?: string[];
}

@InputType({ description: 'A government approval as one place of a source states it; give conflicting statements as separate approvals.' })
export class GovernmentApprovalInput {
  @Field(() => ID, { description: 'The government: a GOVERNMENT of `Query.publicAuthorities`.' })
  government!: string;

  @Field(() => PartialDateScalar, { nullable: true })
  approvedOn?: PartialDate | null;

  @Field(() => String, { nullable: true, description: 'Where and how the source states it.' })
  statedAs?: string | null;

  @Field(() => [ID], { nullable: true, description: 'The sources stating it (`Query.sources`).' })
  sources?: string[];
}

@InputType('SfmqProfileFields', { description: 'The fields of an SFMQ profile, as a write sets them.' })
export class SfmqProfileFields extends ProvenanceInput {
  @Field(() => SfmqProfileKind, { nullable: true })
  kind?: SfmqProfileKind;

  @Field({ nullable: true })
  name?: string;

  @Field(() => String, { nullable: true, description: 'The grappe de métiers.' })
  grappe?: string | null;

  @Field(() => [ID], { nullable: true, description: 'The sectors (or sub-sectors) of the profile: ids of `Query.sectors`, checked with the conventions subgraph.' })
  sectors?: string[];

  @Field(() => PartialDateScalar, { nullable: true, description: 'The date the document bears.' })
  documentDate?: PartialDate | null;

  @Field(() => [SfmqProfileVersionInput], { nullable: true, description: 'The versions (the list replaces the old one).' })
  versions?: SfmqProfileVersionInput[];

  @Field(() => [GovernmentApprovalInput], { nullable: true, description: 'The government approvals as stated (the list replaces the old one).' })
  governmentApprovals?: GovernmentApprovalInput[];
}

/** The fields of a profile that `unverifiedFields` may name (its GraphQL names). */
export const SFMQ_PROFILE_FIELDS = ['kind', 'name', 'grappe', 'sectors', 'documentDate', 'versions', 'governmentApprovals'];

interface References {
  sources?: Source[];
  versionSources?: Source[][];
  approvalSources?: Source[][];
}

const ids = (sources: Source[]) => sources.map((source) => source.id);

/** A profile as the audit trail and the export show it (its sectors read from their link table, sources and governments by id). */
const snapshot = async (p: SfmqProfile, em: EntityManager) => ({
  kind: p.kind,
  name: p.name,
  grappe: p.grappe,
  sectors: (await em.find(SfmqProfileSector, { profile: p.id }, { orderBy: { sectorId: 'asc' } })).map((link) => link.sectorId),
  documentDate: p.documentDate,
  versions: p.versions.map((v) => ({ ...v, sources: ids(v.sources) })),
  governmentApprovals: p.governmentApprovals.map((a) => ({ ...a, government: a.government.id, sources: ids(a.sources) })),
  ...provenanceSnapshot(p),
});

function applyFields(profile: SfmqProfile, input: SfmqProfileFields, references: References) {
  if (input.kind !== undefined) profile.kind = input.kind;
  if (input.name !== undefined) profile.name = checkedName('name', input.name);
  if (input.grappe !== undefined) profile.grappe = checkedText('grappe', input.grappe);
  if (input.documentDate !== undefined) profile.documentDate = input.documentDate;
  if (input.versions !== undefined) {
    profile.versions = input.versions.map(
      (v, i): SfmqProfileVersion => ({
        label: checkedName(`versions[${i}].label`, v.label),
        versionDate: v.versionDate ?? null,
        chamValidatedOn: v.chamValidatedOn ?? null,
        chaefValidatedOn: v.chaefValidatedOn ?? null,
        chacaAgreedOn: v.chacaAgreedOn ?? null,
        note: checkedText(`versions[${i}].note`, v.note),
        sources: references.versionSources![i],
      }),
    );
  }
  if (input.governmentApprovals !== undefined) {
    profile.governmentApprovals = input.governmentApprovals.map(
      (a, i): GovernmentApproval => ({
        government: { id: a.government },
        approvedOn: a.approvedOn ?? null,
        statedAs: checkedText(`governmentApprovals[${i}].statedAs`, a.statedAs),
        sources: references.approvalSources![i],
      }),
    );
  }
  applyProvenance(profile, input, references.sources, SFMQ_PROFILE_FIELDS, 'SFMQ profile');
}

async function replaceLinks(profile: SfmqProfile, input: SfmqProfileFields, em: EntityManager, created = false) {
  await rememberSectors(em, input.sectors);
  const owner = { profile: profile.id };
  await replaceList(em, SfmqProfileSector, owner, input.sectors?.map((sectorId) => ({ ...owner, sectorId })), created);
}

/** How SFMQ profiles are written, by the mutations below and by imports. */
export const sfmqProfileWriter: RecordWriter<SfmqProfile, SfmqProfileFields & { id: string }, References> = {
  type: 'SfmqProfile',
  entity: SfmqProfile,
  required: ['kind', 'name'],
  references: async (context, input) => {
    await checkSectorsThroughHub(context, 'sectors', input.sectors);
    const governments = input.governmentApprovals?.map((a) => ({ id: a.government, kind: PartyKind.GOVERNMENT })) ?? [];
    if (governments.length > 0) await checkPartiesThroughHub(context, 'governmentApprovals', governments);
    return {
      sources: input.sources === undefined ? undefined : await sourcesThroughHub(context, input.sources),
      versionSources: await itemSourcesThroughHub(context, 'versions', input.versions),
      approvalSources: await itemSourcesThroughHub(context, 'governmentApprovals', input.governmentApprovals),
    };
  },
  build: async (input, _em, references) => {
    const profile = Object.assign(new SfmqProfile(), { id: input.id });
    applyFields(profile, input, references);
    return profile;
  },
  apply: (profile, input, _em, references) => applyFields(profile, input, references),
  link: replaceLinks,
  snapshot,
};

/** createSfmqProfile, updateSfmqProfile, deleteSfmqProfile and a profile's history. */
export const SfmqProfileWriteResolver = recordWrites({
  type: SfmqProfileType,
  writer: sfmqProfileWriter,
  fields: SfmqProfileFields,
  what: 'SFMQ profile',
  who: 'the SFMQ (data/rights.json) and admins',
});
