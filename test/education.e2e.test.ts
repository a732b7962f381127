import { parse } from 'csv-parse/sync';
import type { Role } from '@hub/kit';
import { refusal, startTestHub, type TestHub } from './support/hub';

// The education domain through the real gateway and subgraph processes: sector tests, SFMQ profiles,
// approval batches, their writes by the owning agencies, and a sector across subgraphs.
let hub: TestHub;
beforeAll(async () => {
  hub = await startTestHub();
}, 120_000);
afterAll(() => hub?.stop());

const ask = (query: string, variables: Record<string, unknown> = {}, token?: string) => hub.ask(query, variables, token);
const tokenFor = (role: Role, agency?: string, subject?: string) => hub.tokenFor(role, agency, subject);
const S21 = { title: "Educam : la formation de mécanicien mise en pratique – L'Avenir (17/11/2012)" };

describe('a sector across subgraphs', () => {
  it('gives the automobile sector its conventions, its fund’s sector tests with their sessions, its SFMQ profiles and its centres', async () => {
    const { status, body } = await ask(`{
      sector(id: "automobile") {
        name
        conventions { nodes { id parties { __typename name } } }
        sectorTests { nodes { name organiser { name } convention { id } sessions { year schoolYear dateText candidates candidatesApprox passRate sources { title } } } }
        sfmqProfiles { nodes { name kind governmentApprovals { government { name } approvedOn } unverifiedFields } }
        competenceCentres { nodes { name } }
      }
    }`);
    const session = (year: number | null, candidates: number | null, passRate: number | null, source = S21) => ({ year, schoolYear: null, dateText: null, candidates, candidatesApprox: null, passRate, sources: [source] });
    expect([status, body]).toEqual([
      200,
      {
        data: {
          sector: {
            name: 'Automobile / mobilité',
            conventions: {
              nodes: [
                { id: 'sc_educam_cvdc', parties: [{ __typename: 'ValidationBody', name: 'CVDC – Consortium de validation des compétences' }, { __typename: 'SectorBody', name: 'EDUCAM' }] },
                { id: 'sc_educam_fwb', parties: [{ __typename: 'SectorBody', name: 'EDUCAM' }, { __typename: 'PublicAuthority', name: 'Fédération Wallonie-Bruxelles (Communauté française)' }] },
              ],
            },
            sectorTests: {
              nodes: [
                {
                  name: 'Épreuves sectorielles EDUCAM (certification / reconnaissance sectorielle)',
                  organiser: { name: 'EDUCAM' },
                  convention: { id: 'sc_educam_fwb' },
                  sessions: [
                    session(2012, 306, 0.65),
                    session(2012, 233, 0.5),
                    session(2012, 32, 0.3),
                    session(2012, 571, null),
                    // year-less: the school year the source names, no year made up
                    { ...session(null, null, null, { title: 'Magazine PROF n°21 (01/03/2014) – Des mécaniciens et techniciens autos « certifiés »' }), schoolYear: '2013-2014' },
                    { ...session(null, null, null, { title: 'EDUCAM et la Validation des Compétences collaborent pour les épreuves sectorielles – educam.be' }), candidatesApprox: 1000 },
                  ],
                },
              ],
            },
            sfmqProfiles: {
              nodes: [
                {
                  name: 'Technicien(ne) en maintenance et diagnostic automobile',
                  kind: 'CERTIFICATION_PROFILE',
                  // conflict C6: both dates of the document, side by side
                  governmentApprovals: [
                    { government: { name: 'Fédération Wallonie-Bruxelles (Communauté française)' }, approvedOn: '2019-05-22' },
                    { government: { name: 'Fédération Wallonie-Bruxelles (Communauté française)' }, approvedOn: '2021-05-22' },
                  ],
                  unverifiedFields: ['governmentApprovals', 'sectors'],
                },
                { name: 'Mécanicien d’entretien automobile / Mécanicienne d’entretien automobile', kind: 'TRAINING_PROFILE', governmentApprovals: [], unverifiedFields: ['sectors', 'governmentApprovals', 'grappe'] },
              ],
            },
            competenceCentres: { nodes: [{ name: 'AutoFORM' }] },
          },
        },
      },
    ]);
  });

  it('walks from a convention’s sector fund to the tests it organises, and from a test to its convention', async () => {
    const { body } = await ask(`{ convention(id: "sc_ifpm_reseaux") { parties { __typename id ... on SectorBody { sectorTests { totalCount nodes { id passMark convention { title } } } } } } }`);
    expect(body).toEqual({
      data: {
        convention: {
          parties: [
            {
              __typename: 'SectorBody',
              id: 'ifpm',
              sectorTests: { totalCount: 1, nodes: [{ id: 'st_ifpm_industrie_technologique', passMark: 0.6, convention: { title: 'Convention enseignement – Industrie technologique (fabrications métalliques)' } }] },
            },
            { __typename: 'EducationNetwork', id: 'net_cpeons' },
            { __typename: 'EducationNetwork', id: 'net_segec' },
            { __typename: 'EducationNetwork', id: 'net_wbe' },
          ],
        },
      },
    });
  });
});

