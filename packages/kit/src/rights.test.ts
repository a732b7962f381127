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
