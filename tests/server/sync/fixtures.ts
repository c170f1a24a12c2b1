/** Builders for sync test data: draft bodies (on the factories), changes and HTTP calls against a sync app. */
import { uuidv7 } from 'uuidv7';
import { flattenBody } from '../../../src/shared/fieldPaths';
import {
  PROTOCOL_VERSION,
  type Change,
  pushDeltaResponseSchema,
  type PullResponse,
  type PushDeltaResponse,
  type PushResponse,
  type RecordsResponse,
} from '../../../src/shared/protocol';
import type { BodyOf } from '../../../src/shared/records';
import type { SyncTestApp } from './helpers';
import { aDraftBody } from '../../factories';

/** What sync tests' drafts start with: two sections of the default template written, the others empty. */
export const WRITTEN_SECTIONS = {
  ringkasan: 'Ringkasan awal.',
  'latar-belakang-tujuan': 'Latar belakang.\n\nPuskesmas jauh.',
};

/** A draft body as sync tests push it (the factory's, with `WRITTEN_SECTIONS`), with `patch` on top. */
export const draftBody = (unitId: string | null, patch: Partial<BodyOf<'draft'>> = {}): BodyOf<'draft'> =>
  aDraftBody({ unitId, sections: WRITTEN_SECTIONS, ...patch });

export class Device {
  seq = 0;
  constructor(
    readonly deviceId: string,
    readonly token: string,
  ) {}

  create(body: BodyOf<'draft'>, id: string = uuidv7()): Change {
    return {
      deviceId: this.deviceId,
      seq: ++this.seq,
      recordId: id,
      kind: 'draft',
      op: 'create',
      values: flattenBody('draft', body),
      base: {},
      editedAt: 1_700_000_000_000,
    };
  }

  update(
    recordId: string,
    values: Record<string, unknown>,
    base: Record<string, number>,
    kind: Change['kind'] = 'draft',
  ): Change {
    return {
      deviceId: this.deviceId,
      seq: ++this.seq,
      recordId,
      kind,
      op: 'update',
      values,
      base,
      editedAt: 1_700_000_000_000,
    };
  }

  op(recordId: string, op: 'delete' | 'restore'): Change {
    return {
      deviceId: this.deviceId,
      seq: ++this.seq,
      recordId,
      kind: 'draft',
      op,
      values: {},
      base: {},
      editedAt: 1,
    };
  }
}

type App = SyncTestApp;

export async function push(app: App, token: string, changes: Change[]): Promise<PushResponse> {
  const res = await app.request('/api/sync/push', {
    method: 'POST',
    headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
    body: JSON.stringify({ protocolVersion: PROTOCOL_VERSION, deviceId: changes[0]!.deviceId, changes }),
  });
  if (res.status !== 200) throw new Error(`push ${res.status}: ${await res.text()}`);
  return (await res.json()) as PushResponse;
}

/** A push asking for the slim answer (`answer: 'delta'`), its answer checked against the shared schema. */
export async function pushDelta(app: App, token: string, changes: Change[]): Promise<PushDeltaResponse> {
  const res = await app.request('/api/sync/push', {
    method: 'POST',
    headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
    body: JSON.stringify({
      protocolVersion: PROTOCOL_VERSION,
      deviceId: changes[0]!.deviceId,
      changes,
      answer: 'delta',
    }),
  });
  if (res.status !== 200) throw new Error(`push ${res.status}: ${await res.text()}`);
  return pushDeltaResponseSchema.parse(await res.json());
}

export async function pull(
  app: App,
  token: string,
  cursor = 0,
  limit?: number,
  view: 'full' | 'summary' = 'full',
): Promise<PullResponse> {
  const res = await app.request(
    `/api/sync/pull?protocolVersion=${PROTOCOL_VERSION}&cursor=${cursor}${limit ? `&limit=${limit}` : ''}&view=${view}`,
    { headers: { authorization: `Bearer ${token}` } },
  );
  if (res.status !== 200) throw new Error(`pull ${res.status}: ${await res.text()}`);
  return (await res.json()) as PullResponse;
}

export async function pullAll(
  app: App,
  token: string,
  view: 'full' | 'summary' = 'full',
): Promise<PullResponse['records']> {
  const out: PullResponse['records'] = [];
  let cursor = 0;
  for (;;) {
    const page = await pull(app, token, cursor, undefined, view);
    out.push(...page.records);
    cursor = page.cursor;
    if (!page.hasMore) return out;
  }
}

export async function fetchRecords(app: App, token: string, ids: string[]): Promise<RecordsResponse> {
  const res = await app.request('/api/sync/records', {
    method: 'POST',
    headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
    body: JSON.stringify({ protocolVersion: PROTOCOL_VERSION, ids }),
  });
  if (res.status !== 200) throw new Error(`records ${res.status}: ${await res.text()}`);
  return (await res.json()) as RecordsResponse;
}
