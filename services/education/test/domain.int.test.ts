import { sql, startTestSubgraph } from '@hub/kit/testing';
import { education } from '../src/module';

let subgraph: Awaited<ReturnType<typeof startTestSubgraph>>;
beforeAll(async () => {
  subgraph = await startTestSubgraph(education);
});
afterAll(() => subgraph?.stop());

describe('education domain, in process', () => {
  it('keeps year-less sessions year-less, with the words of their date, and the IFPM pass mark as the sources give it', async () => {
    const { body } = await subgraph.query(`{
      sectorTest(id: "st_ifpm_industrie_technologique") {
        organiser { id } passThreshold passMark partnerCentres sfmqLink unverifiedFields
        sessions { year dateText candidates passed place sources { id } }
      }
      unknown: sectorTest(id: "st_nowhere") { id }
    }`);
    expect(body).toEqual({
      data: {
        sectorTest: {
          organiser: { id: 'ifpm' },
          passThreshold: '60% overall; theory 25% + practice 75% (2021 process, S100); « au moins 60% au total en cumulant théorie et pratique » (S216)',
          passMark: 0.6,
          partnerCentres: ['CPS', 'Technicity', 'Technifutur', 'TechnoCampus'],
          sfmqLink: null,
          unverifiedFields: ['sfmqLink'],
          sessions: [
            { year: null, dateText: '3 juin (year not given)', candidates: 515, passed: 228, place: 'Tihange', sources: [{ id: 'S215' }] },
            { year: null, dateText: 'vendredi soir (year not given)', candidates: 550, passed: 280, place: 'Tihange', sources: [{ id: 'S216' }] },
            { year: 2018, dateText: null, candidates: null, passed: null, place: null, sources: [{ id: 'S219' }] },
            { year: 2019, dateText: null, candidates: null, passed: null, place: null, sources: [{ id: 'S219' }] },
            { year: null, dateText: '29 et 30 mars (year not given)', candidates: null, passed: null, place: null, sources: [{ id: 'S220' }] },
          ],
        },
        unknown: null,
      },
    });
  });

  it('keeps the two approval dates the CPU profile states (conflict C6) side by side, each saying where', async () => {
    const { body } = await subgraph.query(`{ sfmqProfile(id: "sp_cpu_technicien_maintenance_diagnostic_auto") { kind governmentApprovals { government { id } approvedOn statedAs sources { id } } note } }`);
    expect(body.data.sfmqProfile.governmentApprovals).toEqual([
      { government: { id: 'gov_fwb' }, approvedOn: '2019-05-22', statedAs: 'title page: « Approuvé par le Gouvernement en date du 22 / 05 / 2019 »', sources: [{ id: 'S223' }] },
      { government: { id: 'gov_fwb' }, approvedOn: '2021-05-22', statedAs: 'page header: « Approuvé par le Gouvernement en date du 22 / 05 / 2021 »', sources: [{ id: 'S223' }] },
    ]);
    expect(body.data.sfmqProfile.note).toContain('Conflict C6');
  });

  it('refuses an unknown sector or a RELEVANCE order without a search in a filter, naming the argument', async () => {
    const sector = await subgraph.query(`{ sfmqProfiles(filter: { sector: ["automobile", "nowhere"] }) { totalCount } }`);
    expect(sector.body).toEqual({
      data: { sfmqProfiles: null },
      errors: [{ message: 'Unknown sector "nowhere" in filter.sector.', locations: [{ line: 1, column: 3 }], path: ['sfmqProfiles'], extensions: { code: 'BAD_USER_INPUT', argument: 'filter.sector' } }],
    });
    const order = await subgraph.query(`{ sectorTests(orderBy: [{ field: RELEVANCE }]) { totalCount } }`);
    expect(order.body).toEqual({
      data: { sectorTests: null },
      errors: [{ message: 'RELEVANCE orders the results of a search: give `filter.search` too.', locations: [{ line: 1, column: 3 }], path: ['sectorTests'], extensions: { code: 'BAD_USER_INPUT', argument: 'filter.search' } }],
    });
  });

  it('reads every sector’s tests and profiles, their sectors and a page of each list in as many statements at 100× the data', async () => {
    const query = `{
      _entities(representations: [{ __typename: "Sector", id: "automobile" }, { __typename: "Sector", id: "industrie_technologique" }, { __typename: "Sector", id: "grown" }]) {
        ... on Sector { sectorTests(first: 100) { totalCount nodes { id sectors { id } sessions { year } } } sfmqProfiles(first: 100) { totalCount nodes { id sectors { id } } } }
      }
      sectorTests(first: 500, filter: { sessionYear: [2012, 2019] }) { totalCount nodes { id sectors { id } } }
      sfmqProfiles(first: 500) { totalCount nodes { id sectors { id } } }
      sfmqApprovalBatches(first: 500) { totalCount nodes { id } }
      sectorTestCounts(groupBy: [SECTOR, SESSION_YEAR]) { count }
    }`;
    const before = await subgraph.query(query);
    expect(before.body.errors).toBeUndefined();
    expect(before.body.data.sectorTests.totalCount).toBe(2);
    const provenance = `true, '{}', null, '[{"id":"S21","url":"https://example.invalid","title":"synthetic"}]'::jsonb`;
    await sql(
      subgraph.databaseUrl,
      `begin;
       insert into education.sector_key (id) values ('grown') on conflict do nothing;
       insert into education.sector_test (id, verified, unverified_fields, note, sources, name, organiser, sessions)
         select 'st_grown_' || n, ${provenance}, 'Test ' || n, 'educam', '[{"year":2012,"sources":[]},{"year":null,"sources":[]}]'::jsonb from generate_series(1, 200) n;
       insert into education.sector_test_sector (test_id, sector_id) select 'st_grown_' || n, s from generate_series(1, 200) n, (values ('grown'), ('automobile')) v(s);
       insert into education.sfmq_profile (id, verified, unverified_fields, note, sources, kind, name)
         select 'sp_grown_' || n, ${provenance}, 'JOB_PROFILE', 'Profil ' || n from generate_series(1, 300) n;
       insert into education.sfmq_profile_sector (profile_id, sector_id) select 'sp_grown_' || n, 'grown' from generate_series(1, 300) n;
       insert into education.sfmq_approval_batch (id, verified, unverified_fields, note, sources, name, government)
         select 'sb_grown_' || n, ${provenance}, 'Lot ' || n, 'gov_wallonia' from generate_series(1, 100) n;
       commit;`,
    );
    const after = await subgraph.query(query);
    expect(after.body.errors).toBeUndefined();
    expect([after.body.data.sectorTests.totalCount, after.body.data.sfmqProfiles.totalCount, after.body.data._entities[2].sectorTests.totalCount]).toEqual([202, 303, 200]);
    // 3 pages and 3 counts, 1 grouped count, the nested pages and counts of all three sectors (2 + 2): 11, whatever the rows;
    // then the sectors of the tests and of the profiles: one statement for each, or two when the root and the nested page
    // of a list answer in different ticks (DataLoader batches by tick): 13 to 15, never more with 100× the rows
    for (const statements of [before.sqlStatements, after.sqlStatements]) {
      expect(statements).toBeGreaterThanOrEqual(13);
      expect(statements).toBeLessThanOrEqual(15);
    }
  });
});
