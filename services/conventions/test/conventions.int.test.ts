import { startSubgraph, readReferenceData, type ReferenceData } from '@hub/kit';
import { createTestDatabase, pendingSchemaChanges, postGraphQL, quietLogger, sql, startTestSubgraph, testServiceConfig } from '@hub/kit/testing';
import { conventions } from '../src/module';

let subgraph: Awaited<ReturnType<typeof startTestSubgraph>>;
beforeAll(async () => {
  subgraph = await startTestSubgraph(conventions);
});
afterAll(() => subgraph?.stop());

const tableCounts = async () =>
  sql(
    subgraph.databaseUrl,
    `select (select count(*) from conventions.sector)::int as sectors,
            (select count(*) from conventions.framework_agreement)::int as agreements,
            (select count(*) from conventions.agreement_sector)::int as agreement_sectors,
            (select count(*) from conventions.agreement_signatory)::int as signatories,
            (select count(*) from conventions.specific_convention)::int as conventions,
            (select count(*) from conventions.convention_sector)::int as convention_sectors,
            (select count(*) from conventions.convention_party)::int as parties,
            (select count(*) from conventions.convention_objective)::int as convention_objectives,
            (select count(*) from conventions.objective)::int as objectives,
            (select count(*) from conventions.organisation)::int as organisations,
            (select count(*) from conventions.party_key)::int as party_keys,
            (select count(*) from conventions.source)::int as sources,
            (select count(*) from conventions.fact)::int as facts`,
  );

const load = (data: ReferenceData) => subgraph.load(data);

/** A source as data/reference.json gives it: the subgraph serves it verbatim. */
function source(id: string) {
  const found = readReferenceData().sources.find((s) => s.id === id)!;
  return { id: found.id, url: found.url, title: found.title, excerpt: found.excerpt };
}

/** The 23 sectors of the reference data, in id order. */
const SECTOR_IDS = [
  'aeronautique_spatial',
  'automobile',
  'bois',
  'chimie',
  'commerce_alimentaire',
  'construction',
  'design_innovation',
  'eau',
  'electriciens',
  'environnement_developpement_durable',
  'horeca',
  'industrie_alimentaire',
  'industrie_technologique',
  'industries_culturelles_creatives',
  'industries_graphiques',
  'management_commerce',
  'non_marchand',
  'peinture',
  'secteurs_verts',
  'tic_numerique',
  'tourisme',
  'transport_logistique',
  'verre_papier_carton',
];

