import { AsyncLocalStorage } from 'node:async_hooks';
import { currentTraceId } from './tracing';
import { format } from 'node:util';
import pino from 'pino';

/** What a line says besides its message, as fields a tool can filter on (`status`, `ms`, `err`…). */
export type LogFields = Record<string, unknown>;

/**
 * One JSON line per event, with `time`, `level`, `name` (the process: gateway, conventions…), `msg`, the
 * fields given and, while a request is being served, its `requestId`. Info lines go to stdout, the others
 * to stderr; `npm start` passes them on as they are.
 */
export interface Logger {
  info(message: string, fields?: LogFields): void;
  error(message: string, fields?: LogFields): void;
}

/** Text a client chose (an operation name, an alias) is cut to this many characters in a line. */
export const MAX_CLIENT_TEXT = 200;
const MAX_MESSAGE = 1000;
const MAX_STACK_FRAMES = 12;
const MAX_DEPTH = 3;
/** How much of the fields of a line is kept: text (a stack has more room), list items, object keys. */
const FIELDS = { text: 500, stack: 2000, items: 10, keys: 20 };
/** The same for a line that would still be longer than MAX_LINE_BYTES. */
const FEWER_FIELDS = { text: 100, stack: 600, items: 3, keys: 10 };
/** No line is longer: one that would be keeps fewer fields, or only its message (a last guard; the limits above come first). */
export const MAX_LINE_BYTES = 8192;
/** Lines of each kind (errors and warnings; information) a logger writes in one second at most. */
export const DEFAULT_LINES_PER_SECOND = { error: 50, info: 500 };
/** Distinct errors logged for one request; the others are only counted. */
const MAX_ERRORS_PER_REQUEST = 10;
/** Paths at which an error is listed, and the characters of each (the aliases in a path are the client's). */
const MAX_PATHS = 10;
const MAX_PATH_TEXT = 100;

/** `text` cut to `max` characters (never inside a surrogate pair), saying how long it was. */
export function clip(text: string, max = MAX_CLIENT_TEXT): string {
  if (text.length <= max) return text;
  const end = /[\ud800-\udbff]/.test(text[max - 1]) ? max - 1 : max;
  return `${text.slice(0, end)}… (${text.length} characters)`;
}

const json = (value: unknown) => {
  try {
    return JSON.stringify(value) ?? String(value);
  } catch {
    return String(value);
  }
};

/** An error as fields: its type, message, code and the first frames of its stack; a GraphQL error object (a subgraph's) as its message and code. */
export function errorFields(error: unknown): LogFields {
  if (error instanceof Error) {
    const { code } = error as { code?: unknown };
    // the frames only: the message is a field of its own
    const head = `${error.name}: ${error.message}`;
    const frames = error.stack?.startsWith(head) ? error.stack.slice(head.length) : error.stack;
    const stack = frames?.replace(/^\n/, '').split('\n').slice(0, MAX_STACK_FRAMES).join('\n');
    return { type: error.name, message: error.message, ...(code !== undefined ? { code: String(code) } : {}), ...(stack ? { stack } : {}) };
  }
  if (error !== null && typeof error === 'object') {
    const { message, extensions } = error as { message?: unknown; extensions?: { code?: unknown } };
    return { message: typeof message === 'string' ? message : json(error), ...(extensions?.code !== undefined ? { code: String(extensions.code) } : {}) };
  }
  return { message: String(error) };
}

/** `value` with every text cut short, lists to their first items and objects to a few levels and keys. */
function bounded(value: unknown, limits = FIELDS, key = '', depth = 0): unknown {
  if (typeof value === 'string') return clip(value, key === 'stack' ? limits.stack : limits.text);
  if (value === null || value === undefined || typeof value === 'number' || typeof value === 'boolean') return value;
  if (value instanceof Error) return bounded(errorFields(value), limits, key, depth);
  if (typeof value !== 'object' || depth >= MAX_DEPTH) return clip(typeof value === 'object' ? json(value) : String(value), limits.text);
  if (Array.isArray(value)) {
    const items = value.slice(0, limits.items).map((item) => bounded(item, limits, '', depth + 1));
    return value.length > limits.items ? [...items, `… ${value.length - limits.items} more`] : items;
  }
  return Object.fromEntries(
    Object.entries(value)
      .slice(0, limits.keys)
      .map(([k, v]) => [clip(k, 50), bounded(v, limits, k, depth + 1)]),
  );
}

const bytes = (line: string) => (line.length <= MAX_LINE_BYTES / 4 ? line.length : Buffer.byteLength(line));

