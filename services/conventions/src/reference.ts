import { readFileSync } from 'node:fs';
import type { EntityManager } from '@mikro-orm/postgresql';
import { field, findUp, ImportError, loadOrganisations, PartyKind, provenanceOf, replaceLinks, subSectorId, toPartialDate, upsertReferenceRecords, type ReferenceConflict, type ReferenceData } from '@hub/kit';
import { Sector } from './sector/sector.entity';
import { AgreementSector, AgreementSignatory, FrameworkAgreement } from './agreement/agreement.entity';
import { ConventionKind, ConventionObjective, ConventionParty, ConventionSector, Objective, SpecificConvention } from './convention/convention.entity';
import { Fact } from './fact/fact.entity';
import { PartyKey } from './party/party-key.entity';
import { SourcePage } from './source/source.entity';

type SectorBodies = Record<string, { sector_fund: string | null; federation: string | null }>;

function readSectorBodies(): SectorBodies {
  return JSON.parse(readFileSync(findUp('data/sector-bodies.json'), 'utf8')).sectors;
}

// The GraphQL fields of each record, which its `unverified_fields` may name.
const SECTOR_FIELDS = ['id', 'name', 'parent', 'subSectors', 'sectorFund', 'federation'];
// `sector_fund` holds both bodies: unsourced, it leaves both unverified (the note says which link lacks a source)
const SECTOR_ALIASES = { sector_fund: ['sectorFund', 'federation'] };
const AGREEMENT_FIELDS = ['id', 'title', 'signedOn', 'validFrom', 'validTo', 'programme', 'content', 'sectors', 'signatories'];
const CONVENTION_FIELDS = ['id', 'title', 'kind', 'signedOn', 'validFrom', 'validTo', 'frameworkAgreement', 'sectors', 'parties', 'objectives'];
const OBJECTIVE_FIELDS = ['code', 'label', 'labelEn'];
const FACT_FIELDS = ['id', 'text'];

const KIND_TITLES: Record<ConventionKind, string> = {
  TRAINING_OPERATOR: 'formation',
  EDUCATION: 'enseignement',
  QUALIFICATIONS: 'qualifications (SFMQ)',
  VALIDATION: 'validation des compétences',
};

/**
 * Upserts the conventions subgraph's part of the reference data (the sources and facts, its own parties
 * and the keys of every party, sectors, objectives, framework agreements, specific conventions and their
 * links). A record naming an unknown party, sector, objective or source throws an ImportError naming it;
 * the caller runs this in one transaction, so the database is then left as it was.
 */
