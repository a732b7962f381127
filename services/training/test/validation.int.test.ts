import { readReferenceData, type ReferenceData } from '@hub/kit';
import { startTestSubgraph } from '@hub/kit/testing';
import { training } from '../src/module';

let subgraph: Awaited<ReturnType<typeof startTestSubgraph>>;
beforeAll(async () => {
  subgraph = await startTestSubgraph(training);
});
afterAll(() => subgraph?.stop());

const load = (data: ReferenceData) => subgraph.load(data);

describe('validation titles', () => {
  it('serves the titles the sources name, with their yearly figures, units and operators, filtered in SQL', async () => {
    const { body } = await subgraph.query(`{
      top2022: validationTitles(filter: { yearWithFigures: [2022] }, orderBy: [{ field: NAME }], first: 2) {
        totalCount
        pageInfo { hasNextPage }
        nodes { id name units years { year epreuves titles rank sources { id } } operators { id } sectors { id } verified }
      }
      search: validationTitles(filter: { search: "comptabl" }) { nodes { id name } }
      approved2009: validationTitles(filter: { referentialApprovedBetween: { from: "2009", to: "2009-12" } }) { nodes { id units referentialApprovedOn referentialPublishedOn } }
      byEps: validationTitles(filter: { operator: "eps" }) { nodes { id operators { id } } }
      all: validationTitles { totalCount }
    }`);
    expect(body).toEqual({
      data: {
        top2022: {
          totalCount: 5,
          pageInfo: { hasNextPage: true },
          nodes: [
            { id: 'vt_aide_menager', name: 'Aide-ménager(ère)', units: null, years: [{ year: 2022, epreuves: 516, titles: null, rank: 2, sources: [{ id: 'S203' }] }], operators: [], sectors: [], verified: true },
            { id: 'vt_employe_administratif', name: 'Employé(e) administratif(ive)', units: null, years: [{ year: 2022, epreuves: 841, titles: null, rank: 1, sources: [{ id: 'S203' }] }], operators: [], sectors: [], verified: true },
          ],
        },
        search: { nodes: [{ id: 'vt_aide_comptable', name: 'Aide-comptable' }] },
        approved2009: {
          nodes: [
            {
              id: 'vt_installateur_electricien_tertiaire',
              units: ['Unité de compétence 1', 'Unité de compétence 2', 'Unité de compétence 3'],
              referentialApprovedOn: '2009-10-22',
              referentialPublishedOn: '2009-12-30',
            },
          ],
        },
        byEps: { nodes: [{ id: 'vt_jardinier_entretien', operators: [{ id: 'eps' }] }, { id: 'vt_ouvrier_boulanger_patissier', operators: [{ id: 'eps' }] }] },
        all: { totalCount: 21 },
      },
    });
  });

  it('refuses a filter naming an unknown operator or sector rather than answering with an empty list', async () => {
    const { body } = await subgraph.query(`{ validationTitles(filter: { operator: ["forem", "cvdc"] }) { totalCount } }`);
    expect(body.errors?.map((e: { message: string; extensions: { code: string } }) => [e.message, e.extensions.code])).toEqual([['Unknown training operator "cvdc" in filter.operator.', 'BAD_USER_INPUT']]);
    const sector = await subgraph.query(`{ validationTitles(filter: { sector: "nowhere" }) { totalCount } }`);
    expect(sector.body.errors?.[0].message).toBe('Unknown sector "nowhere" in filter.sector.');
  });

  it('reads the titles of every sector and every operator in one statement each, however many there are', async () => {
    const data = readReferenceData();
    const title = (id: string) => data.validation_titles.find((t) => t.id === id)!;
    title('vt_macon').sector_ids = ['construction'];
    title('vt_plafonneur_cimentier').sector_ids = ['construction'];
    title('vt_mecanicien_entretien').sector_ids = ['automobile'];
    for (const t of [title('vt_macon'), title('vt_plafonneur_cimentier'), title('vt_mecanicien_entretien')]) t.unverified_fields = ['sector_ids'];
    await load(data);
    try {
      const ask = (ids: string[]) =>
        subgraph.query(`query($reps: [_Any!]!) { _entities(representations: $reps) { ... on Sector { id validationTitles { totalCount nodes { id unverifiedFields } } } } }`, {
          reps: ids.map((id) => ({ __typename: 'Sector', id })),
        });
      const two = await ask(['construction', 'automobile']);
      expect(two.body).toEqual({
        data: {
          _entities: [
            { id: 'construction', validationTitles: { totalCount: 2, nodes: [{ id: 'vt_macon', unverifiedFields: ['sectors'] }, { id: 'vt_plafonneur_cimentier', unverifiedFields: ['sectors'] }] } },
            { id: 'automobile', validationTitles: { totalCount: 1, nodes: [{ id: 'vt_mecanicien_entretien', unverifiedFields: ['sectors'] }] } },
          ],
        },
      });
      const all = await ask(data.sectors.map((s) => s.id));
      // the pages of every sector, then their counts
      expect([two.sqlStatements, all.sqlStatements]).toEqual([2, 2]);
      const counts = await subgraph.query(`{ validationTitleCounts(groupBy: [SECTOR]) { key { sector { id } } count } }`);
      expect(counts.body).toEqual({
        data: {
          validationTitleCounts: [
            { key: { sector: null }, count: 18 },
            { key: { sector: { id: 'construction' } }, count: 2 },
            { key: { sector: { id: 'automobile' } }, count: 1 },
          ],
        },
      });
    } finally {
      await load(readReferenceData());
    }
  });
});

