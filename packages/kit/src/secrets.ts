import { createHash, createHmac, pbkdf2Sync, randomBytes } from 'node:crypto';
import { chmodSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';

/** A new random secret: 32 bytes, base64url (43 characters, safe in a URL's password). */
export const generateSecret = () => randomBytes(32).toString('base64url');

/**
 * The secret kept in `file`, made the first time (mode 0600, its folder 0700): `npm start` keeps the
 * subgraph secret and the database passwords of a data folder this way, so a restart finds them again.
 */
export function storedSecret(file: string): string {
  const read = () => {
    try {
      return readFileSync(file, 'utf8').trim();
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return '';
      throw error;
    }
  };
  const found = read();
  if (found) {
    chmodSync(file, 0o600);
    return found;
  }
  mkdirSync(path.dirname(file), { recursive: true, mode: 0o700 });
  const secret = generateSecret();
  try {
    writeFileSync(file, `${secret}\n`, { mode: 0o600, flag: 'wx' });
    return secret;
  } catch (error) {
    // another process made it first: use theirs
    if ((error as NodeJS.ErrnoException).code === 'EEXIST' && read()) return read();
    throw error;
  }
}

/**
 * The SCRAM-SHA-256 verifier of a password, in the form PostgreSQL stores (RFC 7677): the role's
 * password is set with it, so the plain text never reaches the server, its logs or pg_stat_statements.
 */
export function scramVerifier(password: string): string {
  const salt = randomBytes(16);
  const iterations = 4096;
  const salted = pbkdf2Sync(password, salt, iterations, 32, 'sha256');
  const storedKey = createHash('sha256').update(createHmac('sha256', salted).update('Client Key').digest()).digest();
  const serverKey = createHmac('sha256', salted).update('Server Key').digest();
  return `SCRAM-SHA-256$${iterations}:${salt.toString('base64')}$${storedKey.toString('base64')}:${serverKey.toString('base64')}`;
}
