import { parse } from 'csv-parse/sync';
import pg from 'pg';
import { postGraphQL, sql } from '@hub/kit/testing';
import { startTestHub, type TestHub } from './support/hub';
import { growConventions, growData } from './support/grow';

// What analysts and dashboards ask: filters, search, pages, counts and CSV, through the real gateway.
let hub: TestHub;

beforeAll(async () => {
  // rows are changed and grown behind the hub's back (SQL), which the write path never publishes: no response cache
  hub = await startTestHub({ gatewayEnv: { RESPONSE_CACHE: 'off' } });
}, 120_000);
afterAll(() => hub?.stop());

const ask = (query: string, variables?: Record<string, unknown>) => postGraphQL(hub.url, query, variables);
/** The ids of a list's nodes, asserting the answer has no error. */
async function ids(query: string, variables?: Record<string, unknown>): Promise<string[]> {
  const { body } = await ask(query, variables);
  expect(body.errors).toBeUndefined();
  const list = Object.values(body.data)[0] as { nodes: { id: string }[] };
  return list.nodes.map((node) => node.id);
}
const idsOf = async (query: string) => (await sql<{ id: string }>(hub.databaseUrl, query)).map((row) => row.id);

describe('filters run in SQL and compose', () => {
  it('compares text regardless of case and accents: "liege", "Liege" and "LIÈGE" find the centres in Liège', async () => {
    const expected = ['autoform', 'construform_liege', 'forem_formalim', 'forem_polygone_eau', 'forem_tl_liege', 'technifutur'];
    for (const province of ['liege', 'Liege', 'LIÈGE', 'Liège']) {
      expect(await ids(`query ($p: [String!]) { competenceCentres(filter: { province: $p }) { nodes { id } } }`, { p: [province] })).toEqual(expected);
    }
    expect(await idsOf(`select id from competence.competence_centre where province = 'Liège' order by id`)).toEqual(expected);
  });

  it('finds a centre by any of its sites, and by who runs it', async () => {
    expect(await ids(`{ competenceCentres(filter: { city: "tournai" }) { nodes { id } } }`)).toEqual(['technocite']);
    expect(await ids(`{ competenceCentres(filter: { city: ["GOSSELIES"], managingBody: "le forem" }) { nodes { id } } }`)).toEqual(['forem_cepegra']);
  });

  it('filters centres by sector, label status, label validity and label end, each in SQL', async () => {
    const { body } = await ask(`{
      chimie: competenceCentres(filter: { sector: "chimie" }) { nodes { id } }
      provisional: competenceCentres(filter: { labelStatus: [PROVISIONAL] }) { totalCount }
      valid2024: competenceCentres(filter: { labelActiveOn: "2024-12-31" }) { totalCount }
      valid2025: competenceCentres(filter: { labelActiveOn: "2025" }) { totalCount }
      ending2024: competenceCentres(filter: { labelExpiresBetween: { from: "2024-06", to: "2024" } }) { totalCount }
    }`);
    expect(body).toEqual({
      data: {
        chimie: { nodes: [{ id: 'cefochim' }] },
        provisional: { totalCount: 5 },
        valid2024: { totalCount: 19 },
        valid2025: { totalCount: 0 },
        ending2024: { totalCount: 19 },
      },
    });
  });

  it('filters conventions by kind, party, kind of party, agreement, sector and verification, and composes them with and / or / not', async () => {
    const { body } = await ask(`{
      education: conventions(filter: { kind: EDUCATION }) { nodes { id } }
      withWbe: conventions(filter: { party: "net_wbe" }) { nodes { id } }
      withFund: conventions(filter: { partyKind: SECTOR_FUND }) { nodes { id } }
      underAgreement: conventions(filter: { agreement: ["fa_industrie_alimentaire", "fa_construction_2015_2019"] }) { nodes { id } }
      automobile: conventions(filter: { sector: "automobile", verifiedOnly: true }) { nodes { id } }
      composed: conventions(filter: { or: [{ kind: VALIDATION }, { party: "net_wbe" }], not: { id: "sc_ifpm_reseaux" } }) { nodes { id } }
      both: conventions(filter: { and: [{ kind: EDUCATION }, { partyKind: EDUCATION_NETWORK }] }) { nodes { id } }
    }`);
    expect(body).toEqual({
      data: {
        education: { nodes: ['sc_construction_promotion_sociale', 'sc_educam_fwb', 'sc_fevia_enseignement', 'sc_ifpm_reseaux'].map((id) => ({ id })) },
        withWbe: { nodes: [{ id: 'sc_fevia_enseignement' }, { id: 'sc_ifpm_reseaux' }] },
        // the SFMQ–IFPM–CVDC convention names the IFPM, a sector fund
        withFund: { nodes: [{ id: 'conv_sfmq_ifpm_cvdc' }, { id: 'sc_educam_cvdc' }, { id: 'sc_educam_fwb' }, { id: 'sc_ifpm_reseaux' }] },
        underAgreement: { nodes: [{ id: 'sc_construction_promotion_sociale' }, { id: 'sc_fevia_enseignement' }] },
        automobile: { nodes: [{ id: 'sc_educam_cvdc' }, { id: 'sc_educam_fwb' }] },
        composed: { nodes: [{ id: 'sc_educam_cvdc' }, { id: 'sc_fevia_enseignement' }] },
        both: { nodes: [{ id: 'sc_fevia_enseignement' }, { id: 'sc_ifpm_reseaux' }] },
      },
    });
  });

  it('filters framework agreements by validity, signature period, signatory, sector and programme', async () => {
    const { body } = await ask(`{
      active2012: frameworkAgreements(filter: { activeOn: "2012" }) { nodes { id } }
      signed2011: frameworkAgreements(filter: { signedBetween: { from: "2011", to: "2011" } }) { nodes { id } }
      signedSince2007: frameworkAgreements(filter: { signedBetween: { from: "2007-02-08" } }) { totalCount }
      byCcw: frameworkAgreements(filter: { signatory: "ccw" }) { nodes { id } }
      food: frameworkAgreements(filter: { sector: "industrie_alimentaire" }) { nodes { id } }
      marshall: frameworkAgreements(filter: { programme: "PLAN MARSHALL 2.VERT – AXE I, MESURE I.1 « MOBILISER COLLECTIVEMENT LES ACTEURS DE L'ENSEIGNEMENT, DE LA FORMATION PROFESSIONNELLE ET DE L'EMPLOI » (VOLET B « DEVELOPPER LES CONVENTIONS SECTORIELLES »)" }) { totalCount }
    }`);
    expect(body).toEqual({
      data: {
        active2012: { nodes: ['fa_construction_2010_2014', 'fa_electriciens_2011_2014', 'fa_horeca_2011_2014', 'fa_non_marchand_2011_2014'].map((id) => ({ id })) },
        signed2011: { nodes: ['fa_electriciens_2011_2014', 'fa_horeca_2011_2014', 'fa_non_marchand_2011_2014'].map((id) => ({ id })) },
        signedSince2007: { totalCount: 4 },
        byCcw: { nodes: [{ id: 'fa_construction_2010_2014' }] },
        food: { nodes: [{ id: 'fa_industrie_alimentaire' }, { id: 'fa_industrie_alimentaire_2007' }] },
        marshall: { totalCount: 4 },
      },
    });
  });

  it('refuses an unknown id or enum value with BAD_USER_INPUT naming it, not with an empty list', async () => {
    const unknownSector = await ask(`{ conventions(filter: { sector: ["construction", "nope"] }) { totalCount } }`);
    expect(unknownSector.body.errors).toEqual([
      { message: 'Unknown sector "nope" in filter.sector.', path: ['conventions'], extensions: { code: 'BAD_USER_INPUT', argument: 'filter.sector', serviceName: 'conventions' } },
    ]);
    const nested = await ask(`{ competenceCentres(filter: { or: [{ sector: "bois" }, { sector: "boiz" }] }) { totalCount } }`);
    expect(nested.body.errors!.map((e: { message: string; extensions: { code: string } }) => [e.extensions.code, e.message])).toEqual([['BAD_USER_INPUT', 'Unknown sector "boiz" in filter.sector.']]);
    const party = await ask(`{ frameworkAgreements(filter: { signatory: "nobody" }) { totalCount } }`);
    expect(party.body.errors![0].message).toBe('Unknown party "nobody" in filter.signatory.');
    const province = await ask(`{ competenceCentres(filter: { province: "Atlantis" }) { totalCount } }`);
    expect(province.body.errors![0]).toMatchObject({ message: 'Unknown province "Atlantis" in filter.province (one of Brabant wallon, Hainaut, Liège, Luxembourg, Namur).', extensions: { code: 'BAD_USER_INPUT' } });
    const kind = await ask(`query ($kind: [ConventionKind!]) { conventions(filter: { kind: $kind }) { totalCount } }`, { kind: ['TRAINING'] });
    expect(kind.body.errors).toEqual([
      {
        message: 'Variable "$kind" got invalid value "TRAINING" at "kind[0]"; Value "TRAINING" does not exist in "ConventionKind" enum.',
        locations: [{ line: 1, column: 8 }],
        extensions: { code: 'BAD_USER_INPUT' },
      },
    ]);
  });

  it('finds records changed since a moment, by the time the database stamped on them', async () => {
    const { body } = await ask(`{ competenceCentre(id: "technobel") { createdAt updatedAt } }`);
    expect(Date.parse(body.data.competenceCentre.updatedAt)).toBeGreaterThanOrEqual(Date.parse(body.data.competenceCentre.createdAt));
    const since = new Date().toISOString();
    expect(await ids(`query ($since: DateTimeISO) { competenceCentres(filter: { changedSince: $since }) { nodes { id } } }`, { since })).toEqual([]);
    await sql(hub.databaseUrl, `update competence.competence_centre set website = 'https://www.technobel.be/fr/' where id = 'technobel'`);
    await sql(hub.databaseUrl, `update competence.competence_centre set website = website where id = 'technifutur'`); // no change: no new stamp
    expect(await ids(`query ($since: DateTimeISO) { competenceCentres(filter: { changedSince: $since }) { nodes { id } } }`, { since })).toEqual(['technobel']);
  });
});