/** The last guard on a line's length: one longer than MAX_LINE_BYTES keeps fewer fields, else only its time, level, name, request id and message. */
function withinLimit(line: string): string {
  if (bytes(line) <= MAX_LINE_BYTES) return line;
  const { time, level, name, requestId, msg, ...fields } = JSON.parse(line);
  const basics = { time, level, name, requestId, msg: clip(String(msg), FEWER_FIELDS.text), truncated: Buffer.byteLength(line) };
  const fewer = `${JSON.stringify({ ...basics, ...(bounded(fields, FEWER_FIELDS) as LogFields) })}\n`;
  return bytes(fewer) <= MAX_LINE_BYTES ? fewer : `${JSON.stringify(basics)}\n`;
}

interface PendingError {
  log: (message: string, fields?: LogFields) => void;
  message: string;
  fields: LogFields;
  paths: string[];
  count: number;
}

interface RequestScope {
  requestId: string;
  errors: Map<string, PendingError>;
  /** Distinct errors past MAX_ERRORS_PER_REQUEST: counted only. */
  otherErrors: number;
}

const requestScope = new AsyncLocalStorage<RequestScope>();

/**
 * Runs `work`, the serving of request `requestId`: every line logged meanwhile carries its id, and the
 * errors given to `logErrorOnce` are logged when it ends, each once.
 */
export function inRequest<T>(requestId: string, work: () => Promise<T>): Promise<T> {
  const scope: RequestScope = { requestId, errors: new Map(), otherErrors: 0 };
  return requestScope.run(scope, async () => {
    try {
      return await work();
    } finally {
      for (const [i, pending] of [...scope.errors.values()].entries()) {
        const fields: LogFields = { ...pending.fields, count: pending.count, paths: pending.paths };
        if (i === scope.errors.size - 1 && scope.otherErrors > 0) fields.otherErrors = scope.otherErrors;
        pending.log(pending.message, fields);
      }
    }
  });
}

/**
 * Logs an error of the request being served once however often it occurs (a failed loader fails every
 * item that asked it, each at its own path): errors with the same `key` are counted, and logged with
 * their count and first paths when the request ends. Outside a request (a test's executeOperation), at once.
 */
export function logErrorOnce(log: (message: string, fields?: LogFields) => void, key: string, message: string, fields: LogFields, path?: string) {
  const scope = requestScope.getStore();
  const paths = path === undefined ? [] : [clip(path, MAX_PATH_TEXT)];
  if (!scope) return log(message, { ...fields, paths });
  const seen = scope.errors.get(key);
  if (seen) {
    seen.count++;
    if (seen.paths.length < MAX_PATHS) seen.paths.push(...paths);
  } else if (scope.errors.size < MAX_ERRORS_PER_REQUEST) {
    scope.errors.set(key, { log, message, fields, paths, count: 1 });
  } else {
    scope.otherErrors++;
  }
}

/**
 * At most `perSecond` lines in each second of the clock; the others are counted, and `report` told
 * their number when the second is over (by a timer, or by the next line, whichever comes first).
 */
export class LineSampler {
  private second = -1;
  private written = 0;
  private suppressed = 0;
  private timer: NodeJS.Timeout | undefined;

  constructor(
    readonly perSecond: number,
    private readonly report: (suppressed: number) => void,
    private readonly now: () => number = Date.now,
  ) {}

  /** Whether a line may be written now. */
  take(): boolean {
    const now = this.now();
    const second = Math.floor(now / 1000);
    if (second !== this.second) {
      this.flush();
      this.second = second;
      this.written = 0;
    }
    if (this.written < this.perSecond) {
      this.written++;
      return true;
    }
    if (this.suppressed++ === 0) this.timer = setTimeout(() => this.flush(), 1000 - (now % 1000)).unref();
    return false;
  }

  /** Reports the lines suppressed so far, if any. */
  flush() {
    clearTimeout(this.timer);
    this.timer = undefined;
    if (this.suppressed === 0) return;
    const suppressed = this.suppressed;
    this.suppressed = 0;
    this.report(suppressed);
  }
}

export interface LoggerOptions {
  /** Where every line goes; by default info lines to stdout, warnings and errors to stderr. */
  destination?: { write(line: string): void };
  /** Lines a second of each kind at most; the rest are counted in a "suppressed" warning line. */
  linesPerSecond?: { error: number; info: number };
  /** `pretty`: one readable line per event (for a person at a terminal; `npm start` with LOG_FORMAT=pretty). */
  format?: 'json' | 'pretty';
  now?: () => number;
}

