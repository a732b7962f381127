import { randomUUID } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { parse as parseCsv } from 'csv-parse/sync';
import {
  buildASTSchema,
  getNamedType,
  getNullableType,
  isEnumType,
  isInputObjectType,
  isListType,
  parse,
  type GraphQLInputObjectType,
  type GraphQLInputType,
  type GraphQLSchema,
} from 'graphql';
import { IMPORT_PART_RECORDS, IMPORT_TYPES, loadHubConfig, repositoryRoot } from '@hub/kit';
import { option, runCommand, UsageError } from './command-line';
import { signLocalToken } from './local-token';

const HELP = `npm run import -- FILE.json|FILE.csv [--dry-run] [--as TOKEN] [--url URL]
  checks every record of the file with the hub, then writes them all in one transaction, or nothing
npm run export -- [--subgraph conventions|education|training|competence | --types A,B] [--out FILE] [--as TOKEN] [--url URL]
  writes the records of one subgraph (by default the conventions subgraph's sectors, agreements and
  conventions) in the shape the import reads: a round trip changes nothing
Types: ${Object.entries(IMPORT_TYPES).map(([type, { subgraph }]) => `${type} (${subgraph})`).join(', ')}.
One import writes the records of one subgraph, in one transaction.
A record: { "type": "SpecificConvention", "id": "…", the fields of its Create input, "version"?: n, "deleted"?: true }.
In a CSV file, one record per line: columns type, id, version, deleted and the fields (label.status for a field
of a field); a list's items are separated by "|", an item's fields by ":" (parties: forem:TRAINING_OPERATOR|age:EDUCATION_ADMINISTRATION).
--as: a token or API key (else HUB_TOKEN; else, on the machine running the hub, an admin token signed with its local key).`;

/** The gateway's address and the caller's credentials, from the command line and the environment. */
async function connection(args: string[]) {
  const url = option(args, 'url') ?? process.env.GATEWAY_URL ?? `http://127.0.0.1:${loadHubConfig().gatewayPort}/graphql`;
  let credential = option(args, 'as') ?? process.env.HUB_TOKEN;
  if (!credential) {
    // the local admin token is for the hub on this machine only
    if (!['127.0.0.1', 'localhost', '[::1]'].includes(new URL(url).hostname)) throw new UsageError(`--as TOKEN (or HUB_TOKEN) is needed for a hub on another machine (${url})`);
    credential = await signLocalToken({ role: 'admin', agency: null, subject: `${process.env.USER ?? 'local'}@import`, hours: 2 });
    process.stderr.write('as the local admin (a token signed with the data folder’s key; --as TOKEN to act as someone else)\n');
  }
  const headers: Record<string, string> = { 'content-type': 'application/json' };
  if (credential.startsWith('hub_')) headers['x-api-key'] = credential;
  else headers.authorization = `Bearer ${credential}`;

  /** Asks the gateway; waits as long as Retry-After says when over a limit; throws the first error. */
  return async function ask<T>(query: string, variables: Record<string, unknown> = {}): Promise<T> {
    for (;;) {
      const response = await fetch(url, { method: 'POST', headers, body: JSON.stringify({ query, variables }) }).catch((error: Error) => {
        throw new Error(`the hub does not answer at ${url} (${error.message}): is it running (npm start)?`);
      });
      // over a limit (429) or too busy (503 with Retry-After): the request was not run; wait and send it again
      if (response.status === 429 || (response.status === 503 && response.headers.has('retry-after'))) {
        await new Promise((resolve) => setTimeout(resolve, Number(response.headers.get('retry-after') ?? 1) * 1000));
        continue;
      }
      const body = (await response.json()) as { data?: T; errors?: { message: string }[] };
      if (body.errors?.length || !body.data) throw new Error(body.errors?.[0]?.message ?? `the hub answered HTTP ${response.status}`);
      return body.data;
    }
  };
}

/** What the import knows of a record's type, if it is one (a type named "constructor" is not). */
const importType = (type: unknown) => (typeof type === 'string' && Object.hasOwn(IMPORT_TYPES, type) ? IMPORT_TYPES[type] : undefined);

/** A record of a file, and the line it starts on. */
interface FileRecord {
  line: number;
  record: Record<string, unknown>;
}

