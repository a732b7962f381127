import { startSubgraph, inTransaction, openDatabase, readReferenceData, type ReferenceData } from '@hub/kit';
import { createTestDatabase, pendingSchemaChanges, postGraphQL, quietLogger, sql, startTestSubgraph } from '@hub/kit/testing';
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
            (select count(*) from conventions.specific_convention)::int as conventions,
            (select count(*) from conventions.convention_party)::int as parties,
            (select count(*) from conventions.organisation)::int as organisations`,
  );

/** Loads reference data into the subgraph's database the way start-up does: one transaction. */
async function load(data: ReferenceData) {
  const orm = await openDatabase({ url: subgraph.databaseUrl, schema: 'conventions', entities: conventions.entities, migrations: conventions.migrations });
  try {
    await inTransaction(orm, (em) => conventions.loadReferenceData(em, data));
  } finally {
    await orm.close();
  }
}

describe('conventions subgraph', () => {
  it('walks a sector to its framework agreement, conventions, objectives and parties', async () => {
    const { body } = await subgraph.query(`{
      sector(id: "industrie_alimentaire") {
        name
        sectorFund { id name kind }
        frameworkAgreements {
          id title signedOn validFrom validTo verified
          conventions { id kind objectives { code } parties { __typename id } }
        }
      }
    }`);
    expect(body).toEqual({
      data: {
        sector: {
          name: 'Industrie alimentaire',
          sectorFund: { id: 'alimento', name: 'Alimento', kind: 'SECTOR_FUND' },
          frameworkAgreements: [
            {
              id: 'fa_industrie_alimentaire',
              title: 'Accord-cadre Industrie alimentaire',
              signedOn: null,
              validFrom: null,
              validTo: null,
              verified: true,
              conventions: [
                {
                  id: 'sc_fevia_enseignement',
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
          ],
        },
      },
    });
  });

  it('keeps year-only dates year-only and flags unsourced records', async () => {
    const { body } = await subgraph.query(`{
      frameworkAgreement(id: "fa_horeca_2011_2014") { signedOn validFrom validTo verified sources { id } }
      construction: frameworkAgreement(id: "fa_construction_2010_2014") { verified unverifiedFields sources { id url } }
    }`);
    expect(body).toEqual({
      data: {
        frameworkAgreement: { signedOn: '2011-12-09', validFrom: '2011', validTo: '2014', verified: false, sources: [] },
        construction: {
          verified: true,
          unverifiedFields: ['signatories.ccw', 'signed_on'],
          sources: [
            { id: 'S05', url: expect.stringMatching(/^https:\/\//) },
            { id: 'S16', url: expect.stringMatching(/^https:\/\//) },
            { id: 'S01', url: 'https://monecolemonmetier.cfwb.be/professionnels/monde-du-travail/conventions-sectorielles' },
          ],
        },
      },
    });
  });

  it('answers "active on a date" from the validity range, leaving out unknown ranges', async () => {
    const { body } = await subgraph.query(`{
      in2010: frameworkAgreements(activeOn: "2010-06-01") { id }
      in2012: frameworkAgreements(activeOn: "2012-06-01", verifiedOnly: true) { id }
    }`);
    expect(body).toEqual({
      data: { in2010: [{ id: 'fa_construction_2010_2014' }], in2012: [{ id: 'fa_construction_2010_2014' }] },
    });
  });

  it('rejects a date that does not exist, with a stable code and the place at fault', async () => {
    const message = 'PartialDate must be "YYYY", "YYYY-MM" or "YYYY-MM-DD" with a real date, got "2012-02-30"';
    const literal = await subgraph.query(`{ frameworkAgreements(activeOn: "2012-02-30") { id } }`);
    expect(literal.body.errors).toEqual([
      { message, locations: [{ line: 1, column: 33 }], extensions: { code: 'GRAPHQL_VALIDATION_FAILED' } },
    ]);
    const variable = await subgraph.query(`query ($day: PartialDate) { frameworkAgreements(activeOn: $day) { id } }`, { day: '2012-02-30' });
    expect(variable.body.errors).toEqual([
      { message: `Variable "$day" got invalid value "2012-02-30"; ${message}`, locations: [{ line: 1, column: 8 }], extensions: { code: 'BAD_USER_INPUT' } },
    ]);
  });

  it('lists a sector under both its fund and its federation', async () => {
    const { body } = await subgraph.query(`{
      constructiv: sectorBody(id: "constructiv") { kind sectors { id } }
      ccw: sectorBody(id: "ccw") { kind sectors { id } }
      agoria: sectorBody(id: "agoria") { kind sectors { id } }
    }`);
    expect(body).toEqual({
      data: {
        constructiv: { kind: 'SECTOR_FUND', sectors: [{ id: 'construction' }] },
        ccw: { kind: 'SECTOR_FEDERATION', sectors: [{ id: 'construction' }] },
        agoria: { kind: 'SECTOR_FEDERATION', sectors: [{ id: 'industrie_technologique' }] },
      },
    });
  });

  it('returns null for an unknown id, not an error', async () => {
    const { body } = await subgraph.query(`{ sector(id: "nope") { id } convention(id: "nope") { id } frameworkAgreement(id: "nope") { id } }`);
    expect(body).toEqual({ data: { sector: null, convention: null, frameworkAgreement: null } });
  });

  it('resolves entity references for the gateway: sectors, own parties and the reverse links of foreign parties', async () => {
    const { body } = await subgraph.query(
      `query ($representations: [_Any!]!) {
        _entities(representations: $representations) {
          ... on Sector { id name }
          ... on PublicAuthority { id name frameworkAgreements { id } }
          ... on ValidationBody { id conventions { id kind } }
          ... on EducationNetwork { id conventions(kind: EDUCATION) { id } }
        }
      }`,
      {
        representations: [
          { __typename: 'Sector', id: 'horeca' },
          { __typename: 'PublicAuthority', id: 'gov_wallonia' },
          { __typename: 'ValidationBody', id: 'cvdc' },
          { __typename: 'EducationNetwork', id: 'net_wbe' },
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
            frameworkAgreements: [
              { id: 'fa_construction_2010_2014' },
              { id: 'fa_electriciens_2011_2014' },
              { id: 'fa_horeca_2011_2014' },
              { id: 'fa_industrie_alimentaire' },
              { id: 'fa_non_marchand_2011_2014' },
            ],
          },
          { id: 'cvdc', conventions: [{ id: 'sc_educam_cvdc', kind: 'VALIDATION' }] },
          { id: 'net_wbe', conventions: [{ id: 'sc_fevia_enseignement' }, { id: 'sc_ifpm_reseaux' }] },
          null,
        ],
      },
    });
  });

  it('loads the reference data twice without changing anything', async () => {
    const before = await tableCounts();
    await load(readReferenceData());
    expect(await tableCounts()).toEqual(before);
    expect(before).toEqual([{ sectors: 11, agreements: 5, conventions: 4, parties: 13, organisations: 16 }]);
  });

  it('rejects a convention naming an unknown party, naming the record, and writes nothing', async () => {
    const data = readReferenceData();
    data.sectors[0].name_fr = 'Changed before the bad record';
    data.specific_conventions[2].parties.push('no_such_party');
    await expect(load(data)).rejects.toThrow('specific_conventions[2].parties[4]: unknown party "no_such_party"');
    expect(await sql(subgraph.databaseUrl, `select name from conventions.sector where id = 'construction'`)).toEqual([{ name: 'Construction' }]);
  });

  it('has migrations that create exactly what its entities describe', async () => {
    expect(await pendingSchemaChanges(conventions, subgraph.databaseUrl)).toBe('');
  });

  it('starts as three replicas at once on an empty database: they migrate and load one after the other', async () => {
    const database = await createTestDatabase();
    const config = { databaseUrl: database.url, host: '127.0.0.1', port: 0, logSql: false };
    const replicas = await Promise.all([1, 2, 3].map(() => startSubgraph(conventions, config, quietLogger())));
    try {
      const answers = await Promise.all(replicas.map((replica) => postGraphQL(replica.url, `{ sectors { id } }`)));
      expect(answers.map((answer) => answer.body.data.sectors.length)).toEqual([8, 8, 8]);
    } finally {
      for (const replica of replicas) await replica.close();
      await database.drop();
    }
  });
});
