import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { repositoryRoot } from '@hub/kit';
import { startTestHub, type TestHub } from './support/hub';

// Traces across real processes: every process exports over OTLP/HTTP (JSON) to a collector kept in this
// test's memory, and each request must make one connected trace, gateway → subgraphs → SQL.
interface Span {
  traceId: string;
  spanId: string;
  parentSpanId?: string;
  name: string;
  service: string;
  attributes: Record<string, unknown>;
}

const spans: Span[] = [];
let collector: http.Server;
let hub: TestHub;

/** OTLP/JSON: resourceSpans[].scopeSpans[].spans[], attributes as [{ key, value: { stringValue | intValue } }]. */
function collect(body: any) {
  for (const resourceSpans of body.resourceSpans ?? []) {
    const service = resourceSpans.resource.attributes.find((a: any) => a.key === 'service.name')?.value.stringValue;
    for (const scopeSpans of resourceSpans.scopeSpans ?? []) {
      for (const span of scopeSpans.spans ?? []) {
        const attributes = Object.fromEntries((span.attributes ?? []).map((a: any) => [a.key, Object.values(a.value)[0]]));
        spans.push({ traceId: span.traceId, spanId: span.spanId, parentSpanId: span.parentSpanId || undefined, name: span.name, service, attributes });
      }
    }
  }
}

beforeAll(async () => {
  collector = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk) => chunks.push(chunk));
    req.on('end', () => {
      collect(JSON.parse(Buffer.concat(chunks).toString()));
      res.writeHead(200, { 'content-type': 'application/json' }).end('{}');
    });
  });
  await new Promise<void>((resolve) => collector.listen(0, '127.0.0.1', resolve));
  // every process the hub starts inherits them; spans leave in batches every 100 ms
  process.env.OTEL_EXPORTER_OTLP_ENDPOINT = `http://127.0.0.1:${(collector.address() as AddressInfo).port}`;
  process.env.OTEL_BSP_SCHEDULE_DELAY = '100';
  hub = await startTestHub({ keepLogs: true, gatewayEnv: { RESPONSE_CACHE: 'off' } });
}, 120_000);
afterAll(async () => {
  delete process.env.OTEL_EXPORTER_OTLP_ENDPOINT;
  delete process.env.OTEL_BSP_SCHEDULE_DELAY;
  await hub?.stop();
  collector?.close();
});

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('traces', () => {
  it('makes one connected trace per request, gateway → subgraphs → SQL, and logs its id with the request id', async () => {
    const query = readFileSync(path.join(repositoryRoot(), 'examples', 'convention-graph.graphql'), 'utf8');
    const response = await fetch(hub.url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ query }) });
    expect(response.status).toBe(200);
    const requestId = response.headers.get('x-request-id')!;

    let root: Span | undefined;
    let trace: Span[] = [];
    for (let waited = 0; waited < 5000; waited += 100) {
      await sleep(100);
      root = spans.find((span) => span.service === 'gateway' && span.attributes['hub.request_id'] === requestId && !span.parentSpanId);
      trace = root ? spans.filter((span) => span.traceId === root!.traceId) : [];
      if (trace.some((span) => span.name === 'sql') && new Set(trace.map((span) => span.service)).size >= 4) break;
    }
    expect(root).toBeDefined();
    // connected: every span but the request's own has its parent in the same trace
    const ids = new Set(trace.map((span) => span.spanId));
    expect(trace.filter((span) => span !== root && !ids.has(span.parentSpanId!)).map((span) => span.name)).toEqual([]);
    // the gateway's request → its subgraph calls → each subgraph's request → its SQL statements
    const calls = trace.filter((span) => span.name.startsWith('subgraph '));
    const served = trace.filter((span) => span.service !== 'gateway' && span.name === 'POST /graphql');
    expect(calls.length).toBeGreaterThanOrEqual(3);
    expect(served.map((span) => calls.some((call) => call.spanId === span.parentSpanId))).toEqual(served.map(() => true));
    // the graph's signatories and centres live in other subgraphs than its conventions
    expect([...new Set(served.map((span) => span.service))].sort()).toEqual(expect.arrayContaining(['competence', 'conventions', 'education']));
    const statements = trace.filter((span) => span.name === 'sql');
    expect(statements.length).toBeGreaterThan(0);
    expect(statements.every((span) => span.attributes['db.system.name'] === 'postgresql')).toBe(true);
    // no span of another trace claims this request
    expect(spans.filter((span) => span.attributes['hub.request_id'] === requestId && span.traceId !== root!.traceId)).toEqual([]);

    const line = hub.logs().find((entry) => entry.name === 'gateway' && entry.msg === 'request' && entry.requestId === requestId);
    expect(line?.traceId).toBe(root!.traceId);
  });
});
