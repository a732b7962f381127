import type { EntityManager } from '@mikro-orm/postgresql';
import { Field, Float, ID, InputType, Int } from 'type-graphql';
import {
  applyProvenance,
  badInput,
  checkedName,
  checkExistThroughHub,
  checkPartiesThroughHub,
  checkSectorsThroughHub,
  itemSourcesThroughHub,
  PartyKind,
  provenanceSnapshot,
  ProvenanceInput,
  recordWrites,
  rememberSectors,
  replaceList,
  sourcesThroughHub,
  type RecordWriter,
  type Source,
} from '@hub/kit';
import { checkedText, checkedCount, checkedShare, checkedYear } from '../checks';
import { SectorTest, SectorTestSector, type SectorTestSession } from './sector-test.entity';
import { SectorTestType } from './sector-test.type';

@InputType({ description: 'A session of a sector test, as a source reports it: what the source does not give is left out (null).' })
export class SectorTestSessionInput {
  @Field(() => Int, { nullable: true, description: 'The calendar year; leave it out when the source gives none (never infer it).' })
  year?: number | null;

  @Field(() => String, { nullable: true, description: 'The school year named, e.g. "2013-2014".' })
  schoolYear?: string | null;

  @Field(() => String, { nullable: true, description: 'The date as the source words it when it gives no year ("3 juin").' })
  dateText?: string | null;

  @Field(() => String, { nullable: true })
  trade?: string | null;

  @Field(() => Int, { nullable: true, description: 'How many sat the test (0 or more).' })
  candidates?: number | null;

  @Field(() => Int, { nullable: true, description: 'An approximate number the source gives instead ("environ 1000").' })
  candidatesApprox?: number | null;

  @Field(() => Int, { nullable: true, description: 'How many passed: not more than `candidates`.' })
  passed?: number | null;

  @Field(() => Float, { nullable: true, description: 'The share that passed, 0 to 1, as the source states it.' })
  passRate?: number | null;

  @Field(() => String, { nullable: true })
  place?: string | null;

  @Field(() => String, { nullable: true })
  note?: string | null;

  @Field(() => [ID], { nullable: true, description: 'The sources of these figures (`Query.sources`).' })
  sources?: string[];
}

@InputType('SectorTestFields', { description: 'The fields of a sector test, as a write sets them.' })
export class SectorTestFields extends ProvenanceInput {
  @Field({ nullable: true })
  name?: string;

  @Field(() => ID, { nullable: true, description: 'The sector fund that organises it: a SECTOR_FUND of `Query.sectorBodies`. An editor may only name its own agency (data/rights.json organisedBy).' })
  organiser?: string;

  @Field(() => [ID], { nullable: true, description: 'The sectors (or sub-sectors) it is for: ids of `Query.sectors`, checked with the conventions subgraph.' })
  sectors?: string[];

  @Field(() => [String], { nullable: true, description: 'The trades tested, as the sources word them.' })
  trades?: string[];

  @Field(() => String, { nullable: true })
  targetPublic?: string | null;

  @Field(() => String, { nullable: true })
  certificate?: string | null;

  @Field(() => String, { nullable: true, description: 'What it takes to pass, as the sources word it.' })
  passThreshold?: string | null;

  @Field(() => Float, { nullable: true, description: 'The overall mark needed to pass, 0 to 1.' })
  passMark?: number | null;

  @Field(() => [String], { nullable: true })
  partnerCentres?: string[];

  @Field(() => String, { nullable: true })
  sfmqLink?: string | null;

  @Field(() => String, { nullable: true })
  validationLink?: string | null;

  @Field(() => ID, { nullable: true, description: 'The specific convention it is carried out under (`Query.convention`), checked with the conventions subgraph.' })
  convention?: string | null;

  @Field(() => [SectorTestSessionInput], { nullable: true, description: 'The sessions the sources report (the list replaces the old one).' })
  sessions?: SectorTestSessionInput[];
}

/** The fields of a sector test that `unverifiedFields` may name (its GraphQL names). */
export const SECTOR_TEST_FIELDS = ['name', 'organiser', 'sectors', 'trades', 'targetPublic', 'certificate', 'passThreshold', 'passMark', 'partnerCentres', 'sfmqLink', 'validationLink', 'convention', 'sessions'];

/** What a write's references resolve to, asked of their owners before any row is locked. */
interface References {
  sources?: Source[];
  sessionSources?: Source[][];
}

/** A test as the audit trail and the export show it (its sectors read from their link table, sources by id). */
const snapshot = async (t: SectorTest, em: EntityManager) => ({
  name: t.name,
  organiser: t.organiser,
  sectors: (await em.find(SectorTestSector, { test: t.id }, { orderBy: { sectorId: 'asc' } })).map((link) => link.sectorId),
  trades: t.trades,
  targetPublic: t.targetPublic,
  certificate: t.certificate,
  passThreshold: t.passThreshold,
  passMark: t.passMark,
  partnerCentres: t.partnerCentres,
  sfmqLink: t.sfmqLink,
  validationLink: t.validationLink,
  convention: t.convention,
  sessions: t.sessions.map(({ sources, ...session }) => ({ ...session, sources: sources.map((source) => source.id) })),
  ...provenanceSnapshot(t),
});

