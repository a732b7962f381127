import { loadHubConfig, ROLES, type Role } from '@hub/kit';
import { ApiKeyStore } from './api-keys';
import { option, runCommand, UsageError } from './command-line';
import { apiKeysFileOf } from './hub';
import { signLocalToken } from './local-token';

const HELP = `npm run token -- --role editor --agency forem [--subject alice] [--hours 8]
  prints a token signed with the data folder's local key (or JWT_SECRET), which the hub npm start runs accepts
npm run keys -- create --role editor --agency forem --label "Le Forem dashboard"
  makes an API key, shown once; the data folder's api-keys.json (or API_KEYS_FILE) keeps its hash
npm run keys -- list
npm run keys -- revoke <id>
Roles: ${ROLES.join(', ')}; an editor needs its agency (a party id: forem, ifapme, gov_wallonia…).`;

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
  const subject = option(args, 'subject') ?? `${agency ?? role}-${role}`;
  const signed = await signLocalToken({ role, agency, subject, hours });
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

runCommand(main, HELP);
