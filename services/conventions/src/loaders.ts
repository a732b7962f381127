import type { EntityManager } from '@mikro-orm/postgresql';
import DataLoader from 'dataloader';
import { groupByKey, linkLoader, manyLoader, oneLoader, Organisation, organisationLoaders, PARTY_TYPES, type PartyKind } from '@hub/kit';
import { Sector } from './sector/sector.entity';
import { AgreementSector, AgreementSignatory, FrameworkAgreement } from './agreement/agreement.entity';
import { ConventionObjective, ConventionParty, ConventionSector, Objective, SpecificConvention } from './convention/convention.entity';

const byId = { orderBy: { id: 'asc' } } as const;

/**
 * The parties of a batch of links, keyed by what links to them. The organisations this subgraph owns are
 * read in the same batch (one more statement at most), so the count never depends on loader timing; a
 * party owned elsewhere is a reference the gateway resolves with its owner.
 */
async function partiesOf<L extends { partyId: string; partyKind: PartyKind }>(em: EntityManager, links: L[], keyOf: (link: L) => string) {
  const ownedIds = [...new Set(links.filter((l) => PARTY_TYPES[l.partyKind].owner === 'conventions').map((l) => l.partyId))];
  const owned = new Map((ownedIds.length > 0 ? await em.find(Organisation, { id: { $in: ownedIds } }) : []).map((o) => [o.id, o]));
  return links.map((link) => ({ key: keyOf(link), party: owned.get(link.partyId) ?? { id: link.partyId, kind: link.partyKind } }));
}

/** Every DataLoader of the conventions subgraph, made anew for each request. */
export function createLoaders(em: EntityManager) {
  return {
    sectorById: oneLoader((ids) => em.find(Sector, { id: { $in: ids } }), (s) => s.id),
    subSectorsByParent: manyLoader((ids) => em.find(Sector, { parent: { $in: ids } }, byId), (s) => s.parent!.id),
    // A sector belongs to two bodies, its fund and its federation: it is listed under each.
    sectorsByBody: new DataLoader<string, Sector[]>(async (ids) => {
      const sectors = await em.find(Sector, { $or: [{ sectorFund: { $in: ids } }, { federation: { $in: ids } }] }, byId);
      const links = sectors.flatMap((s) => [s.sectorFund, s.federation].filter((body) => body !== null).map((body) => ({ body: body!.id, sector: s })));
      return groupByKey(ids, links, (link) => link.body).map((group) => group.map((link) => link.sector));
    }),
    ...organisationLoaders(em),
    agreementById: oneLoader((ids) => em.find(FrameworkAgreement, { id: { $in: ids } }), (a) => a.id),
    agreementsBySector: linkLoader<FrameworkAgreement>(em, AgreementSector, 'sector', 'agreement'),
    sectorsByAgreement: linkLoader<Sector>(em, AgreementSector, 'agreement', 'sector'),
    signatoriesByAgreement: manyLoader(
      async (ids) => partiesOf(em, await em.find(AgreementSignatory, { agreement: { $in: ids } }, { orderBy: { partyId: 'asc' } }), (s) => s.agreement.id),
      (row) => row.key,
    ),
    agreementsBySignatory: manyLoader(
      (ids) => em.find(AgreementSignatory, { partyId: { $in: ids } }, { populate: ['agreement'], orderBy: { agreement: { id: 'asc' } } }),
      (s) => s.partyId,
    ),
    conventionsByAgreement: manyLoader((ids) => em.find(SpecificConvention, { frameworkAgreement: { $in: ids } }, byId), (c) => c.frameworkAgreement!.id),
    conventionsBySector: linkLoader<SpecificConvention>(em, ConventionSector, 'sector', 'convention'),
    sectorsByConvention: linkLoader<Sector>(em, ConventionSector, 'convention', 'sector'),
    objectivesByConvention: linkLoader<Objective>(em, ConventionObjective, 'convention', 'objective', 'code'),
    partiesByConvention: manyLoader(
      async (ids) => partiesOf(em, await em.find(ConventionParty, { convention: { $in: ids } }, { orderBy: { partyId: 'asc' } }), (p) => p.convention.id),
      (row) => row.key,
    ),
    conventionsByParty: manyLoader(
      (ids) => em.find(ConventionParty, { partyId: { $in: ids } }, { populate: ['convention'], orderBy: { convention: { id: 'asc' } } }),
      (p) => p.partyId,
    ),
  };
}

export type Loaders = ReturnType<typeof createLoaders>;
