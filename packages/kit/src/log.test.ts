import { clip, createLogger, inRequest, logErrorOnce, MAX_LINE_BYTES, prettyLine, type LoggerOptions } from './log';

/** A logger writing into an array, one entry per write. */
function capture(options: LoggerOptions = {}) {
  const lines: string[] = [];
  const log = createLogger('gateway', { destination: { write: (line) => void lines.push(line) }, ...options });
  return { log, lines, records: () => lines.map((line) => JSON.parse(line) as Record<string, unknown>) };
}

describe('log lines', () => {
  it('writes one JSON line per event, a client’s newline escaped and its 10 KB operation name cut to 200 characters', () => {
    const { log, lines, records } = capture();
    const operation = `A\n{"level":"error","msg":"forged"}${'x'.repeat(10_000)}`;
    log.info('request', { operation: clip(operation), status: 200, codes: [] });
    expect(lines).toHaveLength(1);
    expect(lines[0].indexOf('\n')).toBe(lines[0].length - 1);
    expect(records()).toEqual([
      { time: expect.stringMatching(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/), level: 'info', name: 'gateway', msg: 'request', operation: `${operation.slice(0, 200)}… (10034 characters)`, status: 200, codes: [] },
    ]);
  });

  it('bounds every line, whatever it is given', () => {
    const { log, lines, records } = capture();
    log.error('x'.repeat(100_000), { text: 'y'.repeat(100_000), list: Array(10_000).fill('z'), deep: { a: { b: { c: { d: 'e' } } } } });
    const wide = Object.fromEntries(Array.from({ length: 100 }, (_, i) => [`field${i}`, { nested: 'w'.repeat(400) }]));
    log.error('wide', wide);
    const huge = Object.fromEntries(Array.from({ length: 20 }, (_, i) => [`f${i}`, Object.fromEntries(Array.from({ length: 20 }, (_, j) => [`g${j}`, wide]))]));
    log.error('huge', huge);
    expect(lines.map((line) => Buffer.byteLength(line) <= MAX_LINE_BYTES)).toEqual([true, true, true]);
    const [long, fewer, basics] = records();
    expect(long).toEqual({
      time: expect.any(String),
      level: 'error',
      name: 'gateway',
      msg: `${'x'.repeat(1000)}… (100000 characters)`,
      text: `${'y'.repeat(500)}… (100000 characters)`,
      list: [...Array(10).fill('z'), '… 9990 more'],
      deep: { a: { b: '{"c":{"d":"e"}}' } },
    });
    // 20 fields of 400 characters are too many: 10 of them, cut to 100
    expect(fewer).toEqual({
      time: expect.any(String),
      level: 'error',
      name: 'gateway',
      msg: 'wide',
      truncated: expect.any(Number),
      ...Object.fromEntries(Array.from({ length: 10 }, (_, i) => [`field${i}`, { nested: `${'w'.repeat(100)}… (400 characters)` }])),
    });
    expect(basics).toEqual({ time: expect.any(String), level: 'error', name: 'gateway', msg: 'huge', truncated: expect.any(Number) });
  });

  it('writes at most N error lines a second, then one line saying how many it suppressed', () => {
    let now = 5_000;
    const { log, records } = capture({ linesPerSecond: { error: 3, info: 100 }, now: () => now });
    for (let i = 0; i < 10; i++) log.error(`failure ${i}`);
    log.info('still written: information has its own budget');
    now += 1000;
    log.error('the next second');
    expect(records().map(({ level, msg, suppressed }) => ({ level, msg, suppressed }))).toEqual([
      { level: 'error', msg: 'failure 0' },
      { level: 'error', msg: 'failure 1' },
      { level: 'error', msg: 'failure 2' },
      { level: 'info', msg: 'still written: information has its own budget' },
      { level: 'warn', msg: 'suppressed 7 error lines (at most 3 a second)', suppressed: 7 },
      { level: 'error', msg: 'the next second' },
    ]);
  });

  it('reports the suppressed lines when the second is over, even if nothing else is logged', () => {
    jest.useFakeTimers({ now: 10_000 });
    try {
      const { log, records } = capture({ linesPerSecond: { error: 1, info: 100 } });
      for (let i = 0; i < 4; i++) log.error('failure');
      expect(records()).toHaveLength(1);
      jest.advanceTimersByTime(1000);
      expect(records().map((record) => record.msg)).toEqual(['failure', 'suppressed 3 error lines (at most 1 a second)']);
    } finally {
      jest.useRealTimers();
    }
  });

  it('adds the request id to every line logged while a request is served, and logs its repeated errors once', async () => {
    const { log, records } = capture();
    await inRequest('req-7', async () => {
      log.info('asked the conventions subgraph');
      for (const path of ['sectors.0.fund', 'sectors.1.fund', 'sectors.2.fund']) logErrorOnce(log.error, 'same', 'internal error', { err: { message: 'boom' } }, path);
      logErrorOnce(log.error, 'other', 'internal error', { err: { message: 'bang' } }, 'objectives');
      expect(records()).toHaveLength(1); // the errors when the request ends
    });
    log.info('after');
    expect(records()).toEqual([
      { time: expect.any(String), level: 'info', name: 'gateway', requestId: 'req-7', msg: 'asked the conventions subgraph' },
      { time: expect.any(String), level: 'error', name: 'gateway', requestId: 'req-7', msg: 'internal error', err: { message: 'boom' }, count: 3, paths: ['sectors.0.fund', 'sectors.1.fund', 'sectors.2.fund'] },
      { time: expect.any(String), level: 'error', name: 'gateway', requestId: 'req-7', msg: 'internal error', err: { message: 'bang' }, count: 1, paths: ['objectives'] },
      { time: expect.any(String), level: 'info', name: 'gateway', msg: 'after' },
    ]);
  });

  it('reads as one line per event for a person when asked', () => {
    const line = JSON.stringify({ level: 'error', time: '2026-01-02T03:04:05.678Z', name: 'conventions', requestId: 'r1', err: { message: 'boom', stack: '    at f (x.js:1:2)\n    at g (y.js:3:4)' }, count: 2, msg: 'internal error' });
    expect(prettyLine(`${line}\n`)).toBe('03:04:05.678 conventions  error internal error requestId=r1 count=2 err={"message":"boom"}\n    at f (x.js:1:2)\n    at g (y.js:3:4)\n');
    expect(prettyLine('not JSON')).toBe('not JSON');
  });
});
