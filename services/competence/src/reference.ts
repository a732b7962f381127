import type { EntityManager } from '@mikro-orm/postgresql';
import { checkSectorIds, field, ImportError, loadSectorKeys, replaceLinks, provenanceOf, toPartialDate, type ReferenceData, upsertReferenceRecords, type ReferenceConflict } from '@hub/kit';
import { CentreSector, CompetenceCentre, LabelStatus } from './centre/centre.entity';
import { LabelCriterion, TraineePublic } from './label/label.entity';
import { LabelDecision } from './label/decision.entity';

// The GraphQL fields of each record, which its `unverified_fields` may name.
const DECISION_FIELDS = ['id', 'decidedOn', 'decidedBy', 'proposedBy', 'certificatesHandedOverOn', 'validFrom', 'validTo', 'retroactive', 'fullLabelCount', 'provisionalLabelCount', 'centresInNetwork', 'peopleTrainedPerYear'];
const CENTRE_FIELDS = ['id', 'name', 'scope', 'city', 'sites', 'province', 'managingBody', 'website', 'sectors', 'label', 'publics'];
const CRITERION_FIELDS = ['code', 'label', 'detail', 'labelEn'];
const PUBLIC_FIELDS = ['id', 'label', 'averageTraineesPerYear'];

/**
 * Upserts the competence subgraph's part of the reference data: centres with their labels and sectors,
 * the label criteria and the publics. The caller runs it in one transaction.
 */
export async function loadReferenceData(em: EntityManager, data: ReferenceData): Promise<ReferenceConflict[]> {
  const decisions = data.label_decisions.map((d, i) => {
    const at = `label_decisions[${i}]`;
    if (d.decided_by !== undefined && !data.parties.some((p) => p.id === d.decided_by && p.kind === 'GOVERNMENT')) {
      throw new ImportError(`${at}.decided_by`, `"${d.decided_by}" is not a government party`);
    }
    // A period stated as "2007-2009" gives the years of validity, nothing finer.
    const period = d.period === undefined ? null : /^(\d{4})-(\d{4})$/.exec(d.period);
    if (d.period !== undefined && !period) throw new ImportError(`${at}.period`, `"${d.period}" is not a period of years (YYYY-YYYY)`);
    return {
      id: d.id,
      decidedOn: field(`${at}.decided_on`, () => toPartialDate(d.decided_on)),
      decidedById: d.decided_by ?? null,
      proposedBy: d.proposed_by ?? null,
      certificatesHandedOverOn: field(`${at}.certificates_handed_over_on`, () => toPartialDate(d.certificates_handed_over_on)),
      validFrom: field(`${at}.full_label.valid_from`, () => toPartialDate(d.full_label?.valid_from ?? period?.[1])),
      validTo: field(`${at}.full_label.valid_to`, () => toPartialDate(d.full_label?.valid_to ?? period?.[2])),
      retroactive: d.full_label?.retroactive ?? null,
      fullLabelCount: d.full_label?.count ?? null,
      provisionalLabelCount: d.provisional_label?.count ?? null,
      centresInNetwork: d.total_centres ?? d.centres_in_network ?? null,
      peopleTrainedPerYear: d.people_trained_per_year_approx ?? null,
      ...provenanceOf(data, d, at, DECISION_FIELDS),
    };
  });
  // a decision the Walloon government changed through the API keeps its change
  const decisionEdits = await upsertReferenceRecords(em, LabelDecision, decisions);

  const sectorIds = await loadSectorKeys(em, data);
  const centres = data.competence_centres.map((c, i) => {
    const at = `competence_centres[${i}]`;
    if (!(c.label.status in LabelStatus)) throw new ImportError(`${at}.label.status`, `unknown status "${c.label.status}" (FULL or PROVISIONAL)`);
    checkSectorIds(c.sector_ids, sectorIds, `${at}.sector_ids`);
    return {
      id: c.id,
      name: c.name,
      scope: c.sectors,
      city: c.city,
      sites: c.sites ?? [],
      province: c.province,
      managingBody: c.managing_body,
      website: c.website,
      label: {
        status: c.label.status as LabelStatus,
        decidedOn: field(`${at}.label.decided_on`, () => toPartialDate(c.label.decided_on)),
        validFrom: field(`${at}.label.valid_from`, () => toPartialDate(c.label.valid_from)),
        validTo: field(`${at}.label.valid_to`, () => toPartialDate(c.label.valid_to)),
        note: c.label.note ?? null,
      },
      // The sources date each label; the decision of that day is the one that granted it.
      labelDecision: decisions.find((d) => d.decidedOn !== null && d.decidedOn === toPartialDate(c.label.decided_on))?.id ?? null,
      ...provenanceOf(data, c, at, CENTRE_FIELDS),
    };
  });
  // a centre changed through the API keeps its change: the file no longer overwrites it
  const { conflicts, kept } = await upsertReferenceRecords(em, CompetenceCentre, centres);
  const fromFile = data.competence_centres.filter((c) => !kept.has(c.id));
  await replaceLinks(em, CentreSector, 'centre', fromFile.map((c) => c.id), fromFile.flatMap((c) => c.sector_ids.map((sectorId) => ({ centre: c.id, sectorId }))));

  await em.upsertMany(
    LabelCriterion,
    data.label_criteria.map((c, i) => ({ code: c.code, labelFr: c.label_fr, detailFr: c.detail_fr, labelEn: c.label_en, ...provenanceOf(data, c, `label_criteria[${i}]`, CRITERION_FIELDS) })),
  );
  await em.upsertMany(
    TraineePublic,
    data.publics.map((p, i) => ({ id: p.id, labelFr: p.label_fr, averageTraineesPerYear: p.avg_distinct_trainees_per_year ?? null, ...provenanceOf(data, p, `publics[${i}]`, PUBLIC_FIELDS) })),
  );
  return [...decisionEdits.conflicts, ...conflicts];
}
