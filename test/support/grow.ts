import { sql } from '@hub/kit/testing';

const SYNTHETIC_SOURCES = `'[{"id":"S01","url":"https://example.invalid/s01","title":"synthetic"}]'::jsonb`;

/**
 * Adds `count` synthetic sectors, each with a framework agreement, a specific convention (its parties
 * like those of the reference data's convention under an agreement: education bodies and a federation)
 * and a competence centre: the same shape as the reference data, many times over. Used to show that the
 * SQL statements of a request do not grow with the rows it returns.
 */
export async function growData(databaseUrl: string, count: number): Promise<void> {
  const ids = Array.from({ length: count }, (_, i) => `grown_${String(i).padStart(4, '0')}`);
  const provenance = `true, '{}', null, ${SYNTHETIC_SOURCES}`;
  // created_at, updated_at, search_text and the competence centre's sites are left to the database
  await sql(
    databaseUrl,
    `begin;
     insert into conventions.sector (id, verified, unverified_fields, note, sources, name, sector_fund_id, federation_id)
       select id, ${provenance}, 'Synthetic ' || id, 'constructiv', 'ccw' from unnest($1::text[]) id;
     insert into conventions.framework_agreement (id, verified, unverified_fields, note, sources, title, valid_from, valid_to)
       select 'fa_' || id, ${provenance}, 'Accord-cadre ' || id, '2020', '2024' from unnest($1::text[]) id;
     insert into conventions.agreement_sector (agreement_id, sector_id) select 'fa_' || id, id from unnest($1::text[]) id;
     insert into conventions.agreement_signatory (agreement_id, party_id, party_kind) select 'fa_' || id, 'gov_wallonia', 'GOVERNMENT' from unnest($1::text[]) id;
     insert into conventions.specific_convention (id, verified, unverified_fields, note, sources, title, kind, framework_agreement_id)
       select 'sc_' || id, ${provenance}, 'Convention ' || id, 'EDUCATION', 'fa_' || id from unnest($1::text[]) id;
     insert into conventions.convention_sector (convention_id, sector_id) select 'sc_' || id, id from unnest($1::text[]) id;
     insert into conventions.convention_objective (convention_id, objective_code) select 'sc_' || id, 'OBJ1' from unnest($1::text[]) id;
     insert into conventions.convention_party (convention_id, party_id, party_kind)
       select 'sc_' || id, party, kind from unnest($1::text[]) id,
         (values ('net_wbe', 'EDUCATION_NETWORK'), ('net_segec', 'EDUCATION_NETWORK'), ('age', 'EDUCATION_ADMINISTRATION'),
                 ('fevia_wallonie', 'SECTOR_FEDERATION')) p(party, kind);
     insert into competence.competence_centre (id, verified, unverified_fields, note, sources, name, scope, label_status, label_decided_on)
       select 'cc_' || id, ${provenance}, 'Centre ' || id, '{}', 'FULL', '2020-11-12' from unnest($1::text[]) id;
     insert into competence.centre_sector (centre_id, sector_id) select 'cc_' || id, id from unnest($1::text[]) id;
     -- the sectors the competence subgraph knows, so that its filters accept the new ones
     insert into competence.sector_key (id) select id from unnest($1::text[]) id on conflict do nothing;
     commit;`.replace(/\$1::text\[\]/g, `'{${ids.join(',')}}'::text[]`),
  );
}

/** What a synthetic convention is about: French words with accents, so that search folds them. */
const THEMES = [
  'formation en alternance',
  'équipements pédagogiques',
  'stages en entreprise des élèves',
  'formation continuée des enseignants',
  'épreuves sectorielles',
  'métiers en pénurie',
  'accueil des apprenants en entreprise',
  'mise à disposition de matériel',
  'reconnaissance des acquis de l’expérience',
  'sécurité et prévention sur chantier',
  'transition numérique',
  'économie circulaire',
  'rénovation énergétique des bâtiments',
  'hygiène et qualité alimentaire',
  'maintenance industrielle',
  'promotion des métiers techniques',
  'insertion des demandeurs d’emploi',
  'immersion des formateurs',
];

