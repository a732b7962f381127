import type { IncomingMessage } from 'node:http';

/**
 * What a caller may do: `reader` reads (every anonymous caller is one), `editor` edits the records of
 * its agency that the rights file gives it, `admin` edits anything.
 */
export const ROLES = ['reader', 'editor', 'admin'] as const;
export type Role = (typeof ROLES)[number];

/** Who is asking, as the gateway verified it; the subgraphs receive it signed (SubgraphSource). */
export interface Identity {
  /** The token's subject (`sub`), or `api-key:<id>` for an API key; `anonymous` without credentials. */
  subject: string;
  role: Role;
  /** The party the caller acts for (`forem`, `gov_wallonia`…): required for an editor. */
  agency: string | null;
  /** What proved it: `token <jti>` (or `token sha256:<prefix>` without a jti), `api-key <id>`, `anonymous`. */
  credential: string;
}

export const ANONYMOUS: Identity = Object.freeze({ subject: 'anonymous', role: 'reader', agency: null, credential: 'anonymous' });

/** Whether a caller sent no credentials (also after the identity crossed to a subgraph in its header). */
export const isAnonymous = (identity: Identity) => identity.credential === ANONYMOUS.credential;

/** The hub itself, as a subgraph asks the gateway about another subgraph's records (signed: see AskHub). */
export const HUB_CALLER: Identity = Object.freeze({ subject: 'hub', role: 'reader', agency: null, credential: 'subgraph' });

/** The header that carries the caller's identity from the gateway to a subgraph, covered by the signature. */
export const IDENTITY_HEADER = 'x-hub-identity';

/** An identity as the header carries it: its JSON, base64url. */
export const encodeIdentity = (identity: Identity) => Buffer.from(JSON.stringify(identity)).toString('base64url');

/** The identity an identity header carries; throws when it is not one (only a signed header is read). */
export function decodeIdentity(header: string): Identity {
  const value = JSON.parse(Buffer.from(header, 'base64url').toString('utf8')) as Partial<Identity>;
  const { subject, role, agency, credential } = value ?? {};
  if (typeof subject !== 'string' || !ROLES.includes(role as Role) || (agency !== null && typeof agency !== 'string') || typeof credential !== 'string') {
    throw new Error(`not an identity: ${header.slice(0, 100)}`);
  }
  return { subject, role: role as Role, agency, credential };
}

const identities = new WeakMap<IncomingMessage, Identity>();

/** Records who sent `req`, once verified (the gateway's sign-in, a subgraph's signature check). */
export const setIdentity = (req: IncomingMessage, identity: Identity) => void identities.set(req, identity);

/** Who sent `req`: anonymous unless something verified otherwise. */
export const identityOf = (req: IncomingMessage): Identity => identities.get(req) ?? ANONYMOUS;
