import type { Role } from '@hub/kit';
import { sql } from '@hub/kit/testing';
import { refusal, startTestHub, type TestHub } from './support/hub';

// The agencies' writes through the real gateway and subgraph processes, per role (issue 9: sectors first).
let hub: TestHub;
beforeAll(async () => {
  hub = await startTestHub({ restart: true });
}, 120_000);
afterAll(() => hub?.stop());

const tokenFor = (role: Role, agency?: string, subject?: string) => hub.tokenFor(role, agency, subject);
const ask = (query: string, variables: Record<string, unknown> = {}, token?: string) => hub.ask(query, variables, token);

const UPDATE = `mutation ($input: UpdateSectorInput!) { updateSector(input: $input) { record { id name version sectorFund { id } verified sources { id } } } }`;
const read = async (id: string) => (await ask(`{ sector(id: "${id}") { name version sectorFund { id } } }`)).body.data.sector;

describe('who may change a sector', () => {
  it('asks an anonymous caller to sign in, and refuses a reader and an agency that does not own sectors', async () => {
    const input = { id: 'chimie', version: 1, name: 'Chimie' };
    expect(refusal(await ask(UPDATE, { input }))).toEqual([401, 'UNAUTHENTICATED', 'Sign in to use updateSector: send a token (Authorization: Bearer …) or an API key (x-api-key).']);
    expect(refusal(await ask(UPDATE, { input }, await tokenFor('reader')))).toEqual([403, 'FORBIDDEN', 'A reader may not use updateSector: it needs the role editor or admin.']);
    expect(refusal(await ask(UPDATE, { input }, await tokenFor('editor', 'forem')))).toEqual([
      403,
      'FORBIDDEN',
      'forem may not edit Sector "chimie": data/rights.json gives it no type.',
    ]);
    expect((await read('chimie')).version).toBe(1);
  });

  it('lets the Walloon government change it: the version rises, the change is on the record with before and after', async () => {
    const before = await read('chimie');
    const token = await tokenFor('editor', 'gov_wallonia', 'alice');
    const { status, body } = await ask(UPDATE, { input: { id: 'chimie', version: before.version, name: 'Chimie et sciences de la vie' } }, token);
    expect([status, body.errors]).toEqual([200, undefined]);
    expect(body.data.updateSector.record).toMatchObject({ id: 'chimie', name: 'Chimie et sciences de la vie', version: before.version + 1 });

    const history = await ask(`{ sector(id: "chimie") { history { at subject role agency credential operation recordType recordId before after requestId } } }`);
    expect(history.body.data.sector.history).toEqual([
      {
        at: expect.stringMatching(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d/),
        subject: 'alice',
        role: 'editor',
        agency: 'gov_wallonia',
        credential: 'token alice-token',
        operation: 'UPDATE',
        recordType: 'Sector',
        recordId: 'chimie',
        before: expect.objectContaining({ name: before.name }),
        after: expect.objectContaining({ name: 'Chimie et sciences de la vie' }),
        requestId: expect.any(String),
      },
    ]);
    const trail = '{ auditTrail(filter: { recordType: "Sector", recordId: "chimie" }) { totalCount nodes { subject at } } }';
    expect((await ask(trail, {}, await tokenFor('admin'))).body).toEqual({ data: { auditTrail: { totalCount: 1, nodes: [{ subject: 'alice', at: history.body.data.sector.history[0].at }] } } });
    expect((await ask(trail, {}, token)).body.data.auditTrail.totalCount).toBe(1);
    expect((await ask(trail, {}, await tokenFor('editor', 'forem'))).body.data.auditTrail.totalCount).toBe(0);
    expect(refusal(await ask(trail))[1]).toBe('UNAUTHENTICATED');
  });

  it('lets an admin change any sector', async () => {
    const { version } = await read('construction');
    const { body } = await ask(UPDATE, { input: { id: 'construction', version, note: 'checked' } }, await tokenFor('admin'));
    expect(body.data.updateSector.record.version).toBe(version + 1);
  });
});

