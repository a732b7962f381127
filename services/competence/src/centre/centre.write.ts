import type { EntityManager } from '@mikro-orm/postgresql';
import { Field, ID, InputType } from 'type-graphql';
import {
  applyProvenance,
  badInput,
  checkedName,
  checkDistinct,
  checkExistLocally,
  checkPartyIdFree,
  type RecordWriter,
  checkedWebsite,
  checkSectorsThroughHub,
  rememberSectors,
  checkPeriod,
  recordWrites,
  replaceList,
  foldText,
  PartialDateScalar,
  provenanceSnapshot,
  ProvenanceInput,
  sourcesThroughHub,
  namedThroughHub,
  type PartialDate,
  type Source,
  SHARED,
} from '@hub/kit';
import type { CompetenceContext } from '../context';
import { LabelDecision } from '../label/decision.entity';
import { TraineePublic } from '../label/label.entity';
import { CentrePublic, CentreSector, CompetenceCentre, Label, LabelStatus } from './centre.entity';
import { PROVINCES } from './centre.list';
import { CompetenceCentreType } from './centre.type';

@InputType({ description: 'The label a centre holds, as decided: every field is set as given.' })
export class LabelInput {
  @Field(() => LabelStatus)
  status!: LabelStatus;

  @Field(() => PartialDateScalar, { nullable: true, description: 'Day (or month, or year) of the decision.' })
  decidedOn?: PartialDate | null;

  @Field(() => PartialDateScalar, { nullable: true, description: 'Start of the label’s validity.' })
  validFrom?: PartialDate | null;

  @Field(() => PartialDateScalar, { nullable: true, description: 'End of the label’s validity: not before its start, at the precision given.' })
  validTo?: PartialDate | null;

  @Field(() => String, { nullable: true })
  note?: string | null;
}

@InputType('CompetenceCentreFields', { description: 'The fields of a competence centre, as a write sets them.' })
export class CentreFields extends ProvenanceInput {
  @Field({ nullable: true })
  name?: string;

  @Field(() => [String], { nullable: true, description: 'The sectors and trades it serves, as the sources word them.' })
  scope?: string[];

  @Field(() => [ID], { nullable: true, description: 'The sectors (or sub-sectors) it serves: ids of `Query.sectors`, checked with the conventions subgraph.' })
  sectors?: string[];

  @Field(() => [ID], { nullable: true, description: 'The publics it is known to serve: ids of `Query.publics`.' })
  publics?: string[];

  @Field(() => String, { nullable: true, description: 'The commune of its main site.' })
  city?: string | null;

  @Field(() => [String], { nullable: true, description: 'Every site, where it has several.' })
  sites?: string[];

  @Field(() => String, { nullable: true, description: `One of ${PROVINCES.join(', ')} (case and accents are not checked).` })
  province?: string | null;

  @Field(() => String, { nullable: true, description: 'The body that manages the centre.' })
  managingBody?: string | null;

  @Field(() => String, { nullable: true, description: 'Official website: an http(s) address.' })
  website?: string | null;

  @Field(() => LabelInput, { nullable: true, description: 'The label as last decided.' })
  label?: LabelInput;

  @Field(() => ID, { nullable: true, description: 'The decision that granted the label (`labelDecisions`).' })
  labelDecision?: string | null;
}

/** The fields of a centre that `unverifiedFields` may name. */
const CENTRE_FIELDS = ['name', 'scope', 'city', 'sites', 'province', 'managingBody', 'website', 'sectors', 'label', 'labelDecision', 'publics'];

/** A centre as the audit trail shows it (its sectors and publics read from their link tables). */
const snapshot = async (c: CompetenceCentre, em: EntityManager) => ({
  name: c.name,
  scope: c.scope,
  sectors: (await em.find(CentreSector, { centre: c.id }, { orderBy: { sectorId: 'asc' } })).map((link) => link.sectorId),
  publics: (await em.find(CentrePublic, { centre: c.id }, { orderBy: { traineePublic: 'asc' } })).map((link) => link.traineePublic.id),
  city: c.city,
  sites: c.sites,
  province: c.province,
  managingBody: c.managingBody,
  website: c.website,
  label: { status: c.label.status, decidedOn: c.label.decidedOn, validFrom: c.label.validFrom, validTo: c.label.validTo, note: c.label.note },
  labelDecision: c.labelDecision?.id ?? null,
  ...provenanceSnapshot(c),
});

/** The province as the hub spells it, whatever the case and accents given. */
function province(given: string): string {
  const found = PROVINCES.find((name) => foldText(name) === foldText(given));
  if (!found) throw badInput('province', `"${given.slice(0, 100)}" is not a province of Wallonia (${PROVINCES.join(', ')}).`);
  return found;
}