const NOTES = [
  'Reconduite par avenant ; périmètre étendu à l’enseignement qualifiant.',
  'Équipements cofinancés par le fonds sectoriel, inventaire annexé.',
  'Bilan annuel présenté au comité d’accompagnement en décembre.',
  'Date de signature reprise d’un rapport d’activité, à vérifier.',
  'Les épreuves se déroulent dans les centres de compétence agréés.',
  'Priorité aux élèves de cinquième et sixième années du qualifiant.',
  'Modalités précisées par une décision du Gouvernement wallon.',
  'Élargie aux opérateurs de formation de la Région de Bruxelles-Capitale.',
];

const KIND_TITLES = `(values ('EDUCATION', 'Convention enseignement'), ('TRAINING_OPERATOR', 'Convention de formation'),
  ('QUALIFICATIONS', 'Convention qualifications (SFMQ)'), ('VALIDATION', 'Convention validation des compétences')) k(kind, title)`;

/**
 * Which kinds of party sign each kind of convention, and how many of each (at least, at most), like the
 * reference data: education networks and the AGE for education, an operator for training, the SFMQ for
 * qualifications, the CVDC for validation; a government sometimes. The sector's fund and federation
 * are added on top.
 */
const ROLES = `(values ('EDUCATION', 'EDUCATION_NETWORK', 1, 4), ('EDUCATION', 'EDUCATION_ADMINISTRATION', 0, 1), ('EDUCATION', 'GOVERNMENT', 0, 1),
  ('TRAINING_OPERATOR', 'TRAINING_OPERATOR', 1, 1), ('TRAINING_OPERATOR', 'GOVERNMENT', 0, 1),
  ('QUALIFICATIONS', 'QUALIFICATIONS_BODY', 1, 1), ('QUALIFICATIONS', 'GOVERNMENT', 0, 1),
  ('VALIDATION', 'VALIDATION_BODY', 1, 1)) r(kind, party_kind, low, high)`;

const textArray = (values: string[]) => `array[${values.map((v) => `'${v.replace(/'/g, "''")}'`).join(', ')}]`;

/**
 * Adds `count` synthetic specific conventions (ids `sc_syn_0000001`…, after any added before) spread
 * over the sectors already stored (sub-sectors included; 15% concern a second sector), the four kinds
 * (education 45%, training 30%, validation 15%, qualifications 10%), the parties of
 * `conventions.party_key` (by kind, see ROLES, plus the sector's fund and federation) and, for 60% of
 * those whose sector or parent sector has framework agreements, one of them. Signature dates run over
 * 2006–2025 with the precisions of the sources (10% unknown, 25% a year, 10% a month, the rest a day);
 * validity ranges of 1 to 5 years, some bounds unknown; 80% verified. Titles and notes are French with
 * accents ("Convention de formation – formation en alternance – Construction").
 *
 * One transaction of set-based statements (`generate_series`, a seeded `random()`: the same data from
 * the same database), then ANALYZE so the planner sees the new sizes at once, as after any bulk load.
 * 100,000 take about 13 s, most of it maintaining the trigram index of `search_text`.
 */
