import { buildSchema, Kind, parse, type OperationDefinitionNode } from 'graphql';
import { DEFAULT_GATEWAY_LIMITS } from '@hub/kit';
import { checkOperation, measureOperation, operationCost } from '../src/limits';
import type { KnownSizes } from '../src/list-sizes';

// The shapes that matter to the limits: connections (their type's name ends in Connection), a plain list, an interface.
const schema = buildSchema(`
  type Query {
    sectors(first: Int, last: Int): SectorConnection!
    sector(id: ID!): Sector
    labelCriteria: [Criterion!]!
  }
  type SectorConnection { totalCount: Int! nodes: [Sector!]! pageInfo: PageInfo! }
  type PageInfo { hasNextPage: Boolean! endCursor: String }
  type Sector { id: ID! name: String! parent: Sector conventions(first: Int, last: Int): ConventionConnection! }
  type ConventionConnection { totalCount: Int! nodes: [Convention!]! }
  type Convention { id: ID! title: String! parties: [Party!]! }
  interface Party { name: String! }
  type EducationNetwork implements Party { name: String! website: String conventions(first: Int): ConventionConnection! }
  type Criterion { code: String! }
`);

function operationOf(query: string, name?: string) {
  const document = parse(query, { maxTokens: Infinity });
  const operation = document.definitions.find((d): d is OperationDefinitionNode => d.kind === Kind.OPERATION_DEFINITION && (!name || d.name?.value === name))!;
  return { document, operation };
}
const cost = (query: string, variables?: Record<string, unknown>, sizes: Record<string, number> = {}) => {
  const { document, operation } = operationOf(query);
  return operationCost(schema, document, operation, variables, (type, field) => sizes[`${type}.${field}`]);
};
const size = (query: string, name?: string) => {
  const { document, operation } = operationOf(query, name);
  return measureOperation(schema, document, operation);
};
const refused = (query: string, limits = {}, sizes?: KnownSizes) => {
  const { document, operation } = operationOf(query);
  return checkOperation({ ...DEFAULT_GATEWAY_LIMITS, ...limits }, schema, document, operation, undefined, sizes);
};
const refusal = (query: string, limits = {}) => refused(query, limits)?.message;
/** What a refusal tells a program, beside its message. */
const measured = (query: string, limits = {}) => {
  const { code, http, ...figures } = refused(query, limits)?.extensions ?? {};
  return [code, figures];
};

/** `count` fragments, each spreading the next twice (`around` wraps the second spread): 2^count copies of the last once expanded. */
function fragmentBomb(count: number, around = (spread: string) => spread, last = 'name') {
  const fragments = Array.from({ length: count }, (_, i) => `fragment F${i} on Sector { ...F${i + 1} ${around(`...F${i + 1}`)} }`);
  return `{ sector(id: "chimie") { ...F0 } }\n${fragments.join('\n')}\nfragment F${count} on Sector { ${last} }`;
}

