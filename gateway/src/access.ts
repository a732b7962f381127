import { randomUUID } from 'node:crypto';
import path from 'node:path';
import { SignJWT } from 'jose';
import { loadHubConfig, ROLES, signInConfig, storedSecret, type Role } from '@hub/kit';
import { ApiKeyStore } from './api-keys';
import { apiKeysFileOf, LOCAL_TOKEN_SECRET } from './hub';

const HELP = `npm run token -- --role editor --agency forem [--subject alice] [--hours 8]
  prints a token signed with the data folder's local key (or JWT_SECRET), which the hub npm start runs accepts
npm run keys -- create --role editor --agency forem --label "Le Forem dashboard"
  makes an API key, shown once; the data folder's api-keys.json (or API_KEYS_FILE) keeps its hash
npm run keys -- list
npm run keys -- revoke <id>
Roles: ${ROLES.join(', ')}; an editor needs its agency (a party id: forem, ifapme, gov_wallonia…).`;

/** A wrong command line: said in one line, with the usage. */
class UsageError extends Error {}

function option(args: string[], name: string): string | undefined {
  const i = args.indexOf(`--${name}`);
  if (i < 0) return undefined;
  const value = args[i + 1];
  if (value === undefined || value.startsWith('--')) throw new UsageError(`--${name} needs a value`);
  return value;
}

function grantOf(args: string[]): { role: Role; agency: string | null } {
  const role = option(args, 'role') ?? 'editor';
  if (!ROLES.includes(role as Role)) throw new UsageError(`--role must be one of ${ROLES.join(', ')}, got "${role}"`);
  const agency = option(args, 'agency') ?? null;
  if (role === 'editor' && !agency) throw new UsageError('an editor needs --agency (the party it edits for: forem, gov_wallonia…)');
  return { role: role as Role, agency };
}

async function token(args: string[]) {
  const { role, agency } = grantOf(args);
  const hours = Number(option(args, 'hours') ?? 8);
  if (!(hours > 0 && hours <= 24 * 30)) throw new UsageError('--hours must be a number of hours from 0 to 720');
  const settings = signInConfig(); // the same checks as the gateway's: a JWT_SECRET too short is refused here too
  const secret = settings.jwtSecret ?? storedSecret(path.join(loadHubConfig().dataDir, 'secrets', LOCAL_TOKEN_SECRET));
  const subject = option(args, 'subject') ?? `${agency ?? role}-${role}`;
  const claims = agency ? { role, agency } : { role };
  const signed = await new SignJWT(claims)
    .setProtectedHeader({ alg: 'HS256' })
    .setSubject(subject)
    .setIssuer(settings.issuer)
    .setAudience(settings.audience)
    .setJti(randomUUID())
    .setIssuedAt()
    .setExpirationTime(`${Math.round(hours * 3600)}s`)
    .sign(new TextEncoder().encode(secret));
  process.stderr.write(`a token for ${subject} (${role}${agency ? ` of ${agency}` : ''}), valid ${hours} h: send it as "Authorization: Bearer <token>"\n`);
  process.stdout.write(`${signed}\n`);
}

function keys(args: string[]) {
  const store = new ApiKeyStore(process.env.API_KEYS_FILE || apiKeysFileOf(loadHubConfig().dataDir));
  const [command, id] = args;
  if (command === 'create') {
    const label = option(args, 'label');
    if (!label) throw new UsageError('--label is required: what the key is for ("Le Forem dashboard")');
    const { key, record } = store.create({ ...grantOf(args), label });
    process.stderr.write(`API key ${record.id} (${record.role}${record.agency ? ` of ${record.agency}` : ''}): send it as "x-api-key: <key>"; it is not shown again\n`);
    process.stdout.write(`${key}\n`);
  } else if (command === 'list') {
    for (const r of store.list()) {
      const state = r.revokedAt ? `revoked ${r.revokedAt}` : 'active';
      process.stdout.write(`${r.id}  ${r.role.padEnd(6)}  ${(r.agency ?? '-').padEnd(24)}  created ${r.createdAt}  ${state}  ${r.label}\n`);
    }
  } else if (command === 'revoke') {
    if (!id) throw new UsageError('revoke needs the key id (npm run keys -- list)');
    const record = store.revoke(id);
    process.stdout.write(`API key ${record.id} revoked (${record.revokedAt}): the gateway refuses it within a second\n`);
  } else {
    throw new UsageError(`unknown keys command "${command ?? ''}"`);
  }
}

async function main() {
  const [what, ...args] = process.argv.slice(2);
  if (args.includes('--help') || !what) return void process.stdout.write(`${HELP}\n`);
  if (what === 'token') return token(args);
  if (what === 'keys') return keys(args);
  throw new UsageError(`unknown command "${what}"`);
}

main().catch((error) => {
  const message = error instanceof UsageError ? `${error.message}\n\n${HELP}` : (error as Error).message;
  process.stderr.write(`${message}\n`);
  process.exit(error instanceof UsageError ? 2 : 1);
});