/** The line each element of the records array starts on (`[…]` or `{ "records": […] }`), read without a second parser. */
function recordLines(text: string): number[] {
  const lines: number[] = [];
  const stack: { kind: string; records: boolean }[] = [];
  let line = 1;
  let lastString = '';
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (c === '\n') line++;
    else if (c === '"') {
      const start = i;
      for (i++; i < text.length && text[i] !== '"'; i++) if (text[i] === '\\') i++;
      lastString = text.slice(start + 1, i);
    } else if (c === '{' || c === '[') {
      const parent = stack.at(-1);
      if (parent?.records && c === '{') lines.push(line);
      const records = c === '[' && (stack.length === 0 || (stack.length === 1 && parent?.kind === '{' && lastString === 'records'));
      stack.push({ kind: c, records });
    } else if (c === '}' || c === ']') stack.pop();
  }
  return lines;
}

function readJson(text: string): FileRecord[] {
  let document: unknown;
  text = text.replace(/^\uFEFF/, ''); // a byte-order mark, as some editors write
  try {
    document = JSON.parse(text);
  } catch (error) {
    throw new Error(`not JSON: ${(error as Error).message}`);
  }
  const records = Array.isArray(document) ? document : (document as { records?: unknown })?.records;
  if (!Array.isArray(records)) throw new Error('a JSON file holds an array of records, or { "records": [ … ] }');
  const lines = recordLines(text);
  return records.map((record, i) => ({ line: lines[i] ?? 0, record: record as Record<string, unknown> }));
}

/** A CSV cell as a value of `type` (a list split on "|", an input object's fields on ":"); the hub checks it. */
function cellValue(cell: string, type: GraphQLInputType): unknown {
  const nullable = getNullableType(type);
  if (isListType(nullable)) return cell.split('|').map((item) => cellValue(item.trim(), nullable.ofType));
  if (isInputObjectType(nullable)) {
    const parts = cell.split(':');
    return Object.fromEntries(Object.values(nullable.getFields()).map((field, i) => [field.name, parts[i] === undefined ? undefined : cellValue(parts[i], field.type)]));
  }
  const name = getNamedType(nullable).name;
  if (name === 'Int' && /^-?\d+$/.test(cell)) return Number(cell);
  if (name === 'Boolean' && (cell === 'true' || cell === 'false')) return cell === 'true';
  return isEnumType(nullable) ? cell.toUpperCase() : cell;
}

function readCsv(text: string, schema: GraphQLSchema): FileRecord[] {
  const rows = parseCsv(text, { columns: true, bom: true, skip_empty_lines: true, info: true, relax_column_count: false }) as { record: Record<string, string>; info: { lines: number } }[];
  return rows.map(({ record: row, info }) => {
    const record: Record<string, unknown> = { type: row.type };
    const input = schema.getType(importType(row.type)?.input ?? '') as GraphQLInputObjectType | undefined;
    for (const [column, cell] of Object.entries(row)) {
      if (column === 'type' || cell === '') continue;
      if (column === 'version') record.version = /^\d+$/.test(cell) ? Number(cell) : cell;
      else if (column === 'deleted') record.deleted = cell === 'true' ? true : cell === 'false' ? false : cell;
      else {
        // `label.status`: a field of a field
        const names = column.split('.');
        if (names.some((name) => name === '__proto__' || name === 'constructor' || name === 'prototype')) throw new Error(`column "${column}" is not a field`);
        let target = record;
        let type: GraphQLInputObjectType | undefined = input;
        names.forEach((name, i) => {
          const field = type?.getFields()[name];
          if (i === names.length - 1) target[name] = field ? cellValue(cell, field.type) : cell;
          else {
            target = (target[name] ??= {}) as Record<string, unknown>;
            type = field && (getNullableType(field.type) as GraphQLInputObjectType);
          }
        });
      }
    }
    return { line: info.lines, record };
  });
}

/** The hub's schema, as checked in (schema/supergraph.graphql): it gives each CSV column its type. */
const hubSchema = () => buildASTSchema(parse(readFileSync(path.join(repositoryRoot(), 'schema', 'supergraph.graphql'), 'utf8')), { assumeValidSDL: true });

