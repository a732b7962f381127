import { encodeIdentity } from './identity';
import { ReplayGuard, SIGNATURE_HEADER, signRequest, verifyRequest } from './signature';

const SECRET = 'k'.repeat(32);
const request = { method: 'POST', path: '/graphql', requestId: 'req-1', identity: encodeIdentity({ subject: 'alice', role: 'editor', agency: 'forem', credential: 'token t1' }), body: '{"query":"{ sectors { totalCount } }"}' };
const NOW = Date.UTC(2025, 0, 1);

describe('the gateway’s signature of a subgraph request', () => {
  it('is accepted for the very request it signs, from a minute old to five seconds ahead', () => {
    const header = signRequest(SECRET, request, NOW);
    expect(header).toMatch(/^t=1735689600,n=[0-9a-f]{32},v1=[0-9a-f]{64}$/);
    expect(signRequest(SECRET, request, NOW)).not.toBe(header); // a fresh nonce each time
    expect(verifyRequest(SECRET, header, request, NOW)).toBeUndefined();
    expect(verifyRequest(SECRET, header, { ...request, body: Buffer.from(request.body) }, NOW + 60_000)).toBeUndefined();
    expect(verifyRequest(SECRET, signRequest(SECRET, request, NOW + 5_000), request, NOW)).toBeUndefined();
  });

  it('is refused for any other body, request id, caller, method, path, audience or secret', () => {
    const header = signRequest(SECRET, request, NOW);
    const wrong = `wrong ${SIGNATURE_HEADER}`;
    expect(verifyRequest(SECRET, header, { ...request, body: request.body.replace('sectors', 'sources') }, NOW)).toBe(wrong);
    expect(verifyRequest(SECRET, header, { ...request, body: `${request.body} ` }, NOW)).toBe(wrong);
    expect(verifyRequest(SECRET, header, { ...request, requestId: 'req-2' }, NOW)).toBe(wrong);
    expect(verifyRequest(SECRET, header, { ...request, identity: encodeIdentity({ subject: 'alice', role: 'admin', agency: 'forem', credential: 'token t1' }) }, NOW)).toBe(wrong);
    expect(verifyRequest(SECRET, header, { ...request, identity: '' }, NOW)).toBe(wrong);
    expect(verifyRequest(SECRET, header, { ...request, method: 'GET' }, NOW)).toBe(wrong);
    expect(verifyRequest(SECRET, header, { ...request, audience: 'gateway' }, NOW)).toBe(wrong);
    expect(verifyRequest(SECRET, header, { ...request, path: '/graphql?query={__typename}' }, NOW)).toBe(wrong);
    expect(verifyRequest('K'.repeat(32), header, request, NOW)).toBe(wrong);
    // another time or nonce under the same signature
    expect(verifyRequest(SECRET, header.replace('t=1735689600', 't=1735689601'), request, NOW)).toBe(wrong);
    const otherNonce = header.replace(/n=([0-9a-f])/, (_, first) => `n=${first === '0' ? '1' : '0'}`);
    expect(verifyRequest(SECRET, otherNonce, request, NOW)).toBe(wrong);
  });

  it('is refused when missing, malformed, expired or from the future', () => {
    const header = signRequest(SECRET, request, NOW);
    expect(verifyRequest(SECRET, undefined, request, NOW)).toBe(`missing ${SIGNATURE_HEADER}`);
    expect(verifyRequest(SECRET, '', request, NOW)).toBe(`missing ${SIGNATURE_HEADER}`);
    expect(verifyRequest(SECRET, header.toUpperCase(), request, NOW)).toBe(`malformed ${SIGNATURE_HEADER}`);
    expect(verifyRequest(SECRET, header.slice(0, -2), request, NOW)).toBe(`malformed ${SIGNATURE_HEADER}`);
    expect(verifyRequest(SECRET, `${header},v1=${'0'.repeat(64)}`, request, NOW)).toBe(`malformed ${SIGNATURE_HEADER}`);
    expect(verifyRequest(SECRET, header, request, NOW + 61_000)).toBe(`expired ${SIGNATURE_HEADER} (61 s old)`);
    expect(verifyRequest(SECRET, header, request, NOW - 6_000)).toBe(`${SIGNATURE_HEADER} from the future (6 s ahead)`);
  });

  it('is accepted once: the same signed request again is refused while it would still be valid', () => {
    const guard = new ReplayGuard();
    const header = signRequest(SECRET, request, NOW);
    expect(verifyRequest(SECRET, header, request, NOW, guard)).toBeUndefined();
    expect(verifyRequest(SECRET, header, request, NOW + 30_000, guard)).toBe(`${SIGNATURE_HEADER} already used`);
    expect(verifyRequest(SECRET, signRequest(SECRET, request, NOW), request, NOW, guard)).toBeUndefined(); // the gateway signing the same request again
    // a wrong signature leaves no nonce behind
    const forged = header.replace(/v1=[0-9a-f]{64}/, `v1=${'0'.repeat(64)}`).replace(/n=[0-9a-f]{32}/, `n=${'a'.repeat(32)}`);
    expect(verifyRequest(SECRET, forged, request, NOW, guard)).toBe(`wrong ${SIGNATURE_HEADER}`);
    expect(guard.size).toBe(2);
  });

  it('forgets the nonces of expired signatures, and keeps at most its bound', () => {
    const guard = new ReplayGuard(3);
    const t = NOW / 1000;
    expect(['a', 'b'].map((nonce) => guard.firstUse(nonce, t, NOW))).toEqual([true, true]);
    expect(guard.firstUse('c', t + 61, NOW + 61_000)).toBe(true); // a and b expired
    expect(guard.size).toBe(1);
    for (const nonce of ['d', 'e', 'f']) guard.firstUse(nonce, t + 61, NOW + 61_000);
    expect(guard.size).toBe(3);
    expect(guard.firstUse('f', t + 61, NOW + 61_000)).toBe(false);
  });
});
