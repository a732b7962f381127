import type { IncomingMessage } from 'node:http';
import { ANONYMOUS } from '@hub/kit';
import { addressKey, answerCost, clientKeys, RateLimiter } from '../src/rate-limit';

/** A limiter on a clock the test moves (ms). */
function limiter(perSecond: number, burst: number, maxBuckets?: number) {
  const clock = { now: 0 };
  return { clock, limiter: new RateLimiter(perSecond, burst, () => clock.now, maxBuckets) };
}

const request = (remoteAddress: string, headers: Record<string, string> = {}) => ({ socket: { remoteAddress }, headers }) as unknown as IncomingMessage;

describe('rate limiter (token bucket per client)', () => {
  it('admits a burst, then one request per 1/rate seconds, and says how many whole seconds to wait', () => {
    const { clock, limiter: rate } = limiter(2, 3);
    expect([1, 2, 3, 4].map(() => rate.take(['a']))).toEqual([0, 0, 0, 1]);
    clock.now = 499;
    expect(rate.take(['a'])).toBe(1);
    clock.now = 500; // half a second at 2 per second: one request back
    expect([rate.take(['a']), rate.take(['a'])]).toEqual([0, 1]);
    expect(rate.take(['b'])).toBe(0); // another client has its own bucket
  });

  it('says to wait as long as the bucket needs to refill one request', () => {
    const { limiter: rate } = limiter(0.25, 1);
    expect([rate.take(['a']), rate.take(['a'])]).toEqual([0, 4]);
  });

  it('admits a request only if every one of its buckets has room, and then takes from each', () => {
    const { limiter: rate } = limiter(1, 2);
    // made-up credentials from one address: the address bucket still runs out
    expect(['k1', 'k2', 'k3'].map((key) => rate.take(['address 1', key]))).toEqual([0, 0, 1]);
    // a refused request took nothing: k3's bucket is still full, so one credential is not locked out by another's refusals
    expect(rate.take(['address 2', 'k3'])).toBe(0);
    expect(rate.take(['address 2', 'k3'])).toBe(0);
    expect(rate.take(['address 3', 'k3'])).toBe(1);
  });

  it('forgets the buckets that are full again, and never holds more than its bound', () => {
    const { clock, limiter: rate } = limiter(10, 2, 3);
    for (const key of ['a', 'b']) rate.take([key]);
    expect(rate.size).toBe(2);
    clock.now = 200; // both refilled
    rate.take(['c']);
    expect(rate.size).toBe(1);
    for (const key of ['d', 'e', 'f', 'g']) rate.take([key]);
    expect(rate.size).toBe(3);
  });
});

describe('cost budget (the same buckets, holding field values)', () => {
  it('takes an operation’s estimate, settles it at the real cost, and makes a client that owes wait until paid back', () => {
    const { clock, limiter: budget } = limiter(100, 1000);
    expect(budget.take(['a'], 800)).toBe(0); // 200 left
    budget.settle(['a'], 800 - 50); // answered 50 field values: 950 left
    expect(budget.take(['a'], 900)).toBe(0); // 50 left
    budget.settle(['a'], 900 - 2000); // answered 2,000: owes 1,050
    expect(budget.take(['a'], 10)).toBe(11); // (1,050 + 10) / 100 a second = 10.6 s
    clock.now = 10_599;
    expect(budget.take(['a'], 10)).toBe(1);
    clock.now = 10_600;
    expect(budget.take(['a'], 10)).toBe(0);
    budget.settle(['b'], 5000); // never above the burst
    expect(budget.take(['b'], 1001)).toBe(1);
  });

  it('counts an answer’s field values: every field of every object, every item of every list', () => {
    expect(answerCost({ sectors: { totalCount: 2, nodes: [{ id: 'a', name: 'A', tags: ['x', 'y'] }, { id: 'b', name: null, tags: [] }] } })).toBe(9);
    expect(answerCost(null)).toBe(0);
    expect(answerCost(undefined)).toBe(0);
  });
});

describe('client keys', () => {
  it('counts by address, an IPv6 client by its /64 network', () => {
    expect(addressKey('203.0.113.7')).toBe('203.0.113.7');
    expect(addressKey('::ffff:203.0.113.7')).toBe('203.0.113.7');
    expect(addressKey('2001:db8:1:2:aaaa::1')).toBe('2001:db8:1:2::/64');
    expect(addressKey('2001:db8:1:2:ffff:ffff:ffff:ffff')).toBe('2001:db8:1:2::/64');
    expect(addressKey('2001:db8::7')).toBe('2001:db8:0:0::/64');
    expect(addressKey('::1')).toBe('0:0:0:0::/64');
    expect(addressKey('fe80::1%eth0')).toBe('fe80:0:0:0::/64');
  });

  it('counts a signed-in caller by its credential (several dashboards behind one address keep their own shares), anyone else by address', () => {
    const editor = { subject: 'alice', role: 'editor' as const, agency: 'forem', credential: 'token jti-1' };
    expect(clientKeys(request('203.0.113.7'), editor)).toEqual(['credential token jti-1']);
    expect(clientKeys(request('203.0.113.7'), ANONYMOUS)).toEqual(['address 203.0.113.7']);
    // credentials nobody verified count for nothing: the address does
    expect(clientKeys(request('203.0.113.7', { 'x-api-key': 'made-up' }))).toEqual(['address 203.0.113.7']);
  });
});