describe('each party keeps its own record', () => {
  const UPDATE_OPERATOR = `mutation ($input: UpdatePartyInput!) { updateTrainingOperator(input: $input) { record { id website version history { agency operation after } } } }`;
  const version = async (query: string) => Object.values((await ask(query)).body.data)[0] as { version: number };

  it('lets an editor of Le Forem change Le Forem, and nothing else', async () => {
    const forem = await tokenFor('editor', 'forem');
    const { version: current } = await version('{ trainingOperator(id: "forem") { version } }');
    const changed = await ask(UPDATE_OPERATOR, { input: { id: 'forem', version: current, website: 'https://www.leforem.be/' } }, forem);
    expect(changed.body.data.updateTrainingOperator.record).toEqual({
      id: 'forem',
      website: 'https://www.leforem.be/',
      version: current + 1,
      history: [{ agency: 'forem', operation: 'UPDATE', after: expect.objectContaining({ website: 'https://www.leforem.be/' }) }],
    });
    const ifapme = await version('{ trainingOperator(id: "ifapme") { version } }');
    expect(refusal(await ask(UPDATE_OPERATOR, { input: { id: 'ifapme', version: ifapme.version, website: 'https://x.example/' } }, forem))).toEqual([
      403,
      'FORBIDDEN',
      'forem may not edit TrainingOperator "ifapme": data/rights.json gives it no type and its own TrainingOperator record.',
    ]);
    const segec = await version('{ educationNetwork(id: "net_segec") { version } }');
    const network = `mutation ($input: UpdatePartyInput!) { updateEducationNetwork(input: $input) { record { id } } }`;
    expect(refusal(await ask(network, { input: { id: 'net_segec', version: segec.version, note: 'x' } }, forem))[1]).toBe('FORBIDDEN');
    expect(refusal(await ask(network, { input: { id: 'net_segec', version: segec.version, note: 'checked' } }, await tokenFor('editor', 'net_segec')))).toEqual([200, undefined, undefined]);
  });

  it('takes a party’s sources from their owner, through the gateway, and names an unknown one', async () => {
    const ifapme = await tokenFor('editor', 'ifapme');
    const UPDATE_SOURCES = `mutation ($input: UpdatePartyInput!) { updateTrainingOperator(input: $input) { record { sources { id url } verified version } } }`;
    const { version: current } = await version('{ trainingOperator(id: "ifapme") { version } }');
    const unknown = await ask(UPDATE_SOURCES, { input: { id: 'ifapme', version: current, sources: ['S01', 'nope'] } }, ifapme);
    expect([unknown.status, unknown.body.errors?.[0].extensions.field, unknown.body.errors?.[0].message]).toEqual([400, 'sources[1]', 'sources[1]: there is no source "nope" (Query.sources).']);
    const none = await ask(UPDATE_SOURCES, { input: { id: 'ifapme', version: current, sources: [], verified: true } }, ifapme);
    expect(none.body.errors?.[0].message).toBe('sources: a verified party needs at least one source (or set verified: false).');
    const set = await ask(UPDATE_SOURCES, { input: { id: 'ifapme', version: current, sources: ['S01'] } }, ifapme);
    expect(set.body.data.updateTrainingOperator.record).toEqual({ sources: [{ id: 'S01', url: expect.stringMatching(/^https?:/) }], verified: true, version: current + 1 });
  });

  it('refuses a website that is not an address, and an id of another kind of party', async () => {
    const { version: current } = await version('{ trainingOperator(id: "ifapme") { version } }');
    const bad = await ask(UPDATE_OPERATOR, { input: { id: 'ifapme', version: current, website: 'ifapme dot be' } }, await tokenFor('editor', 'ifapme'));
    expect([bad.status, bad.body.errors?.[0].extensions.field, bad.body.errors?.[0].message]).toEqual([400, 'website', 'website: "ifapme dot be" is not an http(s) address.']);
    const other = await ask(`mutation { updateValidationBody(input: { id: "ifapme", version: ${current}, note: "x" }) { record { id } } }`, {}, await tokenFor('admin'));
    expect(other.body.errors?.[0].message).toBe('id: "ifapme" is not a validation body (CVDC).');
  });
});

