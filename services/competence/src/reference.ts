import type { EntityManager } from '@mikro-orm/postgresql';
import { field, ImportError, provenanceOf, toPartialDate, type ReferenceData } from '@hub/kit';
import { CentreSector, CompetenceCentre, LabelStatus } from './centre/centre.entity';
import { LabelCriterion, TraineePublic } from './label/label.entity';

/**
 * Upserts the competence subgraph's part of the reference data: centres with their labels and sectors,
 * the label criteria and the publics. The caller runs it in one transaction.
 */
export async function loadReferenceData(em: EntityManager, data: ReferenceData) {
  const sectorIds = new Set(data.sectors.map((s) => s.id));
  const centres = data.competence_centres.map((c, i) => {
    const at = `competence_centres[${i}]`;
    if (!(c.label.status in LabelStatus)) throw new ImportError(`${at}.label.status`, `unknown status "${c.label.status}" (FULL or PROVISIONAL)`);
    c.sector_ids.forEach((id, j) => {
      if (!sectorIds.has(id)) throw new ImportError(`${at}.sector_ids[${j}]`, `unknown sector "${id}"`);
    });
    return {
      id: c.id,
      name: c.name,
      scope: c.sectors,
      city: c.city,
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
      ...provenanceOf(data, c, at),
    };
  });
  await em.upsertMany(CompetenceCentre, centres);
  await em.nativeDelete(CentreSector, { centre: { $in: centres.map((c) => c.id) } });
  const links = data.competence_centres.flatMap((c) => c.sector_ids.map((sectorId) => ({ centre: c.id, sectorId })));
  if (links.length > 0) await em.insertMany(CentreSector, links);

  await em.upsertMany(
    LabelCriterion,
    data.label_criteria.map((c, i) => ({ code: c.code, labelFr: c.label_fr, detailFr: c.detail_fr, labelEn: c.label_en, ...provenanceOf(data, c, `label_criteria[${i}]`) })),
  );
  await em.upsertMany(
    TraineePublic,
    data.publics.map((p, i) => ({ id: p.id, labelFr: p.label_fr, averageTraineesPerYear: p.avg_distinct_trainees_per_year ?? null, ...provenanceOf(data, p, `publics[${i}]`) })),
  );
}