describe('conventions subgraph', () => {
  it('walks a sector to its framework agreements, their signatories, conventions, objectives and parties', async () => {
    const { body } = await subgraph.query(`{
      sector(id: "industrie_alimentaire") {
        name
        sectorFund { id name kind }
        federation { id kind }
        frameworkAgreements {
          totalCount
          nodes {
            id title signedOn validFrom validTo verified
            signatories { __typename id }
            conventions { totalCount nodes { id title kind objectives { code } parties { __typename id } } }
          }
        }
      }
    }`);
    expect(body).toEqual({
      data: {
        sector: {
          name: 'Industrie alimentaire',
          sectorFund: { id: 'alimento', name: 'Alimento', kind: 'SECTOR_FUND' },
          federation: { id: 'fevia_wallonie', kind: 'SECTOR_FEDERATION' },
          frameworkAgreements: {
            totalCount: 2,
            nodes: [
              {
                id: 'fa_industrie_alimentaire',
                title: 'Accord-cadre Industrie alimentaire',
                signedOn: null,
                validFrom: null,
                validTo: null,
                verified: true,
                signatories: [
                  { __typename: 'SectorBody', id: 'fevia_wallonie' },
                  { __typename: 'PublicAuthority', id: 'gov_fwb' },
                  { __typename: 'PublicAuthority', id: 'gov_wallonia' },
                ],
                conventions: {
                  totalCount: 1,
                  nodes: [
                    {
                      id: 'sc_fevia_enseignement',
                      title: 'Convention enseignement – Industrie alimentaire',
                      kind: 'EDUCATION',
                      objectives: [{ code: 'OBJ1' }, { code: 'OBJ2' }],
                      parties: [
                        { __typename: 'EducationAuthority', id: 'age' },
                        { __typename: 'SectorBody', id: 'fevia_wallonie' },
                        { __typename: 'EducationNetwork', id: 'net_cpeons' },
                        { __typename: 'EducationNetwork', id: 'net_segec' },
                        { __typename: 'EducationNetwork', id: 'net_wbe' },
                      ],
                    },
                  ],
                },
              },
              {
                id: 'fa_industrie_alimentaire_2007',
                title: 'Accord-cadre Industrie alimentaire',
                signedOn: '2007-02-08',
                validFrom: null,
                validTo: null,
                verified: true,
                signatories: [
                  { __typename: 'PublicAuthority', id: 'gov_fwb' },
                  { __typename: 'PublicAuthority', id: 'gov_wallonia' },
                ],
                conventions: { totalCount: 0, nodes: [] },
              },
            ],
          },
        },
      },
    });
  });

  it('keeps year-only dates year-only and names the unsourced fields by their GraphQL names', async () => {
    const { body } = await subgraph.query(`{
      horeca: frameworkAgreement(id: "fa_horeca_2011_2014") { signedOn validFrom validTo verified unverifiedFields sources { id } }
      construction: frameworkAgreement(id: "fa_construction_2010_2014") { validFrom validTo verified unverifiedFields sources { id url title excerpt } }
      later: frameworkAgreement(id: "fa_construction_2015_2019") { validFrom validTo verified unverifiedFields }
      fevia: convention(id: "sc_fevia_enseignement") { verified unverifiedFields }
      promotion: convention(id: "sc_construction_promotion_sociale") { verified unverifiedFields }
      validation: convention(id: "sc_educam_cvdc") { verified unverifiedFields }
    }`);
    expect(body).toEqual({
      data: {
        horeca: { signedOn: '2011-12-09', validFrom: '2011', validTo: '2014', verified: true, unverifiedFields: ['signatories'], sources: [{ id: 'S75' }, { id: 'S76' }, { id: 'S16' }, { id: 'S01' }] },
        construction: {
          validFrom: '2010',
          validTo: '2014',
          verified: true,
          unverifiedFields: ['signatories', 'signedOn'],
          sources: ['S05', 'S16', 'S01', 'S75', 'S76'].map(source),
        },
        later: { validFrom: '2015', validTo: '2019', verified: true, unverifiedFields: ['signatories'] },
        fevia: { verified: true, unverifiedFields: ['validFrom', 'parties'] },
        promotion: { verified: true, unverifiedFields: ['parties', 'kind'] },
        validation: { verified: true, unverifiedFields: [] },
      },
    });
  });

  it('flags both bodies of a sector whose `sector_fund` the data file marks unsourced', async () => {
    const { body } = await subgraph.query(`{
      automobile: sector(id: "automobile") { sectorFund { id } federation { id } unverifiedFields }
      technology: sector(id: "industrie_technologique") { sectorFund { id } federation { id } unverifiedFields }
      construction: sector(id: "construction") { sectorFund { id } federation { id } unverifiedFields }
    }`);
    // The file's `sector_fund` holds the fund and the federation; which link lacks a source is only in the
    // note, so both are flagged rather than one shown as sourced on a guess.
    expect(body).toEqual({
      data: {
        automobile: { sectorFund: { id: 'educam' }, federation: { id: 'febiac' }, unverifiedFields: ['sectorFund', 'federation'] },
        technology: { sectorFund: { id: 'ifpm' }, federation: { id: 'agoria' }, unverifiedFields: ['sectorFund', 'federation'] },
        construction: { sectorFund: { id: 'constructiv' }, federation: { id: 'ccw' }, unverifiedFields: [] },
      },
    });
  });

  it('answers "active on" a day, a month or a year from the validity range, leaving out unknown ranges', async () => {
    const { body } = await subgraph.query(`{
      in2010: frameworkAgreements(filter: {activeOn: "2010-06-01"}) { totalCount nodes { id } }
      in2012: frameworkAgreements(filter: {activeOn: "2012-06-01"}) { totalCount nodes { id } }
      year2014: frameworkAgreements(filter: {activeOn: "2014"}) { totalCount nodes { id } }
      january2015: frameworkAgreements(filter: {activeOn: "2015-01"}) { totalCount nodes { id } }
      unknownRange: frameworkAgreements(filter: {activeOn: "2007-02-08"}) { totalCount nodes { id } }
    }`);
    const page = (ids: string[]) => ({ totalCount: ids.length, nodes: ids.map((id) => ({ id })) });
    const in2012 = ['fa_construction_2010_2014', 'fa_electriciens_2011_2014', 'fa_horeca_2011_2014', 'fa_non_marchand_2011_2014'];
    expect(body).toEqual({
      data: {
        in2010: page(['fa_construction_2010_2014']),
        in2012: page(in2012),
        year2014: page(in2012),
        january2015: page(['fa_construction_2015_2019']),
        unknownRange: page([]),
      },
    });
  });

  it('rejects a date that does not exist, with a stable code and the place at fault', async () => {
    const message = 'PartialDate must be "YYYY", "YYYY-MM" or "YYYY-MM-DD" with a real date, got "2012-02-30"';
    const literal = await subgraph.query(`{ frameworkAgreements(filter: {activeOn: "2012-02-30"}) { nodes { id } } }`);
    expect(literal.body).toEqual({
      errors: [{ message, locations: [{ line: 1, column: 42 }], extensions: { code: 'GRAPHQL_VALIDATION_FAILED' } }],
    });
    const variable = await subgraph.query(`query ($day: PartialDate) { frameworkAgreements(filter: {activeOn: $day}) { nodes { id } } }`, { day: '2012-02-30' });
    expect(variable.body).toEqual({
      errors: [{ message: `Variable "$day" got invalid value "2012-02-30"; ${message}`, locations: [{ line: 1, column: 8 }], extensions: { code: 'BAD_USER_INPUT' } }],
    });
  });

  it('filters by party, kind, sector, agreement, signatory and signature date, combined with and / or / not; one value stands for a list of one', async () => {
    const { body } = await subgraph.query(`{
      forem: conventions(filter: {party: "forem"}) { totalCount nodes { id } }
      mixed: conventions(filter: {party: ["ifapme", "eps"], kind: [EDUCATION, VALIDATION]}) { totalCount nodes { id } }
      funds: conventions(filter: {partyKind: SECTOR_FUND, not: {sector: "automobile"}}) { totalCount nodes { id } }
      agreement: conventions(filter: {agreement: "fa_construction_2015_2019"}) { totalCount nodes { id } }
      either: conventions(filter: {or: [{kind: TRAINING_OPERATOR}, {kind: VALIDATION}]}) { totalCount nodes { id } }
      signedByCcw: frameworkAgreements(filter: {signatory: "ccw"}) { totalCount nodes { id } }
      signedSince2011: frameworkAgreements(filter: {sector: ["construction", "horeca"], signedBetween: {from: "2011"}}) { totalCount nodes { id } }
      signedBy2010: frameworkAgreements(filter: {signedBetween: {to: "2010"}}) { totalCount nodes { id } }
      validationOfEducam: sectorBody(id: "educam") { conventions(filter: {kind: VALIDATION}) { totalCount nodes { id } } }
    }`);
    const page = (ids: string[]) => ({ totalCount: ids.length, nodes: ids.map((id) => ({ id })) });
    expect(body).toEqual({
      data: {
        forem: page([]),
        mixed: page(['sc_construction_promotion_sociale']),
        funds: page(['conv_sfmq_ifpm_cvdc', 'sc_ifpm_reseaux']),
        agreement: page(['sc_construction_promotion_sociale']),
        either: page(['sc_educam_cvdc', 'sc_ifapme_commerce_alimentaire_2021']),
        signedByCcw: page(['fa_construction_2010_2014']),
        signedSince2011: page(['fa_horeca_2011_2014']),
        signedBy2010: page(['fa_industrie_alimentaire_2007']),
        validationOfEducam: { conventions: page(['sc_educam_cvdc']) },
      },
    });
  });

  it('refuses a filter naming an unknown id, naming it, rather than answering with an empty list', async () => {
    const party = await subgraph.query(`{ conventions(filter: {party: ["forem", "nope"]}) { totalCount } }`);
    expect(party.body).toEqual({
      errors: [
        { message: 'Unknown party "nope" in filter.party.', locations: [{ line: 1, column: 3 }], path: ['conventions'], extensions: { code: 'BAD_USER_INPUT', argument: 'filter.party' } },
      ],
      data: { conventions: null },
    });
    const sector = await subgraph.query(`{ frameworkAgreements(filter: {sector: "nowhere"}) { totalCount } }`);
    expect(sector.body).toEqual({
      errors: [
        {
          message: 'Unknown sector "nowhere" in filter.sector.',
          locations: [{ line: 1, column: 3 }],
          path: ['frameworkAgreements'],
          extensions: { code: 'BAD_USER_INPUT', argument: 'filter.sector' },
        },
      ],
      data: { frameworkAgreements: null },
    });
  });

  it('finds records by words, regardless of case and accents, typos allowed, best match first', async () => {
    const { body } = await subgraph.query(`{
      conventions(filter: {search: "construction"}) { nodes { id title } }
      sectors(filter: {search: "metiers"}) { nodes { id name } }
      accent: sectors(filter: {search: "aeronautique"}) { nodes { id } }
      typo: sectors(filter: {search: "logistiqe"}) { nodes { id } }
      frameworkAgreements(filter: {search: "horeca"}) { nodes { id } }
      sectorBodies(filter: {search: "constrctiv"}) { nodes { id } }
      sources(filter: {search: "signée à Namur"}) { nodes { id } }
    }`);
    expect(body).toEqual({
      data: {
        conventions: { nodes: [{ id: 'sc_construction_promotion_sociale', title: 'Convention enseignement – Construction' }] },
        sectors: {
          nodes: [
            { id: 'eau', name: "Métiers de l'eau" },
            { id: 'peinture', name: 'Métiers de la peinture (dont peinture industrielle)' },
          ],
        },
        accent: { nodes: [{ id: 'aeronautique_spatial' }] },
        typo: { nodes: [{ id: 'transport_logistique' }] },
        // the title names Horeca; the other two only mention it in their note, which weighs less
        frameworkAgreements: { nodes: [{ id: 'fa_horeca_2011_2014' }, { id: 'fa_electriciens_2011_2014' }, { id: 'fa_non_marchand_2011_2014' }] },
        sectorBodies: { nodes: [{ id: 'constructiv' }] },
        sources: { nodes: [{ id: 'S05' }] },
      },
    });
  });

  it('pages forwards and backwards with cursors, in the order asked, unknown dates last', async () => {
    const page = async (args: { first?: number; after?: string; last?: number; before?: string }) =>
      (
        await subgraph.query(
          `query ($first: Int, $after: String, $last: Int, $before: String) {
            frameworkAgreements(orderBy: [{field: SIGNED_ON, direction: DESC}], first: $first, after: $after, last: $last, before: $before) {
              totalCount edges { cursor node { id signedOn } } pageInfo { hasNextPage hasPreviousPage startCursor endCursor }
            }
          }`,
          args,
        )
      ).body;
    const expected = (nodes: [string, string | null][], hasPreviousPage: boolean, hasNextPage: boolean) => ({
      data: {
        frameworkAgreements: {
          totalCount: 7,
          edges: nodes.map(([id, signedOn]) => ({ cursor: expect.any(String), node: { id, signedOn } })),
          pageInfo: { hasNextPage, hasPreviousPage, startCursor: expect.any(String), endCursor: expect.any(String) },
        },
      },
    });
    const cursors = (answer: any) => answer.data.frameworkAgreements.edges.map((edge: { cursor: string }) => edge.cursor);
    const pageInfo = (answer: any) => answer.data.frameworkAgreements.pageInfo;

    const first = await page({ first: 3 });
    const second = await page({ first: 3, after: pageInfo(first).endCursor });
    const third = await page({ first: 3, after: pageInfo(second).endCursor });
    const back = await page({ last: 2, before: pageInfo(second).startCursor });
    expect(first).toEqual(
      expected(
        [
          ['fa_electriciens_2011_2014', '2011-12-09'],
          ['fa_horeca_2011_2014', '2011-12-09'],
          ['fa_non_marchand_2011_2014', '2011-12-09'],
        ],
        false,
        true,
      ),
    );
    expect(second).toEqual(
      expected(
        [
          ['fa_industrie_alimentaire_2007', '2007-02-08'],
          ['fa_construction_2010_2014', null],
          ['fa_construction_2015_2019', null],
        ],
        true,
        true,
      ),
    );
    expect(third).toEqual(expected([['fa_industrie_alimentaire', null]], true, false));
    expect(back).toEqual(
      expected(
        [
          ['fa_horeca_2011_2014', '2011-12-09'],
          ['fa_non_marchand_2011_2014', '2011-12-09'],
        ],
        true,
        true,
      ),
    );
    // the cursors of a page are those of its edges, and an item keeps its cursor whichever way it is reached
    expect([pageInfo(first).startCursor, pageInfo(first).endCursor]).toEqual([cursors(first)[0], cursors(first)[2]]);
    expect(cursors(back)).toEqual(cursors(first).slice(1));
  });

  it('refuses a page it cannot serve, naming the argument at fault', async () => {
    const tooLarge = await subgraph.query(`{ frameworkAgreements(first: 501) { nodes { id } } }`);
    expect(tooLarge.body).toEqual({
      errors: [
        {
          message: 'first is 501; a page holds 0 to 500 items. Ask for the next page with `after: endCursor`.',
          locations: [{ line: 1, column: 3 }],
          path: ['frameworkAgreements'],
          extensions: { code: 'BAD_USER_INPUT', argument: 'first' },
        },
      ],
      data: { frameworkAgreements: null },
    });
    const message = '"not-a-cursor" is not a cursor: pass an `endCursor`, `startCursor` or edge `cursor` a list returned.';
    const after = await subgraph.query(`{ frameworkAgreements(first: 2, after: "not-a-cursor") { nodes { id } } }`);
    expect(after.body).toEqual({
      errors: [{ message, locations: [{ line: 1, column: 3 }], path: ['frameworkAgreements'], extensions: { code: 'BAD_USER_INPUT', argument: 'after' } }],
      data: { frameworkAgreements: null },
    });
    const before = await subgraph.query(`{ frameworkAgreements(last: 2, before: "not-a-cursor") { nodes { id } } }`);
    expect(before.body).toEqual({
      errors: [{ message, locations: [{ line: 1, column: 3 }], path: ['frameworkAgreements'], extensions: { code: 'BAD_USER_INPUT', argument: 'before' } }],
      data: { frameworkAgreements: null },
    });
  });

  it('refuses a forged cursor: the signature of its list with values of the wrong type, or text holding a NUL character', async () => {
    const page = (cursor: string | null) =>
      subgraph.query(`query ($c: String) { frameworkAgreements(orderBy: [{ field: VALID_FROM }, { field: UPDATED_AT }], first: 1, after: $c) { nodes { id } pageInfo { endCursor } } }`, { c: cursor });
    const real = (await page(null)).body.data.frameworkAgreements.pageInfo.endCursor;
    // its values: whether valid_from is unknown (a boolean), valid_from (text), updated_at (whole microseconds as text), the id
    const [signature, unknown, validFrom, updatedAt, id] = JSON.parse(Buffer.from(real, 'base64url').toString('utf8'));
    expect([typeof unknown, typeof validFrom, updatedAt, typeof id]).toEqual(['boolean', 'string', expect.stringMatching(/^\d+$/), 'string']);
    const forge = (...values: unknown[]) => Buffer.from(JSON.stringify([signature, ...values])).toString('base64url');
    for (const forged of [
      forge(unknown, '\u0000', updatedAt, id),
      forge('x', validFrom, updatedAt, id),
      forge(unknown, -1, updatedAt, id),
      forge(unknown, validFrom, 'soon', id),
      forge(unknown, validFrom, updatedAt, []),
      forge(unknown, { $gt: '' }, updatedAt, id),
    ]) {
      expect((await page(forged)).body).toEqual({
        errors: [
          {
            message: `"${forged.slice(0, 80)}" is not a cursor: pass an \`endCursor\`, \`startCursor\` or edge \`cursor\` a list returned.`,
            locations: [{ line: 1, column: 22 }],
            path: ['frameworkAgreements'],
            extensions: { code: 'BAD_USER_INPUT', argument: 'after' },
          },
        ],
        data: { frameworkAgreements: null },
      });
    }
    expect((await page(real)).body.errors).toBeUndefined();
  });

  it('refuses a cursor made for another order, search or list', async () => {
    const { body } = await subgraph.query(`{
      searched: frameworkAgreements(filter: {search: "horeca"}, first: 1) { pageInfo { endCursor } }
      byValidity: frameworkAgreements(orderBy: [{field: VALID_FROM}], first: 1) { pageInfo { endCursor } }
      byId: frameworkAgreements(first: 1) { pageInfo { endCursor } }
    }`);
    const refused = (path: string) => ({
      errors: [
        {
          message: 'This cursor was made for another list, order or search: ask the first page again with the new `orderBy` or `search`.',
          locations: [{ line: 1, column: 22 }],
          path: [path],
          extensions: { code: 'BAD_USER_INPUT', argument: 'after' },
        },
      ],
      data: { [path]: null },
    });
    const otherSearch = await subgraph.query(`query ($c: String) { frameworkAgreements(filter: {search: "construction"}, first: 1, after: $c) { nodes { id } } }`, {
      c: body.data.searched.pageInfo.endCursor,
    });
    expect(otherSearch.body).toEqual(refused('frameworkAgreements'));
    const otherOrder = await subgraph.query(`query ($c: String) { frameworkAgreements(orderBy: [{field: SIGNED_ON}], first: 1, after: $c) { nodes { id } } }`, {
      c: body.data.byValidity.pageInfo.endCursor,
    });
    expect(otherOrder.body).toEqual(refused('frameworkAgreements'));
    const otherList = await subgraph.query(`query ($c: String) { conventions(first: 1, after: $c) { nodes { id } } }`, { c: body.data.byId.pageInfo.endCursor });
    expect(otherList.body).toEqual(refused('conventions'));
  });

  it('orders names regardless of case and accents', async () => {
    const { body } = await subgraph.query(`{
      ascending: sectors(orderBy: [{field: NAME}], first: 3) { nodes { name } }
      descending: sectors(orderBy: [{field: NAME, direction: DESC}], first: 2) { nodes { name } }
    }`);
    expect(body).toEqual({
      data: {
        ascending: { nodes: [{ name: 'Aéronautique et spatial' }, { name: 'Automobile / mobilité' }, { name: 'Chimie, matières plastiques et sciences de la vie' }] },
        descending: { nodes: [{ name: 'Transport et logistique' }, { name: 'Tourisme' }] },
      },
    });
  });

  it('lists a sector under both its fund and its federation', async () => {
    const { body } = await subgraph.query(`{
      constructiv: sectorBody(id: "constructiv") { kind sectors { id } }
      ccw: sectorBody(id: "ccw") { kind sectors { id } }
      agoria: sectorBody(id: "agoria") { kind sectors { id } }
      ffc: sectorBody(id: "ffc") { kind sectors { id } }
    }`);
    expect(body).toEqual({
      data: {
        constructiv: { kind: 'SECTOR_FUND', sectors: [{ id: 'construction' }] },
        ccw: { kind: 'SECTOR_FEDERATION', sectors: [{ id: 'construction' }] },
        agoria: { kind: 'SECTOR_FEDERATION', sectors: [{ id: 'industrie_technologique' }] },
        ffc: { kind: 'SECTOR_FUND', sectors: [] },
      },
    });
  });

  it('returns null for an unknown id, or the id of another kind of record, not an error', async () => {
    const { body } = await subgraph.query(`{
      sector(id: "nope") { id } convention(id: "nope") { id } frameworkAgreement(id: "nope") { id }
      sectorBody(id: "gov_wallonia") { id } publicAuthority(id: "forem") { id }
    }`);
    expect(body).toEqual({ data: { sector: null, convention: null, frameworkAgreement: null, sectorBody: null, publicAuthority: null } });
  });

  it('resolves entity references for the gateway: sectors, own parties and the reverse links of foreign parties', async () => {
    const { body } = await subgraph.query(
      `query ($representations: [_Any!]!) {
        _entities(representations: $representations) {
          ... on Sector { id name }
          ... on PublicAuthority { id name frameworkAgreements { totalCount nodes { id } } }
          ... on ValidationBody { id conventions { totalCount nodes { id kind } } }
          ... on EducationNetwork { id conventions(filter: {kind: EDUCATION}) { totalCount nodes { id } } }
          ... on TrainingOperator { id conventions { totalCount nodes { id kind } } frameworkAgreements { totalCount nodes { id } } }
        }
      }`,
      {
        representations: [
          { __typename: 'Sector', id: 'horeca' },
          { __typename: 'PublicAuthority', id: 'gov_wallonia' },
          { __typename: 'ValidationBody', id: 'cvdc' },
          { __typename: 'EducationNetwork', id: 'net_wbe' },
          { __typename: 'TrainingOperator', id: 'eps' },
          { __typename: 'Sector', id: 'unknown' },
        ],
      },
    );
    expect(body).toEqual({
      data: {
        _entities: [
          { id: 'horeca', name: 'Horeca' },
          {
            id: 'gov_wallonia',
            name: 'Région wallonne / Gouvernement wallon',
            frameworkAgreements: {
              totalCount: 7,
              nodes: [
                { id: 'fa_construction_2010_2014' },
                { id: 'fa_construction_2015_2019' },
                { id: 'fa_electriciens_2011_2014' },
                { id: 'fa_horeca_2011_2014' },
                { id: 'fa_industrie_alimentaire' },
                { id: 'fa_industrie_alimentaire_2007' },
                { id: 'fa_non_marchand_2011_2014' },
              ],
            },
          },
          { id: 'cvdc', conventions: { totalCount: 2, nodes: [{ id: 'conv_sfmq_ifpm_cvdc', kind: 'QUALIFICATIONS' }, { id: 'sc_educam_cvdc', kind: 'VALIDATION' }] } },
          { id: 'net_wbe', conventions: { totalCount: 2, nodes: [{ id: 'sc_fevia_enseignement' }, { id: 'sc_ifpm_reseaux' }] } },
          { id: 'eps', conventions: { totalCount: 1, nodes: [{ id: 'sc_construction_promotion_sociale', kind: 'EDUCATION' }] }, frameworkAgreements: { totalCount: 0, nodes: [] } },
          null,
        ],
      },
    });
  });

  it('reads a nested connection for every sector in three statements, however many sectors there are', async () => {
    const query = (first: number) => `{ sectors(first: ${first}) { nodes { id conventions(filter: {kind: EDUCATION}, first: 2) { totalCount nodes { id } } } } }`;
    const education: Record<string, string[]> = {
      automobile: ['sc_educam_fwb'],
      construction: ['sc_construction_promotion_sociale'],
      industrie_alimentaire: ['sc_fevia_enseignement'],
      industrie_technologique: ['sc_ifpm_reseaux'],
    };
    const sectorsOf = (ids: string[]) => ({
      data: { sectors: { nodes: ids.map((id) => ({ id, conventions: { totalCount: education[id]?.length ?? 0, nodes: (education[id] ?? []).map((c) => ({ id: c })) } })) } },
    });
    const three = await subgraph.query(query(3));
    const all = await subgraph.query(query(50));
    expect(three.body).toEqual(sectorsOf(SECTOR_IDS.slice(0, 3)));
    expect(all.body).toEqual(sectorsOf(SECTOR_IDS));
    // the page of sectors, the pages of conventions of all of them, their counts
    expect([three.sqlStatements, all.sqlStatements]).toEqual([3, 3]);
  });

  it('counts conventions and agreements per group in SQL, largest first, unknown values in a group of their own', async () => {
    const { body } = await subgraph.query(`{
      byKind: conventionCounts(groupBy: [KIND]) { key { kind sector { id } yearSigned partyKind } count }
      educationBySector: conventionCounts(groupBy: [SECTOR], filter: {kind: EDUCATION}) { key { sector { id name } } count }
      byPartyKind: conventionCounts(groupBy: [PARTY_KIND]) { key { partyKind } count }
      total: conventionCounts(groupBy: []) { key { kind } count }
      byYear: frameworkAgreementCounts(groupBy: [YEAR_SIGNED]) { key { yearSigned sector { id } programme } count }
      byProgramme: frameworkAgreementCounts(groupBy: [PROGRAMME]) { key { programme } count }
      activeIn2012BySector: frameworkAgreementCounts(groupBy: [SECTOR], filter: {activeOn: "2012"}) { key { sector { id } } count }
    }`);
    const planMarshall = readReferenceData().framework_agreements.find((a) => a.id === 'fa_horeca_2011_2014')!.programme;
    expect(body).toEqual({
      data: {
        byKind: [
          { key: { kind: 'EDUCATION', sector: null, yearSigned: null, partyKind: null }, count: 4 },
          { key: { kind: 'QUALIFICATIONS', sector: null, yearSigned: null, partyKind: null }, count: 1 },
          { key: { kind: 'TRAINING_OPERATOR', sector: null, yearSigned: null, partyKind: null }, count: 1 },
          { key: { kind: 'VALIDATION', sector: null, yearSigned: null, partyKind: null }, count: 1 },
        ],
        educationBySector: [
          { key: { sector: { id: 'automobile', name: 'Automobile / mobilité' } }, count: 1 },
          { key: { sector: { id: 'construction', name: 'Construction' } }, count: 1 },
          { key: { sector: { id: 'industrie_alimentaire', name: 'Industrie alimentaire' } }, count: 1 },
          { key: { sector: { id: 'industrie_technologique', name: 'Industrie technologique (fabrications métalliques)' } }, count: 1 },
        ],
        byPartyKind: [
          { key: { partyKind: 'SECTOR_FUND' }, count: 4 },
          { key: { partyKind: 'EDUCATION_NETWORK' }, count: 2 },
          { key: { partyKind: 'TRAINING_OPERATOR' }, count: 2 },
          { key: { partyKind: 'VALIDATION_BODY' }, count: 2 },
          { key: { partyKind: 'EDUCATION_ADMINISTRATION' }, count: 1 },
          { key: { partyKind: 'GOVERNMENT' }, count: 1 },
          { key: { partyKind: 'QUALIFICATIONS_BODY' }, count: 1 },
          { key: { partyKind: 'SECTOR_FEDERATION' }, count: 1 },
        ],
        total: [{ key: { kind: null }, count: 7 }],
        byYear: [
          { key: { yearSigned: 2011, sector: null, programme: null }, count: 3 },
          { key: { yearSigned: null, sector: null, programme: null }, count: 3 },
          { key: { yearSigned: 2007, sector: null, programme: null }, count: 1 },
        ],
        byProgramme: [
          { key: { programme: planMarshall }, count: 4 },
          { key: { programme: null }, count: 3 },
        ],
        activeIn2012BySector: [
          { key: { sector: { id: 'construction' } }, count: 1 },
          { key: { sector: { id: 'electriciens' } }, count: 1 },
          { key: { sector: { id: 'horeca' } }, count: 1 },
          { key: { sector: { id: 'non_marchand' } }, count: 1 },
        ],
      },
    });
  });

  it('serves the facts and the sources, each source with the passage quoted', async () => {
    const { body } = await subgraph.query(`{
      facts(first: 3) { totalCount nodes { id } pageInfo { hasNextPage hasPreviousPage } }
      fact: facts(filter: {id: "f_2011_accords"}) { totalCount nodes { id text verified unverifiedFields note sources { id url title excerpt } } }
      sources(filter: {id: ["S05", "S01"]}) { totalCount nodes { id url title excerpt } }
      allSources: sources { totalCount }
    }`);
    const fact = readReferenceData().facts.find((f) => f.id === 'f_2011_accords')!;
    expect(body).toEqual({
      data: {
        facts: { totalCount: 46, nodes: [{ id: 'f_2006_labels' }, { id: 'f_2011_accords' }, { id: 'f_ac_cta_cdc' }], pageInfo: { hasNextPage: true, hasPreviousPage: false } },
        fact: { totalCount: 1, nodes: [{ id: 'f_2011_accords', text: fact.text, verified: true, unverifiedFields: [], note: fact.note, sources: [source('S75'), source('S76')] }] },
        // S01 has no excerpt recorded; S05 has one
        sources: { totalCount: 2, nodes: [source('S01'), source('S05')] },
        allSources: { totalCount: 150 },
      },
    });
  });

  it('leaves out the records no source backs when asked for verified ones only', async () => {
    const data = readReferenceData();
    data.framework_agreements.find((a) => a.id === 'fa_horeca_2011_2014')!.unverified = true;
    data.specific_conventions.find((c) => c.id === 'sc_educam_cvdc')!.source_ids = [];
    await load(data);
    try {
      const { body } = await subgraph.query(`{
        verified: frameworkAgreements(filter: {activeOn: "2012-06-01", verifiedOnly: true}) { totalCount nodes { id verified } }
        all: frameworkAgreements(filter: {activeOn: "2012-06-01", verifiedOnly: false}) { totalCount nodes { id verified } }
        conventions(filter: {party: "educam", verifiedOnly: true}) { totalCount nodes { id } }
        convention(id: "sc_educam_cvdc") { verified sources { id } }
      }`);
      expect(body).toEqual({
        data: {
          verified: {
            totalCount: 3,
            nodes: [
              { id: 'fa_construction_2010_2014', verified: true },
              { id: 'fa_electriciens_2011_2014', verified: true },
              { id: 'fa_non_marchand_2011_2014', verified: true },
            ],
          },
          all: {
            totalCount: 4,
            nodes: [
              { id: 'fa_construction_2010_2014', verified: true },
              { id: 'fa_electriciens_2011_2014', verified: true },
              { id: 'fa_horeca_2011_2014', verified: false },
              { id: 'fa_non_marchand_2011_2014', verified: true },
            ],
          },
          conventions: { totalCount: 1, nodes: [{ id: 'sc_educam_fwb' }] },
          convention: { verified: false, sources: [] },
        },
      });
    } finally {
      await load(readReferenceData());
    }
  });

  it('loads the reference data twice without changing anything', async () => {
    const before = await tableCounts();
    await load(readReferenceData());
    expect(await tableCounts()).toEqual(before);
    expect(before).toEqual([
      {
        sectors: 29, // 23 sectors and 6 sub-sectors
        agreements: 7,
        agreement_sectors: 7,
        signatories: 16,
        conventions: 7,
        convention_sectors: 7,
        parties: 18,
        convention_objectives: 4,
        objectives: 8,
        organisations: 21, // the governments, funds and federations this subgraph owns
        party_keys: 34,
        sources: 150,
        facts: 46,
      },
    ]);
  });

  it('keeps createdAt and updatedAt when the same data is loaded again', async () => {
    const stamps = `{
      sectors(includeSubSectors: true) { nodes { id createdAt updatedAt } }
      frameworkAgreements { nodes { id createdAt updatedAt } }
      conventions { nodes { id createdAt updatedAt } }
      facts { nodes { id createdAt updatedAt } }
      sectorBodies { nodes { id createdAt updatedAt } }
      publicAuthorities { nodes { id createdAt updatedAt } }
    }`;
    const before = await subgraph.query(stamps);
    expect(before.body.data.sectors.nodes).toHaveLength(29);
    await load(readReferenceData());
    expect((await subgraph.query(stamps)).body).toEqual(before.body);
  });

  it('stamps a changed record with a new updatedAt, which changedSince finds alone', async () => {
    const ask = `{ frameworkAgreement(id: "fa_horeca_2011_2014") { signedOn createdAt updatedAt } }`;
    const before = (await subgraph.query(ask)).body.data.frameworkAgreement;
    const data = readReferenceData();
    data.framework_agreements.find((a) => a.id === 'fa_horeca_2011_2014')!.signed_on = '2011-12';
    await load(data);
    try {
      const after = await subgraph.query(ask);
      expect(after.body).toEqual({ data: { frameworkAgreement: { signedOn: '2011-12', createdAt: before.createdAt, updatedAt: expect.any(String) } } });
      const { updatedAt } = after.body.data.frameworkAgreement;
      expect(Date.parse(updatedAt)).toBeGreaterThan(Date.parse(before.updatedAt));
      const changed = await subgraph.query(
        `query ($since: DateTimeISO) {
          frameworkAgreements(filter: {changedSince: $since}) { totalCount nodes { id signedOn } }
          sectors(filter: {changedSince: $since}) { totalCount }
        }`,
        { since: updatedAt },
      );
      expect(changed.body).toEqual({
        data: { frameworkAgreements: { totalCount: 1, nodes: [{ id: 'fa_horeca_2011_2014', signedOn: '2011-12' }] }, sectors: { totalCount: 0 } },
      });
    } finally {
      await load(readReferenceData());
    }
  });

  it('rejects a convention naming an unknown party, naming the record, and writes nothing', async () => {
    const data = readReferenceData();
    data.sectors[0].name_fr = 'Changed before the bad record';
    expect(data.specific_conventions[2].id).toBe('sc_ifpm_reseaux');
    data.specific_conventions[2].parties.push('no_such_party');
    await expect(load(data)).rejects.toThrow('specific_conventions[2].parties[4]: unknown party "no_such_party"');
    expect(await sql(subgraph.databaseUrl, `select name from conventions.sector where id = 'construction'`)).toEqual([{ name: 'Construction' }]);
  });

  it('rejects an unverified field that is not a field of the record, naming its place, and writes nothing', async () => {
    const data = readReferenceData();
    data.sectors[0].name_fr = 'Changed before the bad record';
    expect(data.framework_agreements[6].id).toBe('fa_construction_2015_2019');
    data.framework_agreements[6].unverified_fields = ['signed_by'];
    await expect(load(data)).rejects.toThrow(
      'framework_agreements[6].unverified_fields[0]: "signed_by" is not a field of this record (one of id, title, signedOn, validFrom, validTo, programme, content, sectors, signatories)',
    );
    expect(await sql(subgraph.databaseUrl, `select name from conventions.sector where id = 'construction'`)).toEqual([{ name: 'Construction' }]);
  });

  it('has migrations that create exactly what its entities describe', async () => {
    expect(await pendingSchemaChanges(conventions, subgraph.databaseUrl)).toBe('');
  });

  it('starts as three replicas at once on an empty database: they migrate and load one after the other', async () => {
    const database = await createTestDatabase();
    const config = testServiceConfig(database, 'conventions');
    const replicas = await Promise.all([1, 2, 3].map(() => startSubgraph(conventions, config, quietLogger())));
    try {
      const answers = await Promise.all(replicas.map((replica) => postGraphQL(replica.url, `{ sectors { totalCount } }`, undefined, config)));
      expect(answers.map((answer) => answer.body)).toEqual([1, 2, 3].map(() => ({ data: { sectors: { totalCount: 23 } } })));
    } finally {
      for (const replica of replicas) await replica.close();
      await database.drop();
    }
  });
});
