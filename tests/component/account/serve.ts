/**
 * Runs the real server app for the account component tests, in its own Node process (`tsx`): jsdom tests cannot
 * load the server modules themselves (Vite rewrites their `new URL(..., import.meta.url)` file paths for the
 * browser). In-memory PGlite with the real migrations, a tenant and two accounts made by the real account
 * service. Prints one JSON line with the URL and the ids, then serves until stdin closes.
 */
import type { AddressInfo } from 'node:net';
import { serve } from '@hono/node-server';
import { createApp } from '../../../src/server/app';
import { migrate, openDatabase } from '../../../src/server/db';
import { createTenant, createUser } from '../../../src/server/accounts/service';
import { createLogger } from '../../../src/server/http/logging';
import { TEST_PASSWORD_HASH_COST, testPasswordHash } from '../../server/support/passwords';

const PASSWORD = 'rahasia-123';

const db = await openDatabase({ dataDir: 'memory://' });
await migrate(db);
const app = createApp({
  db,
  config: {
    passwordHashCost: TEST_PASSWORD_HASH_COST,
    authSecret: 'test-secret-for-account-tests-0123456789',
  },
  logger: createLogger('silent'),
});
const tenant = await createTenant(db, 'Kabupaten Uji');
const coordinator = await createUser(db, {
  tenantId: tenant.id,
  name: 'Sari Koordinator',
  email: 'sari@contoh.go.id',
  phone: null,
  passwordHash: await testPasswordHash(PASSWORD),
  role: 'coordinator',
  unitIds: [],
});
const innovator = await createUser(db, {
  tenantId: tenant.id,
  name: 'Budi Inovator',
  email: null,
  phone: '081234567890',
  passwordHash: await testPasswordHash(PASSWORD),
  role: 'innovator',
  unitIds: [],
});
const server = serve({ fetch: app.fetch, port: 0, hostname: '127.0.0.1' }, (info: AddressInfo) => {
  process.stdout.write(
    `${JSON.stringify({
      url: `http://127.0.0.1:${info.port}`,
      password: PASSWORD,
      tenantId: tenant.id,
      coordinator: { id: coordinator.id, login: 'sari@contoh.go.id' },
      innovator: { id: innovator.id, login: '081234567890' },
    })}\n`,
  );
});
process.stdin.resume();
process.stdin.on('end', () => {
  server.close();
  void db.close().then(() => process.exit(0));
});
