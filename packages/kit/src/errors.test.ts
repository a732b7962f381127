import { GraphQLError } from 'graphql';
import { formatError } from './errors';

describe('formatError', () => {
  const logged: string[] = [];
  const format = formatError((message) => logged.push(message));

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
    expect(logged).toEqual([expect.stringContaining('internal error at sectors: Error: relation "x" does not exist')]);
  });
});