describe('lists, filters, search, pages and counts', () => {
  it('filters sector tests by sector, organiser, trade and session year, and searches them', async () => {
    const { body } = await ask(`{
      industry: sectorTests(filter: { sector: "industrie_technologique" }) { nodes { id } }
      byEducam: sectorTests(filter: { organiser: "educam" }) { nodes { id } }
      welding: sectorTests(filter: { trade: "SOUDAGE" }) { nodes { id trades } }
      in2019: sectorTests(filter: { sessionYear: [2019] }) { nodes { id } }
      in2013: sectorTests(filter: { sessionYear: [2013] }) { totalCount }
      searched: sectorTests(filter: { search: "mecanicien polyvalent" }) { nodes { id } }
      notEducam: sectorTests(filter: { not: { organiser: "educam" }, verifiedOnly: true }) { nodes { id } }
      unknownSector: sectorTests(filter: { sector: "nowhere" }) { totalCount }
    }`);
    expect(body).toEqual({
      data: {
        industry: { nodes: [{ id: 'st_ifpm_industrie_technologique' }] },
        byEducam: { nodes: [{ id: 'st_educam_automobile' }] },
        welding: { nodes: [{ id: 'st_ifpm_industrie_technologique', trades: ['soudage (Soudeurs – « Étincelle d’or »)', 'usinage (Usineurs – « Mécatrophy »)', 'maintenance industrielle (Électriciens-automaticiens et Mécaniciens-automaticiens – « Maintenance Trophy »)'] }] },
        in2019: { nodes: [{ id: 'st_ifpm_industrie_technologique' }] },
        // the IFPM sessions of "3 juin" and "vendredi soir" have no year: they are in no year's count
        in2013: { totalCount: 0 },
        searched: { nodes: [{ id: 'st_educam_automobile' }] },
        notEducam: { nodes: [{ id: 'st_ifpm_industrie_technologique' }] },
        unknownSector: null,
      },
      errors: [{ message: 'Unknown sector "nowhere" in filter.sector.', path: ['unknownSector'], extensions: expect.objectContaining({ code: 'BAD_USER_INPUT', argument: 'filter.sector' }) }],
    });
  });

  it('pages sector tests forwards and back by name', async () => {
    const first = await ask(`{ sectorTests(first: 1, orderBy: [{ field: NAME }]) { totalCount pageInfo { hasNextPage endCursor } nodes { id } } }`);
    const { totalCount, pageInfo, nodes } = first.body.data.sectorTests;
    expect([totalCount, pageInfo.hasNextPage, nodes]).toEqual([2, true, [{ id: 'st_educam_automobile' }]]);
    const next = await ask(`query ($after: String) { sectorTests(first: 1, after: $after, orderBy: [{ field: NAME }]) { pageInfo { hasNextPage hasPreviousPage startCursor } nodes { id } } }`, { after: pageInfo.endCursor });
    expect(next.body.data.sectorTests).toMatchObject({ pageInfo: { hasNextPage: false, hasPreviousPage: true }, nodes: [{ id: 'st_ifpm_industrie_technologique' }] });
    const back = await ask(`query ($before: String) { sectorTests(last: 1, before: $before, orderBy: [{ field: NAME }]) { nodes { id } } }`, { before: next.body.data.sectorTests.pageInfo.startCursor });
    expect(back.body).toEqual({ data: { sectorTests: { nodes: [{ id: 'st_educam_automobile' }] } } });
  });

  it('counts sector tests by organiser and session year, and profiles by kind, sector and approval year', async () => {
    const { body } = await ask(`{
      tests: sectorTestCounts(groupBy: [ORGANISER, SESSION_YEAR]) { key { organiser { name } sessionYear sector { id } } count }
      profiles: sfmqProfileCounts(groupBy: [KIND, APPROVAL_YEAR]) { key { kind approvalYear } count }
      bySector: sfmqProfileCounts(groupBy: [SECTOR]) { key { sector { name } } count }
    }`);
    const educam = { name: 'EDUCAM' };
    const ifpm = { name: "IFPM – Institut de Formation postscolaire de l'Industrie des Fabrications métalliques" };
    expect(body).toEqual({
      data: {
        tests: [
          { key: { organiser: educam, sessionYear: 2012, sector: null }, count: 1 },
          { key: { organiser: educam, sessionYear: null, sector: null }, count: 1 },
          { key: { organiser: ifpm, sessionYear: 2018, sector: null }, count: 1 },
          { key: { organiser: ifpm, sessionYear: 2019, sector: null }, count: 1 },
          { key: { organiser: ifpm, sessionYear: null, sector: null }, count: 1 },
        ],
        profiles: [
          { key: { kind: 'CERTIFICATION_PROFILE', approvalYear: 2019 }, count: 1 },
          { key: { kind: 'CERTIFICATION_PROFILE', approvalYear: 2021 }, count: 1 },
          { key: { kind: 'CERTIFICATION_PROFILE', approvalYear: null }, count: 1 },
          { key: { kind: 'TRAINING_PROFILE', approvalYear: null }, count: 1 },
        ],
        bySector: [
          { key: { sector: { name: 'Automobile / mobilité' } }, count: 2 },
          { key: { sector: null }, count: 1 },
        ],
      },
    });
  });

  it('filters SFMQ profiles by kind, sector and approval period, and approval batches by government and date', async () => {
    const { body } = await ask(`{
      training: sfmqProfiles(filter: { kind: TRAINING_PROFILE }) { nodes { id versions { label versionDate chaefValidatedOn chacaAgreedOn } } }
      approvedIn2019: sfmqProfiles(filter: { approvedBetween: { from: "2019", to: "2019-12" } }) { nodes { id } }
      approvedIn2020: sfmqProfiles(filter: { approvedBetween: { from: "2020", to: "2020" } }) { totalCount }
      automobileSearch: sfmqProfiles(filter: { sector: "automobile", search: "diagnostic" }) { nodes { id } }
      estheticien: sfmqProfile(id: "sp_cpu_estheticien") { documentDate sectors { id } governmentApprovals { approvedOn } }
      walloon: sfmqApprovalBatches(filter: { government: "gov_wallonia", decidedBetween: { from: "2014-12" } }) { nodes { id profileCount firstApprovedCount rectifiedOn sources { id } } }
      fwb: sfmqApprovalBatches(filter: { government: "gov_fwb" }) { totalCount }
      searchedBatch: sfmqApprovalBatches(filter: { search: "profils formation" }) { nodes { id } }
    }`);
    expect(body).toEqual({
      data: {
        training: {
          nodes: [
            {
              id: 'sp_mecanicien_entretien_automobile',
              versions: [
                { label: 'version précédente', versionDate: null, chaefValidatedOn: null, chacaAgreedOn: '2013-03-01' },
                { label: 'version actuelle', versionDate: '2017-09-21', chaefValidatedOn: null, chacaAgreedOn: null },
              ],
            },
          ],
        },
        approvedIn2019: { nodes: [{ id: 'sp_cpu_technicien_maintenance_diagnostic_auto' }] },
        approvedIn2020: { totalCount: 0 },
        automobileSearch: { nodes: [{ id: 'sp_cpu_technicien_maintenance_diagnostic_auto' }] },
        // "Mars 2013", kept to the month; no sector mapping, no approval known
        estheticien: { documentDate: '2013-03', sectors: [], governmentApprovals: [] },
        walloon: { nodes: [{ id: 'sp_batch_2014_12_18', profileCount: 13, firstApprovedCount: 10, rectifiedOn: null, sources: [{ id: 'S201' }] }] },
        fwb: { totalCount: 0 },
        searchedBatch: { nodes: [{ id: 'sp_batch_2014_12_18' }] },
      },
    });
  });

  it('exports each new list as CSV through /export.csv', async () => {
    for (const [query, file, header] of [
      ['{ sectorTests { nodes { id organiser { name } sectors { id } passMark } } }', 'sectorTests.csv', 'id,organiser.name,sectors.id,passMark'],
      ['{ sfmqProfiles(filter: { kind: TRAINING_PROFILE }) { nodes { id kind } } }', 'sfmqProfiles.csv', 'id,kind'],
      ['{ sfmqApprovalBatches { nodes { id decidedOn profileCount } } }', 'sfmqApprovalBatches.csv', 'id,decidedOn,profileCount'],
    ]) {
      const url = new URL('/export.csv', hub.url);
      url.searchParams.set('query', query);
      const response = await fetch(url);
      const text = Buffer.from(await response.arrayBuffer()).toString('utf8');
      expect([response.status, response.headers.get('content-disposition'), text.slice(1).split('\r\n')[0]]).toEqual([200, `attachment; filename="${file}"`, header]);
      if (file === 'sectorTests.csv') {
        expect(parse(text.slice(1), { columns: false }).slice(1)).toEqual([
          ['st_educam_automobile', 'EDUCAM', 'automobile', ''],
          ['st_ifpm_industrie_technologique', "IFPM – Institut de Formation postscolaire de l'Industrie des Fabrications métalliques", 'industrie_technologique', '0.6'],
        ]);
      }
    }
  });
});

