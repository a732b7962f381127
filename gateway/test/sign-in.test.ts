import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import type { IncomingMessage } from 'node:http';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { exportJWK, generateKeyPair, SignJWT, type KeyLike } from 'jose';
import { ANONYMOUS, DEFAULT_TOKEN_AUDIENCE, DEFAULT_TOKEN_ISSUER, generateSecret, type SignInConfig } from '@hub/kit';
import { ApiKeyStore } from '../src/api-keys';
import { SignIn } from '../src/sign-in';

const SECRET = generateSecret();
const folder = mkdtempSync(path.join(tmpdir(), 'hub-sign-in-'));
afterAll(() => rmSync(folder, { recursive: true, force: true }));

const config = (more: Partial<SignInConfig> = {}): SignInConfig => ({
  jwtSecret: SECRET,
  issuer: DEFAULT_TOKEN_ISSUER,
  audience: DEFAULT_TOKEN_AUDIENCE,
  clockSkewSeconds: 30,
  required: false,
  ...more,
});

const request = (headers: Record<string, string> = {}) => ({ headers }) as unknown as IncomingMessage;
const bearer = (token: string) => request({ authorization: `Bearer ${token}` });

/** A token as an identity provider would make it: the hub's issuer and audience, an hour of validity, unless told otherwise. */
function token(claims: Record<string, unknown> = { role: 'editor', agency: 'forem' }, options: { key?: Uint8Array | KeyLike; alg?: string; issuer?: string; audience?: string; expires?: number; subject?: string; jti?: string } = {}) {
  const now = Math.floor(Date.now() / 1000);
  let jwt = new SignJWT(claims)
    .setProtectedHeader({ alg: options.alg ?? 'HS256' })
    .setIssuer(options.issuer ?? DEFAULT_TOKEN_ISSUER)
    .setAudience(options.audience ?? DEFAULT_TOKEN_AUDIENCE)
    .setExpirationTime(options.expires ?? now + 3600);
  if (options.subject !== '') jwt = jwt.setSubject(options.subject ?? 'alice');
  if (options.jti) jwt = jwt.setJti(options.jti);
  return jwt.sign(options.key ?? new TextEncoder().encode(SECRET));
}

describe('sign-in with a token', () => {
  const signIn = new SignIn(config());

  it('takes a valid token for its subject, role and agency; the token id names the credential', async () => {
    expect(await signIn.identify(bearer(await token(undefined, { jti: 'jti-1' })))).toEqual({
      identity: { subject: 'alice', role: 'editor', agency: 'forem', credential: 'token jti-1' },
    });
    const withoutId = await signIn.identify(bearer(await token({ role: 'admin' })));
    expect(withoutId).toEqual({ identity: { subject: 'alice', role: 'admin', agency: null, credential: expect.stringMatching(/^token sha256:[0-9a-f]{16}$/) } });
  });

  it('reads anonymously without credentials', async () => {
    expect(await signIn.identify(request())).toEqual({ identity: ANONYMOUS });
  });

  it('refuses an expired token, past the clock skew only', async () => {
    const now = Math.floor(Date.now() / 1000);
    expect(await signIn.identify(bearer(await token(undefined, { expires: now - 60 })))).toEqual({ refused: 'the token has expired' });
    expect(await signIn.identify(bearer(await token(undefined, { expires: now - 10 })))).toHaveProperty('identity');
  });

  it('refuses a forged token, another issuer or audience, and claims that give no identity', async () => {
    expect(await signIn.identify(bearer(await token(undefined, { key: new TextEncoder().encode(generateSecret()) })))).toEqual({ refused: 'the token signature does not verify' });
    const valid = await token();
    const [head, , signature] = valid.split('.');
    const raised = Buffer.from(JSON.stringify({ role: 'admin', sub: 'alice', iss: DEFAULT_TOKEN_ISSUER, aud: DEFAULT_TOKEN_AUDIENCE, exp: 4e9 })).toString('base64url');
    expect(await signIn.identify(bearer(`${head}.${raised}.${signature}`))).toEqual({ refused: 'the token signature does not verify' });
    expect(await signIn.identify(bearer(await token(undefined, { issuer: 'someone-else' })))).toEqual({ refused: 'the token\'s "iss" claim is not accepted (check_failed)' });
    expect(await signIn.identify(bearer(await token(undefined, { audience: 'another-api' })))).toEqual({ refused: 'the token\'s "aud" claim is not accepted (check_failed)' });
    expect(await signIn.identify(bearer(await token({ role: 'editor' })))).toEqual({ refused: 'an editor token needs its "agency"' });
    expect(await signIn.identify(bearer(await token({ role: 'owner' })))).toEqual({ refused: 'the token\'s "role" must be one of reader, editor, admin' });
    expect(await signIn.identify(bearer(await token(undefined, { subject: '' })))).toEqual({ refused: 'the token has no subject ("sub")' });
  });

  it('refuses an unsigned token ("alg": "none") and anything that is not a bearer token', async () => {
    const unsigned = `${Buffer.from('{"alg":"none"}').toString('base64url')}.${Buffer.from('{"sub":"x","role":"admin"}').toString('base64url')}.`;
    expect(await signIn.identify(request({ authorization: `Bearer ${unsigned}` }))).toEqual({ refused: 'the Authorization header must be "Bearer <token>"' });
    expect(await signIn.identify(bearer(`${unsigned}AAAA`))).toEqual({ refused: 'the token is signed with a key pair, but no JWKS_FILE is set' });
    expect(await signIn.identify(request({ authorization: 'Basic YWRtaW46YWRtaW4=' }))).toEqual({ refused: 'the Authorization header must be "Bearer <token>"' });
    expect(await signIn.identify(bearer('not.a.token'))).toEqual({ refused: 'the token is not a valid JWT' });
  });

  it('accepts RS256 and ES256 tokens signed with a key of the JWKS file, and no other key', async () => {
    const [rsa, ec, stranger] = await Promise.all([generateKeyPair('RS256'), generateKeyPair('ES256'), generateKeyPair('RS256')]);
    const jwks = { keys: [{ ...(await exportJWK(rsa.publicKey)), kid: 'rsa-1', alg: 'RS256' }, { ...(await exportJWK(ec.publicKey)), kid: 'ec-1', alg: 'ES256' }] };
    const jwksFile = path.join(folder, 'jwks.json');
    writeFileSync(jwksFile, JSON.stringify(jwks));
    const withKeys = new SignIn(config({ jwtSecret: undefined, jwksFile }));
    const signed = (key: KeyLike, alg: string, kid: string) =>
      new SignJWT({ role: 'admin' }).setProtectedHeader({ alg, kid }).setSubject('ops').setIssuer(DEFAULT_TOKEN_ISSUER).setAudience(DEFAULT_TOKEN_AUDIENCE).setExpirationTime('1h').sign(key);
    expect(await withKeys.identify(bearer(await signed(rsa.privateKey, 'RS256', 'rsa-1')))).toHaveProperty('identity.role', 'admin');
    expect(await withKeys.identify(bearer(await signed(ec.privateKey, 'ES256', 'ec-1')))).toHaveProperty('identity.subject', 'ops');
    expect(await withKeys.identify(bearer(await signed(stranger.privateKey, 'RS256', 'rsa-1')))).toEqual({ refused: 'the token signature does not verify' });
    expect(await withKeys.identify(bearer(await token()))).toEqual({ refused: 'the token is signed with HS256, but no JWT_SECRET is set' });
  });

  it('refuses tokens when no key is configured', async () => {
    expect(await new SignIn(undefined).identify(bearer(await token()))).toEqual({ refused: 'this hub accepts no tokens (neither JWT_SECRET nor JWKS_FILE is set)' });
  });
});

