// Tests run against DATABASE_URL when it is set (CI: the machine's PostgreSQL); otherwise against an
// embedded PostgreSQL started here, in jest's parent process, where its ESM-only package can load.
// `npm test` compiles before jest runs, so the kit's compiled start-up code is there to use.
const { mkdtempSync } = require('node:fs');
const { tmpdir } = require('node:os');
const path = require('node:path');
const { createServer } = require('node:net');
const { startEmbeddedPostgres } = require('../../packages/kit/dist/src/embedded-postgres');

const freePort = () =>
  new Promise((resolve, reject) => {
    const server = createServer().once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });

module.exports = async () => {
  if (process.env.DATABASE_URL) return;
  const quiet = { info: () => {}, error: (message) => process.stderr.write(`${message}\n`) };
  const dataDir = mkdtempSync(path.join(tmpdir(), 'hub-test-pg-'));
  const port = await freePort();
  const database = await startEmbeddedPostgres(dataDir, port, quiet, { persistent: false });
  globalThis.__embeddedPostgres = database;
  process.env.DATABASE_URL = database.url;
  process.stdout.write(`\ntests use an embedded PostgreSQL on port ${port} (set DATABASE_URL to use a server)\n`);
};
