import type { EntityManager } from '@mikro-orm/postgresql';
import { checkSectorIds, field, ImportError, loadOrganisations, loadSectorKeys, provenanceOf, replaceLinks, sourcesFor, toPartialDate, upsertReferenceRecords, type ReferenceConflict, type ReferenceData } from '@hub/kit';
import { TitleOperator, TitleSector, ValidationTitle } from './validation/title.entity';
import { FigureQualifier, ValidationFigure, ValidationMeasure, ValidationRegion } from './validation/figure.entity';
import { TITLE_FIELDS } from './validation/title.write';
import { FIGURE_FIELDS } from './validation/figure.write';

/** A value of one of an enum's members, else an import error naming the field. */
function member<T extends string>(values: Record<string, T>, value: string | undefined, at: string): T {
  if (value === undefined || !(value in values)) throw new ImportError(at, `"${value}" is not one of ${Object.keys(values).join(', ')}`);
  return values[value];
}

/**
 * Upserts the training subgraph's part of the reference data: its parties, the CVDC's validation titles
 * (with their sectors and operators) and its figures. The caller runs it in one transaction.
 */
export async function loadReferenceData(em: EntityManager, data: ReferenceData): Promise<ReferenceConflict[]> {
  const conflicts = await loadOrganisations(em, data, 'training');
  const sectorIds = await loadSectorKeys(em, data);
  const operators = new Set(data.parties.filter((p) => p.kind === 'TRAINING_OPERATOR').map((p) => p.id));
  const titles = data.validation_titles.map((t, i) => {
    const at = `validation_titles[${i}]`;
    checkSectorIds(t.sector_ids, sectorIds, `${at}.sector_ids`);
    t.operator_party_ids.forEach((id, j) => {
      if (!operators.has(id)) throw new ImportError(`${at}.operator_party_ids[${j}]`, `"${id}" is not a training operator`);
    });
    return {
      id: t.id,
      name: t.name_fr,
      units: t.units,
      referentialApprovedOn: field(`${at}.referential_approved_on`, () => toPartialDate(t.referential_approved_on)),
      referentialPublishedOn: field(`${at}.referential_published_mb`, () => toPartialDate(t.referential_published_mb)),
      years: t.stats.map((y, j) => ({
        year: y.year,
        epreuves: y.epreuves ?? null,
        titles: y.titles ?? null,
        rank: y.rank ?? null,
        note: y.note ?? null,
        sources: sourcesFor(data, y.source_ids, `${at}.stats[${j}].source_ids`),
      })),
      ...provenanceOf(data, t, at, TITLE_FIELDS, { operator_party_ids: ['operators'], sector_ids: ['sectors'], stats: ['years'], name_fr: ['name'] }),
    };
  });
  // a title the CVDC changed through the API keeps its change: the file no longer overwrites it
  const loaded = await upsertReferenceRecords(em, ValidationTitle, titles);
  const fromFile = data.validation_titles.filter((t) => !loaded.kept.has(t.id));
  const applied = fromFile.map((t) => t.id);
  await replaceLinks(em, TitleSector, 'title', applied, fromFile.flatMap((t) => t.sector_ids.map((sectorId) => ({ title: t.id, sectorId }))));
  await replaceLinks(em, TitleOperator, 'title', applied, fromFile.flatMap((t) => t.operator_party_ids.map((operator) => ({ title: t.id, operator }))));

  const figures = data.validation_figures.map((f, i) => {
    const at = `validation_figures[${i}]`;
    return {
      id: f.id,
      measure: member(ValidationMeasure, f.measure, `${at}.measure`),
      region: member(ValidationRegion, f.region, `${at}.region`),
      year: f.year ?? null,
      cumulative: f.cumulative ?? false,
      sinceYear: f.since_year ?? null,
      value: f.value,
      qualifier: member(FigureQualifier, f.qualifier ?? 'EXACT', `${at}.qualifier`),
      statedAs: f.stated_as,
      periodText: f.period_text ?? null,
      ...provenanceOf(data, f, at, FIGURE_FIELDS),
    };
  });
  const loadedFigures = await upsertReferenceRecords(em, ValidationFigure, figures);
  return [...conflicts, ...loaded.conflicts, ...loadedFigures.conflicts];
}
