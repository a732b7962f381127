import { SIGNATURE_HEADER, signRequest, verifyRequest } from './signature';

const SECRET = 'k'.repeat(32);
const request = { method: 'POST', path: '/graphql', requestId: 'req-1', body: '{"query":"{ sectors { totalCount } }"}' };
const NOW = Date.UTC(2025, 0, 1);

describe('the gateway’s signature of a subgraph request', () => {
  it('is accepted for the very request it signs, from a minute old to five seconds ahead', () => {
    const header = signRequest(SECRET, request, NOW);
    expect(header).toMatch(/^t=1735689600,v1=[0-9a-f]{64}$/);
    expect(verifyRequest(SECRET, header, request, NOW)).toBeUndefined();
    expect(verifyRequest(SECRET, header, { ...request, body: Buffer.from(request.body) }, NOW + 60_000)).toBeUndefined();
    expect(verifyRequest(SECRET, signRequest(SECRET, request, NOW + 5_000), request, NOW)).toBeUndefined();
  });

  it('is refused for any other body, request id, method, path or secret', () => {
    const header = signRequest(SECRET, request, NOW);
    const wrong = `wrong ${SIGNATURE_HEADER}`;
    expect(verifyRequest(SECRET, header, { ...request, body: request.body.replace('sectors', 'sources') }, NOW)).toBe(wrong);
    expect(verifyRequest(SECRET, header, { ...request, body: `${request.body} ` }, NOW)).toBe(wrong);
    expect(verifyRequest(SECRET, header, { ...request, requestId: 'req-2' }, NOW)).toBe(wrong);
    expect(verifyRequest(SECRET, header, { ...request, method: 'GET' }, NOW)).toBe(wrong);
    expect(verifyRequest(SECRET, header, { ...request, path: '/graphql?query={__typename}' }, NOW)).toBe(wrong);
    expect(verifyRequest('K'.repeat(32), header, request, NOW)).toBe(wrong);
    // another time under the same signature
    expect(verifyRequest(SECRET, header.replace('t=1735689600', 't=1735689601'), request, NOW)).toBe(wrong);
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
});
