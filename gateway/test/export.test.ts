import { Readable } from 'node:stream';
import { answerToCsvRows, csvWriter, type CsvTable, type Separator } from '../src/export';

async function csvText({ columns, rows }: CsvTable, separator: Separator) {
  const chunks: Buffer[] = [];
  for await (const chunk of Readable.from(rows).pipe(csvWriter(columns, separator))) chunks.push(Buffer.from(chunk));
  return Buffer.concat(chunks).toString('utf8');
}

describe('answerToCsvRows', () => {
  it("exports a connection's nodes: nested objects as dotted columns, nested lists joined with |", () => {
    const data = {
      competenceCentres: {
        totalCount: 2,
        nodes: [
          { id: 'c1', name: 'Technifutur', label: { status: 'FULL', decision: { id: 'd1' } }, sectors: [{ name: 'Construction' }, { name: 'Chimie' }] },
          { id: 'c2', name: 'Cefochim', label: { status: 'PROVISIONAL', decision: null }, sectors: [{ name: 'Chimie' }] },
        ],
      },
    };
    expect(answerToCsvRows(data)).toEqual({
      name: 'competenceCentres',
      columns: ['id', 'name', 'label.status', 'label.decision.id', 'sectors.name'],
      rows: [
        ['c1', 'Technifutur', 'FULL', 'd1', 'Construction | Chimie'],
        ['c2', 'Cefochim', 'PROVISIONAL', '', 'Chimie'],
      ],
    });
  });

  it("exports a connection's edges through their nodes, and a nested connection through its nodes", () => {
    const data = {
      sectors: {
        edges: [
          { cursor: 'YQ', node: { id: 'chimie', conventions: { totalCount: 2, nodes: [{ title: 'A' }, { title: 'B' }] } } },
          { cursor: 'Yg', node: { id: 'construction', conventions: { totalCount: 0, nodes: [] } } },
        ],
        pageInfo: { hasNextPage: false },
      },
    };
    expect(answerToCsvRows(data)).toEqual({
      name: 'sectors',
      columns: ['id', 'conventions.title'],
      rows: [
        ['chimie', 'A | B'],
        ['construction', ''],
      ],
    });
  });

  it('gives a field null or empty in the first row the columns the other rows show', () => {
    const data = {
      centres: [
        { id: 'c1', label: null, sectors: [], city: null },
        { id: 'c2', label: { status: 'FULL', note: 'renewed' }, sectors: [{ id: 's1' }], city: 'Liège' },
      ],
    };
    expect(answerToCsvRows(data)).toEqual({
      name: 'centres',
      columns: ['id', 'label.status', 'label.note', 'sectors.id', 'city'],
      rows: [
        ['c1', '', '', '', ''],
        ['c2', 'FULL', 'renewed', 's1', 'Liège'],
      ],
    });
  });

  it('prints scalars as JSON does, joins lists of scalars, and keeps the items of a nested list aligned across columns', () => {
    const data = {
      publics: [
        { id: 'p1', average: 21126, share: 0.5, verified: true, fields: ['label', 'note'], sources: [{ title: 'S01', url: null }, { title: 'S02', url: 'https://x' }] },
        { id: 'p2', average: null, share: -1, verified: false, fields: [], sources: [] },
      ],
    };
    expect(answerToCsvRows(data)).toEqual({
      name: 'publics',
      columns: ['id', 'average', 'share', 'verified', 'fields', 'sources.title', 'sources.url'],
      rows: [
        ['p1', '21126', '0.5', 'true', 'label | note', 'S01 | S02', ' | https://x'],
        ['p2', '', '-1', 'false', '', '', ''],
      ],
    });
  });

  it('takes the first list depth first in field order, named after its top-level field (the alias if aliased)', () => {
    const data = {
      missing: null,
      food: { name: 'Industrie alimentaire', sectorFund: { name: 'Alimento' }, frameworkAgreements: [{ id: 'fa1' }] },
      goals: [{ code: 'OBJ1' }],
    };
    expect(answerToCsvRows(data)).toEqual({ name: 'food', columns: ['id'], rows: [['fa1']] });
  });

  it('names the one column of a list of scalars after the list', () => {
    expect(answerToCsvRows({ codes: ['OBJ1', 'OBJ2'] })).toEqual({ name: 'codes', columns: ['codes'], rows: [['OBJ1'], ['OBJ2']] });
  });

  it('finds no list in an answer without one', () => {
    expect(answerToCsvRows({ sector: { name: 'Chimie', sectorFund: null }, __typename: 'Query' })).toBeUndefined();
  });
});

describe('csvWriter', () => {
  const table = answerToCsvRows({
    criteria: [
      { code: 'C1', label: 'un ancrage dans la vie économique', detail: "s'articuler, innover; former" },
      { code: 'C2', label: 'dit "pôle"', detail: 'ligne 1\nligne 2\r\nligne 3' },
      { code: 'C3', label: 'tab\there', detail: null },
    ],
  })!;

  it('writes a BOM, a header, CRLF line ends, and quotes values holding the separator, quotes or line breaks', async () => {
    expect(await csvText(table, ',')).toBe(
      '\uFEFFcode,label,detail\r\n' +
        'C1,un ancrage dans la vie économique,"s\'articuler, innover; former"\r\n' +
        'C2,"dit ""pôle""","ligne 1\nligne 2\r\nligne 3"\r\n' +
        'C3,tab\there,\r\n',
    );
  });

  it('quotes by the separator in use: ";" for Excel in French, or a tab', async () => {
    expect(await csvText(table, ';')).toBe(
      '\uFEFFcode;label;detail\r\n' +
        'C1;un ancrage dans la vie économique;"s\'articuler, innover; former"\r\n' +
        'C2;"dit ""pôle""";"ligne 1\nligne 2\r\nligne 3"\r\n' +
        'C3;tab\there;\r\n',
    );
    expect(await csvText(table, '\t')).toBe(
      '\uFEFFcode\tlabel\tdetail\r\n' +
        'C1\tun ancrage dans la vie économique\ts\'articuler, innover; former\r\n' +
        'C2\t"dit ""pôle"""\t"ligne 1\nligne 2\r\nligne 3"\r\n' +
        'C3\t"tab\there"\t\r\n',
    );
  });
});