describe('operation cost', () => {
  it('counts each field once per item of the connections around it, 50 items when no page size is given', () => {
    // sectors 1 + 50 × (totalCount, nodes, id)
    expect(cost('{ sectors { totalCount nodes { id } } }')).toBe(151);
    // sectors 1 + 500 × (nodes 1 + conventions 1 + 500 × (nodes, parties, name))
    expect(cost('{ sectors(first: 500) { nodes { conventions(first: 500) { nodes { parties { name } } } } } }')).toBe(751_001);
  });

  it('counts the items the data holds where it holds fewer than the page: the rows of a list, the most under one parent', () => {
    const query = '{ sectors(first: 500) { nodes { conventions(first: 500) { nodes { parties { name } } } } } }';
    // the reference data: 23 sectors, at most 3 conventions a sector, 6 parties a convention
    const reference = { 'Query.sectors': 23, 'Sector.conventions': 3, 'Convention.parties': 6 };
    // sectors 1 + 23 × (nodes 1 + conventions 1 + 3 × (nodes 1 + parties 1 + 6 × name))
    expect(cost(query, {}, reference)).toBe(1 + 23 * (2 + 3 * (2 + 6)));
    // grown data: the page is the bound again (500 of 1,500 conventions a sector)
    const grown = { 'Query.sectors': 93, 'Sector.conventions': 1500, 'Convention.parties': 6 };
    expect(cost(query, {}, grown)).toBe(1 + 93 * (2 + 500 * (2 + 6)));
    expect(refusal(query)).toMatch(/^The operation may cost 751001 /);
    // a list the data says nothing of keeps the page size (a connection) or counts once (a plain list)
    expect(cost(query, {}, { 'Query.sectors': 23 })).toBe(1 + 23 * (2 + 500 * (2 + 1)));
    // an empty list costs its field alone, and an interface's fields are priced on the type asked
    expect(cost('{ sectors { nodes { conventions { nodes { id } } } } }', {}, { 'Query.sectors': 2, 'Sector.conventions': 0 })).toBe(1 + 2 * (2 + 0));
    expect(cost('{ sector(id: "x") { conventions(first: 9) { nodes { parties { ... on EducationNetwork { conventions(first: 40) { totalCount } } } } } } }', {}, { 'Convention.parties': 2, 'EducationNetwork.conventions': 4 })).toBe(
      1 + 1 + 9 * (1 + 1 + 2 * (1 + 4 * 1)),
    );
  });

  it('takes `first` or `last` from the literal, the variables or their defaults, and at most 500 (the subgraphs refuse more)', () => {
    expect(cost('{ sectors(last: 3) { totalCount } }')).toBe(4);
    expect(cost('query ($n: Int) { sectors(first: $n) { totalCount } }', { n: 7 })).toBe(8);
    expect(cost('query ($n: Int = 9) { sectors(first: $n) { totalCount } }')).toBe(10);
    expect(cost('query ($n: Int = 9) { sectors(first: $n) { totalCount } }', { n: null })).toBe(51);
    expect(cost('{ sectors(first: 100000) { totalCount } }')).toBe(501);
    expect(cost('{ sectors(first: 0) { totalCount } }')).toBe(1);
  });

  it('counts a plain list, whose size is not the client’s to choose, and a single object once', () => {
    // labelCriteria, code; sector, parent, name; conventions + 2 × (nodes, parties, name)
    expect(cost('{ labelCriteria { code } sector(id: "chimie") { parent { name } conventions(first: 2) { nodes { parties { name } } } } }')).toBe(2 + 3 + 1 + 2 * 3);
  });

  it('prices a plain list at a page while a subgraph cannot say its sizes: too high then, never too low', () => {
    const query = '{ sectors(first: 10) { nodes { conventions(first: 10) { nodes { parties { name } } } } } }';
    const said: Record<string, number> = { 'Query.sectors': 10, 'Sector.conventions': 10 }; // the parties' owner said nothing
    const known = (complete: boolean): KnownSizes => ({ complete, sizeOf: (type, field) => said[`${type}.${field}`] });
    // the limit 1 refuses every operation: its refusal says the cost
    const costWith = (sizes: KnownSizes) => refused(query, { maxCost: 1 }, sizes)?.extensions.cost;
    // sectors 1 + 10 × (nodes 1 + conventions 1 + 10 × (nodes 1 + parties 1 + parties' items × name))
    expect(costWith(known(true))).toBe(1 + 10 * (2 + 10 * (2 + 1)));
    expect(costWith(known(false))).toBe(1 + 10 * (2 + 10 * (2 + 50)));
  });

  it('counts every alias: the same list asked twice costs twice', () => {
    expect(cost('{ a: sectors(first: 10) { totalCount } b: sectors(first: 10) { totalCount } }')).toBe(22);
  });

  it('counts a fragment at every place it is spread, with the items around that place', () => {
    const query = `{
      sector(id: "chimie") { ...withConventions }
      sectors(first: 10) { nodes { ...withConventions } }
    }
    fragment withConventions on Sector { name conventions(first: 3) { nodes { title parties { ... on EducationNetwork { website } } } } }`;
    const fragment = 1 + 1 + 3 * 4; // name, conventions, 3 × (nodes, title, parties, website)
    expect(cost(query)).toBe(1 + fragment + 1 + 10 * (1 + fragment));
  });

  it('costs the fragment bomb of the attack run (24 fragments, each spreading the next twice) once per fragment', () => {
    expect(cost(fragmentBomb(24))).toBe(1 + 2 ** 24);
    // 300 fragments stand for 2^300 copies: walking them would never end, so an answer proves each fragment was costed once
    expect(cost(fragmentBomb(300))).toBeGreaterThan(1e90);
  });
});

