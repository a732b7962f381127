import { pendingSchemaChanges, startTestSubgraph } from '@hub/kit/testing';
import { competence } from '../src/module';

let subgraph: Awaited<ReturnType<typeof startTestSubgraph>>;
beforeAll(async () => {
  subgraph = await startTestSubgraph(competence);
});
afterAll(() => subgraph?.stop());

const page = (ids: string[]) => ({ totalCount: ids.length, nodes: ids.map((id) => ({ id })) });

describe('competence subgraph', () => {
  it('lists the provisionally labelled centres, their unknown validity left null', async () => {
    const { body } = await subgraph.query(`{
      competenceCentres(filter: {labelStatus: PROVISIONAL}) { totalCount nodes { id label { status decidedOn validFrom validTo note decision { id } } } }
    }`);
    const label = {
      status: 'PROVISIONAL',
      decidedOn: '2020-11-12',
      validFrom: null,
      validTo: null,
      note: 'Provisionally relabelled; to undergo a second evaluation (S03). Validity dates not stated.',
      decision: { id: 'ld_2020' },
    };
    expect(body).toEqual({
      data: {
        competenceCentres: {
          totalCount: 5,
          nodes: ['cefoverre', 'design_innovation', 'forem_cepegra', 'forem_pigments', 'forem_tourisme'].map((id) => ({ id, label })),
        },
      },
    });
  });

  it('counts 19 centres whose label is known to be valid at the end of 2024, none in 2025', async () => {
    const { body } = await subgraph.query(`{
      all: competenceCentres { totalCount }
      in2024: competenceCentres(filter: {labelActiveOn: "2024-12-31"}) { totalCount }
      in2025: competenceCentres(filter: {labelActiveOn: "2025-01-01"}) { totalCount nodes { id } }
      expiring: competenceCentres(filter: {labelExpiresBetween: {from: "2024-06", to: "2025"}}) { totalCount }
    }`);
    expect(body).toEqual({
      data: { all: { totalCount: 24 }, in2024: { totalCount: 19 }, in2025: { totalCount: 0, nodes: [] }, expiring: { totalCount: 19 } },
    });
  });

  it('gives a centre with its sectors, scope, sites, place and provenance; what the sources do not give is null or empty', async () => {
    const { body } = await subgraph.query(`{
      epicuris: competenceCentre(id: "epicuris") { name kind sectors { id } scope city sites province managingBody website publics { id } verified unverifiedFields }
      technocampus: competenceCentre(id: "technocampus") { city sites province managingBody }
      secteursVerts: competenceCentre(id: "forem_secteurs_verts") { city sites province website }
      unknown: competenceCentre(id: "nope") { id }
    }`);
    expect(body).toEqual({
      data: {
        epicuris: {
          name: 'Epicuris',
          kind: 'COMPETENCE_CENTRE',
          sectors: [{ id: 'horeca' }, { id: 'industrie_alimentaire' }],
          scope: ['métiers de bouche (boulangerie, pâtisserie, boucherie)', 'Horeca / cuisine de collectivité'],
          // nomadic since 2022: no site, no province
          city: null,
          sites: [],
          province: null,
          managingBody: 'ASBL Epicuris',
          website: null,
          publics: null,
          verified: true,
          unverifiedFields: [],
        },
        technocampus: { city: 'Gosselies', sites: ['Gosselies', 'Strépy-Bracquegnies'], province: 'Hainaut', managingBody: null },
        secteursVerts: { city: 'Frasnes-lez-Anvaing', sites: ['Frasnes-lez-Anvaing', 'Ath'], province: 'Hainaut', website: 'https://www.formation-secteurs-verts.be' },
        unknown: null,
      },
    });
  });

  it('names the unsourced fields of a centre by their GraphQL names', async () => {
    const { body } = await subgraph.query(`{
      technocampus: competenceCentre(id: "technocampus") { verified unverifiedFields }
      formalim: competenceCentre(id: "forem_formalim") { verified unverifiedFields }
      managementCommerce: competenceCentre(id: "forem_management_commerce") { verified unverifiedFields }
      autoform: competenceCentre(id: "autoform") { verified unverifiedFields }
    }`);
    expect(body).toEqual({
      data: {
        technocampus: { verified: true, unverifiedFields: ['managingBody'] },
        formalim: { verified: true, unverifiedFields: ['city', 'province'] },
        managementCommerce: { verified: true, unverifiedFields: ['city', 'managingBody'] },
        autoform: { verified: true, unverifiedFields: [] },
      },
    });
  });

  it('filters centres by province, town or site, managing body and sector regardless of case and accents, combined with and / or / not', async () => {
    const { body } = await subgraph.query(`{
      liege: competenceCentres(filter: {province: "liege"}) { totalCount nodes { id } }
      ath: competenceCentres(filter: {city: "ath"}) { totalCount nodes { id } }
      charleroiOrHornu: competenceCentres(filter: {city: ["Charleroi", "hornu"]}) { totalCount nodes { id } }
      forem: competenceCentres(filter: {managingBody: "le forem"}) { totalCount }
      tic: competenceCentres(filter: {sector: "tic_numerique", not: {labelStatus: PROVISIONAL}}) { totalCount nodes { id } }
      namurOrLuxembourg: competenceCentres(filter: {or: [{province: "Namur"}, {province: "Luxembourg"}]}) { totalCount nodes { id } }
    }`);
    expect(body).toEqual({
      data: {
        liege: page(['autoform', 'construform_liege', 'forem_formalim', 'forem_polygone_eau', 'forem_tl_liege', 'technifutur']),
        // Ath is the second site of the Forem Secteurs verts centre, whose main site is Frasnes-lez-Anvaing
        ath: page(['forem_secteurs_verts']),
        // Charleroi: main site of Design Innovation, a site of Technofutur TIC; Hornu: a site of TechnocITé
        charleroiOrHornu: page(['design_innovation', 'technocite', 'technofutur_tic']),
        // "Le Forem" alone, not "Le Forem / IFAPME"
        forem: { totalCount: 11 },
        tic: page(['technifutur', 'technobel', 'technocite', 'technofutur_tic']),
        namurOrLuxembourg: page(['forem_tourisme', 'forem_wallonie_bois', 'technobel']),
      },
    });
  });

  it('orders centres by town then name, regardless of case and accents, unknown towns last', async () => {
    const { body } = await subgraph.query(`{
      competenceCentres(filter: {province: "Hainaut"}, orderBy: [{field: CITY}, {field: NAME}]) { nodes { id city } }
    }`);
    expect(body).toEqual({
      data: {
        competenceCentres: {
          nodes: [
            { id: 'design_innovation', city: 'Charleroi' },
            { id: 'construform_hainaut', city: 'Châtelineau' },
            { id: 'forem_secteurs_verts', city: 'Frasnes-lez-Anvaing' },
            { id: 'forem_cepegra', city: 'Gosselies' },
            { id: 'technocampus', city: 'Gosselies' },
            { id: 'technofutur_tic', city: 'Gosselies' },
            { id: 'wan', city: 'Gosselies' },
            { id: 'cefoverre', city: 'Jumet' },
            { id: 'forem_environnement', city: 'Mons' },
            { id: 'technocite', city: 'Mons' },
            { id: 'cefochim', city: 'Seneffe' },
            { id: 'forem_pigments', city: null },
            { id: 'forem_tl_hainaut', city: null },
          ],
        },
      },
    });
  });

  it('finds centres by words in their name, places and scope, typos allowed', async () => {
    const { body } = await subgraph.query(`{
      typo: competenceCentres(filter: {search: "technifutr"}) { nodes { id } }
      site: competenceCentres(filter: {search: "strepy"}) { nodes { id } }
      scope: competenceCentres(filter: {search: "pharmacie"}) { nodes { id } }
      twoWords: competenceCentres(filter: {search: "forem bois"}) { nodes { id } }
    }`);
    expect(body).toEqual({
      data: {
        typo: { nodes: [{ id: 'technifutur' }] },
        site: { nodes: [{ id: 'technocampus' }] },
        scope: { nodes: [{ id: 'cefochim' }] },
        twoWords: { nodes: [{ id: 'forem_wallonie_bois' }] },
      },
    });
  });

  it('refuses an unknown province or sector in a filter, naming it', async () => {
    const province = await subgraph.query(`{ competenceCentres(filter: {province: "Flandre"}) { totalCount } }`);
    expect(province.body).toEqual({
      errors: [
        {
          message: 'Unknown province "Flandre" in filter.province (one of Brabant wallon, Hainaut, Liège, Luxembourg, Namur).',
          locations: [{ line: 1, column: 3 }],
          path: ['competenceCentres'],
          extensions: { code: 'BAD_USER_INPUT', argument: 'filter.province' },
        },
      ],
      data: { competenceCentres: null },
    });
    const sector = await subgraph.query(`{ competenceCentres(filter: {sector: "nope"}) { totalCount } }`);
    expect(sector.body).toEqual({
      errors: [
        {
          message: 'Unknown sector "nope" in filter.sector.',
          locations: [{ line: 1, column: 3 }],
          path: ['competenceCentres'],
          extensions: { code: 'BAD_USER_INPUT', argument: 'filter.sector' },
        },
      ],
      data: { competenceCentres: null },
    });
  });

  it('adds competence centres to sectors, in one SQL statement for all of them', async () => {
    const representations = ['construction', 'chimie', 'non_marchand'].map((id) => ({ __typename: 'Sector', id }));
    const nodes = await subgraph.query(`query ($r: [_Any!]!) { _entities(representations: $r) { ... on Sector { id competenceCentres { nodes { id } } } } }`, { r: representations });
    expect(nodes.body).toEqual({
      data: {
        _entities: [
          { id: 'construction', competenceCentres: { nodes: [{ id: 'construform_hainaut' }, { id: 'construform_liege' }] } },
          { id: 'chimie', competenceCentres: { nodes: [{ id: 'cefochim' }] } },
          { id: 'non_marchand', competenceCentres: { nodes: [] } },
        ],
      },
    });
    expect(nodes.sqlStatements).toBe(1);
    // the counts, when asked, take one more statement for all the sectors
    const counted = await subgraph.query(
      `query ($r: [_Any!]!) { _entities(representations: $r) { ... on Sector { id competenceCentres(first: 1) { totalCount nodes { id } pageInfo { hasNextPage } } } } }`,
      { r: representations },
    );
    expect(counted.body).toEqual({
      data: {
        _entities: [
          { id: 'construction', competenceCentres: { totalCount: 2, nodes: [{ id: 'construform_hainaut' }], pageInfo: { hasNextPage: true } } },
          { id: 'chimie', competenceCentres: { totalCount: 1, nodes: [{ id: 'cefochim' }], pageInfo: { hasNextPage: false } } },
          { id: 'non_marchand', competenceCentres: { totalCount: 0, nodes: [], pageInfo: { hasNextPage: false } } },
        ],
      },
    });
    expect(counted.sqlStatements).toBe(2);
  });

  it('counts centres per group in SQL, largest first, unknown values in a group of their own', async () => {
    const { body } = await subgraph.query(`{
      byProvince: competenceCentreCounts(groupBy: [PROVINCE]) { key { province sector { id } labelStatus labelExpiryYear managingBody } count }
      byLabel: competenceCentreCounts(groupBy: [LABEL_STATUS, LABEL_EXPIRY_YEAR]) { key { labelStatus labelExpiryYear } count }
      tic: competenceCentreCounts(groupBy: [], filter: {sector: "tic_numerique"}) { key { province } count }
      liegeBySector: competenceCentreCounts(groupBy: [SECTOR], filter: {province: "Liège"}) { key { sector { id } } count }
    }`);
    const provinceKey = (province: string | null) => ({ province, sector: null, labelStatus: null, labelExpiryYear: null, managingBody: null });
    expect(body).toEqual({
      data: {
        byProvince: [
          { key: provinceKey('Hainaut'), count: 13 },
          { key: provinceKey('Liège'), count: 6 },
          { key: provinceKey('Luxembourg'), count: 2 },
          // Epicuris (nomadic) and Forem Management & Commerce: no province in the sources
          { key: provinceKey(null), count: 2 },
          { key: provinceKey('Namur'), count: 1 },
        ],
        byLabel: [
          { key: { labelStatus: 'FULL', labelExpiryYear: 2024 }, count: 19 },
          { key: { labelStatus: 'PROVISIONAL', labelExpiryYear: null }, count: 5 },
        ],
        tic: [{ key: { province: null }, count: 5 }],
        // Technifutur serves two sectors and counts under both
        liegeBySector: ['automobile', 'construction', 'eau', 'industrie_alimentaire', 'industrie_technologique', 'tic_numerique', 'transport_logistique'].map((id) => ({
          key: { sector: { id } },
          count: 1,
        })),
      },
    });
  });

  it('lists the 4 label criteria and the publics with their yearly figures', async () => {
    const { body } = await subgraph.query(`{ labelCriteria { code labelEn } traineePublics { id averageTraineesPerYear } }`);
    expect(body).toEqual({
      data: {
        labelCriteria: [
          { code: 'C1', labelEn: 'roots in economic life' },
          { code: 'C2', labelEn: 'training offer and technical/technological dissemination' },
          { code: 'C3', labelEn: 'multi-user resource centre' },
          { code: 'C4', labelEn: 'public-private partnership' },
        ],
        traineePublics: [
          { id: 'apprentis', averageTraineesPerYear: null },
          { id: 'cadres_chefs_entreprise', averageTraineesPerYear: null },
          { id: 'demandeurs_emploi', averageTraineesPerYear: 21126 },
          { id: 'etudiants', averageTraineesPerYear: null },
          { id: 'professeurs', averageTraineesPerYear: null },
          { id: 'travailleurs', averageTraineesPerYear: 36943 },
        ],
      },
    });
  });

  it('ties each label to the decision that granted it, with the figures it published', async () => {
    const { body } = await subgraph.query(`{
      competenceCentre(id: "technifutur") { label { decision { id } } }
      labelDecisions {
        id decidedOn decidedBy { id } proposedBy certificatesHandedOverOn validFrom validTo retroactive
        fullLabelCount provisionalLabelCount centresInNetwork peopleTrainedPerYear sources { id }
        centres { totalCount }
        provisional: centres(filter: {labelStatus: PROVISIONAL}) { totalCount nodes { id } }
      }
    }`);
    expect(body).toEqual({
      data: {
        competenceCentre: { label: { decision: { id: 'ld_2020' } } },
        labelDecisions: [
          {
            id: 'ld_2020',
            decidedOn: '2020-11-12',
            decidedBy: { id: 'gov_wallonia' },
            proposedBy: "Willy Borsus (Ministre de l'IFAPME et des Centres de compétences)",
            certificatesHandedOverOn: null,
            validFrom: '2020-01-01',
            validTo: '2024-12-31',
            retroactive: true,
            fullLabelCount: 19,
            provisionalLabelCount: 5,
            centresInNetwork: 24,
            peopleTrainedPerYear: 111000,
            sources: [{ id: 'S03' }, { id: 'S04' }],
            centres: { totalCount: 24 },
            provisional: page(['cefoverre', 'design_innovation', 'forem_cepegra', 'forem_pigments', 'forem_tourisme']),
          },
          {
            id: 'ld_2007',
            decidedOn: null,
            decidedBy: null,
            proposedBy: null,
            certificatesHandedOverOn: '2007-03-19',
            // the period "2007-2009" gives the years, nothing finer
            validFrom: '2007',
            validTo: '2009',
            retroactive: null,
            fullLabelCount: null,
            provisionalLabelCount: null,
            centresInNetwork: 23,
            peopleTrainedPerYear: null,
            sources: [{ id: 'S58' }, { id: 'S90' }],
            // no current label comes from it
            centres: { totalCount: 0 },
            provisional: page([]),
          },
        ],
      },
    });
  });

  it('has migrations that create exactly what its entities describe', async () => {
    expect(await pendingSchemaChanges(competence, subgraph.databaseUrl)).toBe('');
  });
});