describe('search', () => {
  it('tolerates case, accents and typos in every list of named things', async () => {
    const { body } = await ask(`{
      sectors(filter: { search: "metiers" }) { nodes { id } }
      trainingOperators(filter: { search: "forem" }) { nodes { id } }
      competenceCentres(filter: { search: "technifutr" }) { nodes { id } }
      conventions(filter: { search: "CONSTRUCTION" }) { nodes { id } }
      educationNetworks(filter: { search: "segec" }) { nodes { id } }
      sectorBodies(filter: { search: "constructiv" }) { nodes { id } }
      facts(filter: { search: "competence centres label" }, first: 1) { nodes { id } }
      sources(filter: { search: "technifutur" }, first: 1) { nodes { id } }
    }`);
    expect(body.errors).toBeUndefined();
    expect(body.data.sectors.nodes).toEqual([{ id: 'eau' }, { id: 'peinture' }]);
    expect(body.data.trainingOperators.nodes).toEqual([{ id: 'forem' }]);
    expect(body.data.competenceCentres.nodes[0]).toEqual({ id: 'technifutur' });
    expect(body.data.conventions.nodes).toEqual([{ id: 'sc_construction_promotion_sociale' }]);
    expect(body.data.educationNetworks.nodes).toEqual([{ id: 'net_segec' }]);
    expect(body.data.sectorBodies.nodes[0]).toEqual({ id: 'constructiv' });
    expect(body.data.facts.nodes).toHaveLength(1);
    expect(body.data.sources.nodes).toHaveLength(1);
  });

  it('ranks by relevance: the best match first, a match in the name above one elsewhere', async () => {
    // "technifutur" is the whole name of one centre and close to "Technofutur TIC"
    expect((await ids(`{ competenceCentres(filter: { search: "technifutur" }) { nodes { id } } }`)).slice(0, 2)).toEqual(['technifutur', 'technofutur_tic']);
    // "Forem" is in the name of the Forem centres and only in the managing body of the others it runs
    const forem = await ids(`{ competenceCentres(filter: { search: "forem" }, first: 500) { nodes { id } } }`);
    const runByForem = await idsOf(`select id from competence.competence_centre where managing_body ilike '%forem%' or name ilike '%forem%'`);
    expect(new Set(forem)).toEqual(new Set(runByForem));
    expect(forem.indexOf('forem_tourisme')).toBeLessThan(forem.indexOf('autoform'));
  });

  it('composes with the other filters and with an explicit order', async () => {
    expect(await ids(`{ competenceCentres(filter: { search: "forem", province: "liege" }, orderBy: [{ field: NAME }]) { nodes { id } } }`)).toEqual([
      'autoform',
      'construform_liege',
      'forem_formalim',
      'forem_polygone_eau',
      'forem_tl_liege',
    ]);
  });

  it('is served by the trigram index, not by a scan in JavaScript', async () => {
    const client = new pg.Client({ connectionString: hub.databaseUrl });
    await client.connect();
    try {
      await client.query('set enable_seqscan = off'); // the reference data is small enough for a scan to win otherwise
      const plan = await client.query(`explain select id from competence.competence_centre t where t.search_text %> 'forem'`);
      expect(JSON.stringify(plan.rows)).toContain('competence_centre_search_text_index');
    } finally {
      await client.end();
    }
  });

  it('refuses a search with nothing to look for', async () => {
    const { body } = await ask(`{ sectors(filter: { search: " - " }) { totalCount } }`);
    expect(body.errors![0]).toMatchObject({ message: 'search " - " has no word of two letters or digits to look for.', extensions: { code: 'BAD_USER_INPUT' } });
  });
});

