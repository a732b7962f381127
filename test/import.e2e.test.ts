import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { repositoryRoot } from '@hub/kit';
import { sql } from '@hub/kit/testing';
import { startTestHub, type TestHub } from './support/hub';

// npm run import / export against the real gateway and subgraph processes.
let hub: TestHub;
let folder: string;
beforeAll(async () => {
  hub = await startTestHub();
  folder = mkdtempSync(path.join(tmpdir(), 'hub-import-'));
}, 120_000);
afterAll(async () => {
  await hub?.stop();
  rmSync(folder, { recursive: true, force: true });
});

const TRANSFER = path.join(repositoryRoot(), 'gateway', 'dist', 'src', 'transfer.js');

/** Runs the import or export command as a user would; resolves with its exit code and output. */
function run(args: string[], token?: string): Promise<{ code: number; stdout: string; stderr: string }> {
  const env = { ...process.env, HUB_TOKEN: token ?? '' };
  return new Promise((resolve) => {
    execFile(process.execPath, [TRANSFER, ...args, '--url', hub.url], { env }, (error, stdout, stderr) => resolve({ code: error ? ((error as { code?: number }).code ?? 1) : 0, stdout, stderr }));
  });
}

const file = (name: string, text: string) => {
  const at = path.join(folder, name);
  writeFileSync(at, text);
  return at;
};

/** Every row of the conventions subgraph's tables and of the audit trail, as one digest per table. */
async function fingerprint() {
  const tables = await sql(hub.databaseUrl, "select table_schema || '.' || table_name as name from information_schema.tables where table_schema in ('conventions', 'audit') and table_type = 'BASE TABLE' order by 1");
  const digests: Record<string, string> = {};
  for (const { name } of tables) {
    const [row] = await sql(hub.databaseUrl, `select md5(coalesce(string_agg(t::text, '|' order by t::text), '')) as digest from ${name} t`);
    digests[name] = row.digest;
  }
  return digests;
}

const CSV_HEADER = 'type,id,title,kind,validFrom,validTo,sectors,parties,verified,note';

describe('npm run import', () => {
  it('refuses a file with bad records, naming each by line and field, and leaves the database byte for byte as it was', async () => {
    const admin = await hub.tokenFor('admin');
    const before = await fingerprint();
    const csv = file(
      'bad.csv',
      [
        CSV_HEADER,
        'SpecificConvention,conv_forem_2016,Convention Le Forem – construction,TRAINING_OPERATOR,2016,2019,construction,forem:TRAINING_OPERATOR,false,',
        'SpecificConvention,conv_nowhere_2016,Convention with nobody,TRAINING_OPERATOR,2016,2019,construction,nobody:TRAINING_OPERATOR,false,',
        'SpecificConvention,conv_backwards,Backwards,EDUCATION,2019,2016,construction,,false,',
        'SpecificConvention,conv_odd_kind,Odd,SOMETHING,,,,,false,',
      ].join('\n'),
    );
    const result = await run([ 'import', csv ], admin);
    expect(result.code).toBe(1);
    expect(result.stdout.trim().split('\n')).toEqual([
      'line 3 (SpecificConvention "conv_nowhere_2016"): parties[0]: there is no party "nobody" of kind TRAINING_OPERATOR (Query.trainingOperator). [BAD_USER_INPUT]',
      'line 4 (SpecificConvention "conv_backwards"): validTo: 2016 is before the start of the convention\'s validity, 2019. [BAD_USER_INPUT]',
      expect.stringMatching(/^line 5 \(SpecificConvention "conv_odd_kind"\): kind: .*SOMETHING.* \[BAD_USER_INPUT\]$/),
    ]);
    expect(result.stderr).toContain('3 record(s) cannot be written: nothing was written');
    expect(await fingerprint()).toEqual(before);
  });

  it('shows what a dry run would do, writes it all in one run, and a second run changes nothing (and says so)', async () => {
    const gov = await hub.tokenFor('editor', 'gov_wallonia', 'importer');
    const csv = file(
      'good.csv',
      [
        CSV_HEADER,
        'SpecificConvention,conv_forem_2016,Convention Le Forem – construction,TRAINING_OPERATOR,2016,2019,construction,forem:TRAINING_OPERATOR|gov_wallonia:GOVERNMENT,false,reported by Le Forem',
        'SpecificConvention,conv_ifapme_2017,Convention IFAPME – horeca,TRAINING_OPERATOR,2017,2020,horeca,ifapme:TRAINING_OPERATOR,false,',
        `SpecificConvention,sc_educam_cvdc,${(await hub.ask('{ convention(id: "sc_educam_cvdc") { title } }')).body.data.convention.title},,,,,,,changed by the import`,
      ].join('\n'),
    );
    const before = await fingerprint();
    const dry = await run(['import', csv, '--dry-run'], gov);
    expect([dry.code, dry.stderr]).toEqual([0, expect.not.stringContaining('Error')]);
    expect(dry.stdout.trim().split('\n')).toEqual([
      'would create SpecificConvention "conv_forem_2016" (line 2)',
      'would create SpecificConvention "conv_ifapme_2017" (line 3)',
      'would change SpecificConvention "sc_educam_cvdc" (line 4)',
      `${csv}: would create 2, would change 1, would delete 0, unchanged 0 (dry run: nothing was written)`,
    ]);
    expect(await fingerprint()).toEqual(before);

    const real = await run(['import', csv], gov);
    expect(real.stdout.trim()).toBe(`${csv}: created 2, changed 1, deleted 0, unchanged 0 (one transaction; the audit trail has each record under this import)`);
    const read = await hub.ask('{ trainingOperator(id: "forem") { conventions { nodes { id parties { id } validFrom } } } convention(id: "sc_educam_cvdc") { note version } }');
    expect(read.body.data.trainingOperator.conventions.nodes).toEqual([{ id: 'conv_forem_2016', parties: [{ id: 'forem' }, { id: 'gov_wallonia' }], validFrom: '2016' }]);
    expect(read.body.data.convention).toEqual({ note: 'changed by the import', version: 2 });
    const entries = await sql(hub.databaseUrl, "select operation, record_id, request_id, subject from audit.entry where operation = 'import' order by id");
    expect(entries.map((e) => e.record_id)).toEqual(['conv_forem_2016', 'conv_ifapme_2017', 'sc_educam_cvdc']);
    expect(new Set(entries.map((e) => `${e.request_id} ${e.subject}`)).size).toBe(1);

    const after = await fingerprint();
    const again = await run(['import', csv], gov);
    expect(again.stdout.trim()).toBe(`${csv}: nothing to change, the hub already holds all 3 record(s)`);
    expect(await fingerprint()).toEqual(after);
  });

  it('writes through the rights: an agency without them gets every record refused', async () => {
    const csv = file('forem.csv', [CSV_HEADER, 'SpecificConvention,conv_forem_self,Forem on its own,TRAINING_OPERATOR,2020,2021,construction,forem:TRAINING_OPERATOR,false,'].join('\n'));
    const result = await run(['import', csv], await hub.tokenFor('editor', 'forem'));
    expect(result.stdout.trim()).toBe('line 2 (SpecificConvention "conv_forem_self"): forem may not edit SpecificConvention "conv_forem_self": data/rights.json gives it no type. [FORBIDDEN]');
    expect(result.code).toBe(1);
  });
});

