/**
 * Sync metrics at GET /api/metrics (issue #7: requests, sync batches, conflicts, errors): pushes, changes by
 * result, conflicts kept, pull pages and records, open event streams, counted from real pushes and pulls.
 * Runs on PGlite and PostgreSQL.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { uuidv7 } from 'uuidv7';
import { createApp } from '../../src/server/app';
import { createTenant, createUser } from '../../src/server/accounts/service';
import { shippedTemplateBodies } from '../../src/shared/domain/template-versions';
import { migrate } from '../../src/server/db/index';
import { sessionTokensSchema } from '../../src/shared/api';
import { newSessionBody } from '../../src/shared/domain';
import { flattenBody } from '../../src/shared/fieldPaths';
import { PROTOCOL_VERSION, pushResponseSchema, type Change } from '../../src/shared/protocol';
import { DATABASE_KINDS, openTestDatabase, type TestDatabase } from './support/databases';
import { TEST_PASSWORD_HASH_COST, testPasswordHash } from './support/passwords';

const PASSWORD = 'kata-sandi-rahasia';
const METRICS_TOKEN = 'metrics-token-for-tests-0123';
const scrape = { headers: { authorization: `Bearer ${METRICS_TOKEN}` } };

describe.each(DATABASE_KINDS)('sync metrics on %s', (kind) => {
  let t: TestDatabase;
  let app: ReturnType<typeof createApp>;
  let headers: Record<string, string>;

  beforeAll(async () => {
    t = await openTestDatabase(kind);
    await migrate(t.db);
    const tenant = await createTenant(t.db, 'Kabupaten Contoh');
    await createUser(t.db, {
      tenantId: tenant.id,
      name: 'Kia',
      email: 'kia@contoh.go.id',
      phone: null,
      passwordHash: await testPasswordHash(PASSWORD),
      role: 'coordinator',
      unitIds: [],
    });
    app = createApp({
      db: t.db,
      config: { passwordHashCost: TEST_PASSWORD_HASH_COST, logLevel: 'silent', metricsToken: METRICS_TOKEN },
    });
    const res = await app.request('/api/auth/sign-in', {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ login: 'kia@contoh.go.id', password: PASSWORD }),
    });
    const { accessToken } = sessionTokensSchema.parse(await res.json());
    headers = { Authorization: `Bearer ${accessToken}`, 'Content-Type': 'application/json' };
  });

  afterAll(async () => {
    await t?.dispose();
  });

  const push = async (deviceId: string, changes: Change[]) => {
    const res = await app.request('/api/sync/push', {
      method: 'POST',
      headers,
      body: JSON.stringify({ protocolVersion: PROTOCOL_VERSION, deviceId, changes }),
    });
    expect(res.status).toBe(200);
    return pushResponseSchema.parse(await res.json());
  };
  const change = (deviceId: string, seq: number, over: Partial<Change>): Change => ({
    deviceId,
    seq,
    recordId: uuidv7(),
    kind: 'session',
    op: 'update',
    values: {},
    base: {},
    editedAt: Date.now(),
    ...over,
  });
  const metric = (text: string, line: string) => {
    const found = text.split('\n').find((l) => l.startsWith(`${line} `));
    return found === undefined ? undefined : Number(found.slice(line.length + 1));
  };

  it('counts push batches, changes by result, conflicts, pull pages and open streams', async () => {
    const id = uuidv7();
    const values = flattenBody('session', {
      ...newSessionBody(new Date(Date.UTC(2026, 0, 5))),
      notes: 'Awal.',
    } as Record<string, unknown>);
    const created = await push('metrics-device-a', [
      change('metrics-device-a', 1, {
        recordId: id,
        op: 'create',
        values,
        base: Object.fromEntries(Object.keys(values).map((p) => [p, 0])),
      }),
      // An update of a record that does not exist: rejected.
      change('metrics-device-a', 2, { values: { notes: 'x' }, base: { notes: 1 } }),
    ]);
    expect(created.results.map((r) => r.status)).toEqual(['applied', 'rejected']);
    const base = created.results[0]!.status === 'applied' ? created.results[0]!.record.fieldVersions : {};
    const edit = (device: string, notes: string) =>
      change(device, 3, { recordId: id, values: { notes }, base: { notes: base['notes']! } });
    await push('metrics-device-a', [edit('metrics-device-a', 'Versi pertama dari perangkat A.')]);
    const second = await push('metrics-device-b', [
      edit('metrics-device-b', 'Versi lain sama sekali dari B.'),
    ]);
    expect(second.results[0]).toMatchObject({ status: 'applied' });
    expect(second.results[0]!.status === 'applied' && second.results[0]!.conflictIds).toHaveLength(1);

    await app.request(`/api/sync/pull?protocolVersion=${PROTOCOL_VERSION}&cursor=0`, { headers });
    const stream = await app.request('/api/sync/events', { headers });
    const reader = stream.body!.getReader();
    await reader.read();

    const open = await (await app.request('/api/metrics', scrape)).text();
    expect(metric(open, 'rintis_sync_push_batches_total')).toBe(3);
    expect(metric(open, 'rintis_sync_changes_total{result="applied"}')).toBe(3);
    expect(metric(open, 'rintis_sync_changes_total{result="rejected"}')).toBe(1);
    expect(metric(open, 'rintis_sync_conflicts_total')).toBe(1);
    expect(metric(open, 'rintis_sync_pull_pages_total')).toBe(1);
    // The two records pushed (the session and the conflict record), the tenant's seeded templates and its
    // seeded programme settings.
    expect(metric(open, 'rintis_sync_pulled_records_total')).toBe(2 + shippedTemplateBodies().length + 1);
    expect(metric(open, 'rintis_sync_event_streams')).toBe(1);

    await reader.cancel();
    await expect
      .poll(async () =>
        metric(await (await app.request('/api/metrics', scrape)).text(), 'rintis_sync_event_streams'),
      )
      .toBe(0);
  });
});