/** The label as given, its dates in order at the precision given (2024-05 may end in 2024, not in 2023-12). */
function label(given: LabelInput): Label {
  const { validFrom = null, validTo = null } = given;
  checkPeriod(validFrom, validTo, 'label', 'label.validTo');
  return Object.assign(new Label(), { status: given.status, decidedOn: given.decidedOn ?? null, validFrom, validTo, note: given.note ?? null });
}

/** Sets the fields a write gives on `centre`, each checked; BAD_USER_INPUT names the field at fault. */
async function applyFields(centre: CompetenceCentre, input: CentreFields, sources: Source[] | undefined, em: EntityManager) {
  if (input.name !== undefined) centre.name = checkedName('name', input.name);
  if (input.scope !== undefined) centre.scope = input.scope.map((words, i) => checkedName(`scope[${i}]`, words));
  if (input.city !== undefined) centre.city = input.city === null ? null : checkedName('city', input.city);
  if (input.sites !== undefined) centre.sites = input.sites.map((site, i) => checkedName(`sites[${i}]`, site));
  if (input.province !== undefined) centre.province = input.province === null ? null : province(input.province);
  if (input.managingBody !== undefined) centre.managingBody = input.managingBody === null ? null : checkedName('managingBody', input.managingBody);
  if (input.website !== undefined) centre.website = checkedWebsite('website', input.website);
  if (input.label !== undefined) centre.label = label(input.label);
  if (input.labelDecision !== undefined) {
    const decision = input.labelDecision === null ? null : await em.findOne(LabelDecision, { id: input.labelDecision }, SHARED);
    if (decision === null && input.labelDecision !== null) throw badInput('labelDecision', `there is no label decision "${input.labelDecision}" (Query.labelDecisions).`);
    centre.labelDecision = decision;
  }
  if (input.publics) {
    checkDistinct('publics', input.publics);
    await checkExistLocally(em, 'publics', TraineePublic, 'id', input.publics, 'public', 'publics');
  }
  applyProvenance(centre, input, sources, CENTRE_FIELDS, 'competence centre');
}

/** Replaces the centre's sectors and publics when given; the sectors join the ids this subgraph knows. */
async function replaceLinks(centre: CompetenceCentre, input: CentreFields, em: EntityManager, created = false) {
  await rememberSectors(em, input.sectors);
  const owner = { centre: centre.id };
  await replaceList(em, CentreSector, owner, input.sectors?.map((sectorId) => ({ ...owner, sectorId })), created);
  await replaceList(em, CentrePublic, owner, input.publics?.map((traineePublic) => ({ ...owner, traineePublic })), created);
}

/** The references a write gives that other subgraphs own, checked with them before any row is locked. */
async function references(context: CompetenceContext, input: CentreFields) {
  await checkSectorsThroughHub(context, 'sectors', input.sectors);
  return input.sources === undefined ? undefined : await sourcesThroughHub(context, input.sources);
}

/** How competence centres are written, by the mutations below and by imports. */
export const centreWriter: RecordWriter<CompetenceCentre, CentreFields & { id: string }, Source[] | undefined> = {
  type: 'CompetenceCentre',
  entity: CompetenceCentre,
  required: ['name', 'label', 'sectors'],
  references: async (context, input, creating) => {
    // a centre is a party: its id is free among every party type
    if (creating) await checkPartyIdFree(context, input.id!);
    return references(context, input);
  },
  build: async (input, em, sources) => {
    if (!input.sectors?.length) throw badInput('sectors', 'at least one sector is required.');
    const centre = Object.assign(new CompetenceCentre(), { id: input.id });
    await applyFields(centre, input, sources, em);
    return centre;
  },
  apply: (centre, input, em, sources) => applyFields(centre, input, sources, em),
  link: replaceLinks,
  snapshot,
  // a centre is a party: the conventions and agreements naming it are the conventions subgraph's
  namedElsewhere: (context, id) => namedThroughHub(context, 'competenceCentre', id, { conventions: 'SpecificConvention', frameworkAgreements: 'FrameworkAgreement' }),
};

/** createCompetenceCentre, updateCompetenceCentre, deleteCompetenceCentre and a centre's history. */
export const CentreWriteResolver = recordWrites({
  type: CompetenceCentreType,
  writer: centreWriter,
  fields: CentreFields,
  what: 'competence centre',
  who: 'gov_wallonia; a centre edits its own descriptive fields, not its label (data/rights.json)',
});
