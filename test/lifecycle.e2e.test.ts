import pg from 'pg';
import { sql } from '@hub/kit/testing';
import { refusal, startTestHub, type TestHub } from './support/hub';

// Records created and deleted through the real gateway and subgraph processes: a new sector and a centre
// serving it; deletions soft (a tombstone in the audit trail, the record gone from every read), refused
// while another record still names the one to delete.
let hub: TestHub;
beforeAll(async () => {
  hub = await startTestHub({ restart: true });
}, 120_000);
afterAll(() => hub?.stop());

const DELETE_CONVENTION = 'mutation ($input: DeleteInput!) { deleteConvention(input: $input) { record { id version } } }';
const versionOf = async (query: string) => (Object.values((await hub.ask(query)).body.data)[0] as { version: number }).version;

describe('new sectors and competence centres', () => {
  const CREATE_SECTOR = 'mutation ($input: CreateSectorInput!) { createSector(input: $input) { record { id name version parent { id } } } }';
  const CREATE_CENTRE = 'mutation ($input: CreateCompetenceCentreInput!) { createCompetenceCentre(input: $input) { record { id name label { status } sectors { id name } publics { id } } } }';
  const centre = { id: 'technocite_num', name: 'Technocité numérique', label: { status: 'PROVISIONAL', validFrom: '2025', validTo: '2027' }, sectors: ['numerique'], publics: ['demandeurs_emploi'], verified: false };

  it('lets a government add a sector and a sub-sector of it, whose id says whose sub-sector it is', async () => {
    const gov = await hub.tokenFor('editor', 'gov_fwb');
    const sector = await hub.ask(CREATE_SECTOR, { input: { id: 'numerique', name: 'Numérique', verified: false } }, gov);
    expect(sector.body).toEqual({ data: { createSector: { record: { id: 'numerique', name: 'Numérique', version: 1, parent: null } } } });
    const misplaced = await hub.ask(CREATE_SECTOR, { input: { id: 'cybersecurite', parent: 'numerique', name: 'Cybersécurité', verified: false } }, gov);
    expect(refusal(misplaced)).toEqual([400, 'BAD_USER_INPUT', 'id: must be "numerique/" followed by 2 to 100 lower-case letters, digits, "_" or "-", starting with a letter or digit.']);
    const sub = await hub.ask(CREATE_SECTOR, { input: { id: 'numerique/cybersecurite', parent: 'numerique', name: 'Cybersécurité', verified: false } }, gov);
    expect(sub.body.data.createSector.record.parent).toEqual({ id: 'numerique' });
    expect((await hub.ask('{ sector(id: "numerique") { subSectors { id } } }')).body.data.sector.subSectors).toEqual([{ id: 'numerique/cybersecurite' }]);
    expect(refusal(await hub.ask(CREATE_SECTOR, { input: { id: 'jeux', name: 'Jeux' } }, await hub.tokenFor('editor', 'forem')))[1]).toBe('FORBIDDEN');
  });

  it('lets the Walloon government add a centre serving the new sector (checked with its owner); a centre may not grant itself a label', async () => {
    const unknown = await hub.ask(CREATE_CENTRE, { input: { ...centre, sectors: ['numerique', 'nowhere'] } }, await hub.tokenFor('editor', 'gov_wallonia'));
    expect(refusal(unknown)).toEqual([400, 'BAD_USER_INPUT', 'sectors[1]: there is no sector "nowhere" (Query.sectors).']);
    expect(refusal(await hub.ask(CREATE_CENTRE, { input: centre }, await hub.tokenFor('editor', 'technocite_num')))).toEqual([
      403,
      'FORBIDDEN',
      'technocite_num may edit its own CompetenceCentre "technocite_num" but not its label.',
    ]);
    const created = await hub.ask(CREATE_CENTRE, { input: centre }, await hub.tokenFor('editor', 'gov_wallonia'));
    expect(created.body).toEqual({
      data: { createCompetenceCentre: { record: { id: 'technocite_num', name: 'Technocité numérique', label: { status: 'PROVISIONAL' }, sectors: [{ id: 'numerique', name: 'Numérique' }], publics: [{ id: 'demandeurs_emploi' }] } } },
    });
    const reads = await hub.ask('{ sector(id: "numerique") { competenceCentres { nodes { id } } } competenceCentres(filter: { sector: ["numerique"] }) { totalCount } }');
    expect(reads.body.data).toEqual({ sector: { competenceCentres: { nodes: [{ id: 'technocite_num' }] } }, competenceCentres: { totalCount: 1 } });

    const remove = await hub.ask('mutation { deleteSector(input: { id: "numerique", version: 1 }) { record { id } } }', {}, await hub.tokenFor('admin'));
    expect(refusal(remove)).toEqual([409, 'CONFLICT', 'Sector "numerique" is still named by Sector "numerique/cybersecurite", CompetenceCentre "technocite_num": change or delete those first.']);
  });
});