/** The logger of one process, named after it; at most `linesPerSecond` lines a second of each kind. */
export function createLogger(name: string, options: LoggerOptions = {}): Logger {
  const shown = (stream: { write(line: string): void }) => (options.format === 'pretty' ? { write: (line: string) => stream.write(prettyLine(line)) } : stream);
  const destination = options.destination
    ? shown(options.destination)
    : pino.multistream(
        [
          { level: 'info', stream: shown(pino.destination({ dest: 1, sync: true })) },
          { level: 'warn', stream: shown(pino.destination({ dest: 2, sync: true })) },
        ],
        { dedupe: true },
      );
  const logger = pino(
    {
      base: { name },
      timestamp: pino.stdTimeFunctions.isoTime,
      formatters: { level: (label) => ({ level: label }) },
      // our `err` fields are already plain and bounded (errorFields)
      serializers: { err: (err: unknown) => err },
      mixin: () => {
        const requestId = requestScope.getStore()?.requestId;
        const traceId = currentTraceId();
        return { ...(requestId === undefined ? {} : { requestId }), ...(traceId === undefined ? {} : { traceId }) };
      },
      hooks: { streamWrite: withinLimit },
    },
    destination,
  );
  const limits = options.linesPerSecond ?? DEFAULT_LINES_PER_SECOND;
  const summary = (kind: string, perSecond: number) => (suppressed: number) =>
    // not about the request that happened to be logging when the second ended
    requestScope.exit(() => logger.warn({ suppressed, kind, perSecond }, `suppressed ${suppressed} ${kind} lines (at most ${perSecond} a second)`));
  const samplers = {
    info: new LineSampler(limits.info, summary('info', limits.info), options.now),
    error: new LineSampler(limits.error, summary('error', limits.error), options.now),
  };
  const write = (level: 'info' | 'error') => (message: string, fields?: LogFields) => {
    if (!samplers[level].take()) return;
    logger[level](fields === undefined ? {} : (bounded(fields) as LogFields), clip(String(message), MAX_MESSAGE));
  };
  return { info: write('info'), error: write('error') };
}

/** A JSON line as one readable line: time, process, level, message, then the fields (a stack on the lines after). Other text as it is. */
export function prettyLine(line: string): string {
  let record: Record<string, unknown>;
  try {
    record = JSON.parse(line);
  } catch {
    return line;
  }
  if (record === null || typeof record !== 'object') return line;
  const { time, level, name, msg, err, ...fields } = record as Record<string, unknown> & { err?: LogFields };
  const { stack, ...error } = err ?? {};
  const shown = { ...fields, ...(err ? { err: error } : {}) };
  const text = (value: unknown) => (typeof value === 'string' && /^[^\s"=]+$/.test(value) ? value : JSON.stringify(value));
  return (
    `${String(time ?? '').slice(11, 23)} ${String(name ?? '').padEnd(12)} ${String(level ?? '').padEnd(5)} ${msg ?? ''}` +
    Object.entries(shown)
      .map(([key, value]) => ` ${key}=${text(value)}`)
      .join('') +
    (typeof stack === 'string' ? `\n    ${stack.trim().split('\n').map((frame) => frame.trim()).join('\n    ')}` : '') +
    (line.endsWith('\n') ? '\n' : '')
  );
}

/**
 * Sends what libraries print with `console` and Node's process warnings through `log`, so that every
 * line the process writes is one of its JSON lines, bounded and counted like the others.
 */
export function captureConsole(log: Logger) {
  const info = (...args: unknown[]) => log.info(format(...args));
  const error = (...args: unknown[]) => log.error(format(...args));
  Object.assign(console, { log: info, info, debug: info, warn: error, error, trace: error });
  process.removeAllListeners('warning');
  process.on('warning', (warning) => log.error(`${warning.name}: ${warning.message}`, { err: errorFields(warning) }));
}

/** Apollo Server's and Apollo gateway's logger on ours: their text, or the error they give, as a line; debug dropped. */
export function apolloLogger(log: Logger) {
  const line = (write: (message: string, fields?: LogFields) => void) => (...args: unknown[]) => {
    const error = args.find((arg) => arg instanceof Error);
    const text = args
      .filter((arg) => arg !== error)
      .map((arg) => (typeof arg === 'string' ? arg : json(arg)))
      .join(' ');
    write(text || (error as Error | undefined)?.message || '', error ? { err: errorFields(error) } : undefined);
  };
  return { debug: () => {}, info: line(log.info), warn: line(log.error), error: line(log.error) };
}
