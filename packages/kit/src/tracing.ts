import type { IncomingMessage, ServerResponse } from 'node:http';
import { context, propagation, ROOT_CONTEXT, SpanKind, SpanStatusCode, trace, type Context as TraceContext } from '@opentelemetry/api';
import { OTLPTraceExporter } from '@opentelemetry/exporter-trace-otlp-http';
import { resourceFromAttributes } from '@opentelemetry/resources';
import { BatchSpanProcessor, SimpleSpanProcessor, type SpanExporter } from '@opentelemetry/sdk-trace-base';
import { NodeTracerProvider } from '@opentelemetry/sdk-trace-node';

/**
 * Traces across the hub: a span per HTTP request each process serves (its parent taken from the W3C
 * `traceparent` header), one per subgraph request the gateway sends (which passes `traceparent` on), one
 * per SQL statement; Apollo Gateway adds its own (plan, execute, fetch). Off unless
 * OTEL_EXPORTER_OTLP_ENDPOINT is set: the API's tracer is then a no-op that costs nothing.
 */
export const tracer = trace.getTracer('sector-conventions-hub');

/** Whether this process exports traces: if not, a request is served without making a span or its context. */
let tracing = false;

/**
 * Turns tracing on for this process: OTLP over HTTP to OTEL_EXPORTER_OTLP_ENDPOINT (read by the exporter,
 * with the other OTEL_EXPORTER_OTLP_* variables), or to `exporter` (tests). Returns how to flush and stop
 * it, or undefined when it stays off. The lean trace SDK rather than sdk-node: no auto-instrumentation
 * to load before every module, no metrics or logs pipelines the hub does not use.
 */
export function startTracing(service: string, exporter?: SpanExporter): (() => Promise<void>) | undefined {
  if (!exporter && !process.env.OTEL_EXPORTER_OTLP_ENDPOINT) return undefined;
  const provider = new NodeTracerProvider({
    resource: resourceFromAttributes({ 'service.name': process.env.OTEL_SERVICE_NAME || service }),
    spanProcessors: [exporter ? new SimpleSpanProcessor(exporter) : new BatchSpanProcessor(new OTLPTraceExporter())],
  });
  // the context manager (AsyncLocalStorage) and the W3C trace-context propagator
  provider.register();
  tracing = true;
  return () => provider.shutdown();
}

/** Paths served without a span: probes and scrapes would drown the requests. */
const UNTRACED = new Set(['/health', '/health/live', '/health/ready', '/metrics']);

/** Runs `serve` for one HTTP request inside its server span, ended when the response closes. */
export function tracedRequest<T>(service: string, req: IncomingMessage, res: ServerResponse, requestId: string, serve: () => Promise<T>): Promise<T> {
  const path = (req.url ?? '/').split('?')[0];
  if (!tracing || UNTRACED.has(path)) return serve();
  const parent = propagation.extract(ROOT_CONTEXT, req.headers);
  const span = tracer.startSpan(
    `${req.method} ${path}`,
    { kind: SpanKind.SERVER, attributes: { 'hub.service': service, 'hub.request_id': requestId, 'http.request.method': req.method ?? 'GET', 'url.path': path } },
    parent,
  );
  res.once('close', () => {
    span.setAttribute('http.response.status_code', res.statusCode);
    if (res.statusCode >= 500) span.setStatus({ code: SpanStatusCode.ERROR });
    span.end();
  });
  return context.with(trace.setSpan(parent, span), serve);
}

/**
 * Runs `send` in a client span named `name`, with `headers` given the span's `traceparent` (the callee's
 * server span becomes its child).
 */
export async function tracedCall<T>(name: string, attributes: Record<string, string>, headers: Record<string, string>, send: () => Promise<T>): Promise<T> {
  if (!tracing) return send();
  const span = tracer.startSpan(name, { kind: SpanKind.CLIENT, attributes });
  const active: TraceContext = trace.setSpan(context.active(), span);
  propagation.inject(active, headers);
  try {
    return await context.with(active, send);
  } catch (error) {
    span.setStatus({ code: SpanStatusCode.ERROR, message: (error as Error).message });
    throw error;
  } finally {
    span.end();
  }
}

/** Records an SQL statement that has just run for `tookMs`, as a child of the span it ran under (none: not traced). */
export function traceStatement(service: string, statement: string, tookMs: number | undefined) {
  if (!tracing || !trace.getActiveSpan()?.isRecording()) return;
  const end = Date.now();
  tracer
    .startSpan('sql', {
      kind: SpanKind.CLIENT,
      startTime: end - (tookMs ?? 0),
      attributes: { 'db.system.name': 'postgresql', 'db.namespace': service, 'db.query.text': statement.slice(0, 2000) },
    })
    .end(end);
}

/** The trace the current code runs in, for the logs (undefined when not traced). */
export function currentTraceId(): string | undefined {
  if (!tracing) return undefined;
  const span = trace.getActiveSpan();
  return span?.isRecording() ? span.spanContext().traceId : undefined;
}
