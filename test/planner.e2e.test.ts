import { randomUUID } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { execute, parse, type GraphQLSchema } from 'graphql';
import { getStitchedSchemaFromSupergraphSdl } from '@graphql-tools/federation';
import { ANONYMOUS, encodeIdentity, IDENTITY_HEADER, repositoryRoot, SIGNATURE_HEADER, signRequest, SUBGRAPHS } from '@hub/kit';
import { startTestHub, type TestHub } from './support/hub';

// The checked-in supergraph is meant for any Federation 2 gateway, not only Apollo's. The Hive Gateway's
// planner (@graphql-tools/federation) once refused every query selecting a party's `name` or `kind`, while
// Apollo's answered: so every README example goes through both planners, which must give the same answer.

let hub: TestHub;
let secondPlanner: GraphQLSchema;
const EXAMPLES = path.join(repositoryRoot(), 'examples');

/** Node's fetch, each request signed as the gateway signs it (gateway/src/subgraph-source.ts), for an anonymous caller. */
function signedFetch(url: string, init: RequestInit = {}) {
  const { pathname, search } = new URL(url);
  const requestId = randomUUID();
  const identity = encodeIdentity(ANONYMOUS);
  const signature = signRequest(hub.subgraphSecret, { method: init.method ?? 'POST', path: pathname + search, requestId, identity, body: init.body as string });
  const headers = new Headers(init.headers);
  headers.set('x-request-id', requestId);
  headers.set(IDENTITY_HEADER, identity);
  headers.set(SIGNATURE_HEADER, signature);
  return fetch(url, { ...init, headers });
}

beforeAll(async () => {
  // every example at once, with no cost limit, rate limit or cache between the two planners' answers
  hub = await startTestHub({ gatewayEnv: { MAX_COST: '1000000', COST_BURST: '1000000', RATE_LIMIT_PER_SECOND: '100000', RATE_LIMIT_BURST: '100000', RESPONSE_CACHE: 'off' } });
  // the supergraph names each subgraph by its join__Graph value (CONVENTIONS); the test hub serves them in SUBGRAPHS order
  const portOf = Object.fromEntries(SUBGRAPHS.map((s, i) => [s.name.toUpperCase(), hub.subgraphBasePort + i]));
  secondPlanner = getStitchedSchemaFromSupergraphSdl({
    supergraphSdl: readFileSync(path.join(repositoryRoot(), 'schema', 'supergraph.graphql'), 'utf8'),
    httpExecutorOpts: ({ name }) => ({ endpoint: `http://127.0.0.1:${portOf[name]}/graphql`, fetch: signedFetch }),
  });
}, 120_000);
afterAll(() => hub?.stop());

/** The answers of the Apollo gateway and of the second planner, as JSON, to `query`. */
async function askBoth(query: string) {
  const apollo = await hub.ask(query);
  expect(apollo.status).toBe(200);
  const second = await execute({ schema: secondPlanner, document: parse(query) });
  return { apollo: apollo.body, second: JSON.parse(JSON.stringify(second)) };
}

describe('a second federation planner (@graphql-tools/federation, the Hive Gateway’s)', () => {
  it.each(readdirSync(EXAMPLES).filter((f) => f.endsWith('.graphql')))('gives the Apollo gateway’s answer to %s', async (file) => {
    const { apollo, second } = await askBoth(readFileSync(path.join(EXAMPLES, file), 'utf8'));
    expect(apollo.errors).toBeUndefined();
    expect(second).toEqual({ data: apollo.data });
  });

  it('resolves the name and kind of parties owned by other subgraphs', async () => {
    const { apollo, second } = await askBoth('{ convention(id: "sc_fevia_enseignement") { parties { __typename id kind name } } }');
    const answer = {
      data: {
        convention: {
          parties: [
            { __typename: 'EducationAuthority', id: 'age', kind: 'EDUCATION_ADMINISTRATION', name: "Administration générale de l'Enseignement (AGE)" },
            { __typename: 'SectorBody', id: 'fevia_wallonie', kind: 'SECTOR_FEDERATION', name: "FEVIA Wallonie – Fédération de l'industrie alimentaire wallonne" },
            { __typename: 'EducationNetwork', id: 'net_cpeons', kind: 'EDUCATION_NETWORK', name: "CPEONS – Conseil des Pouvoirs organisateurs de l'Enseignement officiel neutre subventionné" },
            { __typename: 'EducationNetwork', id: 'net_segec', kind: 'EDUCATION_NETWORK', name: "SeGEC – Secrétariat général de l'Enseignement catholique (FESeC for secondary)" },
            { __typename: 'EducationNetwork', id: 'net_wbe', kind: 'EDUCATION_NETWORK', name: 'Wallonie-Bruxelles Enseignement (WBE) – réseau de la FWB' },
          ],
        },
      },
    };
    expect(apollo).toEqual(answer);
    expect(second).toEqual(answer);
  });
});