describe('competence centres and their labels', () => {
  const UPDATE_CENTRE = `mutation ($input: UpdateCompetenceCentreInput!) { updateCompetenceCentre(input: $input) { record { id website province label { status validFrom validTo } version } } }`;
  const centre = async (id: string) => (await ask(`{ competenceCentre(id: "${id}") { version website province label { status validFrom validTo } } }`)).body.data.competenceCentre;

  it('lets a centre change its descriptive fields, not its label', async () => {
    const own = await tokenFor('editor', 'cefochim');
    const { version } = await centre('cefochim');
    const changed = await ask(UPDATE_CENTRE, { input: { id: 'cefochim', version, website: 'https://www.cefochim.be/', province: 'liege' } }, own);
    expect(changed.body.data.updateCompetenceCentre.record).toMatchObject({ website: 'https://www.cefochim.be/', province: 'Liège', version: version + 1 });
    const label = { status: 'FULL', validFrom: '2025', validTo: '2030' };
    expect(refusal(await ask(UPDATE_CENTRE, { input: { id: 'cefochim', version: version + 1, label } }, own))).toEqual([
      403,
      'FORBIDDEN',
      'cefochim may edit its own CompetenceCentre "cefochim" but not its label.',
    ]);
    expect(refusal(await ask(UPDATE_CENTRE, { input: { id: 'cefochim', version: version + 1, website: null } }, await tokenFor('editor', 'forem')))[1]).toBe('FORBIDDEN');
  });

  it('lets the Walloon government change a label, its dates in order at the precision given', async () => {
    const wallonia = await tokenFor('editor', 'gov_wallonia');
    const { version } = await centre('autoform');
    const late = await ask(UPDATE_CENTRE, { input: { id: 'autoform', version, label: { status: 'PROVISIONAL', validFrom: '2025-05', validTo: '2025-04-30' } } }, wallonia);
    expect([late.status, late.body.errors?.[0].extensions.field, late.body.errors?.[0].message]).toEqual([400, 'label.validTo', "label.validTo: 2025-04-30 is before the start of the label's validity, 2025-05."]);
    const badDate = await ask(UPDATE_CENTRE, { input: { id: 'autoform', version, label: { status: 'FULL', validFrom: '2025-13' } } }, wallonia);
    expect([badDate.status, badDate.body.errors?.[0].extensions.code]).toEqual([400, 'BAD_USER_INPUT']);
    const renewed = await ask(UPDATE_CENTRE, { input: { id: 'autoform', version, label: { status: 'FULL', validFrom: '2025-05', validTo: '2025' } } }, wallonia);
    expect(renewed.body.data.updateCompetenceCentre.record).toMatchObject({ label: { status: 'FULL', validFrom: '2025-05', validTo: '2025' }, version: version + 1 });
  });
});

describe('specific conventions, with parties from every subgraph', () => {
  const CREATE = `mutation ($input: CreateConventionInput!) { createConvention(input: $input) { record { id title kind version sectors { id } parties { __typename id } objectives { code } sources { id } } } }`;
  const convention = {
    id: 'conv_forem_construction_2025',
    title: 'Convention Le Forem – Construction',
    kind: 'TRAINING_OPERATOR',
    signedOn: '2025-03',
    validFrom: '2025',
    validTo: '2029',
    sectors: ['construction'],
    parties: [
      { id: 'forem', kind: 'TRAINING_OPERATOR' },
      { id: 'constructiv', kind: 'SECTOR_FUND' },
      { id: 'gov_wallonia', kind: 'GOVERNMENT' },
    ],
    sources: ['S01'],
  };

  it('refuses a convention naming an unknown training operator, with the field at fault, and adds nothing', async () => {
    const wallonia = await tokenFor('editor', 'gov_wallonia');
    const input = { ...convention, parties: [...convention.parties, { id: 'forem_bis', kind: 'TRAINING_OPERATOR' }] };
    const answer = await ask(CREATE, { input }, wallonia);
    expect([answer.status, answer.body.errors?.[0].extensions.field, answer.body.errors?.[0].message]).toEqual([
      400,
      'parties[3]',
      'parties[3]: there is no party "forem_bis" of kind TRAINING_OPERATOR (Query.trainingOperator).',
    ]);
    expect((await ask(`{ convention(id: "${convention.id}") { id } }`)).body.data.convention).toBeNull();
    const twice = await ask(CREATE, { input: { ...convention, sectors: ['construction', 'bois', 'construction'] } }, wallonia);
    expect(twice.body.errors?.[0].message).toBe('sectors[2]: "construction" is given twice.');
    const wrongKind = await ask(CREATE, { input: { ...convention, parties: [{ id: 'forem', kind: 'EDUCATION_NETWORK' }] } }, wallonia);
    expect(wrongKind.body.errors?.[0].extensions.field).toBe('parties[0]');
  });

  it('lets the Walloon government add one, which the parties’ subgraphs then list, and change it', async () => {
    const wallonia = await tokenFor('editor', 'gov_wallonia');
    const created = await ask(CREATE, { input: convention }, wallonia);
    expect(created.body.errors).toBeUndefined();
    expect(created.body.data.createConvention.record).toEqual({
      id: convention.id,
      title: convention.title,
      kind: 'TRAINING_OPERATOR',
      version: 1,
      sectors: [{ id: 'construction' }],
      parties: expect.arrayContaining([{ __typename: 'TrainingOperator', id: 'forem' }, { __typename: 'SectorBody', id: 'constructiv' }, { __typename: 'PublicAuthority', id: 'gov_wallonia' }]),
      objectives: [],
      sources: [{ id: 'S01' }],
    });
    const listed = await ask(`{ trainingOperator(id: "forem") { conventions(first: 50) { nodes { id } } } }`);
    expect(listed.body.data.trainingOperator.conventions.nodes).toContainEqual({ id: convention.id });
    expect(refusal(await ask(CREATE, { input: convention }, wallonia))).toEqual([400, 'BAD_USER_INPUT', `id: there is already a SpecificConvention "${convention.id}".`]);

    const UPDATE_CONVENTION = `mutation ($input: UpdateConventionInput!) { updateConvention(input: $input) { record { validTo parties { id } version history { operation } } } }`;
    const changed = await ask(UPDATE_CONVENTION, { input: { id: convention.id, version: 1, validTo: '2030', parties: [{ id: 'forem', kind: 'TRAINING_OPERATOR' }] } }, wallonia);
    expect(changed.body.data.updateConvention.record).toEqual({ validTo: '2030', parties: [{ id: 'forem' }], version: 2, history: [{ operation: 'CREATE' }, { operation: 'UPDATE' }] });
    const backwards = await ask(UPDATE_CONVENTION, { input: { id: convention.id, version: 2, validFrom: '2031' } }, wallonia);
    expect(backwards.body.errors?.[0].message).toBe("validTo: 2030 is before the start of the convention's validity, 2031.");
    expect(refusal(await ask(UPDATE_CONVENTION, { input: { id: convention.id, version: 2, note: 'x' } }, await tokenFor('editor', 'forem')))[1]).toBe('FORBIDDEN');
  });
});