describe('pages', () => {
  const PAGE = `query ($first: Int, $after: String, $last: Int, $before: String) {
    conventions(first: $first, after: $after, last: $last, before: $before, orderBy: [{ field: TITLE }]) {
      totalCount
      pageInfo { hasNextPage hasPreviousPage startCursor endCursor }
      edges { cursor node { id } }
    }
  }`;
  const page = async (variables: Record<string, unknown>) => {
    const { body } = await ask(PAGE, variables);
    expect(body.errors).toBeUndefined();
    return body.data.conventions;
  };

  it('pages forwards and backwards over the same order, with the total count', async () => {
    const all = (await page({ first: 500 })).edges.map((e: { node: { id: string } }) => e.node.id);
    const expected = (await sql<{ id: string }>(hub.databaseUrl, `select id from conventions.specific_convention order by hub_fold(title) collate "C", id collate "C"`)).map((r) => r.id);
    expect(all).toEqual(expected);

    const first = await page({ first: 4 });
    expect([first.totalCount, first.pageInfo.hasNextPage, first.pageInfo.hasPreviousPage]).toEqual([expected.length, true, false]);
    const second = await page({ first: 4, after: first.pageInfo.endCursor });
    expect([...first.edges, ...second.edges].map((e: { node: { id: string } }) => e.node.id)).toEqual(expected);
    expect(second.pageInfo.hasNextPage).toBe(false);

    const back = await page({ last: 4, before: second.edges[0].cursor });
    expect(back.edges.map((e: { node: { id: string } }) => e.node.id)).toEqual(expected.slice(0, 4));
    expect([back.pageInfo.hasPreviousPage, back.pageInfo.hasNextPage]).toEqual([false, true]);
    const tail = await page({ last: 2 });
    expect(tail.edges.map((e: { node: { id: string } }) => e.node.id)).toEqual(expected.slice(-2));
  });

  it('caps the page size and refuses foreign cursors with BAD_USER_INPUT', async () => {
    const { body } = await ask(`{ a: conventions(first: 501) { totalCount } }`);
    expect(body.errors![0]).toMatchObject({ message: 'first is 501; a page holds 0 to 500 items. Ask for the next page with `after: endCursor`.', extensions: { code: 'BAD_USER_INPUT' } });
    const cursor = (await page({ first: 1 })).pageInfo.endCursor;
    const otherOrder = await ask(`query ($after: String) { conventions(after: $after, orderBy: [{ field: KIND }]) { totalCount } }`, { after: cursor });
    expect(otherOrder.body.errors![0].extensions.code).toBe('BAD_USER_INPUT');
    const garbage = await ask(`{ conventions(after: "not-a-cursor") { totalCount } }`);
    expect(garbage.body.errors![0]).toMatchObject({ extensions: { code: 'BAD_USER_INPUT' } });
    const relevance = await ask(`{ conventions(orderBy: [{ field: RELEVANCE }]) { totalCount } }`);
    expect(relevance.body.errors![0].message).toBe('RELEVANCE orders the results of a search: give `filter.search` too.');
  });

  it('keeps cursors stable while other rows are inserted concurrently: every row is seen once, none is skipped', async () => {
    const before = (await page({ first: 500 })).edges.map((e: { node: { id: string } }) => e.node.id);
    const firstPage = await page({ first: 2 });
    let inserting = true;
    const inserter = (async () => {
      for (let i = 0; inserting && i < 40; i++) {
        // titles sort before and after every page
        await sql(
          hub.databaseUrl,
          `insert into conventions.specific_convention (id, title, kind, sources) values ($1, $2, 'EDUCATION', '[]'), ($3, $4, 'EDUCATION', '[]')`,
          [`sc_inserted_a${i}`, `A inserted ${i}`, `sc_inserted_z${i}`, `Z inserted ${i}`],
        );
      }
    })();
    const seen: string[] = firstPage.edges.map((e: { node: { id: string } }) => e.node.id);
    for (let after: string | null = firstPage.pageInfo.endCursor, more = true; more; ) {
      const current: { edges: { node: { id: string } }[]; pageInfo: { endCursor: string; hasNextPage: boolean } } = await page({ first: 2, after });
      seen.push(...current.edges.map((e) => e.node.id));
      after = current.pageInfo.endCursor;
      more = current.pageInfo.hasNextPage;
    }
    inserting = false;
    await inserter;
    expect(new Set(seen).size).toBe(seen.length);
    expect(seen.filter((id) => before.includes(id))).toEqual(before);
    expect(seen.some((id) => id.startsWith('sc_inserted_a'))).toBe(false); // they sort before the cursors already passed
    await sql(hub.databaseUrl, `delete from conventions.specific_convention where id like 'sc_inserted_%'`);
  });

  it('gives nested lists the same filter and paging arguments, per parent', async () => {
    const { body } = await ask(`{
      sectors(filter: { id: ["automobile", "construction"] }) {
        nodes { id conventions(filter: { kind: VALIDATION }, first: 1) { totalCount nodes { id } pageInfo { hasNextPage } } }
      }
    }`);
    expect(body).toEqual({
      data: {
        sectors: {
          nodes: [
            { id: 'automobile', conventions: { totalCount: 1, nodes: [{ id: 'sc_educam_cvdc' }], pageInfo: { hasNextPage: false } } },
            { id: 'construction', conventions: { totalCount: 0, nodes: [], pageInfo: { hasNextPage: false } } },
          ],
        },
      },
    });
  });
});

