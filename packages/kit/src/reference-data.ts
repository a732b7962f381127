import { readFileSync, existsSync } from 'node:fs';
import path from 'node:path';
import { ErrorCode } from './errors';
import { foldText } from './fold';
import type { Source } from './provenance';

/** A record of the reference data: every one names its sources and flags what no source backs. */
export interface ReferenceRecord {
  source_ids: string[];
  unverified?: boolean;
  unverified_fields?: string[];
  note?: string;
}

type YearOrDate = number | string | null;

/** The shape of data/reference.json (see data/README.md). */
export interface ReferenceData {
  sources: { id: string; url: string; title: string; excerpt: string | null }[];
  facts: (ReferenceRecord & { id: string; text: string })[];
  sectors: (ReferenceRecord & {
    id: string;
    name_fr: string;
    subsectors: string[];
    sector_fund: { name: string | null; federation: string | null };
  })[];
  framework_agreements: (ReferenceRecord & {
    id: string;
    sector_ids: string[];
    signatories: string[];
    signed_on: YearOrDate;
    valid_from: YearOrDate;
    valid_to: YearOrDate;
    programme: string | null;
    content?: string;
  })[];
  specific_conventions: (ReferenceRecord & {
    id: string;
    framework_agreement_id: string | null;
    kind: string;
    sector_ids: string[];
    signed_on?: YearOrDate;
    parties: string[];
    objectives: string[];
    valid_from: YearOrDate;
    valid_to: YearOrDate;
  })[];
  parties: (ReferenceRecord & { id: string; name: string; kind: string; legal_basis: string | null; website: string | null })[];
  competence_centres: (ReferenceRecord & {
    id: string;
    name: string;
    sectors: string[];
    sector_ids: string[];
    city: string | null;
    sites: string[];
    province: string | null;
    managing_body: string | null;
    website: string | null;
    label: { status: string; valid_from: YearOrDate; valid_to: YearOrDate; decided_on: YearOrDate; note?: string };
  })[];
  label_decisions: (ReferenceRecord & {
    id: string;
    decided_on: YearOrDate;
    decided_by?: string;
    proposed_by?: string;
    certificates_handed_over_on?: YearOrDate;
    period?: string;
    full_label?: { count: number; valid_from: YearOrDate; valid_to: YearOrDate; retroactive?: boolean };
    provisional_label?: { count: number };
    total_centres?: number;
    centres_in_network?: number;
    people_trained_per_year_approx?: number;
  })[];
  agc_objectives: (ReferenceRecord & { code: string; label_fr: string; label_en: string })[];
  label_criteria: (ReferenceRecord & { code: string; label_fr: string; detail_fr: string; label_en: string })[];
  publics: (ReferenceRecord & { id: string; label_fr: string; avg_distinct_trainees_per_year?: number })[];
  validation_titles: (ReferenceRecord & {
    id: string;
    name_fr: string;
    sector_ids: string[];
    operator_party_ids: string[];
    units: string[] | null;
    referential_approved_on: YearOrDate;
    referential_published_mb?: YearOrDate;
    stats: { year: number; epreuves?: number; titles?: number; rank?: number; note?: string; source_ids: string[] }[];
  })[];
  validation_figures: (ReferenceRecord & {
    id: string;
    measure: string;
    region: string;
    year: number | null;
    cumulative?: boolean;
    since_year?: number;
    value: number;
    qualifier?: string;
    stated_as: string;
    period_text?: string;
  })[];
  // The education subgraph's domain: sector tests (épreuves sectorielles), SFMQ profiles and approval batches.
  sector_tests: (ReferenceRecord & {
    id: string;
    name: string;
    organiser_party_id: string;
    sector_ids: string[];
    trades: string[];
    target_public: string | null;
    certificate: string | null;
    pass_threshold: string | null;
    pass_mark: number | null;
    partner_centres: string[];
    sfmq_link: string | null;
    validation_link: string | null;
    convention_id: string | null;
    sessions: {
      year: number | null;
      school_year: string | null;
      date_text: string | null;
      trade: string | null;
      candidates: number | null;
      candidates_approx: number | null;
      passed: number | null;
      pass_rate: number | null;
      place: string | null;
      note: string | null;
      source_ids: string[];
    }[];
  })[];
  sfmq_profiles: (ReferenceRecord & {
    id: string;
    kind: string;
    name_fr: string;
    grappe: string | null;
    sector_ids: string[];
    /** Our mapping to sectors, not the source's: loaded only when `unverified_fields` lists it. */
    sector_ids_proposed: string[];
    document_date: YearOrDate;
    versions: {
      label: string;
      version_date: YearOrDate;
      cham_validated_on: YearOrDate;
      chaef_validated_on: YearOrDate;
      chaca_agreed_on: YearOrDate;
      note: string | null;
      source_ids: string[];
    }[];
    government_approvals: { government: string; approved_on: YearOrDate; stated_as: string | null; source_ids: string[] }[];
  })[];
  sfmq_approval_batches: (ReferenceRecord & {
    id: string;
    name_fr: string;
    government: string;
    decided_on: YearOrDate;
    profile_kind: string;
    profile_count: number | null;
    first_approved_count: number | null;
    rectified_on: YearOrDate;
  })[];
}

