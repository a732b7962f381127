import type { EntityManager } from '@mikro-orm/postgresql';
import {
  checkSectorIds,
  field,
  ImportError,
  loadOrganisations,
  loadSectorKeys,
  provenanceOf,
  replaceLinks,
  sourcesFor,
  toPartialDate,
  upsertReferenceRecords,
  type ReferenceConflict,
  type ReferenceData,
} from '@hub/kit';
import { SectorTest, SectorTestSector } from './sector-test/sector-test.entity';
import { SECTOR_TEST_FIELDS } from './sector-test/sector-test.write';
import { SfmqApprovalBatch } from './sfmq/batch.entity';
import { BATCH_FIELDS } from './sfmq/batch.write';
import { SfmqProfile, SfmqProfileKind, SfmqProfileSector } from './sfmq/profile.entity';
import { SFMQ_PROFILE_FIELDS } from './sfmq/profile.write';

/** Checks that `id` is a party of `kind` in the data file (another subgraph owns it). */
function checkParty(data: ReferenceData, id: string, kind: string, at: string) {
  if (!data.parties.some((p) => p.id === id && p.kind === kind)) throw new ImportError(at, `"${id}" is not a ${kind} party`);
}

const kindOf = (kind: string, at: string) => {
  if (!(kind in SfmqProfileKind)) throw new ImportError(at, `unknown kind "${kind}" (${Object.keys(SfmqProfileKind).join(', ')})`);
  return kind as SfmqProfileKind;
};

/** Replaces the sector links of the records the file applied (not those an agency edited since). */
async function replaceSectorLinks(em: EntityManager, link: typeof SectorTestSector | typeof SfmqProfileSector, owner: 'test' | 'profile', rows: { row: { id: string }; sectorIds: string[] }[], kept: Set<string>) {
  const applied = rows.filter(({ row }) => !kept.has(row.id));
  await replaceLinks(em, link, owner, applied.map(({ row }) => row.id), applied.flatMap(({ row, sectorIds }) => sectorIds.map((sectorId) => ({ [owner]: row.id, sectorId }))));
}

/**
 * Upserts the education subgraph's part of the reference data: its parties (AGE, networks, SFMQ), the
 * sector tests, the SFMQ profiles and the approval batches. The caller runs it in one transaction.
 */