describe('counts for dashboards', () => {
  const rows = <R extends Record<string, unknown>>(query: string) => sql<R>(hub.databaseUrl, query);
  /** Groups as the API gives them, keyed by a readable string, for comparison with SQL. */
  const byKey = (groups: { key: Record<string, unknown>; count: number }[], keyOf: (key: Record<string, any>) => string) =>
    Object.fromEntries(groups.map((g) => [keyOf(g.key), g.count]));

  it('counts centres per province, sector, label status, label expiry year and managing body, as SQL does', async () => {
    const { body } = await ask(`{
      province: competenceCentreCounts(groupBy: [PROVINCE]) { key { province } count }
      sector: competenceCentreCounts(groupBy: [SECTOR]) { key { sector { id name } } count }
      label: competenceCentreCounts(groupBy: [LABEL_STATUS, LABEL_EXPIRY_YEAR]) { key { labelStatus labelExpiryYear } count }
      body: competenceCentreCounts(groupBy: [MANAGING_BODY], filter: { province: "hainaut" }) { key { managingBody } count }
      total: competenceCentreCounts(groupBy: []) { count }
    }`);
    expect(body.errors).toBeUndefined();
    const count = async (query: string) => Object.fromEntries((await rows<{ k: string; n: number }>(query)).map((r) => [String(r.k), r.n]));
    expect(byKey(body.data.province, (k) => String(k.province))).toEqual(await count(`select province k, count(*)::int n from competence.competence_centre group by 1`));
    expect(byKey(body.data.sector, (k) => String(k.sector?.id))).toEqual(
      await count(`select s.sector_id k, count(*)::int n from competence.competence_centre c left join competence.centre_sector s on s.centre_id = c.id group by 1`),
    );
    expect(body.data.sector.find((g: { key: { sector: { id: string } } }) => g.key.sector.id === 'chimie').key.sector.name).toBe('Chimie, matières plastiques et sciences de la vie');
    expect(byKey(body.data.label, (k) => `${k.labelStatus}/${k.labelExpiryYear}`)).toEqual(
      await count(`select label_status || '/' || coalesce(left(label_valid_to, 4), 'null') k, count(*)::int n from competence.competence_centre group by 1`),
    );
    expect(byKey(body.data.body, (k) => String(k.managingBody))).toEqual(
      await count(`select managing_body k, count(*)::int n from competence.competence_centre where province = 'Hainaut' group by 1`),
    );
    expect(body.data.total).toEqual([{ count: 24 }]);
  });

  it('counts conventions per sector, kind, year signed and kind of party, and agreements per sector, year and programme, as SQL does', async () => {
    const { body } = await ask(`{
      conventions: conventionCounts(groupBy: [SECTOR, KIND]) { key { sector { id } kind yearSigned partyKind } count }
      partyKinds: conventionCounts(groupBy: [PARTY_KIND], filter: { kind: EDUCATION }) { key { partyKind } count }
      years: conventionCounts(groupBy: [YEAR_SIGNED]) { key { yearSigned } count }
      agreements: frameworkAgreementCounts(groupBy: [SECTOR, YEAR_SIGNED]) { key { sector { id } yearSigned } count }
      programmes: frameworkAgreementCounts(groupBy: [PROGRAMME]) { key { programme } count }
    }`);
    expect(body.errors).toBeUndefined();
    const count = async (query: string) => Object.fromEntries((await rows<{ k: string; n: number }>(query)).map((r) => [String(r.k), r.n]));
    expect(body.data.conventions.every((g: { key: { yearSigned: unknown; partyKind: unknown } }) => g.key.yearSigned === null && g.key.partyKind === null)).toBe(true);
    expect(byKey(body.data.conventions, (k) => `${k.sector?.id}/${k.kind}`)).toEqual(
      await count(`select coalesce(s.sector_id, 'undefined') || '/' || c.kind k, count(distinct c.id)::int n from conventions.specific_convention c left join conventions.convention_sector s on s.convention_id = c.id group by 1`),
    );
    expect(byKey(body.data.partyKinds, (k) => String(k.partyKind))).toEqual(
      await count(`select p.party_kind k, count(distinct c.id)::int n from conventions.specific_convention c left join conventions.convention_party p on p.convention_id = c.id where c.kind = 'EDUCATION' group by 1`),
    );
    // no convention's signing year is known, the SFMQ–IFPM–CVDC convention's (« Le 3 juin dernier ») included
    expect(body.data.years).toEqual([{ key: { yearSigned: null }, count: 7 }]);
    expect(byKey(body.data.agreements, (k) => `${k.sector?.id}/${k.yearSigned}`)).toEqual(
      await count(`select s.sector_id || '/' || coalesce(left(a.signed_on, 4), 'null') k, count(distinct a.id)::int n from conventions.framework_agreement a left join conventions.agreement_sector s on s.agreement_id = a.id group by 1`),
    );
    expect(byKey(body.data.programmes, (k) => String(k.programme))).toEqual(await count(`select programme k, count(*)::int n from conventions.framework_agreement group by 1`));
  });
});