describe('framework agreements', () => {
  it('lets the FWB government add one with its signatories, each checked with its owner, and change it', async () => {
    const fwb = await tokenFor('editor', 'gov_fwb');
    const CREATE_AGREEMENT = `mutation ($input: CreateFrameworkAgreementInput!) { createFrameworkAgreement(input: $input) { record { id title version sectors { id } signatories { id } } } }`;
    const input = {
      id: 'fa_bois_2025',
      title: 'Accord-cadre Bois 2025–2029',
      validFrom: '2025',
      validTo: '2029',
      sectors: ['bois'],
      signatories: [{ id: 'gov_fwb', kind: 'GOVERNMENT' }, { id: 'woodwize', kind: 'SECTOR_FUND' }, { id: 'nobody', kind: 'SECTOR_FEDERATION' }],
      sources: ['S01'],
    };
    const unknown = await ask(CREATE_AGREEMENT, { input }, fwb);
    expect([unknown.body.errors?.[0].extensions.field, unknown.body.errors?.[0].message]).toEqual([
      'signatories[2]',
      'signatories[2]: there is no party "nobody" of kind SECTOR_FEDERATION (Query.sectorBody).',
    ]);
    const created = await ask(CREATE_AGREEMENT, { input: { ...input, signatories: input.signatories.slice(0, 2) } }, fwb);
    expect(created.body.data.createFrameworkAgreement.record).toEqual({
      id: 'fa_bois_2025',
      title: 'Accord-cadre Bois 2025–2029',
      version: 1,
      sectors: [{ id: 'bois' }],
      signatories: [{ id: 'gov_fwb' }, { id: 'woodwize' }],
    });
    const changed = await ask(
      `mutation { updateFrameworkAgreement(input: { id: "fa_bois_2025", version: 1, programme: "Alternance" }) { record { programme version history { operation } } } }`,
      {},
      fwb,
    );
    expect(changed.body.data.updateFrameworkAgreement.record).toEqual({ programme: 'Alternance', version: 2, history: [{ operation: 'CREATE' }, { operation: 'UPDATE' }] });
  });
});