/** A progress bar on stderr, redrawn in place when stderr is a terminal. */
function progress(label: string, done: number, total: number) {
  const width = 30;
  const filled = total === 0 ? width : Math.round((done / total) * width);
  const text = `${label.padEnd(9)} [${'#'.repeat(filled)}${'.'.repeat(width - filled)}] ${done.toLocaleString('en')}/${total.toLocaleString('en')}`;
  if (process.stderr.isTTY) process.stderr.write(`\r${text}${done === total ? '\n' : ''}`);
  else if (done === total) process.stderr.write(`${text}\n`);
}

interface ImportJob {
  state: string;
  total: number;
  done: number;
  created: number;
  changed: number;
  unchanged: number;
  deleted: number;
  problems: { record: number; field: string | null; code: string; message: string }[];
  outcomes: { record: number; type: string; id: string; outcome: string }[];
  failure: string | null;
}
const JOB = 'state total done created changed unchanged deleted problems { record field code message } outcomes { record type id outcome } failure';

async function importFile(args: string[]) {
  const file = args.find((arg, i) => !arg.startsWith('--') && args[i - 1] !== '--as' && args[i - 1] !== '--url');
  if (!file) throw new UsageError('name the file to import');
  const dryRun = args.includes('--dry-run');
  const text = readFileSync(file, 'utf8');
  const records = file.toLowerCase().endsWith('.csv') ? readCsv(text, hubSchema()) : readJson(text);
  if (records.length === 0) throw new Error(`${file} holds no record`);
  const subgraphs = new Set(records.map(({ record }) => importType(record.type)?.subgraph));
  const unknown = records.find(({ record }) => !importType(record.type));
  if (unknown) throw new Error(`line ${unknown.line}: "type" must be one of ${Object.keys(IMPORT_TYPES).join(', ')} (got ${JSON.stringify(unknown.record.type)}): nothing was written`);
  if (subgraphs.size > 1) throw new Error(`one import writes the records of one subgraph, in one transaction; this file mixes ${[...subgraphs].join(' and ')}: split it`);
  const subgraph = [...subgraphs][0]!;
  const name = subgraph.replace(/^./, (first) => first.toUpperCase());
  const ask = await connection(args);

  const importId = randomUUID();
  for (let start = 0; start < records.length; ) {
    // parts of at most IMPORT_PART_RECORDS records and about 700 kB, under the gateway's 1 MB a request
    let end = start;
    let bytes = 0;
    for (;;) {
      const size = end < records.length ? Buffer.byteLength(JSON.stringify(records[end].record)) : Infinity;
      if (end - start >= IMPORT_PART_RECORDS || (end > start && bytes + size > 700_000) || end >= records.length) break;
      bytes += size;
      end++;
    }
    await ask(`mutation ($id: ID!, $records: [JSONObject!]!) { stage${name}Import(importId: $id, records: $records) { total } }`, { id: importId, records: records.slice(start, end).map((r) => r.record) });
    progress('sending', end, records.length);
    start = end;
  }
  let job = (await ask<Record<string, ImportJob>>(`mutation ($id: ID!, $dryRun: Boolean!) { job: run${name}Import(importId: $id, dryRun: $dryRun) { ${JOB} } }`, { id: importId, dryRun })).job;
  while (job.state === 'RUNNING') {
    progress('checking', job.done, job.total);
    await new Promise((resolve) => setTimeout(resolve, 250));
    job = (await ask<Record<string, ImportJob>>(`query ($id: ID!) { job: ${subgraph}Import(importId: $id) { ${JOB} } }`, { id: importId })).job;
  }
  progress('checking', job.total, job.total);
  report(job, records, file, dryRun);
}

