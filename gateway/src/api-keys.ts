import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import { mkdirSync, readFileSync, renameSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { ROLES, type Role } from '@hub/kit';

/** One API key as the file keeps it: never the key itself, only its hash. */
export interface ApiKeyRecord {
  /** Public: in the key itself (`hub_<id>_<secret>`), in logs and in the audit trail. */
  id: string;
  /** `sha256:<hex>` of the key's secret part (32 random bytes: no slow hash needed). */
  hash: string;
  role: Role;
  agency: string | null;
  /** What it is for (`Le Forem dashboard`), for the people who list and revoke keys. */
  label: string;
  createdAt: string;
  revokedAt: string | null;
}

const KEY_FORMAT = /^hub_([\w-]{12})_([\w-]{43})$/;

const hashOf = (secret: string) => `sha256:${createHash('sha256').update(secret).digest('hex')}`;

/** How often, at most, a running gateway looks whether the file changed (a revocation takes effect within it). */
const RELOAD_CHECK_MS = 1000;

/**
 * The API keys of a hub, in one JSON file (API_KEYS_FILE; `npm start` keeps it in the data folder): made,
 * listed and revoked with `npm run keys`, read by the gateway, which sees a change within a second.
 * The file holds hashes only; a key is shown once, when it is made.
 */
export class ApiKeyStore {
  private records: ApiKeyRecord[] = [];
  private loadedMtime = -1;
  private checkedAt = -Infinity;

  constructor(readonly file: string) {}

  /** Makes a key: returns it (to show once) and what the file keeps of it. */
  create(grant: { role: Role; agency: string | null; label: string }, now = new Date()): { key: string; record: ApiKeyRecord } {
    if (!ROLES.includes(grant.role)) throw new Error(`role must be one of ${ROLES.join(', ')}, got "${grant.role}"`);
    if (grant.role === 'editor' && !grant.agency) throw new Error('an editor key needs its agency (--agency forem)');
    const id = randomBytes(9).toString('base64url');
    const secret = randomBytes(32).toString('base64url');
    const record: ApiKeyRecord = { id, hash: hashOf(secret), role: grant.role, agency: grant.agency, label: grant.label, createdAt: now.toISOString(), revokedAt: null };
    this.save([...this.load(true), record]);
    return { key: `hub_${id}_${secret}`, record };
  }

  list(): ApiKeyRecord[] {
    return this.load(true);
  }

  /** Revokes the key `id`: the gateway refuses it from the next second on. */
  revoke(id: string, now = new Date()): ApiKeyRecord {
    const records = this.load(true);
    const record = records.find((r) => r.id === id);
    if (!record) throw new Error(`no API key ${id} (npm run keys -- list)`);
    record.revokedAt ??= now.toISOString();
    this.save(records);
    return record;
  }

  /** The record of a presented key, or why it is refused. */
  verify(presented: string, now = performance.now()): ApiKeyRecord | { refused: string } {
    const match = KEY_FORMAT.exec(presented);
    if (!match) return { refused: 'the API key is malformed' };
    const record = this.current(now).find((r) => r.id === match[1]);
    const expected = Buffer.from(record?.hash ?? hashOf(''));
    const given = Buffer.from(hashOf(match[2]));
    if (!record || !timingSafeEqual(expected, given)) return { refused: 'the API key is unknown' };
    if (record.revokedAt) return { refused: `the API key ${record.id} was revoked on ${record.revokedAt}` };
    return record;
  }

  /** The records, read again when the file changed since (looked at most once a second). */
  private current(now: number): ApiKeyRecord[] {
    if (now - this.checkedAt < RELOAD_CHECK_MS) return this.records;
    this.checkedAt = now;
    return this.load(false);
  }

  private load(always: boolean): ApiKeyRecord[] {
    let mtime: number;
    try {
      mtime = statSync(this.file).mtimeMs;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
      return (this.records = []);
    }
    if (!always && mtime === this.loadedMtime) return this.records;
    const parsed = JSON.parse(readFileSync(this.file, 'utf8')) as { keys?: ApiKeyRecord[] };
    this.loadedMtime = mtime;
    return (this.records = parsed.keys ?? []);
  }

  /** Writes the whole file anew and renames it into place: a reader never sees half of it. */
  private save(records: ApiKeyRecord[]) {
    mkdirSync(path.dirname(this.file), { recursive: true, mode: 0o700 });
    const temporary = `${this.file}.${process.pid}.tmp`;
    writeFileSync(temporary, `${JSON.stringify({ keys: records }, null, 2)}\n`, { mode: 0o600 });
    renameSync(temporary, this.file);
    this.records = records;
  }
}