const CREATE_TEST = `mutation ($input: CreateSectorTestInput!) { createSectorTest(input: $input) { record { id version organiser { name } sectors { id } sessions { year candidates passed sources { id } } verified } } }`;
const UPDATE_TEST = `mutation ($input: UpdateSectorTestInput!) { updateSectorTest(input: $input) { record { id version name passMark } } }`;
const DELETE_TEST = `mutation ($input: DeleteInput!) { deleteSectorTest(input: $input) { record { id } } }`;

describe('a sector fund writes the tests it organises', () => {
  it('lets EDUCAM create, change and delete its own test, with its history; another fund may not touch it', async () => {
    const educam = await tokenFor('editor', 'educam', 'eve');
    const ifpm = await tokenFor('editor', 'ifpm', 'ivan');
    const input = { id: 'st_educam_carrosserie', name: 'Épreuve sectorielle carrossier', organiser: 'educam', sectors: ['automobile'], sessions: [{ year: 2025, candidates: 40, passed: 31, sources: ['S21'] }], sources: ['S21'] };
    const created = await ask(CREATE_TEST, { input }, educam);
    expect(created.body).toEqual({
      data: { createSectorTest: { record: { id: 'st_educam_carrosserie', version: 1, organiser: { name: 'EDUCAM' }, sectors: [{ id: 'automobile' }], sessions: [{ year: 2025, candidates: 40, passed: 31, sources: [{ id: 'S21' }] }], verified: true } } },
    });

    // another fund: neither this test nor one in its own name as another's organiser
    expect(refusal(await ask(UPDATE_TEST, { input: { id: 'st_educam_carrosserie', version: 1, name: 'Mine' } }, ifpm))).toEqual([
      403,
      'FORBIDDEN',
      'ifpm may not edit SectorTest "st_educam_carrosserie": data/rights.json gives it no type and the SectorTest records it organises (organiser: "educam" here).',
    ]);
    expect(refusal(await ask(CREATE_TEST, { input: { ...input, id: 'st_ifpm_for_educam' } }, ifpm))).toEqual([
      403,
      'FORBIDDEN',
      'ifpm may not edit SectorTest "st_ifpm_for_educam": data/rights.json gives it no type and the SectorTest records it organises (organiser: "educam" here).',
    ]);
    // nor may EDUCAM hand its test to another fund
    expect(refusal(await ask(UPDATE_TEST, { input: { id: 'st_educam_carrosserie', version: 1, organiser: 'ifpm' } }, educam))[0]).toBe(403);
    // an SFMQ editor writes profiles, not tests
    expect(refusal(await ask(DELETE_TEST, { input: { id: 'st_educam_carrosserie', version: 1 } }, await tokenFor('editor', 'sfmq')))[1]).toBe('FORBIDDEN');

    const changed = await ask(UPDATE_TEST, { input: { id: 'st_educam_carrosserie', version: 1, passMark: 0.5 } }, educam);
    expect(changed.body).toEqual({ data: { updateSectorTest: { record: { id: 'st_educam_carrosserie', version: 2, name: 'Épreuve sectorielle carrossier', passMark: 0.5 } } } });
    const stale = await ask(UPDATE_TEST, { input: { id: 'st_educam_carrosserie', version: 1, passMark: 0.7 } }, educam);
    expect([...refusal(stale), stale.body.errors?.[0].extensions.currentVersion]).toEqual([
      409,
      'CONFLICT',
      'SectorTest "st_educam_carrosserie" was changed since you read it: it is at version 2, you sent 1. Read it again and re-apply your change.',
      2,
    ]);

    const history = await ask(`{ sectorTest(id: "st_educam_carrosserie") { history { subject agency operation before after } } }`);
    expect(history.body.data.sectorTest.history).toEqual([
      { subject: 'eve', agency: 'educam', operation: 'CREATE', before: null, after: expect.objectContaining({ organiser: 'educam', sectors: ['automobile'], passMark: null }) },
      { subject: 'eve', agency: 'educam', operation: 'UPDATE', before: expect.objectContaining({ passMark: null }), after: expect.objectContaining({ passMark: 0.5 }) },
    ]);
    const trail = await ask(`{ auditTrail(filter: { recordType: "SectorTest" }) { totalCount nodes { agency operation recordId } } }`, {}, await tokenFor('admin'));
    expect(trail.body.data.auditTrail).toEqual({ totalCount: 2, nodes: [{ agency: 'educam', operation: 'UPDATE', recordId: 'st_educam_carrosserie' }, { agency: 'educam', operation: 'CREATE', recordId: 'st_educam_carrosserie' }] });

    expect(refusal(await ask(DELETE_TEST, { input: { id: 'st_educam_carrosserie', version: 2 } }, ifpm))).toEqual([
      403,
      'FORBIDDEN',
      'ifpm may not delete SectorTest "st_educam_carrosserie": data/rights.json gives it no type and the SectorTest records it organises (organiser: "educam" here).',
    ]);
    expect((await ask(DELETE_TEST, { input: { id: 'st_educam_carrosserie', version: 2 } }, educam)).body).toEqual({ data: { deleteSectorTest: { record: { id: 'st_educam_carrosserie' } } } });
    expect((await ask(`{ sectorTest(id: "st_educam_carrosserie") { id } sector(id: "automobile") { sectorTests { totalCount } } }`)).body).toEqual({ data: { sectorTest: null, sector: { sectorTests: { totalCount: 1 } } } });
  });

  it('refuses an organiser that is not a sector fund and figures that do not add up, naming the field', async () => {
    const admin = await tokenFor('admin');
    const base = { id: 'st_bad', name: 'Épreuve', organiser: 'educam', sources: ['S21'] };
    expect(refusal(await ask(CREATE_TEST, { input: { ...base, organiser: 'gov_wallonia' } }, admin))).toEqual([400, 'BAD_USER_INPUT', 'organiser: there is no party "gov_wallonia" of kind SECTOR_FUND (Query.sectorBody).']);
    const tooMany = await ask(CREATE_TEST, { input: { ...base, sessions: [{ year: 2020, candidates: 10, passed: 11 }] } }, admin);
    expect([...refusal(tooMany), tooMany.body.errors?.[0].extensions.field]).toEqual([400, 'BAD_USER_INPUT', 'sessions[0].passed: 11 passed of 10 candidates.', 'sessions[0].passed']);
    expect(refusal(await ask(CREATE_TEST, { input: { ...base, sessions: [{ year: 2020, sources: ['S9999'] }] } }, admin))).toEqual([400, 'BAD_USER_INPUT', 'sessions[0].sources[0]: there is no source "S9999" (Query.sources).']);
    expect(refusal(await ask(CREATE_TEST, { input: { ...base, convention: 'sc_nowhere' } }, admin))).toEqual([400, 'BAD_USER_INPUT', 'convention: there is no convention "sc_nowhere" (Query.conventions).']);
    expect((await ask('{ sectorTest(id: "st_bad") { id } }')).body).toEqual({ data: { sectorTest: null } });
  });
});