describe('label decisions', () => {
  it('lets the Walloon government record a decision (its government checked with the conventions subgraph), and no centre', async () => {
    const wallonia = await tokenFor('editor', 'gov_wallonia');
    const CREATE_DECISION = `mutation ($input: CreateLabelDecisionInput!) { createLabelDecision(input: $input) { record { id decidedOn decidedBy { id } validTo fullLabelCount version history { operation } } } }`;
    const input = { id: 'decision_2025', decidedOn: '2025-06-19', decidedBy: 'gov_wallonia', validFrom: '2025', validTo: '2029', fullLabelCount: 20, sources: ['S01'] };
    const wrongBody = await ask(CREATE_DECISION, { input: { ...input, decidedBy: 'forem' } }, wallonia);
    expect([wrongBody.body.errors?.[0].extensions.field, wrongBody.body.errors?.[0].message]).toEqual(['decidedBy', 'decidedBy: there is no party "forem" of kind GOVERNMENT (Query.publicAuthority).']);
    const negative = await ask(CREATE_DECISION, { input: { ...input, fullLabelCount: -1 } }, wallonia);
    expect(negative.body.errors?.[0].message).toBe('fullLabelCount: must be 0 or more.');
    expect(refusal(await ask(CREATE_DECISION, { input }, await tokenFor('editor', 'cefochim')))[1]).toBe('FORBIDDEN');
    const created = await ask(CREATE_DECISION, { input }, wallonia);
    expect(created.body.data.createLabelDecision.record).toEqual({
      id: 'decision_2025',
      decidedOn: '2025-06-19',
      decidedBy: { id: 'gov_wallonia' },
      validTo: '2029',
      fullLabelCount: 20,
      version: 1,
      history: [{ operation: 'CREATE' }],
    });
  });
});

describe('new parties', () => {
  const CREATE_OPERATOR = `mutation ($input: CreatePartyInput!) { createTrainingOperator(input: $input) { record { id name kind version } } }`;

  it('lets an agency add its own record, not another’s; a type of several kinds needs the kind', async () => {
    const own = await ask(CREATE_OPERATOR, { input: { id: 'efp', name: 'efp – Centre de formation en alternance', verified: false } }, await tokenFor('editor', 'efp'));
    expect(own.body.data.createTrainingOperator.record).toEqual({ id: 'efp', name: 'efp – Centre de formation en alternance', kind: 'TRAINING_OPERATOR', version: 1 });
    expect(refusal(await ask(CREATE_OPERATOR, { input: { id: 'syntra', name: 'Syntra', verified: false } }, await tokenFor('editor', 'forem')))[1]).toBe('FORBIDDEN');
    // an agency cannot add itself again as another kind of body
    const again = await ask(`mutation { createPublicAuthority(input: { id: "forem", name: "Le Forem", verified: false }) { record { id } } }`, {}, await tokenFor('editor', 'forem'));
    expect([again.body.errors?.[0].extensions.field, again.body.errors?.[0].message]).toEqual(['id', 'id: "forem" is already a TrainingOperator: a party has one record.']);
    const body = await ask(`mutation { createSectorBody(input: { id: "fonds_test", name: "Fonds test", verified: false }) { record { id } } }`, {}, await tokenFor('admin'));
    expect(body.body.errors?.[0].message).toBe('kind: a sector training fund or employers federation is of kind SECTOR_FUND or SECTOR_FEDERATION.');
  });

  it('lets a convention name a party created since the data file was loaded, and analysts filter on it', async () => {
    const wallonia = await tokenFor('editor', 'gov_wallonia');
    const created = await ask(
      `mutation ($input: CreateConventionInput!) { createConvention(input: $input) { record { id } } }`,
      { input: { id: 'conv_efp_2025', title: 'Convention efp', kind: 'TRAINING_OPERATOR', parties: [{ id: 'efp', kind: 'TRAINING_OPERATOR' }], verified: false } },
      wallonia,
    );
    expect(created.body.errors).toBeUndefined();
    const filtered = await ask('{ conventions(filter: { party: ["efp"] }) { nodes { id } } }');
    expect(filtered.body).toEqual({ data: { conventions: { nodes: [{ id: 'conv_efp_2025' }] } } });
  });
});

