import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { GraphQLError, GraphQLResolveInfo } from 'graphql';
import { ANONYMOUS, type Identity, type Role } from './identity';
import { Rights, roleChecker, type WriteTarget } from './rights';

// The rights the hub ships with (data/rights.json), as the issue sets them out.
const rights = Rights.load();
const editor = (agency: string): Identity => ({ subject: `${agency}-editor`, role: 'editor', agency, credential: 'token t' });

/** The code and message of the refusal of this write, or 'allowed'. */
function outcome(identity: Identity, target: WriteTarget) {
  try {
    rights.check(identity, target);
    return 'allowed';
  } catch (error) {
    return `${(error as GraphQLError).extensions.code}: ${(error as Error).message}`;
  }
}

describe('who may edit what (data/rights.json)', () => {
  it('lets the Walloon and FWB governments edit sectors, framework agreements and specific conventions', () => {
    for (const agency of ['gov_wallonia', 'gov_fwb']) {
      for (const type of ['Sector', 'FrameworkAgreement', 'SpecificConvention']) expect(outcome(editor(agency), { type, id: 'any' })).toBe('allowed');
    }
  });

  it('lets gov_wallonia, and not gov_fwb, edit competence centres, their labels and label decisions', () => {
    expect(outcome(editor('gov_wallonia'), { type: 'CompetenceCentre', id: 'cefochim', fields: ['name', 'label'] })).toBe('allowed');
    expect(outcome(editor('gov_wallonia'), { type: 'LabelDecision', id: 'd1' })).toBe('allowed');
    expect(outcome(editor('gov_fwb'), { type: 'CompetenceCentre', id: 'cefochim', fields: ['name'] })).toBe(
      'FORBIDDEN: gov_fwb may not edit CompetenceCentre "cefochim": data/rights.json gives it Sector, FrameworkAgreement, SpecificConvention and its own CompetenceCentre record.',
    );
  });

  it('lets a party edit its own record and nothing else', () => {
    expect(outcome(editor('forem'), { type: 'TrainingOperator', id: 'forem', fields: ['website'] })).toBe('allowed');
    expect(outcome(editor('forem'), { type: 'TrainingOperator', id: 'ifapme', fields: ['website'] })).toBe(
      'FORBIDDEN: forem may not edit TrainingOperator "ifapme": data/rights.json gives it no type and its own TrainingOperator record.',
    );
    expect(outcome(editor('forem'), { type: 'SpecificConvention', id: 'c1' })).toBe('FORBIDDEN: forem may not edit SpecificConvention "c1": data/rights.json gives it no type.');
    expect(outcome(editor('net_segec'), { type: 'EducationNetwork', id: 'net_segec' })).toBe('allowed');
  });

  it('lets a centre edit its descriptive fields, not its label', () => {
    expect(outcome(editor('cefochim'), { type: 'CompetenceCentre', id: 'cefochim', fields: ['website', 'sites'] })).toBe('allowed');
    expect(outcome(editor('cefochim'), { type: 'CompetenceCentre', id: 'cefochim', fields: ['website', 'label'] })).toBe(
      'FORBIDDEN: cefochim may edit its own CompetenceCentre "cefochim" but not its label.',
    );
  });

  it('lets a sector fund create, edit and delete the sector tests it organises, and not those of another', () => {
    const test = (organisers: (string | null)[], deletion = false): WriteTarget => ({ type: 'SectorTest', id: 'st_educam_automobile', fields: ['name'], organisers, deletion });
    expect(outcome(editor('educam'), test(['educam']))).toBe('allowed');
    expect(outcome(editor('educam'), test(['educam', 'educam']))).toBe('allowed');
    expect(outcome(editor('educam'), test(['educam'], true))).toBe('allowed');
    expect(outcome(editor('ifpm'), test(['educam']))).toBe(
      'FORBIDDEN: ifpm may not edit SectorTest "st_educam_automobile": data/rights.json gives it no type and the SectorTest records it organises (organiser: "educam" here).',
    );
    // handing its test to another fund, or taking another's, needs both organisers to be its own
    expect(outcome(editor('educam'), test(['educam', 'ifpm']))).toBe(
      'FORBIDDEN: educam may not edit SectorTest "st_educam_automobile": data/rights.json gives it no type and the SectorTest records it organises (organiser: "ifpm" here).',
    );
    expect(outcome(editor('educam'), test(['ifpm', 'educam']))).toMatch(/^FORBIDDEN: educam may not edit SectorTest/);
    expect(outcome(editor('educam'), test([null]))).toBe(
      'FORBIDDEN: educam may not edit SectorTest "st_educam_automobile": data/rights.json gives it no type and the SectorTest records it organises (organiser: none here).',
    );
    expect(outcome(editor('ifpm'), test(['educam'], true))).toMatch(/^FORBIDDEN: ifpm may not delete SectorTest "st_educam_automobile"/);
    expect(outcome({ ...editor('x'), role: 'admin' }, test(['educam']))).toBe('allowed');
    expect(rights.organisersOf('SectorTest', { organiser: 'educam' }, { name: 'n' })).toEqual(['educam']);
    expect(rights.organisersOf('SectorTest', { organiser: 'educam' }, { organiser: 'ifpm' })).toEqual(['educam', 'ifpm']);
    expect(rights.organisersOf('SfmqProfile', { organiser: 'educam' }, null)).toBeUndefined();
  });

  it('lets the SFMQ, and not a sector fund, edit SFMQ profiles and approval batches', () => {
    expect(outcome(editor('sfmq'), { type: 'SfmqProfile', id: 'p', fields: ['name'] })).toBe('allowed');
    expect(outcome(editor('sfmq'), { type: 'SfmqApprovalBatch', id: 'b', deletion: true })).toBe('allowed');
    expect(outcome(editor('educam'), { type: 'SfmqProfile', id: 'p', fields: ['name'] })).toBe('FORBIDDEN: educam may not edit SfmqProfile "p": data/rights.json gives it no type.');
  });

  it('lets an admin edit anything, a reader nothing, and asks an anonymous caller to sign in', () => {
    const as = (role: Role): Identity => ({ subject: 's', role, agency: null, credential: 'api-key k' });
    expect(outcome(as('admin'), { type: 'LabelDecision', id: 'd1' })).toBe('allowed');
    expect(outcome(as('reader'), { type: 'Sector', id: 'chimie' })).toBe('FORBIDDEN: A reader may not edit Sector "chimie": only editors and admins write.');
    expect(outcome(ANONYMOUS, { type: 'Sector', id: 'chimie' })).toBe(
      'UNAUTHENTICATED: Sign in to edit Sector "chimie": send a token (Authorization: Bearer …) or an API key (x-api-key).',
    );
  });

  it('refuses a malformed rights file at start-up, naming the place', () => {
    const folder = mkdtempSync(path.join(tmpdir(), 'hub-rights-'));
    try {
      const file = path.join(folder, 'rights.json');
      writeFileSync(file, JSON.stringify({ agencies: { forem: ['training operator'] }, ownRecord: {} }));
      expect(() => Rights.load(file)).toThrow('agencies.forem must list types ("Sector") or type fields ("CompetenceCentre.label")');
      writeFileSync(file, JSON.stringify({ agencies: {}, ownRecord: { CompetenceCentre: ['label'] } }));
      expect(() => Rights.load(file)).toThrow('ownRecord.CompetenceCentre must be { "except": [fields] }');
      writeFileSync(file, JSON.stringify({ agencies: {}, ownRecord: {}, organisedBy: { SectorTest: ['organiser'] } }));
      expect(() => Rights.load(file)).toThrow('organisedBy.SectorTest must name the field holding the organiser ("organiser")');
    } finally {
      rmSync(folder, { recursive: true, force: true });
    }
  });
});

describe('@Authorized(roles) on a field', () => {
  const check = (identity: Identity, roles: Role[]) => {
    try {
      return roleChecker({ context: { identity } as never, info: { fieldName: 'updateSector' } as GraphQLResolveInfo, root: {}, args: {} }, roles);
    } catch (error) {
      return `${(error as GraphQLError).extensions.code}: ${(error as Error).message}`;
    }
  };

  it('lets the roles named through, asks an anonymous caller to sign in and refuses the others', () => {
    expect(check(editor('forem'), ['editor', 'admin'])).toBe(true);
    expect(check(ANONYMOUS, ['editor', 'admin'])).toBe('UNAUTHENTICATED: Sign in to use updateSector: send a token (Authorization: Bearer …) or an API key (x-api-key).');
    expect(check({ ...ANONYMOUS, credential: 'api-key k' }, ['editor', 'admin'])).toBe('FORBIDDEN: A reader may not use updateSector: it needs the role editor or admin.');
  });
});
