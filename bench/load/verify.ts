/**
 * After a load run: no acknowledged change lost, none applied twice, checked against the phones' ledgers
 * (LoadDevice) in the database itself and through a full pull, as a new phone would see it:
 * - every acknowledged (device, seq) is recorded as processed, exactly once;
 * - every acknowledged notes value was written exactly once (sync_changes: one row per device and value; a change
 *   applied twice would leave two);
 * - each session's final notes, in the database and in the pull, equal its device's last acknowledged write
 *   (only that device edits that field, so anything else is a lost or reordered write);
 * - with several tenants (`verifyTenants`), each tenant's pull holds none of another tenant's sessions.
 */
import pg from 'pg';
import { PROTOCOL_VERSION } from '../../src/shared/protocol';
import type { LoadDevice } from './loadDevice';

export interface Verification {
  /** Acknowledged changes checked. */
  acked: number;
  /** Sessions whose final value was checked. */
  records: number;
  /** Acknowledged changes not found as processed or not written (device#seq). */
  lost: string[];
  /** Values written more than once, or (device, seq) processed more than once. */
  duplicated: string[];
  /** Sessions whose notes in the database differ from the last acknowledged write. */
  wrongInDatabase: string[];
  /** Sessions whose notes in a full pull differ from the last acknowledged write (or are missing). */
  wrongInPull: string[];
  /** Sessions of another tenant's phones found in a tenant's pull. */
  leaked: string[];
  pulledRecords: number;
}

export const problems = (v: Verification) =>
  v.lost.length + v.duplicated.length + v.wrongInDatabase.length + v.wrongInPull.length + v.leaked.length;

async function pullAll(serverUrl: string, token: string): Promise<Map<string, string>> {
  const notes = new Map<string, string>();
  let cursor = 0;
  for (;;) {
    const res = await fetch(
      `${serverUrl}/api/sync/pull?protocolVersion=${PROTOCOL_VERSION}&cursor=${cursor}&limit=1000`,
      { headers: { authorization: `Bearer ${token}` } },
    );
    if (!res.ok) throw new Error(`pull ${res.status}: ${await res.text()}`);
    const page = (await res.json()) as {
      records: { id: string; kind: string; notes?: string }[];
      cursor: number;
      hasMore: boolean;
    };
    for (const r of page.records) if (r.kind === 'session') notes.set(r.id, r.notes ?? '');
    cursor = page.cursor;
    if (!page.hasMore) return notes;
  }
}

export async function verifyLoad(
  databaseUrl: string,
  serverUrl: string,
  token: string,
  devices: LoadDevice[],
  foreign: ReadonlySet<string> = new Set(),
): Promise<Verification> {
  const v: Verification = {
    acked: 0,
    records: 0,
    lost: [],
    duplicated: [],
    wrongInDatabase: [],
    wrongInPull: [],
    leaked: [],
    pulledRecords: 0,
  };
  const ids = devices.map((d) => d.deviceId);
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    const processed = await client.query<{ device_id: string; seq: number; n: string }>(
      `SELECT device_id, seq, count(*) AS n FROM sync_processed WHERE device_id = ANY($1)
       GROUP BY device_id, seq`,
      [ids],
    );
    const processedCount = new Map(processed.rows.map((r) => [`${r.device_id}#${r.seq}`, Number(r.n)]));
    const written = await client.query<{ device_id: string; value: string; n: string }>(
      `SELECT device_id, value #>> '{}' AS value, count(*) AS n FROM sync_changes
       WHERE path = 'notes' AND device_id = ANY($1) GROUP BY device_id, value #>> '{}'`,
      [ids],
    );
    const writtenCount = new Map(written.rows.map((r) => [`${r.device_id} ${r.value}`, Number(r.n)]));
    for (const r of written.rows) {
      if (Number(r.n) > 1)
        v.duplicated.push(`${r.device_id}: "${r.value.slice(0, 40)}" written ${r.n} times`);
    }
    for (const [key, n] of processedCount) if (n > 1) v.duplicated.push(`${key} processed ${n} times`);

    for (const device of devices) {
      for (const write of device.acked) {
        v.acked++;
        const key = `${device.deviceId}#${write.seq}`;
        if (!processedCount.has(key)) v.lost.push(`${key} not recorded as processed`);
        if (!writtenCount.has(`${device.deviceId} ${write.notes}`)) v.lost.push(`${key} value never written`);
      }
    }

    const expected = new Map<string, string>();
    for (const device of devices) for (const [id, notes] of device.lastAcked) expected.set(id, notes);
    v.records = expected.size;
    const finals = await client.query<{ id: string; notes: string | null }>(
      `SELECT id::text AS id, body->>'notes' AS notes FROM sync_records WHERE id = ANY($1::uuid[])`,
      [[...expected.keys()]],
    );
    const inDatabase = new Map(finals.rows.map((r) => [r.id, r.notes]));
    const pulled = await pullAll(serverUrl, token);
    v.pulledRecords = pulled.size;
    for (const id of pulled.keys()) if (foreign.has(id)) v.leaked.push(id);
    for (const [id, notes] of expected) {
      if (inDatabase.get(id) !== notes) v.wrongInDatabase.push(id);
      if (pulled.get(id) !== notes) v.wrongInPull.push(id);
    }
  } finally {
    await client.end();
  }
  return v;
}

/** `verifyLoad` for each tenant of a run (its phones, its coordinator's pull), summed. */
export async function verifyTenants(
  databaseUrl: string,
  serverUrl: string,
  tenants: { token: string; devices: LoadDevice[] }[],
): Promise<Verification> {
  const sessionsOf = (devices: LoadDevice[]) => devices.flatMap((d) => [...d.lastAcked.keys()]);
  const total: Verification = {
    acked: 0,
    records: 0,
    lost: [],
    duplicated: [],
    wrongInDatabase: [],
    wrongInPull: [],
    leaked: [],
    pulledRecords: 0,
  };
  for (const tenant of tenants) {
    const foreign = new Set(sessionsOf(tenants.filter((t) => t !== tenant).flatMap((t) => t.devices)));
    const v = await verifyLoad(databaseUrl, serverUrl, tenant.token, tenant.devices, foreign);
    total.acked += v.acked;
    total.records += v.records;
    total.pulledRecords += v.pulledRecords;
    for (const key of ['lost', 'duplicated', 'wrongInDatabase', 'wrongInPull', 'leaked'] as const)
      total[key].push(...v[key]);
  }
  return total;
}