describe('npm run export', () => {
  it('writes a subgraph’s records in the shape the import reads: the round trip changes nothing, for every subgraph', async () => {
    const admin = await hub.tokenFor('admin');
    const totals = (await hub.ask('{ sectors { totalCount } frameworkAgreements { totalCount } conventions { totalCount } trainingOperators { totalCount } validationTitles { totalCount } validationFigures { totalCount } sectorTests { totalCount } sfmqProfiles { totalCount } sfmqApprovalBatches { totalCount } competenceCentres { totalCount } labelDecisions { id } }')).body.data;
    for (const subgraph of ['conventions', 'education', 'training', 'competence']) {
      const out = path.join(folder, `${subgraph}.json`);
      const exported = await run(['export', '--subgraph', subgraph, '--out', out], admin);
      expect([subgraph, exported.code, exported.stderr]).toEqual([subgraph, 0, expect.stringMatching(/record\(s\) written to/)]);
      const { records } = JSON.parse(readFileSync(out, 'utf8')) as { records: Record<string, unknown>[] };
      const count = (type: string) => records.filter((r) => r.type === type).length;
      if (subgraph === 'conventions') {
        expect([count('Sector'), count('FrameworkAgreement'), count('SpecificConvention')]).toEqual([totals.sectors.totalCount, totals.frameworkAgreements.totalCount, totals.conventions.totalCount]);
        expect(records.find((r) => r.id === 'conv_forem_2016')).toMatchObject({
          type: 'SpecificConvention',
          version: 1,
          parties: [{ id: 'forem', kind: 'TRAINING_OPERATOR' }, { id: 'gov_wallonia', kind: 'GOVERNMENT' }],
          sectors: ['construction'],
        });
      }
      if (subgraph === 'training') {
        const { trainingOperators, validationTitles, validationFigures } = totals;
        expect([count('TrainingOperator'), count('ValidationTitle'), count('ValidationFigure')]).toEqual([trainingOperators.totalCount, validationTitles.totalCount, validationFigures.totalCount]);
        expect(records.find((r) => r.id === 'vt_employe_administratif')).toMatchObject({ years: [{ year: 2022, epreuves: 841, rank: 1, sources: ['S203'] }], sectors: [], operators: [] });
      }
      if (subgraph === 'education') {
        const { sectorTests, sfmqProfiles, sfmqApprovalBatches } = totals;
        expect([count('SectorTest'), count('SfmqProfile'), count('SfmqApprovalBatch')]).toEqual([sectorTests.totalCount, sfmqProfiles.totalCount, sfmqApprovalBatches.totalCount]);
        expect(sectorTests.totalCount).toBeGreaterThan(0);
        // a year-less session goes out and comes back year-less, with the words of its date
        expect(records.find((r) => r.id === 'st_ifpm_industrie_technologique')).toMatchObject({
          organiser: 'ifpm',
          sessions: expect.arrayContaining([expect.objectContaining({ year: null, dateText: '3 juin (year not given)', candidates: 515, sources: ['S215'] })]),
        });
      }
      if (subgraph === 'competence') {
        expect([count('CompetenceCentre'), count('LabelDecision')]).toEqual([totals.competenceCentres.totalCount, totals.labelDecisions.length]);
        expect(records.find((r) => r.type === 'CompetenceCentre' && r.labelDecision)).toMatchObject({ label: { status: expect.any(String) }, sectors: expect.any(Array) });
      }

      const before = await fingerprint();
      const back = await run(['import', out], admin);
      expect([subgraph, back.stdout.trim()]).toEqual([subgraph, `${out}: nothing to change, the hub already holds all ${records.length} record(s)`]);
      expect(await fingerprint()).toEqual(before);
    }
  });

  it('lets an agency send back its own exported record with one field changed, though it holds fields the agency may not edit', async () => {
    const centre = await hub.tokenFor('editor', 'autoform');
    const exported = path.join(folder, 'autoform-export.json');
    expect((await run(['export', '--types', 'CompetenceCentre', '--out', exported], centre)).code).toBe(0);
    const { records } = JSON.parse(readFileSync(exported, 'utf8')) as { records: Record<string, unknown>[] };
    const own = records.find((r) => r.id === 'autoform')!;
    const website = file('autoform.json', JSON.stringify({ records: [{ ...own, website: 'https://www.autoform.be/' }] }));
    expect((await run(['import', website], centre)).stdout.trim()).toBe(`${website}: created 0, changed 1, deleted 0, unchanged 0 (one transaction; the audit trail has each record under this import)`);
    const label = file('autoform-label.json', JSON.stringify({ records: [{ ...own, website: 'https://www.autoform.be/', label: { ...(own.label as object), status: 'FULL', validTo: '2030' } }] }));
    const refused = await run(['import', label], centre);
    expect(refused.stdout.trim()).toBe('line 1 (CompetenceCentre "autoform"): autoform may edit its own CompetenceCentre "autoform" but not its label. [FORBIDDEN]');
  });

  it('imports parties and competence centres from CSV too, each with its owner', async () => {
    const admin = await hub.tokenFor('admin');
    const parties = file('parties.csv', 'type,id,name,website,verified\nTrainingOperator,cefora,Cefora,https://www.cefora.be,false\n');
    expect((await run(['import', parties], admin)).stdout.trim()).toBe(`${parties}: created 1, changed 0, deleted 0, unchanged 0 (one transaction; the audit trail has each record under this import)`);
    const centres = file(
      'centres.csv',
      'type,id,name,label.status,label.validFrom,label.validTo,sectors,publics,verified\nCompetenceCentre,cc_numerique,Centre numérique,PROVISIONAL,2025,2027,construction|bois,demandeurs_emploi,false\n',
    );
    const result = await run(['import', centres], admin);
    expect([result.code, result.stdout.trim()]).toEqual([0, `${centres}: created 1, changed 0, deleted 0, unchanged 0 (one transaction; the audit trail has each record under this import)`]);
    const read = await hub.ask('{ trainingOperator(id: "cefora") { name website } competenceCentre(id: "cc_numerique") { label { status validTo } sectors { id } publics { id } } }');
    expect(read.body.data).toEqual({
      trainingOperator: { name: 'Cefora', website: 'https://www.cefora.be' },
      competenceCentre: { label: { status: 'PROVISIONAL', validTo: '2027' }, sectors: [{ id: 'bois' }, { id: 'construction' }], publics: [{ id: 'demandeurs_emploi' }] },
    });
    const mixed = file('mixed.csv', 'type,id,name,verified\nTrainingOperator,x_one,X,false\nSector,x_two,Y,false\n');
    const refused = await run(['import', mixed], admin);
    expect([refused.code, refused.stderr.trim()]).toEqual([1, 'one import writes the records of one subgraph, in one transaction; this file mixes training and conventions: split it']);
  });
});