export async function growConventions(databaseUrl: string, count: number): Promise<void> {
  if (!Number.isSafeInteger(count) || count <= 0) throw new Error(`growConventions: count must be a positive integer, not ${count}`);
  await sql(
    databaseUrl,
    `begin;
     select setseed(0.2026);
     -- one row per new convention, with every random draw it needs (materialised: random() is volatile)
     create temp table syn on commit drop as
     with pool as (
       select array_agg(id order by id) as sectors, count(*)::int as size,
              (select count(*) from conventions.specific_convention where id like 'sc_syn_%') as offset_
       from conventions.sector
     ),
     draw as (
       select n, random() as u_sector, random() as u_second, random() as u_kind, random() as u_theme, random() as u_note,
              random() as u_signed, random() as u_year, random() as u_day, random() as u_from, random() as u_span,
              random() as u_to, random() as u_verified, random() as u_agreement
       from generate_series(1, ${count}) n
     ),
     shaped as (
       select 'sc_syn_' || lpad((pool.offset_ + n)::text, 7, '0') as id,
              pool.sectors[1 + floor(u_sector * pool.size)::int] as sector_id,
              case when u_second < 0.15 and pool.size > 1
                then pool.sectors[1 + (floor(u_sector * pool.size)::int + 1 + floor(u_second / 0.15 * (pool.size - 1))::int) % pool.size] end as second_sector_id,
              case when u_kind < 0.45 then 'EDUCATION' when u_kind < 0.75 then 'TRAINING_OPERATOR' when u_kind < 0.85 then 'QUALIFICATIONS' else 'VALIDATION' end as kind,
              2006 + floor(u_year * 20)::int as year,
              d.*
       from draw d, pool
     )
     select s.id, s.sector_id, s.second_sector_id, s.kind,
            k.title || ' – ' || (${textArray(THEMES)})[1 + floor(s.u_theme * ${THEMES.length})::int] || ' – ' || sector.name as title,
            case when s.u_note < 0.5 then (${textArray(NOTES)})[1 + floor(s.u_note * 2 * ${NOTES.length})::int] end as note,
            case when s.u_signed < 0.10 then null
                 when s.u_signed < 0.35 then s.year::text
                 when s.u_signed < 0.45 then s.year || '-' || lpad((1 + floor(s.u_day * 12))::text, 2, '0')
                 else (make_date(s.year, 1, 1) + floor(s.u_day * 365)::int)::text end as signed_on,
            case when s.u_from < 0.15 then null
                 when s.u_from < 0.60 then s.year::text
                 else s.year || '-09-01' end as valid_from,
            case when s.u_to < 0.10 then null
                 when s.u_from < 0.60 then (s.year + 1 + floor(s.u_span * 5)::int)::text
                 else (s.year + 1 + floor(s.u_span * 5)::int) || '-08-31' end as valid_to,
            s.u_verified < 0.8 as verified,
            case when s.u_verified between 0.7 and 0.8 then '{signedOn}' else '{}' end::text[] as unverified_fields,
            case when s.u_agreement < 0.6 then
              (select a.agreement_id from conventions.agreement_sector a
               where a.sector_id in (s.sector_id, split_part(s.sector_id, '/', 1))
               order by md5(a.agreement_id || s.id) limit 1) end as agreement_id
     from shaped s
     join conventions.sector sector on sector.id = s.sector_id
     join ${KIND_TITLES} on k.kind = s.kind;

     insert into conventions.specific_convention
       (id, verified, unverified_fields, note, sources, title, kind, framework_agreement_id, signed_on, valid_from, valid_to)
       select id, verified, unverified_fields, note, case when verified then ${SYNTHETIC_SOURCES} else '[]'::jsonb end,
              title, kind, agreement_id, signed_on, valid_from, valid_to
       from syn;
     insert into conventions.convention_sector (convention_id, sector_id)
       select id, sector_id from syn union all select id, second_sector_id from syn where second_sector_id is not null;
     insert into conventions.convention_objective (convention_id, objective_code)
       select syn.id, o.code from syn cross join conventions.objective o where syn.kind = 'EDUCATION' and random() < 0.3;
     -- parties by role: a random choice among the parties of each kind the role names
     insert into conventions.convention_party (convention_id, party_id, party_kind)
       select syn.id, p.id, p.kind
       from syn
       join ${ROLES} on r.kind = syn.kind
       cross join lateral (
         select key.id, key.kind from conventions.party_key key
         -- naming syn.id makes PostgreSQL draw again for each convention instead of reusing the sort
         where key.kind = r.party_kind and syn.id is not null
         order by random() limit r.low + floor(random() * (r.high - r.low + 1))::int
       ) p;
     -- and the sector's own bodies (a sub-sector's are its parent's), most of the time
     insert into conventions.convention_party (convention_id, party_id, party_kind)
       select syn.id, key.id, key.kind
       from syn
       join conventions.sector sector on sector.id = syn.sector_id
       left join conventions.sector parent on parent.id = sector.parent_id
       join conventions.party_key key
         on key.id in (coalesce(sector.sector_fund_id, parent.sector_fund_id), coalesce(sector.federation_id, parent.federation_id))
       where random() < 0.75
       on conflict do nothing;
     commit;
     analyze conventions.specific_convention, conventions.convention_sector, conventions.convention_party, conventions.convention_objective;`,
  );
}
