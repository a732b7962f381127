import { sql } from '@hub/kit/testing';

/**
 * Adds `count` synthetic sectors, each with a framework agreement, a specific convention (its parties
 * like those of the reference data's convention under an agreement: education bodies and a federation)
 * and a competence centre: the same shape as the reference data, many times over. Used to show that the
 * SQL statements of a request do not grow with the rows it returns.
 */
export async function growData(databaseUrl: string, count: number): Promise<void> {
  const ids = Array.from({ length: count }, (_, i) => `grown_${String(i).padStart(4, '0')}`);
  const provenance = `true, '{}', null, '[{"id":"S01","url":"https://example.invalid/s01","title":"synthetic"}]'`;
  await sql(
    databaseUrl,
    `begin;
     insert into conventions.sector (id, verified, unverified_fields, note, sources, name, sector_fund_id, federation_id)
       select id, ${provenance}, 'Synthetic ' || id, 'constructiv', 'ccw' from unnest($1::text[]) id;
     insert into conventions.framework_agreement (id, verified, unverified_fields, note, sources, title, valid_from, valid_to)
       select 'fa_' || id, ${provenance}, 'Accord-cadre ' || id, '2020', '2024' from unnest($1::text[]) id;
     insert into conventions.agreement_sector select 'fa_' || id, id from unnest($1::text[]) id;
     insert into conventions.agreement_signatory select 'fa_' || id, 'gov_wallonia', 'GOVERNMENT' from unnest($1::text[]) id;
     insert into conventions.specific_convention (id, verified, unverified_fields, note, sources, title, kind, framework_agreement_id)
       select 'sc_' || id, ${provenance}, 'Convention ' || id, 'EDUCATION', 'fa_' || id from unnest($1::text[]) id;
     insert into conventions.convention_sector select 'sc_' || id, id from unnest($1::text[]) id;
     insert into conventions.convention_objective select 'sc_' || id, 'OBJ1' from unnest($1::text[]) id;
     insert into conventions.convention_party
       select 'sc_' || id, party, kind from unnest($1::text[]) id,
         (values ('net_wbe', 'EDUCATION_NETWORK'), ('net_segec', 'EDUCATION_NETWORK'), ('age', 'EDUCATION_ADMINISTRATION'),
                 ('fevia_wallonie', 'SECTOR_FEDERATION')) p(party, kind);
     insert into competence.competence_centre (id, verified, unverified_fields, note, sources, name, scope, label_status, label_decided_on)
       select 'cc_' || id, ${provenance}, 'Centre ' || id, '{}', 'FULL', '2020-11-12' from unnest($1::text[]) id;
     insert into competence.centre_sector select 'cc_' || id, id from unnest($1::text[]) id;
     commit;`.replace(/\$1::text\[\]/g, `'{${ids.join(',')}}'::text[]`),
  );
}