export async function loadReferenceData(em: EntityManager, data: ReferenceData): Promise<ReferenceConflict[]> {
  const conflicts = await loadOrganisations(em, data, 'education');
  const sectorIds = await loadSectorKeys(em, data);

  const tests = data.sector_tests.map((t, i) => {
    const at = `sector_tests[${i}]`;
    checkParty(data, t.organiser_party_id, 'SECTOR_FUND', `${at}.organiser_party_id`);
    checkSectorIds(t.sector_ids, sectorIds, `${at}.sector_ids`);
    if (t.convention_id !== null && !data.specific_conventions.some((c) => c.id === t.convention_id)) throw new ImportError(`${at}.convention_id`, `unknown convention "${t.convention_id}"`);
    return {
      sectorIds: t.sector_ids,
      row: {
        id: t.id,
        name: t.name,
        organiser: t.organiser_party_id,
        trades: t.trades,
        targetPublic: t.target_public,
        certificate: t.certificate,
        passThreshold: t.pass_threshold,
        passMark: t.pass_mark,
        partnerCentres: t.partner_centres,
        sfmqLink: t.sfmq_link,
        validationLink: t.validation_link,
        convention: t.convention_id,
        sessions: t.sessions.map((s, j) => ({
          year: s.year,
          schoolYear: s.school_year,
          dateText: s.date_text,
          trade: s.trade,
          candidates: s.candidates,
          candidatesApprox: s.candidates_approx,
          passed: s.passed,
          passRate: s.pass_rate,
          place: s.place,
          note: s.note,
          sources: sourcesFor(data, s.source_ids, `${at}.sessions[${j}].source_ids`),
        })),
        ...provenanceOf(data, t, at, SECTOR_TEST_FIELDS, { organiser_party_id: ['organiser'], sector_ids: ['sectors'], convention_id: ['convention'] }),
      },
    };
  });
  // a test its organiser changed through the API keeps its change: the file no longer overwrites it
  const testsLoaded = await upsertReferenceRecords(em, SectorTest, tests.map((t) => t.row));
  await replaceSectorLinks(em, SectorTestSector, 'test', tests, testsLoaded.kept);

  const profiles = data.sfmq_profiles.map((p, i) => {
    const at = `sfmq_profiles[${i}]`;
    // a sector mapping of ours, not the source's, is loaded only as a field no source backs
    if (p.sector_ids_proposed.length > 0 && !p.unverified_fields?.includes('sector_ids_proposed')) {
      throw new ImportError(`${at}.sector_ids_proposed`, 'a proposed sector mapping is loaded only when unverified_fields lists sector_ids_proposed');
    }
    const sectors = [...new Set([...p.sector_ids, ...p.sector_ids_proposed])];
    checkSectorIds(sectors, sectorIds, `${at}.sector_ids`);
    return {
      sectorIds: sectors,
      row: {
        id: p.id,
        kind: kindOf(p.kind, `${at}.kind`),
        name: p.name_fr,
        grappe: p.grappe,
        documentDate: field(`${at}.document_date`, () => toPartialDate(p.document_date)),
        versions: p.versions.map((v, j) => ({
          label: v.label,
          versionDate: field(`${at}.versions[${j}].version_date`, () => toPartialDate(v.version_date)),
          chamValidatedOn: field(`${at}.versions[${j}].cham_validated_on`, () => toPartialDate(v.cham_validated_on)),
          chaefValidatedOn: field(`${at}.versions[${j}].chaef_validated_on`, () => toPartialDate(v.chaef_validated_on)),
          chacaAgreedOn: field(`${at}.versions[${j}].chaca_agreed_on`, () => toPartialDate(v.chaca_agreed_on)),
          note: v.note,
          sources: sourcesFor(data, v.source_ids, `${at}.versions[${j}].source_ids`),
        })),
        governmentApprovals: p.government_approvals.map((a, j) => {
          checkParty(data, a.government, 'GOVERNMENT', `${at}.government_approvals[${j}].government`);
          return {
            government: { id: a.government },
            approvedOn: field(`${at}.government_approvals[${j}].approved_on`, () => toPartialDate(a.approved_on)),
            statedAs: a.stated_as,
            sources: sourcesFor(data, a.source_ids, `${at}.government_approvals[${j}].source_ids`),
          };
        }),
        ...provenanceOf(data, p, at, SFMQ_PROFILE_FIELDS, { name_fr: ['name'], sector_ids: ['sectors'], sector_ids_proposed: ['sectors'] }),
      },
    };
  });
  const profilesLoaded = await upsertReferenceRecords(em, SfmqProfile, profiles.map((p) => p.row));
  await replaceSectorLinks(em, SfmqProfileSector, 'profile', profiles, profilesLoaded.kept);

  const batches = data.sfmq_approval_batches.map((b, i) => {
    const at = `sfmq_approval_batches[${i}]`;
    checkParty(data, b.government, 'GOVERNMENT', `${at}.government`);
    return {
      id: b.id,
      name: b.name_fr,
      government: b.government,
      decidedOn: field(`${at}.decided_on`, () => toPartialDate(b.decided_on)),
      profileKind: kindOf(b.profile_kind, `${at}.profile_kind`),
      profileCount: b.profile_count,
      firstApprovedCount: b.first_approved_count,
      rectifiedOn: field(`${at}.rectified_on`, () => toPartialDate(b.rectified_on)),
      ...provenanceOf(data, b, at, BATCH_FIELDS, { name_fr: ['name'] }),
    };
  });
  const batchesLoaded = await upsertReferenceRecords(em, SfmqApprovalBatch, batches);
  return [...conflicts, ...testsLoaded.conflicts, ...profilesLoaded.conflicts, ...batchesLoaded.conflicts];
}