describe('the SFMQ writes its profiles and approval batches', () => {
  const CREATE_PROFILE = `mutation ($input: CreateSfmqProfileInput!) { createSfmqProfile(input: $input) { record { id version kind sectors { id } versions { label chamValidatedOn } governmentApprovals { government { id } approvedOn } } } }`;
  const UPDATE_PROFILE = `mutation ($input: UpdateSfmqProfileInput!) { updateSfmqProfile(input: $input) { record { id version grappe } } }`;
  const CREATE_BATCH = `mutation ($input: CreateSfmqApprovalBatchInput!) { createSfmqApprovalBatch(input: $input) { record { id version government { id } profileCount } } }`;

  it('lets the SFMQ create, change and delete a profile; a sector fund may not write one', async () => {
    const sfmq = await tokenFor('editor', 'sfmq', 'sam');
    const input = {
      id: 'sp_carrossier',
      kind: 'JOB_PROFILE',
      name: 'Carrossier / Carrossière',
      sectors: ['automobile'],
      versions: [{ label: 'version 1', chamValidatedOn: '2016-06', sources: ['S222'] }],
      governmentApprovals: [{ government: 'gov_wallonia', approvedOn: '2016', sources: ['S201'] }],
      sources: ['S222'],
    };
    expect(refusal(await ask(CREATE_PROFILE, { input }, await tokenFor('editor', 'educam')))).toEqual([403, 'FORBIDDEN', 'educam may not edit SfmqProfile "sp_carrossier": data/rights.json gives it no type.']);
    const created = await ask(CREATE_PROFILE, { input }, sfmq);
    expect(created.body).toEqual({
      data: {
        createSfmqProfile: {
          record: { id: 'sp_carrossier', version: 1, kind: 'JOB_PROFILE', sectors: [{ id: 'automobile' }], versions: [{ label: 'version 1', chamValidatedOn: '2016-06' }], governmentApprovals: [{ government: { id: 'gov_wallonia' }, approvedOn: '2016' }] },
        },
      },
    });
    expect((await ask(UPDATE_PROFILE, { input: { id: 'sp_carrossier', version: 1, grappe: 'Automobile' } }, sfmq)).body).toEqual({ data: { updateSfmqProfile: { record: { id: 'sp_carrossier', version: 2, grappe: 'Automobile' } } } });
    expect(refusal(await ask(UPDATE_PROFILE, { input: { id: 'sp_carrossier', version: 1, grappe: 'Mobilité' } }, sfmq))[1]).toBe('CONFLICT');
    expect(refusal(await ask(UPDATE_PROFILE, { input: { id: 'sp_carrossier', version: 2, governmentApprovals: [{ government: 'educam' }] } }, sfmq))).toEqual([
      400,
      'BAD_USER_INPUT',
      'governmentApprovals[0]: there is no party "educam" of kind GOVERNMENT (Query.publicAuthority).',
    ]);
    expect((await ask(`{ sector(id: "automobile") { sfmqProfiles(filter: { kind: JOB_PROFILE }) { nodes { id history { agency operation } } } } }`)).body).toEqual({
      data: { sector: { sfmqProfiles: { nodes: [{ id: 'sp_carrossier', history: [{ agency: 'sfmq', operation: 'CREATE' }, { agency: 'sfmq', operation: 'UPDATE' }] }] } } },
    });
    expect((await ask(`mutation { deleteSfmqProfile(input: { id: "sp_carrossier", version: 2 }) { record { id } } }`, {}, sfmq)).body).toEqual({ data: { deleteSfmqProfile: { record: { id: 'sp_carrossier' } } } });
    expect((await ask('{ sfmqProfiles { totalCount } }')).body).toEqual({ data: { sfmqProfiles: { totalCount: 3 } } });
  });

  it('lets the SFMQ record an approval batch, and not a sector fund', async () => {
    const input = { id: 'sp_batch_test', name: 'Profils approuvés', government: 'gov_fwb', decidedOn: '2016-09', profileCount: 5, sources: ['S201'] };
    expect(refusal(await ask(CREATE_BATCH, { input }, await tokenFor('editor', 'ifpm')))).toEqual([403, 'FORBIDDEN', 'ifpm may not edit SfmqApprovalBatch "sp_batch_test": data/rights.json gives it no type.']);
    expect((await ask(CREATE_BATCH, { input }, await tokenFor('editor', 'sfmq'))).body).toEqual({ data: { createSfmqApprovalBatch: { record: { id: 'sp_batch_test', version: 1, government: { id: 'gov_fwb' }, profileCount: 5 } } } });
    expect((await ask('{ sfmqApprovalBatches(filter: { decidedBetween: { from: "2016" } }) { nodes { id government { name } } } }')).body).toEqual({
      data: { sfmqApprovalBatches: { nodes: [{ id: 'sp_batch_test', government: { name: 'Fédération Wallonie-Bruxelles (Communauté française)' } }] } },
    });
  });
});