describe('CSV export of a connection', () => {
  it('downloads every competence centre as one row each, nested objects as dotted columns and lists joined', async () => {
    const query = '{ competenceCentres(first: 500) { totalCount nodes { id name province label { status validTo } sectors { id } } } }';
    const url = new URL('/export.csv', hub.url);
    url.searchParams.set('query', query);
    url.searchParams.set('separator', ';');
    const response = await fetch(url);
    const text = Buffer.from(await response.arrayBuffer()).toString('utf8');
    expect([response.status, response.headers.get('content-disposition')]).toEqual([200, 'attachment; filename="competenceCentres.csv"']);
    const [header, ...records] = parse(text, { bom: true, delimiter: ';' }) as string[][];
    expect(header).toEqual(['id', 'name', 'province', 'label.status', 'label.validTo', 'sectors.id']);
    expect(records).toHaveLength(24);
    expect(records.find((r) => r[0] === 'technocite')).toEqual(['technocite', 'TechnocITé', 'Hainaut', 'FULL', '2024-12-31', 'industries_culturelles_creatives | tic_numerique']);
    expect(records.find((r) => r[0] === 'cefoverre')).toEqual(['cefoverre', 'Cefoverre', 'Hainaut', 'PROVISIONAL', '', 'verre_papier_carton']);
  });
});