/** A reference record that cannot be loaded; `at` names it, e.g. `specific_conventions[2].parties[1]`. */
export class ImportError extends Error {
  readonly code = ErrorCode.VALIDATION_FAILED;
  constructor(readonly at: string, problem: string) {
    super(`${at}: ${problem}`);
  }
}

/** Walks up from `start` to the first folder holding `relative`: the repository root, compiled or not. */
export function findUp(relative: string, start = __dirname): string {
  for (let dir = start; ; dir = path.dirname(dir)) {
    const candidate = path.join(dir, relative);
    if (existsSync(candidate)) return candidate;
    if (path.dirname(dir) === dir) throw new Error(`${relative} not found above ${start}`);
  }
}

export function readReferenceData(file = findUp('data/reference.json')): ReferenceData {
  return JSON.parse(readFileSync(file, 'utf8')) as ReferenceData;
}

const camelCase = (name: string) => name.replace(/_([a-z])/g, (_, letter: string) => letter.toUpperCase());

/** The sources of `ids`, as a record keeps them; an unknown id is an import error at `at[i]`. */
export function sourcesFor(data: ReferenceData, ids: string[], at: string): Source[] {
  return ids.map((id, i) => {
    const source = data.sources.find((s) => s.id === id);
    if (!source) throw new ImportError(`${at}[${i}]`, `unknown source "${id}"`);
    return { id: source.id, url: source.url, title: source.title, excerpt: source.excerpt ?? null };
  });
}

/**
 * The provenance columns of a record, its source ids resolved. `unverified_fields` name the data file's
 * fields; analysts see them by their GraphQL names (`managing_body` → `managingBody`), which must be
 * among `fields`; `aliases` name the fields a file field stands for when it holds several (`sector_fund`
 * holds the fund and the federation). An unknown source id or field is an import error.
 */
export function provenanceOf(data: ReferenceData, record: ReferenceRecord, at: string, fields: readonly string[], aliases: Record<string, string[]> = {}) {
  const sources = sourcesFor(data, record.source_ids, `${at}.source_ids`);
  const unverifiedFields = (record.unverified_fields ?? []).flatMap((name, i) => {
    if (aliases[name]) return aliases[name];
    const field = camelCase(name);
    if (!fields.includes(field)) throw new ImportError(`${at}.unverified_fields[${i}]`, `"${name}" is not a field of this record (one of ${fields.join(', ')})`);
    return [field];
  });
  return {
    verified: !record.unverified && sources.length > 0,
    unverifiedFields,
    note: record.note ?? null,
    sources,
  };
}

/** Converts a field with a path for errors: a bad value names the record and field at fault. */
export function field<T>(at: string, convert: () => T): T {
  try {
    return convert();
  } catch (error) {
    throw error instanceof ImportError ? error : new ImportError(at, (error as Error).message);
  }
}

/** A readable slug: "Matières plastiques" → "matieres-plastiques". */
export const slug = (text: string) =>
  foldText(text).replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '');

/** The id of a sub-sector: "<sector>/<slug of its name>", the rule every subgraph's sector filter relies on. */
export const subSectorId = (sectorId: string, name: string) => `${sectorId}/${slug(name)}`;

/** The repository's root folder (it holds data/, schema/, services/), whether the code runs compiled or not. */
export const repositoryRoot = () => path.dirname(path.dirname(findUp('data/reference.json')));
