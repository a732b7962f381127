import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import type { IncomingMessage } from 'node:http';
import { createLocalJWKSet, decodeProtectedHeader, errors, jwtVerify, type JWTPayload, type JWTVerifyGetKey } from 'jose';
import { ANONYMOUS, ROLES, type Identity, type Role, type SignInConfig } from '@hub/kit';
import { ApiKeyStore } from './api-keys';

/** Who a request comes from, or why its credentials are refused. */
export type SignInResult = { identity: Identity } | { refused: string };

const header = (req: IncomingMessage, name: string) => {
  const value = req.headers[name];
  return Array.isArray(value) ? value[0] : value;
};

/** Why jose refused a token, in words a client can act on. */
function tokenRefusal(error: unknown): string {
  if (error instanceof errors.JWTExpired) return 'the token has expired';
  if (error instanceof errors.JWTClaimValidationFailed) return `the token's "${error.claim}" claim is not accepted (${error.reason})`;
  if (error instanceof errors.JWSSignatureVerificationFailed) return 'the token signature does not verify';
  if (error instanceof errors.JOSEAlgNotAllowed) return 'the token is signed with an algorithm this hub does not accept';
  if (error instanceof errors.JWKSNoMatchingKey) return 'the token is signed with a key this hub does not know';
  return 'the token is not a valid JWT';
}

/** The identity a verified token's claims give, or why they are not enough. */
function identityOfClaims(payload: JWTPayload, token: string): Identity | string {
  const { sub, role, agency, jti } = payload as JWTPayload & { role?: unknown; agency?: unknown };
  if (typeof sub !== 'string' || !sub) return 'the token has no subject ("sub")';
  if (!ROLES.includes(role as Role)) return `the token's "role" must be one of ${ROLES.join(', ')}`;
  if (agency !== undefined && typeof agency !== 'string') return `the token's "agency" must be a party id`;
  if (role === 'editor' && !agency) return 'an editor token needs its "agency"';
  // Without a jti, a digest of the token names it (in logs and the audit trail), never the token itself.
  const credential = typeof jti === 'string' && jti ? `token ${jti}` : `token sha256:${createHash('sha256').update(token).digest('hex').slice(0, 16)}`;
  return { subject: sub, role: role as Role, agency: (agency as string | undefined) ?? null, credential };
}

/**
 * Sign-in at the gateway: a bearer JWT (HS256 with JWT_SECRET, RS256/ES256 with a key of JWKS_FILE; issuer,
 * audience, expiry and not-before checked, with the configured clock skew) or an API key (`x-api-key`,
 * API_KEYS_FILE). No credentials: an anonymous reader (the gateway refuses those on the API when sign-in
 * is required). Bad credentials are never taken for none: they are refused.
 */
export class SignIn {
  private readonly jwks?: JWTVerifyGetKey;
  private readonly secret?: Uint8Array;
  private readonly apiKeys?: ApiKeyStore;

  constructor(private readonly config: SignInConfig | undefined) {
    if (config?.jwtSecret) this.secret = new TextEncoder().encode(config.jwtSecret);
    if (config?.jwksFile) this.jwks = createLocalJWKSet(JSON.parse(readFileSync(config.jwksFile, 'utf8')));
    if (config?.apiKeysFile) this.apiKeys = new ApiKeyStore(config.apiKeysFile);
  }

  async identify(req: IncomingMessage): Promise<SignInResult> {
    const apiKey = header(req, 'x-api-key');
    const authorization = header(req, 'authorization');
    if (apiKey !== undefined && authorization !== undefined) return { refused: 'send either a token or an API key, not both' };
    if (apiKey !== undefined) return this.byApiKey(apiKey);
    if (authorization !== undefined) {
      const bearer = /^Bearer ([\w-]+\.[\w-]+\.[\w-]+)$/i.exec(authorization.trim());
      return bearer ? this.byToken(bearer[1]) : { refused: 'the Authorization header must be "Bearer <token>"' };
    }
    return { identity: ANONYMOUS };
  }

  private byApiKey(key: string): SignInResult {
    if (!this.apiKeys) return { refused: 'this hub accepts no API keys (API_KEYS_FILE is not set)' };
    const verified = this.apiKeys.verify(key);
    if ('refused' in verified) return verified;
    return { identity: { subject: `api-key:${verified.id}`, role: verified.role, agency: verified.agency, credential: `api-key ${verified.id}` } };
  }

  private async byToken(token: string): Promise<SignInResult> {
    if (!this.config || (!this.secret && !this.jwks)) return { refused: 'this hub accepts no tokens (neither JWT_SECRET nor JWKS_FILE is set)' };
    const { issuer, audience, clockSkewSeconds } = this.config;
    try {
      const symmetric = decodeProtectedHeader(token).alg === 'HS256';
      const key = symmetric ? this.secret : this.jwks;
      if (!key) return { refused: `the token is signed with ${symmetric ? 'HS256, but no JWT_SECRET is set' : 'a key pair, but no JWKS_FILE is set'}` };
      const options = { issuer, audience, clockTolerance: clockSkewSeconds, algorithms: symmetric ? ['HS256'] : ['RS256', 'ES256'], requiredClaims: ['exp'] };
      const { payload } = typeof key === 'function' ? await jwtVerify(token, key, options) : await jwtVerify(token, key, options);
      const identity = identityOfClaims(payload, token);
      return typeof identity === 'string' ? { refused: identity } : { identity };
    } catch (error) {
      return { refused: tokenRefusal(error) };
    }
  }
}