describe('deleting a specific convention', () => {
  it('takes it out of every read: the record, lists, counts, its sector’s and its parties’ conventions', async () => {
    const gov = await hub.tokenFor('editor', 'gov_wallonia', 'alice');
    const reads = `{
      convention(id: "sc_educam_cvdc") { id }
      conventions(filter: { sector: ["automobile"] }) { totalCount nodes { id } }
      conventionCounts(groupBy: [KIND]) { count }
      sector(id: "automobile") { conventions { totalCount } }
      validationBody(id: "cvdc") { conventions { totalCount } }
    }`;
    const first = await hub.ask(reads);
    expect(first.body.errors).toBeUndefined();
    const before = first.body.data;
    expect(before.convention).toEqual({ id: 'sc_educam_cvdc' });
    const version = await versionOf('{ convention(id: "sc_educam_cvdc") { version } }');

    const answer = await hub.ask(DELETE_CONVENTION, { input: { id: 'sc_educam_cvdc', version } }, gov);
    expect([answer.status, answer.body.errors]).toEqual([200, undefined]);
    expect(answer.body.data.deleteConvention.record).toEqual({ id: 'sc_educam_cvdc', version: version + 1 });

    const after = (await hub.ask(reads)).body.data;
    expect(after.convention).toBeNull();
    expect(after.conventions.nodes.map((n: { id: string }) => n.id)).not.toContain('sc_educam_cvdc');
    expect(after.conventions.totalCount).toBe(before.conventions.totalCount - 1);
    const total = (counts: { count: number }[]) => counts.reduce((sum, c) => sum + c.count, 0);
    expect(total(after.conventionCounts)).toBe(total(before.conventionCounts) - 1);
    expect(after.sector.conventions.totalCount).toBe(before.sector.conventions.totalCount - 1);
    expect(after.validationBody.conventions.totalCount).toBe(before.validationBody.conventions.totalCount - 1);
  });

  it('leaves a tombstone in the audit trail: who, the fields before, nothing after', async () => {
    const trail = await hub.ask(
      '{ auditTrail(filter: { recordType: "SpecificConvention", recordId: "sc_educam_cvdc" }) { nodes { operation subject agency before after } } }',
      {},
      await hub.tokenFor('admin'),
    );
    expect(trail.body.data.auditTrail.nodes).toEqual([
      { operation: 'DELETE', subject: 'alice', agency: 'gov_wallonia', before: expect.objectContaining({ title: expect.any(String), parties: expect.any(Array) }), after: null },
    ]);
  });

  it('refuses to change, delete again or re-create it: its id is never reused', async () => {
    const gov = await hub.tokenFor('editor', 'gov_wallonia');
    expect(refusal(await hub.ask(DELETE_CONVENTION, { input: { id: 'sc_educam_cvdc', version: 2 } }, gov))).toEqual([400, 'NOT_FOUND', 'There is no SpecificConvention "sc_educam_cvdc".']);
    const update = await hub.ask('mutation { updateConvention(input: { id: "sc_educam_cvdc", version: 2, note: "x" }) { record { id } } }', {}, gov);
    expect(refusal(update)[1]).toBe('NOT_FOUND');
    const create = await hub.ask('mutation { createConvention(input: { id: "sc_educam_cvdc", title: "Again", kind: VALIDATION, verified: false }) { record { id } } }', {}, gov);
    expect(refusal(create)).toEqual([400, 'BAD_USER_INPUT', expect.stringMatching(/^id: "sc_educam_cvdc" belonged to a SpecificConvention deleted on \d{4}-\d\d-\d\d: ids are never reused, choose another\.$/)]);
  });

  it('refuses a deletion from a version that is no longer current, and a caller without the right', async () => {
    const version = await versionOf('{ convention(id: "sc_educam_fwb") { version } }');
    const stale = await hub.ask(DELETE_CONVENTION, { input: { id: 'sc_educam_fwb', version: version + 1 } }, await hub.tokenFor('admin'));
    expect(refusal(stale).slice(0, 2)).toEqual([409, 'CONFLICT']);
    expect(refusal(await hub.ask(DELETE_CONVENTION, { input: { id: 'sc_educam_fwb', version } }))[1]).toBe('UNAUTHENTICATED');
    expect(refusal(await hub.ask(DELETE_CONVENTION, { input: { id: 'sc_educam_fwb', version } }, await hub.tokenFor('editor', 'forem')))).toEqual([
      403,
      'FORBIDDEN',
      'forem may not delete SpecificConvention "sc_educam_fwb": data/rights.json gives it no type.',
    ]);
    expect(await versionOf('{ convention(id: "sc_educam_fwb") { version } }')).toBe(version);
  });
});