/** A session as given, each figure checked; BAD_USER_INPUT names the field at fault (`sessions[1].passed`). */
function session(given: SectorTestSessionInput, at: string, sources: Source[]): SectorTestSession {
  const candidates = checkedCount(`${at}.candidates`, given.candidates);
  const passed = checkedCount(`${at}.passed`, given.passed);
  if (candidates !== null && passed !== null && passed > candidates) throw badInput(`${at}.passed`, `${passed} passed of ${candidates} candidates.`);
  return {
    year: checkedYear(`${at}.year`, given.year),
    schoolYear: checkedText(`${at}.schoolYear`, given.schoolYear),
    dateText: checkedText(`${at}.dateText`, given.dateText),
    trade: checkedText(`${at}.trade`, given.trade),
    candidates,
    candidatesApprox: checkedCount(`${at}.candidatesApprox`, given.candidatesApprox),
    passed,
    passRate: checkedShare(`${at}.passRate`, given.passRate),
    place: checkedText(`${at}.place`, given.place),
    note: checkedText(`${at}.note`, given.note),
    sources,
  };
}

/** Sets the fields a write gives on `test`, each checked; BAD_USER_INPUT names the field at fault. */
function applyFields(test: SectorTest, input: SectorTestFields, references: References) {
  if (input.name !== undefined) test.name = checkedName('name', input.name);
  if (input.organiser !== undefined) test.organiser = input.organiser;
  if (input.trades !== undefined) test.trades = input.trades.map((trade, i) => checkedName(`trades[${i}]`, trade));
  if (input.targetPublic !== undefined) test.targetPublic = checkedText('targetPublic', input.targetPublic);
  if (input.certificate !== undefined) test.certificate = checkedText('certificate', input.certificate);
  if (input.passThreshold !== undefined) test.passThreshold = checkedText('passThreshold', input.passThreshold);
  if (input.passMark !== undefined) test.passMark = checkedShare('passMark', input.passMark);
  if (input.partnerCentres !== undefined) test.partnerCentres = input.partnerCentres.map((centre, i) => checkedName(`partnerCentres[${i}]`, centre));
  if (input.sfmqLink !== undefined) test.sfmqLink = checkedText('sfmqLink', input.sfmqLink);
  if (input.validationLink !== undefined) test.validationLink = checkedText('validationLink', input.validationLink);
  if (input.convention !== undefined) test.convention = input.convention;
  if (input.sessions !== undefined) test.sessions = input.sessions.map((given, i) => session(given, `sessions[${i}]`, references.sessionSources![i]));
  applyProvenance(test, input, references.sources, SECTOR_TEST_FIELDS, 'sector test');
}

/** Replaces the test's sectors when given; they join the ids this subgraph knows. */
async function replaceLinks(test: SectorTest, input: SectorTestFields, em: EntityManager, created = false) {
  await rememberSectors(em, input.sectors);
  const owner = { test: test.id };
  await replaceList(em, SectorTestSector, owner, input.sectors?.map((sectorId) => ({ ...owner, sectorId })), created);
}

/** How sector tests are written, by the mutations below and by imports. */
export const sectorTestWriter: RecordWriter<SectorTest, SectorTestFields & { id: string }, References> = {
  type: 'SectorTest',
  entity: SectorTest,
  required: ['name', 'organiser'],
  references: async (context, input) => {
    await checkSectorsThroughHub(context, 'sectors', input.sectors);
    // the organiser is a sector fund, a party of the conventions subgraph
    if (input.organiser !== undefined) await checkPartiesThroughHub(context, 'organiser', [{ id: input.organiser, kind: PartyKind.SECTOR_FUND }], true);
    if (input.convention) await checkExistThroughHub(context, 'convention', [input.convention], 'convention', 'conventions', true);
    return {
      sources: input.sources === undefined ? undefined : await sourcesThroughHub(context, input.sources),
      sessionSources: await itemSourcesThroughHub(context, 'sessions', input.sessions),
    };
  },
  build: async (input, _em, references) => {
    const test = Object.assign(new SectorTest(), { id: input.id });
    applyFields(test, input, references);
    return test;
  },
  apply: (test, input, _em, references) => applyFields(test, input, references),
  link: replaceLinks,
  snapshot,
};

/** createSectorTest, updateSectorTest, deleteSectorTest and a test's history. */
export const SectorTestWriteResolver = recordWrites({
  type: SectorTestType,
  writer: sectorTestWriter,
  fields: SectorTestFields,
  what: 'sector test (épreuve sectorielle)',
  who: 'the sector fund that organises it (data/rights.json organisedBy: before and after the change, the organiser is the editor’s agency) and admins',
});