function report(job: ImportJob, records: FileRecord[], file: string, dryRun: boolean) {
  const where = (i: number) => `line ${records[i]?.line ?? '?'} (${String(records[i]?.record.type)} "${String(records[i]?.record.id ?? '')}")`;
  if (job.state === 'FAILED') throw new Error(`the import failed: ${job.failure}; nothing was written`);
  if (job.state === 'REJECTED') {
    for (const p of job.problems) process.stdout.write(`${where(p.record)}: ${p.message} [${p.code}]\n`);
    const more = job.problems.length >= 1000 ? ' (the first 1,000 shown)' : '';
    throw new Error(`${file}: ${job.problems.length} record(s) cannot be written${more}: nothing was written`);
  }
  const verb = { created: dryRun ? 'would create' : 'created', changed: dryRun ? 'would change' : 'changed', deleted: dryRun ? 'would delete' : 'deleted' };
  if (dryRun) for (const o of job.outcomes) process.stdout.write(`${verb[o.outcome as keyof typeof verb]} ${o.type} "${o.id}" (line ${records[o.record]?.line})\n`);
  const counts = `${verb.created} ${job.created}, ${verb.changed} ${job.changed}, ${verb.deleted} ${job.deleted}, unchanged ${job.unchanged}`;
  if (job.created + job.changed + job.deleted === 0) process.stdout.write(`${file}: nothing to change, the hub already holds all ${job.unchanged} record(s)\n`);
  else process.stdout.write(`${file}: ${counts}${dryRun ? ' (dry run: nothing was written)' : ' (one transaction; the audit trail has each record under this import)'}\n`);
}

/** An object of one field (`{ id }`, `{ code }`) is written as that field's value: the import's input shape. */
const asInput = (value: unknown): unknown => {
  if (Array.isArray(value)) return value.map(asInput);
  if (value !== null && typeof value === 'object') {
    const keys = Object.keys(value);
    if (keys.length === 1) return asInput((value as Record<string, unknown>)[keys[0]]);
    return Object.fromEntries(Object.entries(value).map(([key, v]) => [key, asInput(v)]));
  }
  return value;
};

async function exportFile(args: string[]) {
  const subgraph = option(args, 'subgraph') ?? 'conventions';
  const types = option(args, 'types')?.split(',') ?? Object.keys(IMPORT_TYPES).filter((type) => IMPORT_TYPES[type].subgraph === subgraph);
  const unknown = types.find((type) => !importType(type));
  if (unknown) throw new UsageError(`--types: "${unknown}" is not one of ${Object.keys(IMPORT_TYPES).join(', ')}`);
  if (types.length === 0) throw new UsageError(`--subgraph: "${subgraph}" is not one of ${[...new Set(Object.values(IMPORT_TYPES).map((t) => t.subgraph))].join(', ')}`);
  // one import writes one subgraph's records: so does one export, so that it can be imported back
  const owners = new Set(types.map((type) => IMPORT_TYPES[type].subgraph));
  if (owners.size > 1) throw new UsageError(`--types: one export holds the records of one subgraph (these are of ${[...owners].join(' and ')})`);
  const ask = await connection(args);
  const lines: string[] = [];
  for (const type of types) {
    const { list, fields, paged } = IMPORT_TYPES[type];
    const selection = `id version ${fields} sources { id } verified unverifiedFields note`;
    const write = (nodes: Record<string, unknown>[]) => {
      for (const { id, version, ...rest } of nodes) lines.push(JSON.stringify({ type, id, version, ...(asInput(rest) as object) }));
    };
    if (paged === false) {
      write((await ask<{ list: Record<string, unknown>[] }>(`{ list: ${list} { ${selection} } }`)).list);
      continue;
    }
    type Page = { pageInfo: { hasNextPage: boolean; endCursor: string | null }; nodes: Record<string, unknown>[] };
    for (let after: string | null = null; ; ) {
      const query = `query ($after: String) { page: ${list}(first: 200, after: $after, orderBy: [{ field: ID, direction: ASC }]) { pageInfo { hasNextPage endCursor } nodes { ${selection} } } }`;
      const page: Page = (await ask<{ page: Page }>(query, { after })).page;
      write(page.nodes);
      if (!page.pageInfo.hasNextPage) break;
      after = page.pageInfo.endCursor;
    }
  }
  // one record a line: a problem the import reports names a line a person can find
  const text = `{ "records": [\n${lines.join(',\n')}\n] }\n`;
  const out = option(args, 'out');
  if (out) {
    writeFileSync(out, text);
    process.stderr.write(`${lines.length} record(s) written to ${out}\n`);
  } else process.stdout.write(text);
}

const [command, ...args] = process.argv.slice(2);
runCommand(() => {
  if (args.includes('--help') || !command) return void process.stdout.write(`${HELP}\n`);
  if (command === 'import') return importFile(args);
  if (command === 'export') return exportFile(args);
  throw new UsageError(`unknown command "${command}"`);
}, HELP);
