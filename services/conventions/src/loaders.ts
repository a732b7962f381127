import type { EntityManager } from '@mikro-orm/postgresql';
import DataLoader from 'dataloader';
import {
  activeOn,
  dateBetween,
  foldedIn,
  groupByKey,
  idChecker,
  linkLoader,
  ListQuery,
  manyLoader,
  nestedConnections,
  nullsLast,
  oneLoader,
  Organisation,
  organisationLoaders,
  PARTY_TYPES,
  raw,
  recordPredicates,
  sql,
  textKey,
  UPDATED_AT_KEY,
  historyLoader,
  type PartyKind,
  type Sql,
  findReadOnly,
} from '@hub/kit';
import { Sector } from './sector/sector.entity';
import { AgreementSector, AgreementSignatory, FrameworkAgreement } from './agreement/agreement.entity';
import { ConventionKind, ConventionObjective, ConventionParty, ConventionSector, Objective, SpecificConvention } from './convention/convention.entity';
import { Fact } from './fact/fact.entity';
import { SourcePage } from './source/source.entity';

const byId = { orderBy: { id: 'asc' } } as const;

/**
 * The parties of a batch of links, keyed by what links to them. The organisations this subgraph owns are
 * read in the same batch (one more statement at most), so the count never depends on loader timing; a
 * party owned elsewhere is a reference the gateway resolves with its owner.
 */
async function partiesOf<L extends { partyId: string; partyKind: PartyKind }>(em: EntityManager, links: L[], keyOf: (link: L) => string) {
  const ownedIds = [...new Set(links.filter((l) => PARTY_TYPES[l.partyKind].owner === 'conventions').map((l) => l.partyId))];
  const owned = new Map((ownedIds.length > 0 ? await findReadOnly(em, Organisation, 'id', ownedIds) : []).map((o) => [o.id, o]));
  return links.map((link) => ({ key: keyOf(link), party: owned.get(link.partyId) ?? { id: link.partyId, kind: link.partyKind } }));
}

/**
 * A record linked to one of the sectors (an SQL array), or to one of their sub-sectors, through a link
 * table: the sub-sectors come from the sector table, so every step can use an index.
 */
const linkedToSector = (linkTable: string, recordColumn: string, sectors: Sql) =>
  sql`exists (select 1 from ${raw(`conventions.${linkTable}`)} l where ${raw(`l.${recordColumn}`)} = t.id and l.sector_id in (select s.id from conventions.sector s where s.id = any(${sectors}) or s.parent_id = any(${sectors})))`;

/** The lists of the conventions subgraph, filtered, searched, ordered and paged in SQL, for one request. */
function createLists(em: EntityManager) {
  const check = {
    sector: idChecker(em, 'conventions.sector', 'sector'),
    party: idChecker(em, 'conventions.party_key', 'party'),
    agreement: idChecker(em, 'conventions.framework_agreement', 'framework agreement'),
    convention: idChecker(em, 'conventions.specific_convention', 'specific convention'),
    source: idChecker(em, 'conventions.source', 'source'),
    fact: idChecker(em, 'conventions.fact', 'fact'),
  };
  const sectorsNamed = async (ids: string[], field: string) => {
    await check.sector(ids, field);
    return sql`${ids}`;
  };
  const datedOrder = { SIGNED_ON: nullsLast('signed_on'), VALID_FROM: nullsLast('valid_from'), VALID_TO: nullsLast('valid_to'), UPDATED_AT: UPDATED_AT_KEY };

  return {
    sectors: (includeSubSectors: boolean) =>
      new ListQuery<Sector>(em, {
        entity: Sector,
        table: 'conventions.sector',
        scope: includeSubSectors ? undefined : raw('t.parent_id is null'),
        predicates: recordPredicates(check.sector),
        nameColumn: 'name',
        order: { NAME: textKey('name'), UPDATED_AT: UPDATED_AT_KEY },
      }),
    agreements: () =>
      new ListQuery<FrameworkAgreement>(em, {
        entity: FrameworkAgreement,
        table: 'conventions.framework_agreement',
        predicates: {
          ...recordPredicates(check.agreement),
          sector: async (ids: string[]) => linkedToSector('agreement_sector', 'agreement_id', await sectorsNamed(ids, 'sector')),
          signatory: async (ids: string[]) => {
            await check.party(ids, 'signatory');
            return sql`exists (select 1 from conventions.agreement_signatory l where l.agreement_id = t.id and l.party_id = any(${ids}))`;
          },
          programme: (names: string[]) => foldedIn(raw('t.programme'), names),
          activeOn: activeOn('valid_from', 'valid_to'),
          signedBetween: dateBetween('signed_on'),
        },
        nameColumn: 'title',
        order: { TITLE: textKey('title'), ...datedOrder },
      }),
    conventions: () =>
      new ListQuery<SpecificConvention>(em, {
        entity: SpecificConvention,
        table: 'conventions.specific_convention',
        predicates: {
          ...recordPredicates(check.convention),
          sector: async (ids: string[]) => linkedToSector('convention_sector', 'convention_id', await sectorsNamed(ids, 'sector')),
          kind: (kinds: ConventionKind[]) => sql`t.kind = any(${kinds})`,
          party: async (ids: string[]) => {
            await check.party(ids, 'party');
            return sql`exists (select 1 from conventions.convention_party l where l.convention_id = t.id and l.party_id = any(${ids}))`;
          },
          partyKind: (kinds: PartyKind[]) => sql`exists (select 1 from conventions.convention_party l where l.convention_id = t.id and l.party_kind = any(${kinds}))`,
          agreement: async (ids: string[]) => {
            await check.agreement(ids, 'agreement');
            return sql`t.framework_agreement_id = any(${ids})`;
          },
          activeOn: activeOn('valid_from', 'valid_to'),
          signedBetween: dateBetween('signed_on'),
        },
        nameColumn: 'title',
        order: { TITLE: textKey('title'), KIND: [{ sql: raw('t.kind') }], ...datedOrder },
      }),
    sources: () =>
      new ListQuery<SourcePage>(em, {
        entity: SourcePage,
        table: 'conventions.source',
        // a source is not a sourced record: no verifiedOnly nor changedSince
        predicates: (({ id, search }) => ({ id, search }))(recordPredicates(check.source)),
        nameColumn: 'title',
        order: { TITLE: textKey('title'), URL: textKey('url') },
      }),
    facts: () =>
      new ListQuery<Fact>(em, {
        entity: Fact,
        table: 'conventions.fact',
        predicates: recordPredicates(check.fact),
        nameColumn: 'text',
        order: { UPDATED_AT: UPDATED_AT_KEY },
      }),
  };
}