describe('a record still named by others', () => {
  it('is not deleted while a convention carries out an agreement, and is once it no longer does', async () => {
    const gov = await hub.tokenFor('editor', 'gov_fwb');
    const deleteAgreement = async () =>
      hub.ask('mutation ($input: DeleteInput!) { deleteFrameworkAgreement(input: $input) { record { id } } }', {
        input: { id: 'fa_construction_2015_2019', version: await versionOf('{ frameworkAgreement(id: "fa_construction_2015_2019") { version } }') },
      }, gov);
    const refused = await deleteAgreement();
    expect(refusal(refused)).toEqual([
      409,
      'CONFLICT',
      'FrameworkAgreement "fa_construction_2015_2019" is still named by SpecificConvention "sc_construction_promotion_sociale": change or delete those first.',
    ]);
    expect(refused.body.errors![0].extensions.namedBy).toEqual(['SpecificConvention "sc_construction_promotion_sociale"']);

    const version = await versionOf('{ convention(id: "sc_construction_promotion_sociale") { version } }');
    await hub.ask(DELETE_CONVENTION, { input: { id: 'sc_construction_promotion_sociale', version } }, gov);
    expect((await deleteAgreement()).body.errors).toBeUndefined();
    expect((await hub.ask('{ frameworkAgreement(id: "fa_construction_2015_2019") { id } sector(id: "construction") { frameworkAgreements { nodes { id } } } }')).body.data).toEqual({
      frameworkAgreement: null,
      sector: { frameworkAgreements: { nodes: [{ id: 'fa_construction_2010_2014' }] } },
    });
  });

  it('is not deleted while another subgraph’s records name it: a sector its competence centres, a party its conventions', async () => {
    const admin = await hub.tokenFor('admin');
    const sector = await hub.ask('mutation ($input: DeleteInput!) { deleteSector(input: $input) { record { id } } }', {
      input: { id: 'chimie', version: await versionOf('{ sector(id: "chimie") { version } }') },
    }, admin);
    expect(refusal(sector)).toEqual([409, 'CONFLICT', expect.stringMatching(/^Sector "chimie" is still named by .*CompetenceCentre "cefochim"/)]);

    const operator = await hub.ask('mutation ($input: DeleteInput!) { deleteTrainingOperator(input: $input) { record { id } } }', {
      input: { id: 'ifapme', version: await versionOf('{ trainingOperator(id: "ifapme") { version } }') },
    }, admin);
    expect(refusal(operator)).toEqual([409, 'CONFLICT', 'TrainingOperator "ifapme" is still named by SpecificConvention "sc_ifapme_commerce_alimentaire_2021": change or delete those first.']);
    expect((await hub.ask('{ sector(id: "chimie") { id } trainingOperator(id: "ifapme") { id } }')).body.data).toEqual({ sector: { id: 'chimie' }, trainingOperator: { id: 'ifapme' } });
  });
});

describe('a deletion and a write naming the record at the same moment', () => {
  it('never leaves a live record naming a deleted one: the write waits for the deletion, then no longer finds the record', async () => {
    const admin = await hub.tokenFor('admin');
    const created = await hub.ask('mutation { createFrameworkAgreement(input: { id: "fa_race", title: "Race", verified: false }) { record { id } } }', {}, admin);
    expect(created.body.errors).toBeUndefined();
    // a deletion in progress: the agreement's row locked, as deleteFrameworkAgreement locks it
    const deletion = new pg.Client({ connectionString: hub.databaseUrl });
    await deletion.connect();
    try {
      await deletion.query('begin');
      await deletion.query("select id from conventions.framework_agreement where id = 'fa_race' for update");
      const naming = hub.ask('mutation { createConvention(input: { id: "sc_race", title: "Race", kind: EDUCATION, frameworkAgreement: "fa_race", verified: false }) { record { id } } }', {}, admin);
      await new Promise((resolve) => setTimeout(resolve, 300)); // the write is waiting for the row
      await deletion.query("update conventions.framework_agreement set deleted_at = now() where id = 'fa_race'");
      await deletion.query('commit');
      expect(refusal(await naming)).toEqual([400, 'BAD_USER_INPUT', 'frameworkAgreement: there is no framework agreement "fa_race".']);
    } finally {
      await deletion.end();
    }
  });
});