describe('operation depth, aliases and directives (graphql-armor)', () => {
  it('counts nested fields; fragments, inline or named, add no level', () => {
    expect(size('{ sector(id: "chimie") { parent { parent { name __typename } } } }').depth).toBe(4);
    expect(size('{ sector(id: "chimie") { ...up } } fragment up on Sector { parent { ... on Sector { parent { name } } } }').depth).toBe(4);
  });

  it('measures the fragment bomb’s depth each fragment once', () => {
    // each fragment nests the second spread one level deeper: 24 levels, 2^24 paths
    expect(size(fragmentBomb(24, (spread) => `parent { ${spread} }`)).depth).toBe(1 + 24 + 1);
    // 2^300 paths: walking them would never end, so an answer proves each fragment was measured once
    expect(size(fragmentBomb(300, (spread) => `parent { ${spread} }`)).depth).toBe(1 + 300 + 1);
  });

  it('counts aliases and directives at every place a fragment is spread, __typename aliases too', () => {
    const query = `{ a: sector(id: "a") { ...named } b: sector(id: "b") { ...named } }
      fragment named on Sector { label: name @include(if: true) kind: __typename }`;
    expect(size(query)).toEqual({ depth: 2, aliases: 2 + 2 * 2, directives: 2 });
    expect(size(fragmentBomb(24, undefined, 'alias: name')).aliases).toBe(2 ** 24);
  });

  it('measures the operation asked for, not the others of the document', () => {
    const query = 'query Small { sector(id: "a") { name } } query Deep { sector(id: "a") { parent { parent { name } } } }';
    expect([size(query, 'Small').depth, size(query, 'Deep').depth]).toEqual([2, 4]);
  });
});

describe('limit refusals', () => {
  it('names the limit, its value and what the operation has', () => {
    const aliases = `{ ${Array.from({ length: 31 }, (_, i) => `s${i}: sectors(first: 1) { totalCount }`).join(' ')} }`;
    expect(refusal(aliases)).toBe('The operation has 31 aliases; the limit is 30. Split it into several requests.');
    expect(refusal('{ sector(id: "a") { parent { parent { name } } } }', { maxDepth: 3 })).toBe(
      'The operation is nested 4 fields deep; the limit is 3. Split it into several requests.',
    );
    expect(refusal('{ sector(id: "a") { name @skip(if: false) id @include(if: true) } }', { maxDirectives: 1 })).toBe('The operation has 2 directives; the limit is 1.');
    expect(refusal('{ sectors(first: 500) { nodes { conventions(first: 500) { nodes { parties { name } } } } } }', { maxCost: 750_000 })).toBe(
      'The operation may cost 751001 (each field counts once per item of the lists around it: their `first` or `last`, else 50, or what the data holds when it holds fewer); ' +
        'the limit is 750000. Ask for smaller pages or fewer nested lists, or split it into several requests.',
    );
    expect(refusal(fragmentBomb(24, undefined, 'id name'))).toMatch(/^The operation may cost 33554433 \(/);
    expect(refusal(fragmentBomb(300))).toMatch(/^The operation may cost more than 9007199254740991 \(/);
  });

  it('gives a program what the operation had and the limit in its extensions, to size the next request by', () => {
    const aliases = `{ ${Array.from({ length: 31 }, (_, i) => `s${i}: sectors(first: 1) { totalCount }`).join(' ')} }`;
    expect(measured(aliases)).toEqual(['LIMIT_EXCEEDED', { aliases: 31, limit: 30 }]);
    expect(measured('{ sector(id: "a") { parent { parent { name } } } }', { maxDepth: 3 })).toEqual(['LIMIT_EXCEEDED', { depth: 4, limit: 3 }]);
    expect(measured('{ sector(id: "a") { name @skip(if: false) id @include(if: true) } }', { maxDirectives: 1 })).toEqual(['LIMIT_EXCEEDED', { directives: 2, limit: 1 }]);
    expect(measured('{ sectors(first: 500) { nodes { conventions(first: 500) { nodes { parties { name } } } } } }')).toEqual(['LIMIT_EXCEEDED', { cost: 751_001, limit: 50_000 }]);
    // a bomb's cost is past what a number holds exactly: the limit alone (the message says "more than")
    expect(measured(fragmentBomb(300))).toEqual(['LIMIT_EXCEEDED', { limit: 50_000 }]);
  });

  it('lets an operation within every limit through', () => {
    expect(refusal('{ sectors(first: 500) { totalCount nodes { id name conventions(first: 20) { nodes { title parties { name } } } } } }')).toBeUndefined();
  });
});
