import http from 'node:http';
import pg from 'pg';

// The bench's physical limit: the answer of its whole-graph query (bench.ts, WHOLE_GRAPH) made by one
// hand-written SQL statement over the four subgraphs' schemas, served over HTTP with no GraphQL at all.
// It follows the hub's rules: live records only, top-level sectors, lists ordered by id, 20 to a page, a sector's agreements
// and centres those of its sub-sectors too, parties named by the subgraph that owns them.

const TYPENAME = `case p.kind
  when 'GOVERNMENT' then 'PublicAuthority' when 'SECTOR_FUND' then 'SectorBody' when 'SECTOR_FEDERATION' then 'SectorBody'
  when 'TRAINING_OPERATOR' then 'TrainingOperator' when 'VALIDATION_BODY' then 'ValidationBody'
  when 'EDUCATION_ADMINISTRATION' then 'EducationAuthority' when 'QUALIFICATIONS_BODY' then 'EducationAuthority'
  when 'EDUCATION_NETWORK' then 'EducationNetwork' else 'CompetenceCentre' end`;

export const WHOLE_GRAPH_SQL = `
with party as (
  select id, name, kind from conventions.organisation where deleted_at is null
  union all select id, name, kind from education.organisation where deleted_at is null
  union all select id, name, kind from training.organisation where deleted_at is null
  union all select id, name, 'COMPETENCE_CENTRE' from competence.competence_centre where deleted_at is null
),
agreement_of as (
  select s.id as sector_id, a.* from conventions.sector s
  join conventions.framework_agreement a on a.deleted_at is null and exists (
    select 1 from conventions.agreement_sector l where l.agreement_id = a.id
      and l.sector_id in (select s2.id from conventions.sector s2 where s2.id = s.id or s2.parent_id = s.id))
),
centre_of as (
  select s.id as sector_id, c.* from conventions.sector s
  join competence.competence_centre c on c.deleted_at is null and exists (
    select 1 from competence.centre_sector l where l.centre_id = c.id and (l.sector_id = s.id or split_part(l.sector_id, '/', 1) = s.id))
)
select json_build_object('data', json_build_object('sectors', json_build_object(
  'totalCount', (select count(*) from conventions.sector where deleted_at is null and parent_id is null),
  'nodes', coalesce((select json_agg(json_build_object(
    'id', s.id,
    'name', s.name,
    'sectorFund', (select json_build_object('name', o.name) from conventions.organisation o where o.id = s.sector_fund_id),
    'frameworkAgreements', json_build_object(
      'totalCount', (select count(*) from agreement_of x where x.sector_id = s.id),
      'nodes', coalesce((select json_agg(json_build_object(
        'id', a.id, 'title', a.title, 'validFrom', a.valid_from, 'validTo', a.valid_to,
        'signatories', coalesce((select json_agg(json_build_object('__typename', ${TYPENAME}, 'id', p.id, 'name', p.name) order by l.party_id)
          from conventions.agreement_signatory l join party p on p.id = l.party_id where l.agreement_id = a.id), '[]'),
        'conventions', json_build_object(
          'totalCount', (select count(*) from conventions.specific_convention c where c.deleted_at is null and c.framework_agreement_id = a.id),
          'nodes', coalesce((select json_agg(json_build_object(
            'id', c.id, 'kind', c.kind, 'signedOn', c.signed_on,
            'objectives', coalesce((select json_agg(json_build_object('code', o.objective_code) order by o.objective_code)
              from conventions.convention_objective o where o.convention_id = c.id), '[]'),
            'parties', coalesce((select json_agg(json_build_object('__typename', ${TYPENAME}, 'id', p.id, 'name', p.name, 'kind', p.kind) order by l.party_id)
              from conventions.convention_party l join party p on p.id = l.party_id where l.convention_id = c.id), '[]')
          ) order by c.id collate "C") from (select * from conventions.specific_convention c where c.deleted_at is null and c.framework_agreement_id = a.id
            order by c.id collate "C" limit 20) c), '[]'))
      ) order by a.id collate "C") from (select * from agreement_of x where x.sector_id = s.id order by x.id collate "C" limit 20) a), '[]')),
    'competenceCentres', json_build_object(
      'totalCount', (select count(*) from centre_of x where x.sector_id = s.id),
      'nodes', coalesce((select json_agg(json_build_object('id', c.id, 'name', c.name, 'label', json_build_object('status', c.label_status, 'validTo', c.label_valid_to))
        order by c.id collate "C") from (select * from centre_of x where x.sector_id = s.id order by x.id collate "C" limit 20) c), '[]'))
  ) order by s.id collate "C") from (select * from conventions.sector where deleted_at is null and parent_id is null order by id collate "C" limit 500) s), '[]')
)))::text as answer`;

/** Serves POST / with the answer of WHOLE_GRAPH_SQL, as PostgreSQL wrote it. */
export async function serveGraphSql(databaseUrl: string, connections: number): Promise<{ url: string; close(): Promise<void> }> {
  const pool = new pg.Pool({ connectionString: databaseUrl, max: connections });
  const server = http.createServer((req, res) => {
    req.resume();
    req.on('end', () => {
      pool.query<{ answer: string }>(WHOLE_GRAPH_SQL).then(
        ({ rows }) => res.writeHead(200, { 'content-type': 'application/json' }).end(rows[0].answer),
        (error: Error) => res.writeHead(500).end(error.message),
      );
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  return {
    url: `http://127.0.0.1:${port}/`,
    close: async () => {
      await new Promise((resolve) => server.close(resolve));
      await pool.end();
    },
  };
}

// `node graph-sql.js`: serves on a free port of 127.0.0.1 and prints its URL (the bench runs it apart
// from its own load, as the hub's processes are).
if (require.main === module) {
  serveGraphSql(process.env.DATABASE_URL!, Number(process.env.CONNECTIONS ?? 8)).then(({ url }) => process.stdout.write(`${url}\n`));
}
