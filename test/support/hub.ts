import { SignJWT } from 'jose';
import { createTestDatabase, freePort, freePortRange, quietLogger } from '@hub/kit/testing';
import { createHub } from '@hub/gateway';
import { DEFAULT_TOKEN_AUDIENCE, DEFAULT_TOKEN_ISSUER, type Logger, type Role } from '@hub/kit';

/** An answer of the gateway: its HTTP status, headers and GraphQL body. */
export interface Answer {
  status: number;
  headers: Headers;
  body: { data?: any; errors?: { message: string; extensions: Record<string, any> }[] };
}

/** A token signed with `secret` as an agency's sign-in would issue it (its id, in the audit trail, is `<subject>-token`). */
export function tokenFor(secret: string, role: Role, agency?: string, subject = `${agency ?? role}-${role}`): Promise<string> {
  return new SignJWT(agency ? { role, agency } : { role })
    .setProtectedHeader({ alg: 'HS256' })
    .setSubject(subject)
    .setIssuer(DEFAULT_TOKEN_ISSUER)
    .setAudience(DEFAULT_TOKEN_AUDIENCE)
    .setJti(`${subject}-token`)
    .setExpirationTime('1h')
    .sign(new TextEncoder().encode(secret));
}

/** Posts a GraphQL operation to the gateway at `url`, with a bearer token when given. */
export async function askGateway(url: string, query: string, variables: Record<string, unknown> = {}, token?: string): Promise<Answer> {
  const headers: Record<string, string> = { 'content-type': 'application/json' };
  if (token) headers.authorization = `Bearer ${token}`;
  const response = await fetch(url, { method: 'POST', headers, body: JSON.stringify({ query, variables }) });
  return { status: response.status, headers: response.headers, body: (await response.json()) as Answer['body'] };
}

/** A refusal as tests compare it: status, code, message. */
export const refusal = (answer: Answer) => [answer.status, answer.body.errors?.[0].extensions.code, answer.body.errors?.[0].message];

export interface TestHubOptions {
  /** Added to the gateway's environment (higher limits for a test that sends many requests). */
  gatewayEnv?: Record<string, string>;
  /** Keep every line the processes and the hub log (JSON lines): `logs()` returns them. */
  keepLogs?: boolean;
  /** Start a process that exits again, as `npm start` does (off by default: tests of the hub without one). */
  restart?: boolean;
}

/** `log`, whose lines are also kept in `lines` as the processes' JSON lines are (name `hub`). */
function keptLogger(log: Logger, lines: string[]): Logger {
  const keep = (level: string) => (msg: string, fields?: Record<string, unknown>) => lines.push(JSON.stringify({ level, name: 'hub', msg, ...fields }));
  return {
    info: (msg, fields) => void keep('info')(msg, fields),
    error: (msg, fields) => {
      keep('error')(msg, fields);
      log.error(msg, fields);
    },
  };
}

/**
 * The whole hub as real processes talking HTTP on free ports, on a database of its own: what each
 * end-to-end test file starts once. `stop()` ends the processes and drops the database.
 */
export async function startTestHub(options: TestHubOptions = {}) {
  const database = await createTestDatabase();
  const subgraphBasePort = await freePortRange(4);
  const lines: string[] = [];
  try {
    const config = { databaseUrl: database.url, dataDir: '', embeddedPostgresPort: 0, gatewayPort: await freePort(), subgraphBasePort };
    const onLine = options.keepLogs ? (line: string) => void lines.push(line) : undefined;
    const hubLog = options.keepLogs ? keptLogger(quietLogger('hub'), lines) : quietLogger('hub');
    const hub = await createHub(config, hubLog, { echo: false, gatewayEnv: options.gatewayEnv, onLine, restart: options.restart }).start();
    return {
      url: hub.url,
      databaseUrl: database.url,
      subgraphSecret: hub.subgraphSecret,
      /** The JWT_SECRET the gateway accepts tokens signed with. */
      tokenSecret: hub.tokenSecret!,
      serviceDatabaseUrls: hub.serviceDatabaseUrls,
      /** Asks the gateway, as the bearer of `token` when given. */
      ask: (query: string, variables: Record<string, unknown> = {}, token?: string) => askGateway(hub.url, query, variables, token),
      /** A token the gateway accepts. */
      tokenFor: (role: Role, agency?: string, subject?: string) => tokenFor(hub.tokenSecret!, role, agency, subject),
      subgraphBasePort,
      killSubgraph: hub.killSubgraph,
      /** The lines logged so far, parsed (with `keepLogs`). */
      logs: () => lines.map((line) => JSON.parse(line) as Record<string, any>),
      stop: async () => {
        await hub.stop();
        await database.drop();
      },
    };
  } catch (error) {
    await database.drop();
    throw error;
  }
}

export type TestHub = Awaited<ReturnType<typeof startTestHub>>;
