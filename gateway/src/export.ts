import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { stringify } from 'csv-stringify';
import type { HTTPGraphQLResponse } from '@apollo/server';
import { ErrorCode, HttpError, readBody, RETRY_AFTER_SECONDS, sendJson, UNAVAILABLE_CODES, type Route } from '@hub/kit';

/** The first list of a GraphQL answer, one row per item, as a spreadsheet sees it. */
export interface CsvTable {
  /** The response key (alias if aliased) of the top-level field holding the list: the file name. */
  name: string;
  columns: string[];
  rows: string[][];
}

type JsonObject = { [key: string]: unknown };
/** Leaf paths by segment, in order of first appearance; a node with children is not a column itself. */
type ColumnTree = Map<string, ColumnTree>;

const LIST_JOINER = ' | ';
export const SEPARATORS = [',', ';', '\t'] as const;
export type Separator = (typeof SEPARATORS)[number];

const isObject = (value: unknown): value is JsonObject => typeof value === 'object' && value !== null && !Array.isArray(value);

/** A Relay connection's nodes (from `nodes`, else from `edges { node }`); undefined when `value` is no connection. */
function connectionNodes(value: JsonObject): unknown[] | undefined {
  if (Array.isArray(value.nodes)) return value.nodes;
  if (Array.isArray(value.edges)) return value.edges.map((edge) => (isObject(edge) ? edge.node : edge));
  return undefined;
}

/** The first list in field order, depth first, with the response key that holds it. */
function firstList(value: unknown, key: string): { key: string; items: unknown[] } | undefined {
  if (Array.isArray(value)) return { key, items: value };
  if (!isObject(value)) return undefined;
  const nodes = connectionNodes(value);
  if (nodes) return { key, items: nodes };
  for (const [childKey, child] of Object.entries(value)) {
    const list = firstList(child, childKey);
    if (list) return list;
  }
  return undefined;
}

const cellOf = (scalar: unknown) => (scalar === null || scalar === undefined ? '' : typeof scalar === 'string' ? scalar : JSON.stringify(scalar));

/** Adds `value`'s leaves under `path` to the row's cells (each item of a list adds one value) and to the columns. */
function collect(value: unknown, path: string, columns: ColumnTree, cells: Map<string, string[]>) {
  const unwrapped = isObject(value) ? (connectionNodes(value) ?? value) : value;
  if (Array.isArray(unwrapped)) {
    for (const item of unwrapped) collect(item, path, columns, cells);
  } else if (isObject(unwrapped)) {
    for (const [key, child] of Object.entries(unwrapped)) {
      if (!columns.has(key)) columns.set(key, new Map());
      collect(child, path ? `${path}.${key}` : key, columns.get(key)!, cells);
    }
  } else {
    cells.set(path, [...(cells.get(path) ?? []), cellOf(unwrapped)]);
  }
}

const leafPaths = (columns: ColumnTree, prefix = ''): string[] =>
  [...columns].flatMap(([key, children]) => {
    const path = prefix ? `${prefix}.${key}` : key;
    return children.size === 0 ? [path] : leafPaths(children, path);
  });

/**
 * The first list found in `data` (a Relay connection counts, through its nodes) as a table: nested
 * objects become dotted columns, nested lists are joined with " | ", null is an empty cell. The columns
 * are every leaf path of every row, grouped under their parent field, so a field null in the first row
 * still gets its column. Undefined when the answer holds no list.
 */
export function answerToCsvRows(data: JsonObject): CsvTable | undefined {
  for (const [topLevelKey, value] of Object.entries(data)) {
    const list = firstList(value, topLevelKey);
    if (!list) continue;
    const columns: ColumnTree = new Map();
    const rowCells = list.items.map((item) => {
      const cells = new Map<string, string[]>();
      // A list of scalars has no field names: its one column is named after the list.
      collect(item === null || isObject(item) ? item : { [list.key]: item }, '', columns, cells);
      return cells;
    });
    const paths = leafPaths(columns);
    return {
      name: topLevelKey.replace(/[^A-Za-z0-9_-]/g, '_'),
      columns: paths,
      rows: rowCells.map((cells) => paths.map((path) => (cells.get(path) ?? []).join(LIST_JOINER))),
    };
  }
  return undefined;
}

/** Writes a table as CSV Excel opens as is: BOM (so accents survive), header, RFC 4180 quoting, CRLF. */
export function csvWriter(columns: string[], separator: Separator) {
  return stringify({
    bom: true,
    header: true,
    columns,
    delimiter: separator,
    record_delimiter: 'windows',
    // csv-stringify quotes only the record delimiter (CRLF); RFC 4180 quotes a lone CR or LF too.
    quoted_match: /[\r\n]/,
  });
}

async function bodyText(response: HTTPGraphQLResponse) {
  if (response.body.kind === 'complete') return response.body.string;
  let text = '';
  for await (const chunk of response.body.asyncIterator) text += chunk;
  return text;
}

const isSeparator = (value: string): value is Separator => (SEPARATORS as readonly string[]).includes(value);

/**
 * GET /export.csv?query=…&variables=…&operationName=…&separator=; (or POST with a JSON body): runs the
 * operation as /graphql would, then streams the answer's first list as CSV. An answer with any error is
 * answered with its errors, never exported, so no spreadsheet is silently incomplete.
 */
export const exportRoute: Route = async (req, res, url, executeGraphQL) => {
  if (url.pathname !== '/export.csv') return false;
  const separator = url.searchParams.get('separator') ?? ',';
  if (!isSeparator(separator)) {
    throw new HttpError(400, ErrorCode.BAD_USER_INPUT, 'The separator must be "," (the default), ";" or a tab ("%09").');
  }
  const method = req.method ?? 'GET';
  const response = await executeGraphQL(req, {
    method,
    search: url.search,
    body: method === 'POST' ? await readBody(req) : undefined,
    headers: {
      // The CSV is made from Apollo's JSON answer, whatever type the caller accepts.
      accept: 'application/json',
      // A download link cannot send Apollo's CSRF header; a GET runs no mutation (Apollo refuses it) and
      // the API uses no cookies, so a link is let through. A POST still needs a JSON content type.
      ...(method === 'GET' ? { 'apollo-require-preflight': 'true' } : {}),
    },
  });
  for (const [name, value] of response.headers) {
    if (name !== 'content-type' && name !== 'content-length') res.setHeader(name, value);
  }
  const answer = JSON.parse(await bodyText(response)) as { data?: JsonObject | null; errors?: { extensions?: { code?: unknown } }[] };
  const status = response.status ?? 200;
  if (status >= 400 || answer.errors?.length) {
    // a part of the hub down is no fault of the request: the same export may succeed later
    const unavailable = answer.errors?.every((error) => UNAVAILABLE_CODES.has(String(error.extensions?.code)));
    if (status < 400 && unavailable) res.setHeader('retry-after', String(RETRY_AFTER_SECONDS));
    sendJson(res, status >= 400 ? status : unavailable ? 503 : 400, { errors: answer.errors });
    return true;
  }
  const table = answer.data ? answerToCsvRows(answer.data) : undefined;
  if (!table) {
    throw new HttpError(400, ErrorCode.BAD_USER_INPUT, "The answer holds no list to export: select a list or a connection's nodes.");
  }
  res.writeHead(200, { 'content-type': 'text/csv; charset=utf-8', 'content-disposition': `attachment; filename="${table.name}.csv"` });
  await pipeline(Readable.from(table.rows), csvWriter(table.columns, separator), res);
  return true;
};
