import { randomUUID } from 'node:crypto';
import path from 'node:path';
import { SignJWT } from 'jose';
import { loadHubConfig, signInConfig, storedSecret, type Role } from '@hub/kit';
import { LOCAL_TOKEN_SECRET } from './hub';

/**
 * A token signed as the hub npm start runs accepts it: with JWT_SECRET, or the data folder's local key
 * (made once; only who can read the data folder can sign with it).
 */
export async function signLocalToken(grant: { role: Role; agency: string | null; subject: string; hours: number }): Promise<string> {
  const settings = signInConfig(); // the same checks as the gateway's: a JWT_SECRET too short is refused here too
  const secret = settings.jwtSecret ?? storedSecret(path.join(loadHubConfig().dataDir, 'secrets', LOCAL_TOKEN_SECRET));
  const claims = grant.agency ? { role: grant.role, agency: grant.agency } : { role: grant.role };
  return new SignJWT(claims)
    .setProtectedHeader({ alg: 'HS256' })
    .setSubject(grant.subject)
    .setIssuer(settings.issuer)
    .setAudience(settings.audience)
    .setJti(randomUUID())
    .setIssuedAt()
    .setExpirationTime(`${Math.round(grant.hours * 3600)}s`)
    .sign(new TextEncoder().encode(secret));
}