describe('SQL statements per request', () => {
  // Last: it grows the data this file shares, to 100 times the reference data. Every list is non-empty
  // at 1× already (an empty list skips the loaders of its items). Parties are asked by id
  // only: the gateway asks another subgraph for their names only when some party it owns is in the
  // answer, which depends on the data, not on its size (the whole-graph test of hub.e2e covers that path).
  it('stay the same for a filtered, searched, paged query and for an aggregate when the data grows 100×', async () => {
    const queries = {
      filtered: `{
        sectors(first: 500) { totalCount nodes { id conventions(filter: { kind: [EDUCATION, VALIDATION], verifiedOnly: true }, first: 5) { totalCount nodes { id parties { __typename id } } } competenceCentres(first: 3) { totalCount nodes { id } } } }
        conventions(filter: { sector: "construction", or: [{ verifiedOnly: true }, { partyKind: EDUCATION_NETWORK }] }, first: 20, orderBy: [{ field: SIGNED_ON, direction: DESC }]) { totalCount pageInfo { endCursor } nodes { id title sectors { name } } }
      }`,
      searched: `{ conventions(filter: { search: "convention formation", not: { kind: VALIDATION } }, first: 20) { totalCount nodes { id title parties { __typename id } } } competenceCentres(filter: { search: "forem", province: "hainaut" }) { totalCount nodes { id name sectors { name } } } }`,
      aggregate: `{ conventionCounts(groupBy: [SECTOR, KIND]) { key { sector { name } kind } count } competenceCentreCounts(groupBy: [SECTOR, PROVINCE]) { key { sector { name } province } count } }`,
    };
    const statements = async () => {
      const counts: Record<string, number | undefined> = {};
      for (const [name, query] of Object.entries(queries)) {
        const { body, sqlStatements } = await ask(query);
        expect(body.errors).toBeUndefined();
        counts[name] = sqlStatements;
      }
      return counts;
    };
    const before = await statements();
    await growData(hub.databaseUrl, 2300); // 100× the 23 sectors, each with an agreement, a convention and a centre
    await growConventions(hub.databaseUrl, 600); // 100× the 6 conventions
    const [conventionCount] = await sql<{ n: number }>(hub.databaseUrl, `select count(*)::int n from conventions.specific_convention`);
    expect(conventionCount.n).toBeGreaterThanOrEqual(2906);
    expect(await statements()).toEqual(before);
    expect(Object.values(before).every((n) => n !== undefined && n > 0 && n < 20)).toBe(true);
  }, 120_000);
});