describe('validation figures', () => {
  it('keeps the figures of sources that disagree side by side, each with its own words and source', async () => {
    const { body } = await subgraph.query(`{
      trades2023: validationFigures(filter: { measure: TRADES_OFFERED, years: { from: 2023, to: 2023 } }, orderBy: [{ field: VALUE }]) {
        totalCount
        nodes { id value qualifier statedAs periodText sources { id } disagreeingFigures { id value } }
      }
      success: validationFigures(filter: { measure: SUCCESS_RATE }, orderBy: [{ field: YEAR }, { field: REGION }]) { nodes { year region value } }
      undated: validationFigures(filter: { measure: TRADES_OFFERED, not: { years: {} } }, orderBy: [{ field: VALUE }]) { nodes { id year value periodText } }
      running: validationFigures(filter: { measure: TITLES_DELIVERED, cumulative: true }, orderBy: [{ field: YEAR }, { field: VALUE }]) { nodes { id year sinceYear value qualifier } }
    }`);
    expect(body).toEqual({
      data: {
        trades2023: {
          totalCount: 3,
          nodes: [
            { id: 'vf_2023_06_trades', value: 50, qualifier: 'ABOUT', statedAs: 'Quelque 50 métiers sont concernés', periodText: 'June 2023 (Belga, 2023-06-05)', sources: [{ id: 'S206' }], disagreeingFigures: [{ id: 'vf_2023_06_trades_rtbf', value: 52 }, { id: 'vf_2023_trades', value: 74 }] },
            { id: 'vf_2023_06_trades_rtbf', value: 52, qualifier: 'EXACT', statedAs: '52 professions sont disponibles à la certification.', periodText: 'June 2023 (RTBF)', sources: [{ id: 'S233' }], disagreeingFigures: [{ id: 'vf_2023_06_trades', value: 50 }, { id: 'vf_2023_trades', value: 74 }] },
            { id: 'vf_2023_trades', value: 74, qualifier: 'MORE_THAN', statedAs: 'were offering more than 74 trades for validation', periodText: null, sources: [{ id: 'S204' }], disagreeingFigures: [{ id: 'vf_2023_06_trades', value: 50 }, { id: 'vf_2023_06_trades_rtbf', value: 52 }] },
          ],
        },
        success: {
          nodes: [
            { year: 2014, region: 'WALLONIA_BRUSSELS', value: 0.724 },
            { year: 2018, region: 'WALLONIA_BRUSSELS', value: 0.756 },
            { year: 2019, region: 'BRUSSELS', value: 0.674 },
            { year: 2019, region: 'WALLONIA_BRUSSELS', value: 0.735 },
          ],
        },
        undated: {
          nodes: [
            { id: 'vf_undated_trades_rtl', year: null, value: 39, periodText: 'the article’s date is not visible' },
            { id: 'vf_undated_trades_cvdc', year: null, value: 60, periodText: 'the page’s date is not visible' },
            { id: 'vf_undated_trades_educam', year: null, value: 70, periodText: 'the page’s date is not visible' },
          ],
        },
        running: {
          nodes: [
            { id: 'vf_2005_2018_titles', year: 2018, sinceYear: 2005, value: 40000, qualifier: 'ABOUT' },
            { id: 'vf_2022_titles_total', year: 2022, sinceYear: null, value: 63701, qualifier: 'EXACT' },
            { id: 'vf_2023_titles_total', year: 2023, sinceYear: null, value: 63000, qualifier: 'MORE_THAN' },
            { id: 'vf_2023_06_titles_total', year: 2023, sinceYear: null, value: 65000, qualifier: 'EXACT' },
            { id: 'vf_undated_titles_total_cvdc', year: null, sinceYear: null, value: 70000, qualifier: 'MORE_THAN' },
          ],
        },
      },
    });
  });

  it('counts the figures per measure and year in SQL, and reads the disagreements of a whole page in one statement', async () => {
    const { body } = await subgraph.query(`{ validationFigureCounts(groupBy: [MEASURE, YEAR], filter: { years: { from: 2022, to: 2022 } }) { key { measure region year } count } }`);
    expect(body).toEqual({
      data: {
        validationFigureCounts: [
          { key: { measure: 'TITLES_DELIVERED', region: null, year: 2022 }, count: 4 },
          { key: { measure: 'HOLDERS', region: null, year: 2022 }, count: 2 },
          { key: { measure: 'APPROVED_CENTRES', region: null, year: 2022 }, count: 1 },
          { key: { measure: 'TRADES_OFFERED', region: null, year: 2022 }, count: 1 },
        ],
      },
    });
    const page = await subgraph.query(`{ validationFigures(first: 500) { nodes { id disagreeingFigures { id } } } }`);
    expect(page.body.data.validationFigures.nodes).toHaveLength(37);
    expect(page.sqlStatements).toBe(2);
  });
});