describe('no lost update, no half-made change', () => {
  it('refuses a change made from a version that is no longer current (CONFLICT), and of two at once lets one through', async () => {
    const token = await tokenFor('editor', 'gov_fwb');
    const { version } = await read('horeca');
    const [first, second] = await Promise.all(
      ['Horeca (1)', 'Horeca (2)'].map((name) => ask(UPDATE, { input: { id: 'horeca', version, name } }, token)),
    );
    const answers = [first, second].map((answer) => answer.body.errors?.[0].extensions.code ?? 'ok').sort();
    expect(answers).toEqual(['CONFLICT', 'ok']);
    const late = first.body.errors ? first : second;
    expect(late.status).toBe(409);
    expect(late.body.errors?.[0].message).toBe(`Sector "horeca" was changed since you read it: it is at version ${version + 1}, you sent ${version}. Read it again and re-apply your change.`);
    expect((await read('horeca')).version).toBe(version + 1);
  });

  it('refuses bad input naming the field at fault, and changes nothing', async () => {
    const token = await tokenFor('editor', 'gov_wallonia');
    const before = await read('transport_logistique');
    const cases: [Record<string, unknown>, string, string][] = [
      [{ sectorFund: 'forem' }, 'sectorFund', 'sectorFund: "forem" is not a sector body of kind SECTOR_FUND (Query.sectorBodies).'],
      [{ name: '  ' }, 'name', 'name: must hold 1 to 300 characters.'],
      [{ sources: ['S01', 'nope'] }, 'sources[1]', 'sources[1]: there is no source "nope" (Query.sources).'],
      [{ sources: [], verified: true }, 'sources', 'sources: a verified sector needs at least one source (or set verified: false).'],
      [{ unverifiedFields: ['sector_fund'] }, 'unverifiedFields', 'unverifiedFields: "sector_fund" is not a field of a sector (name, sectorFund, federation).'],
    ];
    for (const [change, field, message] of cases) {
      const answer = await ask(UPDATE, { input: { id: 'transport_logistique', version: before.version, name: 'Changed', ...change } }, token);
      expect([answer.status, answer.body.errors?.[0].extensions.code, answer.body.errors?.[0].extensions.field, answer.body.errors?.[0].message]).toEqual([400, 'BAD_USER_INPUT', field, message]);
    }
    expect(await read('transport_logistique')).toEqual(before);
    expect(refusal(await ask(UPDATE, { input: { id: 'nowhere', version: 1, name: 'x' } }, token))).toEqual([400, 'NOT_FOUND', 'There is no Sector "nowhere".']);
  });
});

describe('the reference data and the agencies’ edits', () => {
  it('keeps an edit when the subgraph restarts and reloads the data file', async () => {
    const { version } = await read('bois');
    await ask(UPDATE, { input: { id: 'bois', version, name: 'Bois (edited)' } }, await tokenFor('admin'));
    await hub.killSubgraph('conventions');
    for (let tries = 0; tries < 150; tries++) {
      const answer = await ask('{ sector(id: "bois") { name version } }');
      if (answer.body.data?.sector) {
        expect(answer.body.data.sector).toEqual({ name: 'Bois (edited)', version: version + 1 });
        return;
      }
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
    throw new Error('the conventions subgraph did not come back');
  }, 60_000);

  it('has every write of this file on the audit trail, and nothing that was refused', async () => {
    const entries = await sql(hub.databaseUrl, 'select operation, record_type, record_id, subgraph from audit.entry order by id');
    expect(entries.map((e) => `${e.operation} ${e.record_type} ${e.record_id} (${e.subgraph})`)).toEqual([
      'update Sector chimie (conventions)',
      'update Sector construction (conventions)',
      'update TrainingOperator forem (training)',
      'update EducationNetwork net_segec (education)',
      'update TrainingOperator ifapme (training)',
      'update CompetenceCentre cefochim (competence)',
      'update CompetenceCentre autoform (competence)',
      'create SpecificConvention conv_forem_construction_2025 (conventions)',
      'update SpecificConvention conv_forem_construction_2025 (conventions)',
      'create FrameworkAgreement fa_bois_2025 (conventions)',
      'update FrameworkAgreement fa_bois_2025 (conventions)',
      'create LabelDecision decision_2025 (competence)',
      'create TrainingOperator efp (training)',
      'create SpecificConvention conv_efp_2025 (conventions)',
      'update Sector horeca (conventions)',
      'update Sector bois (conventions)',
    ]);
    // an admin pages through the same trail, newest first
    const admin = await tokenFor('admin');
    const seen: string[] = [];
    let after: string | null = null;
    for (let page = 0; page < 10; page++) {
      const answer = await ask('query ($after: String) { auditTrail(first: 2, after: $after) { totalCount pageInfo { hasNextPage endCursor } nodes { recordId } } }', { after }, admin);
      const trail = answer.body.data.auditTrail;
      expect(trail.totalCount).toBe(16);
      seen.push(...trail.nodes.map((node: { recordId: string }) => node.recordId));
      if (!trail.pageInfo.hasNextPage) break;
      after = trail.pageInfo.endCursor;
    }
    expect(seen).toEqual(entries.map((e) => e.record_id).reverse());
  });
});