/** Every DataLoader of the conventions subgraph, made anew for each request. */
export function createLoaders(em: EntityManager) {
  const lists = createLists(em);
  return {
    lists,
    sectorById: oneLoader((ids) => findReadOnly(em, Sector, 'id', ids), (s) => s.id),
    sectorHistory: historyLoader(em, 'Sector'),
    conventionHistory: historyLoader(em, 'SpecificConvention'),
    agreementHistory: historyLoader(em, 'FrameworkAgreement'),
    subSectorsByParent: manyLoader((ids) => findReadOnly(em, Sector, 'parent', ids), (s) => s.parent!.id),
    // A sector belongs to two bodies, its fund and its federation: it is listed under each.
    sectorsByBody: new DataLoader<string, Sector[]>(async (ids) => {
      const sectors = await em.find(Sector, { $or: [{ sectorFund: { $in: ids } }, { federation: { $in: ids } }] }, byId);
      const links = sectors.flatMap((s) => [s.sectorFund, s.federation].filter((body) => body !== null).map((body) => ({ body: body!.id, sector: s })));
      return groupByKey(ids, links, (link) => link.body).map((group) => group.map((link) => link.sector));
    }),
    ...organisationLoaders(em),
    agreementById: oneLoader((ids) => findReadOnly(em, FrameworkAgreement, 'id', ids), (a) => a.id),
    // the education subgraph names the convention a sector test is carried out under
    conventionById: oneLoader((ids) => findReadOnly(em, SpecificConvention, 'id', ids), (c) => c.id),
    sectorsByAgreement: linkLoader<Sector>(em, AgreementSector, 'agreement', 'sector'),
    signatoriesByAgreement: manyLoader(
      async (ids) => partiesOf(em, await findReadOnly(em, AgreementSignatory, 'agreement', ids, 'partyId'), (s) => s.agreement.id),
      (row) => row.key,
    ),
    sectorsByConvention: linkLoader<Sector>(em, ConventionSector, 'convention', 'sector'),
    objectivesByConvention: linkLoader<Objective>(em, ConventionObjective, 'convention', 'objective', 'code'),
    partiesByConvention: manyLoader(
      async (ids) => partiesOf(em, await findReadOnly(em, ConventionParty, 'convention', ids, 'partyId'), (p) => p.convention.id),
      (row) => row.key,
    ),
    // The nested lists: every parent's page in one statement per distinct set of arguments.
    agreementsBySector: nestedConnections(lists.agreements, linkedToSector('agreement_sector', 'agreement_id', raw('array[p.key]'))),
    agreementsBySignatory: nestedConnections(lists.agreements, raw('exists (select 1 from conventions.agreement_signatory l where l.agreement_id = t.id and l.party_id = p.key)')),
    conventionsBySector: nestedConnections(lists.conventions, linkedToSector('convention_sector', 'convention_id', raw('array[p.key]'))),
    conventionsByAgreement: nestedConnections(lists.conventions, raw('t.framework_agreement_id = p.key')),
    conventionsByParty: nestedConnections(lists.conventions, raw('exists (select 1 from conventions.convention_party l where l.convention_id = t.id and l.party_id = p.key)')),
  };
}

export type Loaders = ReturnType<typeof createLoaders>;