export async function loadReferenceData(em: EntityManager, data: ReferenceData, sectorBodies: SectorBodies = readSectorBodies()): Promise<ReferenceConflict[]> {
  const partyKinds = new Map<string, PartyKind>();
  data.parties.forEach((p, i) => {
    if (!(p.kind in PartyKind)) throw new ImportError(`parties[${i}].kind`, `unknown kind "${p.kind}"`);
    partyKinds.set(p.id, p.kind as PartyKind);
  });
  const kindOfParty = (id: string, at: string) => {
    const kind = partyKinds.get(id);
    if (!kind) throw new ImportError(at, `unknown party "${id}"`);
    return kind;
  };
  const sectorNames = new Map(data.sectors.map((s) => [s.id, s.name_fr]));
  const sectorName = (id: string, at: string) => {
    const name = sectorNames.get(id);
    if (!name) throw new ImportError(at, `unknown sector "${id}"`);
    return name;
  };

  await em.upsertMany(SourcePage, data.sources.map((s) => ({ id: s.id, url: s.url, title: s.title, excerpt: s.excerpt ?? null })));
  await em.upsertMany(PartyKey, [...partyKinds].map(([id, kind]) => ({ id, kind })));
  const organisationConflicts = await loadOrganisations(em, data, 'conventions');
  if (data.facts.length > 0) {
    await em.upsertMany(Fact, data.facts.map((f, i) => ({ id: f.id, text: f.text, ...provenanceOf(data, f, `facts[${i}]`, FACT_FIELDS) })));
  }

  const sectors = data.sectors.map((s, i) => {
    const at = `sectors[${i}]`;
    const bodies = sectorBodies[s.id] ?? { sector_fund: null, federation: null };
    const body = (id: string | null, name: string | null, what: string) => {
      if ((id === null) !== (name === null)) throw new ImportError(`${at}.sector_fund.${what}`, `data/sector-bodies.json and the reference data disagree on whether it is known`);
      if (id !== null) kindOfParty(id, `${at}.sector_fund.${what}`);
      return id;
    };
    return {
      id: s.id,
      name: s.name_fr,
      parent: null,
      sectorFund: body(bodies.sector_fund, s.sector_fund.name, 'name'),
      federation: body(bodies.federation, s.sector_fund.federation, 'federation'),
      ...provenanceOf(data, s, at, SECTOR_FIELDS, SECTOR_ALIASES),
    };
  });
  // a sector an agency edited through the API keeps its edit: the file no longer overwrites it
  const { conflicts } = await upsertReferenceRecords(em, Sector, sectors);
  const subSectors = data.sectors.flatMap((s, i) =>
    s.subsectors.map((name) => ({ ...provenanceOf(data, s, `sectors[${i}]`, SECTOR_FIELDS, SECTOR_ALIASES), id: subSectorId(s.id, name), name, parent: s.id, sectorFund: null, federation: null, unverifiedFields: [], note: null })),
  );
  // a sub-sector is edited through the API like a sector: its edits are kept the same way
  const subSectorEdits = await upsertReferenceRecords(em, Sector, subSectors);

  await em.upsertMany(
    Objective,
    data.agc_objectives.map((o, i) => ({ code: o.code, labelFr: o.label_fr, labelEn: o.label_en, ...provenanceOf(data, o, `agc_objectives[${i}]`, OBJECTIVE_FIELDS) })),
  );
  const objectiveCodes = new Set(data.agc_objectives.map((o) => o.code));

  const agreements = data.framework_agreements.map((a, i) => {
    const at = `framework_agreements[${i}]`;
    const names = a.sector_ids.map((id, j) => sectorName(id, `${at}.sector_ids[${j}]`));
    const agreement = {
      id: a.id,
      signedOn: field(`${at}.signed_on`, () => toPartialDate(a.signed_on)),
      validFrom: field(`${at}.valid_from`, () => toPartialDate(a.valid_from)),
      validTo: field(`${at}.valid_to`, () => toPartialDate(a.valid_to)),
      programme: a.programme,
      content: a.content ?? null,
      ...provenanceOf(data, a, at, AGREEMENT_FIELDS),
    };
    const years = agreement.validFrom && agreement.validTo ? ` ${agreement.validFrom.slice(0, 4)}–${agreement.validTo.slice(0, 4)}` : '';
    return { ...agreement, title: `Accord-cadre ${names.join(', ')}${years}` };
  });
  // an agreement an agency edited keeps its fields and its links: the file no longer overwrites them
  const agreementEdits = await upsertReferenceRecords(em, FrameworkAgreement, agreements);
  const agreementIds = data.framework_agreements.map((a) => a.id);
  const agreementsFromFile = data.framework_agreements.map((a, i) => ({ a, i })).filter(({ a }) => !agreementEdits.kept.has(a.id));
  const agreementsApplied = agreementsFromFile.map(({ a }) => a.id);
  await replaceLinks(em, AgreementSector, 'agreement', agreementsApplied, agreementsFromFile.flatMap(({ a }) => a.sector_ids.map((sector) => ({ agreement: a.id, sector }))));
  await replaceLinks(
    em,
    AgreementSignatory,
    'agreement',
    agreementsApplied,
    agreementsFromFile.flatMap(({ a, i }) =>
      a.signatories.map((partyId, j) => ({ agreement: a.id, partyId, partyKind: kindOfParty(partyId, `framework_agreements[${i}].signatories[${j}]`) })),
    ),
  );

  const conventions = data.specific_conventions.map((c, i) => {
    const at = `specific_conventions[${i}]`;
    if (!(c.kind in ConventionKind)) throw new ImportError(`${at}.kind`, `unknown kind "${c.kind}" (one of ${Object.keys(ConventionKind).join(', ')})`);
    if (c.framework_agreement_id !== null && !agreementIds.includes(c.framework_agreement_id)) {
      throw new ImportError(`${at}.framework_agreement_id`, `unknown framework agreement "${c.framework_agreement_id}"`);
    }
    c.objectives.forEach((code, j) => {
      if (!objectiveCodes.has(code)) throw new ImportError(`${at}.objectives[${j}]`, `unknown objective "${code}"`);
    });
    const parties = c.parties.map((id, j) => ({ id, kind: kindOfParty(id, `${at}.parties[${j}]`) }));
    const names = c.sector_ids.map((id, j) => sectorName(id, `${at}.sector_ids[${j}]`));
    const kind = c.kind as ConventionKind;
    return {
      row: {
        id: c.id,
        title: `Convention ${KIND_TITLES[kind]}${names.length ? ` – ${names.join(', ')}` : ''}`,
        kind,
        frameworkAgreement: c.framework_agreement_id,
        signedOn: field(`${at}.signed_on`, () => toPartialDate(c.signed_on)),
        validFrom: field(`${at}.valid_from`, () => toPartialDate(c.valid_from)),
        validTo: field(`${at}.valid_to`, () => toPartialDate(c.valid_to)),
        ...provenanceOf(data, c, at, CONVENTION_FIELDS),
      },
      parties,
      sectorIds: c.sector_ids,
      objectives: c.objectives,
    };
  });
  // a convention an agency edited keeps its fields and its links: the file no longer overwrites them
  const edits = await upsertReferenceRecords(em, SpecificConvention, conventions.map((c) => c.row));
  const fromFile = conventions.filter((c) => !edits.kept.has(c.row.id));
  const conventionIds = fromFile.map((c) => c.row.id);
  await replaceLinks(em, ConventionSector, 'convention', conventionIds, fromFile.flatMap((c) => c.sectorIds.map((sector) => ({ convention: c.row.id, sector }))));
  await replaceLinks(em, ConventionParty, 'convention', conventionIds, fromFile.flatMap((c) => c.parties.map((p) => ({ convention: c.row.id, partyId: p.id, partyKind: p.kind }))));
  await replaceLinks(em, ConventionObjective, 'convention', conventionIds, fromFile.flatMap((c) => c.objectives.map((objective) => ({ convention: c.row.id, objective }))));
  return [...organisationConflicts, ...conflicts, ...subSectorEdits.conflicts, ...agreementEdits.conflicts, ...edits.conflicts];
}
