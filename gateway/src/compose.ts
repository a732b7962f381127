import { execFile } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';
import { parse } from 'graphql';
import { composeServices } from '@apollo/composition';
import { repositoryRoot, SUBGRAPHS, type SubgraphName } from '@hub/kit';

const run = promisify(execFile);
const schemaDir = () => path.join(repositoryRoot(), 'schema');

/** A subgraph's SDL, printed by its own compiled process (each subgraph builds its schema alone). */
async function printSdl(name: SubgraphName): Promise<string> {
  const cli = path.join(repositoryRoot(), 'services', name, 'dist', 'src', 'cli.js');
  const { stdout } = await run(process.execPath, [cli, 'sdl'], { maxBuffer: 10_000_000 });
  return stdout;
}

/** Every subgraph's SDL and the supergraph composed from them, as the checked-in files should read. */
export async function composeSupergraph(): Promise<{ subgraphs: Record<SubgraphName, string>; supergraph: string }> {
  const subgraphs = {} as Record<SubgraphName, string>;
  await Promise.all(SUBGRAPHS.map(async (s) => (subgraphs[s.name] = await printSdl(s.name))));
  const result = composeServices(
    SUBGRAPHS.map((s) => ({ name: s.name, url: `http://127.0.0.1:${s.port}/graphql`, typeDefs: parse(subgraphs[s.name]) })),
  );
  if (result.errors) throw new Error(`the subgraphs do not compose:\n${result.errors.map((e) => `- ${e.message}`).join('\n')}`);
  return { subgraphs, supergraph: result.supergraphSdl };
}

export const readSupergraph = () => readFileSync(path.join(schemaDir(), 'supergraph.graphql'), 'utf8');

async function main() {
  if (process.argv.includes('--help')) {
    process.stdout.write('npm run compose: prints each subgraph SDL to schema/<name>.graphql and composes schema/supergraph.graphql\n');
    return;
  }
  const { subgraphs, supergraph } = await composeSupergraph();
  for (const [name, sdl] of Object.entries(subgraphs)) writeFileSync(path.join(schemaDir(), `${name}.graphql`), sdl);
  writeFileSync(path.join(schemaDir(), 'supergraph.graphql'), supergraph);
  process.stdout.write(`wrote schema/{${Object.keys(subgraphs).join(',')}}.graphql and schema/supergraph.graphql\n`);
}

if (require.main === module) {
  main().catch((error) => {
    process.stderr.write(`${error.message}\n`);
    process.exit(1);
  });
}