describe('parties and competence centres', () => {
  it('lets a party edit its own record but not delete it; an admin deletes a party nobody names', async () => {
    const forem = await hub.tokenFor('editor', 'forem');
    const created = await hub.ask('mutation { createTrainingOperator(input: { id: "cefora", name: "Cefora", verified: false }) { record { id version } } }', {}, await hub.tokenFor('editor', 'cefora'));
    expect(created.body.errors).toBeUndefined();
    const remove = (token: string) => hub.ask('mutation { deleteTrainingOperator(input: { id: "cefora", version: 1 }) { record { id } } }', {}, token);
    expect(refusal(await remove(await hub.tokenFor('editor', 'cefora')))).toEqual([
      403,
      'FORBIDDEN',
      'cefora may not delete TrainingOperator "cefora": data/rights.json gives it no type and its own TrainingOperator record, which it may edit but not delete.',
    ]);
    expect(refusal(await remove(forem))[1]).toBe('FORBIDDEN');
    expect((await remove(await hub.tokenFor('admin'))).body.errors).toBeUndefined();
    const reads = (await hub.ask('{ trainingOperator(id: "cefora") { id } trainingOperators(filter: { id: ["cefora"] }) { totalCount } }')).body;
    expect(reads.data).toEqual({ trainingOperator: null, trainingOperators: { totalCount: 0 } });
  });

  it('refuses to delete a label decision a centre’s label rests on; lets the Walloon government delete a centre, not the centre itself', async () => {
    const gov = await hub.tokenFor('editor', 'gov_wallonia');
    const decisions = await hub.ask('{ labelDecisions { id version centres(first: 1) { nodes { id } } } }');
    const { version, centres } = decisions.body.data.labelDecisions.find((d: { id: string }) => d.id === 'ld_2020');
    const refused = await hub.ask('mutation ($input: DeleteInput!) { deleteLabelDecision(input: $input) { record { id } } }', { input: { id: 'ld_2020', version } }, gov);
    expect(refusal(refused)).toEqual([409, 'CONFLICT', expect.stringContaining(`is still named by CompetenceCentre "${centres.nodes[0].id}"`)]);

    const centre = 'forem_environnement';
    const remove = async (token: string) =>
      hub.ask('mutation ($input: DeleteInput!) { deleteCompetenceCentre(input: $input) { record { id } } }', {
        input: { id: centre, version: await versionOf(`{ competenceCentre(id: "${centre}") { version } }`) },
      }, token);
    expect(refusal(await remove(await hub.tokenFor('editor', centre)))[1]).toBe('FORBIDDEN');
    const before = (await hub.ask('{ competenceCentres { totalCount } }')).body.data.competenceCentres.totalCount;
    expect((await remove(gov)).body.errors).toBeUndefined();
    expect((await hub.ask(`{ competenceCentre(id: "${centre}") { id } competenceCentres { totalCount } }`)).body.data).toEqual({
      competenceCentre: null,
      competenceCentres: { totalCount: before - 1 },
    });
  });
});

describe('the reference data and deletions', () => {
  it('does not bring a deleted record back when the subgraph restarts and reloads the data file', async () => {
    const version = await versionOf('{ convention(id: "sc_ifpm_reseaux") { version } }');
    await hub.ask(DELETE_CONVENTION, { input: { id: 'sc_ifpm_reseaux', version } }, await hub.tokenFor('admin'));
    await hub.killSubgraph('conventions');
    for (let tries = 0; tries < 150; tries++) {
      const answer = await hub.ask('{ convention(id: "sc_ifpm_reseaux") { id } sector(id: "industrie_technologique") { id } }');
      if (answer.body.data?.sector) {
        expect(answer.body.data.convention).toBeNull();
        const [row] = await sql(hub.databaseUrl, "select deleted_at is not null as deleted from conventions.specific_convention where id = 'sc_ifpm_reseaux'");
        expect(row).toEqual({ deleted: true });
        return;
      }
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
    throw new Error('the conventions subgraph did not come back');
  });
});
