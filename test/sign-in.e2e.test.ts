import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { SignJWT } from 'jose';
import { DEFAULT_TOKEN_AUDIENCE, DEFAULT_TOKEN_ISSUER, loadGatewayConfig, repositoryRoot, SUBGRAPHS, urlVariable } from '@hub/kit';
import { postGraphQL, quietLogger } from '@hub/kit/testing';
import { startGateway } from '@hub/gateway';
import { startTestHub, type TestHub } from './support/hub';

// The hub as real processes; tokens and API keys made by the commands a newcomer runs (`npm run token`,
// `npm run keys`), pointed at this hub's token secret and API keys file.
let hub: TestHub;
const folder = mkdtempSync(path.join(tmpdir(), 'hub-sign-in-e2e-'));
const API_KEYS_FILE = path.join(folder, 'api-keys.json');

beforeAll(async () => {
  hub = await startTestHub({ gatewayEnv: { API_KEYS_FILE }, keepLogs: true });
}, 120_000);
afterAll(async () => {
  await hub?.stop();
  rmSync(folder, { recursive: true, force: true });
});

const ACCESS = path.join(repositoryRoot(), 'gateway', 'dist', 'src', 'access.js');
/** `npm run token|keys -- …args`: what it prints on standard output. */
async function run(...args: string[]) {
  const { stdout } = await promisify(execFile)(process.execPath, [ACCESS, ...args], { env: { ...process.env, JWT_SECRET: hub.tokenSecret, API_KEYS_FILE } });
  return stdout.trim();
}

const VIEWER = '{ viewer { subject role agency credential } }';
async function ask(query: string, headers: Record<string, string> = {}) {
  const response = await fetch(hub.url, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: JSON.stringify({ query }) });
  return { status: response.status, headers: response.headers, body: (await response.json()) as { data?: any; errors?: any[] } };
}

const notSignedIn = (why: string) => ({
  errors: [
    {
      message: `Not signed in: ${why}. Send a valid token (Authorization: Bearer …) or API key (x-api-key), or neither to read anonymously.`,
      extensions: { code: 'UNAUTHENTICATED' },
    },
  ],
});

describe('who is who, through the gateway', () => {
  it('takes a caller without credentials for an anonymous reader, who reads', async () => {
    const { body } = await ask(`${VIEWER.slice(0, -1)} sector(id: "chimie") { id } }`);
    expect(body).toEqual({ data: { viewer: { subject: 'anonymous', role: 'READER', agency: null, credential: 'anonymous' }, sector: { id: 'chimie' } } });
  });

  it('signs in a Le Forem editor with the token `npm run token` prints; the subgraph receives who it is', async () => {
    const token = await run('token', '--role', 'editor', '--agency', 'forem');
    const { body } = await ask(VIEWER, { authorization: `Bearer ${token}` });
    expect(body).toEqual({ data: { viewer: { subject: 'forem-editor', role: 'EDITOR', agency: 'forem', credential: expect.stringMatching(/^token [\w-]{36}$/) } } });
    // the operators see which credential asked, never the token
    const line = hub.logs().find((l) => l.msg === 'request' && l.caller === body.data.viewer.credential);
    expect(line).toBeDefined();
    expect(JSON.stringify(hub.logs())).not.toContain(token);
  });

  it('refuses a forged, expired or malformed token with 401 and says why, rather than reading anonymously', async () => {
    const token = await run('token', '--role', 'reader');
    const [head, claims, signature] = token.split('.');
    const raised = Buffer.from(JSON.stringify({ ...JSON.parse(Buffer.from(claims, 'base64url').toString()), role: 'admin' })).toString('base64url');
    const forged = await ask(VIEWER, { authorization: `Bearer ${head}.${raised}.${signature}` });
    expect([forged.status, forged.headers.get('www-authenticate'), forged.body]).toEqual([
      401,
      'Bearer realm="sector-conventions-hub", error="invalid_token"',
      notSignedIn('the token signature does not verify'),
    ]);
    const now = Math.floor(Date.now() / 1000);
    const expired = await new SignJWT({ role: 'admin' })
      .setProtectedHeader({ alg: 'HS256' })
      .setSubject('ops')
      .setIssuer(DEFAULT_TOKEN_ISSUER)
      .setAudience(DEFAULT_TOKEN_AUDIENCE)
      .setExpirationTime(now - 120) // past the 30 s of clock skew
      .sign(new TextEncoder().encode(hub.tokenSecret));
    expect((await ask(VIEWER, { authorization: `Bearer ${expired}` })).body).toEqual(notSignedIn('the token has expired'));
    expect((await ask(VIEWER, { authorization: 'Bearer abc' })).body).toEqual(notSignedIn('the Authorization header must be "Bearer <token>"'));
  });

  it('signs in a dashboard with an API key from `npm run keys`, and refuses it once revoked', async () => {
    const key = await run('keys', 'create', '--role', 'reader', '--label', 'Partner dashboard');
    const { body } = await ask(VIEWER, { 'x-api-key': key });
    const id = body.data.viewer.subject.replace('api-key:', '');
    expect(body.data.viewer).toEqual({ subject: `api-key:${id}`, role: 'READER', agency: null, credential: `api-key ${id}` });
    expect(await run('keys', 'list')).toContain(`${id}  reader`);
    await run('keys', 'revoke', id);
    await new Promise((resolve) => setTimeout(resolve, 1100)); // the gateway looks at the file at most once a second
    const revoked = await ask(VIEWER, { 'x-api-key': key });
    expect([revoked.status, revoked.body.errors?.[0].message]).toEqual([401, expect.stringContaining(`the API key ${id} was revoked on `)]);
  });
});

describe('a hub that requires sign-in', () => {
  it('refuses anonymous callers on the API, still serves the explorer page, and answers a signed-in caller', async () => {
    const urls = Object.fromEntries(SUBGRAPHS.map((s, i) => [urlVariable(s.name), `http://127.0.0.1:${hub.subgraphBasePort + i}/graphql`]));
    const env = { ...urls, SUBGRAPH_SECRET: hub.subgraphSecret, JWT_SECRET: hub.tokenSecret, SIGN_IN_REQUIRED: '1' };
    const gateway = await startGateway({ ...loadGatewayConfig(env), port: 0 }, quietLogger('gateway'));
    try {
      const anonymous = await postGraphQL(gateway.url, VIEWER);
      expect([anonymous.status, anonymous.body.errors?.[0]]).toEqual([
        401,
        {
          message: 'Not signed in: this hub requires sign-in. Send a valid token (Authorization: Bearer …) or API key (x-api-key).',
          extensions: { code: 'UNAUTHENTICATED' },
        },
      ]);
      expect((await fetch(new URL('/export.csv?query=%7B%20labelCriteria%20%7B%20code%20%7D%20%7D', gateway.url))).status).toBe(401);
      expect((await fetch(new URL('/', gateway.url), { headers: { accept: 'text/html' } })).status).toBe(200);
      const token = await run('token', '--role', 'reader');
      const response = await fetch(gateway.url, { method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` }, body: JSON.stringify({ query: VIEWER }) });
      expect(await response.json()).toEqual({ data: { viewer: expect.objectContaining({ subject: 'reader-reader', role: 'READER' }) } });
    } finally {
      await gateway.close();
    }
  });
});
