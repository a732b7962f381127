import { GraphQLError } from 'graphql';
import { formatError } from './errors';
import type { LogFields } from './log';

describe('formatError', () => {
  const logged: [string, LogFields?][] = [];
  const format = formatError((message, fields) => logged.push([message, fields]));

  it('passes an expected error through, without a stack trace', () => {
    const formatted = { message: 'bad date', locations: [{ line: 1, column: 3 }], extensions: { code: 'BAD_USER_INPUT', stacktrace: ['at x'] } };
    expect(format(formatted, new GraphQLError('bad date'))).toEqual({ message: 'bad date', locations: [{ line: 1, column: 3 }], extensions: { code: 'BAD_USER_INPUT' } });
    expect(logged).toEqual([]);
  });

  it('masks an unexpected error and logs it in full for the operators', () => {
    const formatted = { message: 'relation "x" does not exist', path: ['sectors'], extensions: { code: 'INTERNAL_SERVER_ERROR' } };
    expect(format(formatted, new Error('relation "x" does not exist'))).toEqual({
      message: 'Internal server error: the operators have been told; quote the request id when you report it.',
      locations: undefined,
      path: ['sectors'],
      extensions: { code: 'INTERNAL_SERVER_ERROR' },
    });
    expect(logged).toEqual([['internal error', { err: { type: 'Error', message: 'relation "x" does not exist', stack: expect.stringMatching(/^ {4}at /) }, paths: ['sectors'] }]]);
  });
});

describe('formatError, a database that cannot be reached', () => {
  const logged: [string, LogFields?][] = [];
  const format = formatError((message, fields) => logged.push([message, fields]));
  const formatted = { message: 'whatever the driver said', locations: [{ line: 1, column: 3 }], path: ['sectors'], extensions: { code: 'INTERNAL_SERVER_ERROR' } };
  const driverError = (message: string, fields: Record<string, unknown>) => Object.assign(new Error(message), fields);

  it.each([
    ['a refused connection', driverError('connect ECONNREFUSED 127.0.0.1:5432', { code: 'ECONNREFUSED' })],
    ['a session terminated by an administrator', driverError('terminating connection due to administrator command', { code: '57P01' })],
    ['a database that no longer exists', driverError('database "hub" does not exist', { code: '3D000' })],
    ['a connection lost mid-query', new Error('Connection terminated unexpectedly')],
    ['a pool with no free connection', driverError('Knex: Timeout acquiring a connection. The pool is probably full.', { name: 'KnexTimeoutError' })],
    ['any of them wrapped by MikroORM', driverError('select 1 - connect ECONNREFUSED', { previous: driverError('connect ECONNREFUSED', { code: 'ECONNREFUSED' }) })],
  ])('makes %s SERVICE_UNAVAILABLE, logged in full', (_case, error) => {
    expect(format(formatted, error)).toEqual({
      message: 'The database behind this part of the answer is unavailable: its fields are missing. Try again later.',
      locations: [{ line: 1, column: 3 }],
      path: ['sectors'],
      extensions: { code: 'SERVICE_UNAVAILABLE' },
    });
    expect(logged.pop()).toEqual(['database unavailable', { err: expect.objectContaining({ type: error.name, message: error.message }), paths: ['sectors'] }]);
  });

  it('leaves other database errors internal', () => {
    expect(format(formatted, driverError('relation "x" does not exist', { code: '42P01' })).extensions).toEqual({ code: 'INTERNAL_SERVER_ERROR' });
  });
});

describe('formatError, requests Apollo refuses without a code', () => {
  it('gives them BAD_REQUEST when Apollo answers them with a 4xx (a persisted query whose hash does not match)', () => {
    const error = new GraphQLError('provided sha does not match query', { extensions: { http: { status: 400 } } });
    expect(formatError(() => {})({ message: error.message, extensions: { code: 'INTERNAL_SERVER_ERROR' } }, error)).toEqual({
      message: 'provided sha does not match query',
      extensions: { code: 'BAD_REQUEST' },
    });
  });
});