describe('sign-in with an API key', () => {
  const file = path.join(folder, 'keys', 'api-keys.json');
  const store = new ApiKeyStore(file);
  const signIn = new SignIn(config({ apiKeysFile: file }));

  it('takes a key the store made; the file keeps its hash, never the key', async () => {
    const { key, record } = store.create({ role: 'editor', agency: 'ifapme', label: 'IFAPME dashboard' });
    expect(key).toMatch(/^hub_[\w-]{12}_[\w-]{43}$/);
    expect(await signIn.identify(request({ 'x-api-key': key }))).toEqual({
      identity: { subject: `api-key:${record.id}`, role: 'editor', agency: 'ifapme', credential: `api-key ${record.id}` },
    });
    expect(JSON.stringify(store.list())).not.toContain(key.slice('hub_'.length + 13));
    expect(store.list()).toEqual([expect.objectContaining({ id: record.id, hash: expect.stringMatching(/^sha256:[0-9a-f]{64}$/), revokedAt: null })]);
  });

  it('refuses a revoked key (a running gateway sees it within a second), an unknown or malformed one, and a key with a token', async () => {
    const { key, record } = store.create({ role: 'reader', agency: null, label: 'script' });
    const reader = new ApiKeyStore(file); // the gateway's own copy
    expect(reader.verify(key)).toHaveProperty('id', record.id);
    store.revoke(record.id);
    expect(reader.verify(key, performance.now() + 1000)).toEqual({ refused: `the API key ${record.id} was revoked on ${store.list().find((r) => r.id === record.id)!.revokedAt}` });
    expect(await signIn.identify(request({ 'x-api-key': key.replace(/.$/, (c) => (c === 'A' ? 'B' : 'A')) }))).toEqual({ refused: 'the API key is unknown' });
    expect(await signIn.identify(request({ 'x-api-key': 'hub_short' }))).toEqual({ refused: 'the API key is malformed' });
    expect(await signIn.identify(request({ 'x-api-key': key, authorization: `Bearer ${await token()}` }))).toEqual({ refused: 'send either a token or an API key, not both' });
    expect(() => store.revoke('nope')).toThrow('no API key nope');
    expect(() => store.create({ role: 'editor', agency: null, label: 'x' })).toThrow('an editor key needs its agency');
  });

  it('refuses API keys when the hub keeps none', async () => {
    expect(await new SignIn(config()).identify(request({ 'x-api-key': 'hub_abcdefghijkl_' + 'a'.repeat(43) }))).toEqual({ refused: 'this hub accepts no API keys (API_KEYS_FILE is not set)' });
  });
});
