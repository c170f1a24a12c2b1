/**
 * Issue #17: a fuzz of every operation of the OpenAPI document (GET /api/openapi.json), schemathesis-style, on the
 * real app in-process (PGlite, files in a temporary folder). The operations are read from the document, not from
 * a hand list: a route added later is fuzzed without touching this file, and one that cannot be fuzzed must be
 * listed in SKIPPED with its reason (none is).
 *
 * For each operation, with a fixed seed (FUZZ_SEED, default 20260612): valid requests generated from its schemas
 * as every role of two tenants, anonymous and with forged tokens, then mutated ones (openapiFuzz.ts `MUTATIONS`).
 * Every answer must be below 500 and have a status the document declares for the operation; every 4xx (except
 * those the document gives no body) must be the app's error shape with a message in Indonesian and in English; a signed-in caller's answer must never hold the other
 * tenant's data (its names, ids and secret texts) unless the caller sent that id itself.
 *
 * Replay: FUZZ_SEED=<seed> reruns the same cases (ids of the seeded records differ per run, their roles do not);
 * FUZZ_OP='<METHOD> <path>' runs one operation; FUZZ_CASES sets the number of mutated cases per operation.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import fc from 'fast-check';
import { sign } from 'hono/jwt';
import { pino } from 'pino';
import { uuidv7 } from 'uuidv7';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../../src/server/app';
import { TEST_PASSWORD_HASH_COST, testPasswordHash } from '../server/support/passwords';
import { issueRefreshToken, signAccessToken } from '../../src/server/auth/tokens';
import { migrate, openDatabase } from '../../src/server/db/index';
import type { Database } from '../../src/server/db/types';
import { flattenBody } from '../../src/shared/fieldPaths';
import { PROTOCOL_VERSION, type PushResponse } from '../../src/shared/protocol';
import { ENVELOPE_KEYS, type RecordKind } from '../../src/shared/records';
import {
  aChecklistBody,
  aCommentBody,
  aDraftBody,
  aParticipant,
  aPersonBody,
  aSessionBody,
  aSubmissionBody,
  aUnitBody,
} from '../factories';
import { jpeg, sha256Hex } from '../server/files/fixtures';
import { attachmentBody, metadataHeader } from '../server/files/harness';
import {
  MUTATIONS,
  arbitraryOf,
  buildRequest,
  dereference,
  describeRequest,
  diceArbitrary,
  errorShapeProblem,
  hashString,
  mutate,
  operationsOf,
  type BuiltRequest,
  type Hints,
  type JsonSchema,
  type Mutation,
  type OpenApiDocument,
  type Operation,
  type RequestParts,
} from './openapiFuzz';

const SEED = Number(process.env.FUZZ_SEED ?? 20260612);
/** Mutated cases per operation (the valid ones, one per identity, come on top). */
const MUTATED_CASES = Number(process.env.FUZZ_CASES ?? 24);
const ONLY_OPERATION = process.env.FUZZ_OP ?? null;

const AUTH_SECRET = 'openapi-fuzz-secret-0123456789abcdef';
const METRICS_TOKEN = 'openapi-fuzz-metrics-token';
const PASSWORD = 'kata-sandi-fuzz-2026';
/** A new password the policy accepts (long, not common, not the current one). */
const STRONG_NEW_PASSWORD = 'Sawah-hijau-di-lereng-Merapi-2026';

/** Operations that are not fuzzed, each with its reason. None: every operation of the document is. */
const SKIPPED: Record<string, string> = {};

/**
 * How the routes with side effects or unusual answers are handled (each case also starts from the same cast: see
 * `restoreCast`, and signs in a fresh device, so no case inherits a revoked session, a changed password or a
 * demoted account from the one before):
 * - GET /api/sync/events: an endless stream. The headers are read, then the body is cancelled, which ends the
 *   stream on the server (its onAbort frees the slot counted against MAX_EVENT_STREAMS_PER_USER).
 * - POST /api/auth/change-password: succeeds when the generated current password is the cast's; the cast's
 *   password hash and session generation are put back afterwards.
 * - POST /api/auth/sign-out, POST /api/auth/refresh: the refresh token is often a real one, issued for this case
 *   to a fresh device of a user of the caller's tenant (so signing it out ends nobody else's session).
 * - POST /api/auth/devices/{id}/sign-out, POST /api/auth/devices/sign-out-others: sign out other devices of the
 *   caller (families made at setup, or this case's own device: 409); the cast gets a fresh device per case anyway.
 * - PATCH /api/accounts/{id}, POST /api/accounts/{id}/reset-password: may disable, demote, move or reset the
 *   cast itself; `restoreCast` puts role, units, name, password and flags back before the next case.
 * - POST /api/accounts, POST /api/accounts/import: create accounts and units (one scrypt hash per account); kept.
 * - POST /api/units/{id}/merge: may merge the seeded units; the accounts' units are put back by `restoreCast`,
 *   moved records stay moved (later cases meet a merged unit, as a real server would).
 * - tus (POST /api/files/, HEAD/PATCH/DELETE /api/files/{id}): uploads are created and written in the temporary
 *   folder (removed at the end); a person past 10 unfinished uploads is answered 429, as designed.
 * - HEAD requests: answered without a body, so only their status is checked.
 * - POST /api/auth/sign-in answers for the account of the login in the body, not for the bearer: its answers are
 *   left out of the cross-tenant check (`LEAK_CHECK_EXEMPT`). A refresh token is issued in the caller's tenant.
 */
const LEAK_CHECK_EXEMPT: Record<string, string> = {
  'POST /api/auth/sign-in':
    'answers the account of the login and password in the body, whoever the bearer is',
};

const FRESH_REFRESH_TOKEN = '<fresh-refresh-token>';
const CURRENT_FAMILY = '<current-device>';
const OTHER_FAMILY = '<other-device>';

type TenantKey = 'A' | 'B';
const CAST_MEMBERS = [
  'coordinator',
  'facilitator',
  'innovator',
  'viewer',
  'otherCoordinator',
  'otherInnovator',
] as const;
type CastMember = (typeof CAST_MEMBERS)[number];
const FORGED = [
  'forged-garbage',
  'forged-wrong-secret',
  'forged-alg-none',
  'forged-expired',
  'forged-unknown-user',
  'forged-tenant-swap',
  'metrics-token',
] as const;
type Identity = CastMember | 'anonymous' | (typeof FORGED)[number];

interface CastUser {
  id: string;
  tenant: TenantKey;
  role: 'coordinator' | 'facilitator' | 'innovator' | 'viewer';
  name: string;
  email: string;
  unitIds: string[];
}

/** What the seeded world holds: ids by category and tenant, and each tenant's secret texts. */
interface World {
  db: Database;
  app: ReturnType<typeof createApp>;
  fileDir: string;
  tenants: Record<TenantKey, string>;
  cast: Record<CastMember, CastUser>;
  passwordHash: string;
  ids: {
    users: Record<TenantKey, string[]>;
    units: Record<TenantKey, string[]>;
    records: Record<TenantKey, string[]>;
    families: Record<TenantKey, string[]>;
    uploads: Record<TenantKey, string[]>;
    hashes: Record<TenantKey, string[]>;
  };
  /** Strings only tenant X has: its name and id, its people's names and emails, its records' ids and texts. */
  markers: Record<TenantKey, string[]>;
  /** The text written into every seeded record of tenant X. */
  secrets: Record<TenantKey, string>;
  forgedTokens: Record<(typeof FORGED)[number], string>;
  /** Error lines the app logged (pino JSON), to show the stack of a 5xx. */
  errorLog: string[];
}

const other = (t: TenantKey): TenantKey => (t === 'A' ? 'B' : 'A');

// ------------------------------------------------------------------------------------------------------------
// The seeded world.

async function seedWorld(): Promise<World> {
  const db = await openDatabase({ dataDir: 'memory://' });
  await migrate(db);
  const fileDir = await mkdtemp(join(tmpdir(), 'rintis-fuzz-'));
  const errorLog: string[] = [];
  const logger = pino(
    { level: 'error' },
    new Writable({
      write(chunk: Buffer, _enc, done) {
        errorLog.push(chunk.toString());
        done();
      },
    }),
  );
  const app = createApp({
    db,
    logger,
    config: {
      authSecret: AUTH_SECRET,
      passwordHashCost: TEST_PASSWORD_HASH_COST,
      logLevel: 'silent',
      metricsToken: METRICS_TOKEN,
      fileDir,
    },
  });

  const tenants = { A: uuidv7(), B: uuidv7() };
  const tenantNames = { A: 'Kabupaten Fuzz Terbuka', B: 'Kota Rahasia Lain' };
  for (const t of ['A', 'B'] as const) {
    await db.query('insert into tenants (id, name) values ($1, $2)', [tenants[t], tenantNames[t]]);
  }
  const units = { A: [uuidv7(), uuidv7()], B: [uuidv7()] };
  const user = (tenant: TenantKey, role: CastUser['role'], name: string, unitIds: string[]): CastUser => ({
    id: uuidv7(),
    tenant,
    role,
    name,
    email: `${name.toLowerCase().replace(/\s+/g, '.')}@fuzz-${tenant.toLowerCase()}.go.id`,
    unitIds,
  });
  const cast: Record<CastMember, CastUser> = {
    coordinator: user('A', 'coordinator', 'Kia Koordinator', []),
    facilitator: user('A', 'facilitator', 'Fajar Fasilitator', [units.A[0]!, units.A[1]!]),
    innovator: user('A', 'innovator', 'Ina Inovator', [units.A[0]!]),
    viewer: user('A', 'viewer', 'Vina Pengamat', [units.A[0]!]),
    otherCoordinator: user('B', 'coordinator', 'Rahasia Koordinator Lain', []),
    otherInnovator: user('B', 'innovator', 'Rahasia Inovator Lain', [units.B[0]!]),
  };
  // One scrypt hash for everyone (the salt is in the hash): the cast signs in with PASSWORD.
  const passwordHash = await testPasswordHash(PASSWORD);
  for (const u of Object.values(cast)) {
    await db.query(
      `insert into users (id, tenant_id, name, email, role, unit_ids, password_hash) values ($1, $2, $3, $4, $5, $6, $7)`,
      [u.id, tenants[u.tenant], u.name, u.email, u.role, u.unitIds, passwordHash],
    );
  }

  const world: World = {
    db,
    app,
    fileDir,
    tenants,
    cast,
    passwordHash,
    ids: {
      users: { A: [], B: [] },
      units,
      records: { A: [], B: [] },
      families: { A: [], B: [] },
      uploads: { A: [], B: [] },
      hashes: { A: [], B: [] },
    },
    markers: { A: [], B: [] },
    secrets: { A: '', B: '' },
    forgedTokens: {} as World['forgedTokens'],
    errorLog,
  };
  for (const u of Object.values(cast)) world.ids.users[u.tenant].push(u.id);

  const token = async (who: CastMember) => (await freshSession(world, who)).authorization;
  let seq = 0;
  const push = async (who: CastMember, kind: RecordKind, body: Record<string, unknown>, id = uuidv7()) => {
    const deviceId = `fuzz-seed-${who}`;
    const res = await app.request('/api/sync/push', {
      method: 'POST',
      headers: { Authorization: await token(who), 'Content-Type': 'application/json' },
      body: JSON.stringify({
        protocolVersion: PROTOCOL_VERSION,
        deviceId,
        changes: [
          {
            deviceId,
            seq: ++seq,
            recordId: id,
            kind,
            op: 'create',
            values: flattenBody(kind, body),
            base: {},
            editedAt: 1_700_000_000_000,
          },
        ],
      }),
    });
    const out = (await res.json()) as PushResponse;
    if (out.results[0]?.status !== 'applied')
      throw new Error(`seed ${kind} as ${who}: ${JSON.stringify(out)}`);
    world.ids.records[cast[who].tenant].push(id);
    return id;
  };

  // Per tenant: units, a draft with a checklist, a comment and a submission, a session, a person without an
  // account, and an attachment whose bytes were uploaded; each carrying a text only that tenant has.
  for (const t of ['A', 'B'] as const) {
    const secret = `RAHASIA-${t}-${uuidv7()}`;
    world.secrets[t] = secret;
    const coord: CastMember = t === 'A' ? 'coordinator' : 'otherCoordinator';
    const inno: CastMember = t === 'A' ? 'innovator' : 'otherInnovator';
    for (const [i, unitId] of units[t].entries()) {
      await push(coord, 'unit', aUnitBody({ name: `Puskesmas ${secret} ${i}` }), unitId);
    }
    world.ids.records[t].splice(world.ids.records[t].length - units[t].length);
    const unitId = units[t][0]!;
    const draftId = await push(
      inno,
      'draft',
      aDraftBody({
        title: `Judul ${secret}`,
        unitId,
        team: `Tim ${secret}`,
        sections: { ringkasan: `Ringkasan ${secret}` },
      }),
    );
    await push(
      inno,
      'checklist',
      aChecklistBody({
        draftId,
        unitId,
        items: { 'kepastian-hukum': { status: 'belum', evidence: `Bukti ${secret}` } },
      }),
    );
    await push(
      coord,
      'comment',
      aCommentBody({
        recordId: draftId,
        unitId,
        text: `Komentar ${secret}`,
        authorId: cast[coord].id,
        authorName: cast[coord].name,
        authorRole: 'coordinator',
      }),
    );
    await push(
      inno,
      'submission',
      aSubmissionBody({
        draftId,
        unitId,
        sections: { ringkasan: `Ringkasan ${secret}` },
        submittedBy: cast[inno].id,
        submittedByName: cast[inno].name,
      }),
    );
    const personId = uuidv7();
    await push(
      coord,
      'session',
      aSessionBody({
        startsAt: '2026-06-12T09:00',
        place: `Aula ${secret}`,
        unitIds: [unitId],
        participants: { [personId]: aParticipant({ name: `Peserta ${secret}`, personId }) },
        topics: `Topik ${secret}`,
        draftIds: [draftId],
      }),
    );
    await push(
      coord,
      'person',
      aPersonBody({ name: `Kader ${secret}`, unitIds: [unitId], position: 'Kader' }),
      personId,
    );

    // An attachment on the draft with its bytes uploaded over tus (in-process), and one upload left unfinished.
    const bytes = jpeg(4_000, t === 'A' ? 11 : 12);
    await push(
      inno,
      'attachment',
      attachmentBody(bytes, draftId, unitId) as unknown as Record<string, unknown>,
    );
    const meta = {
      sha256: sha256Hex(bytes),
      filename: 'foto.jpg',
      filetype: 'image/jpeg',
      parentId: draftId,
    };
    const created = await app.request('/api/files/', {
      method: 'POST',
      headers: {
        Authorization: await token(inno),
        'Tus-Resumable': '1.0.0',
        'Upload-Length': String(bytes.length),
        'Upload-Metadata': metadataHeader(meta),
      },
    });
    const location = created.headers.get('location') ?? '';
    const stored = await app.request(location, {
      method: 'PATCH',
      headers: {
        Authorization: await token(inno),
        'Tus-Resumable': '1.0.0',
        'Upload-Offset': '0',
        'Content-Type': 'application/offset+octet-stream',
      },
      body: new Uint8Array(bytes),
    });
    if (created.status !== 201 || stored.status !== 204)
      throw new Error(`seed upload ${created.status} ${stored.status}`);
    world.ids.hashes[t].push(meta.sha256);
    const unfinished = await app.request('/api/files/', {
      method: 'POST',
      headers: {
        Authorization: await token(inno),
        'Tus-Resumable': '1.0.0',
        'Upload-Length': '5000',
        'Upload-Metadata': metadataHeader({ ...meta, sha256: sha256Hex(jpeg(5_000, 99)) }),
      },
    });
    world.ids.uploads[t].push(
      location.split('/').at(-1)!,
      (unfinished.headers.get('location') ?? '').split('/').at(-1)!,
    );

    // Devices (token families) of the tenant's people, for the devices routes.
    for (const who of CAST_MEMBERS.filter((m) => cast[m].tenant === t)) {
      world.ids.families[t].push(
        (await issueRefreshToken(db, cast[who].id, { userAgent: 'Fuzz seed' })).familyId,
      );
    }

    // Only this tenant has these: its name and id, its people's names and emails, its secret text. Ids the
    // generator may send (records, units, users) are markers too until a caller of the other tenant sends one.
    world.markers[t].push(
      tenants[t],
      tenantNames[t],
      secret,
      ...Object.values(cast)
        .filter((u) => u.tenant === t)
        .flatMap((u) => [u.name, u.email]),
      ...world.ids.records[t],
      ...world.ids.units[t],
      ...world.ids.users[t],
      ...world.ids.families[t],
      ...world.ids.uploads[t],
      ...world.ids.hashes[t],
    );
  }

  const claims = { userId: cast.coordinator.id, tenantId: tenants.A };
  const now = Date.now();
  world.forgedTokens = {
    'forged-garbage': 'Bearer not.a.token',
    'forged-wrong-secret': `Bearer ${(await signAccessToken('not-the-server-secret-0123456789', claims)).token}`,
    'forged-alg-none': `Bearer ${Buffer.from('{"alg":"none","typ":"JWT"}').toString('base64url')}.${Buffer.from(
      JSON.stringify({
        sub: claims.userId,
        tid: claims.tenantId,
        typ: 'access',
        gen: 0,
        exp: Math.floor(now / 1000) + 600,
      }),
    ).toString('base64url')}.`,
    'forged-expired': `Bearer ${(await signAccessToken(AUTH_SECRET, claims, now - 24 * 60 * 60 * 1000)).token}`,
    'forged-unknown-user': `Bearer ${(await signAccessToken(AUTH_SECRET, { userId: uuidv7(), tenantId: tenants.A })).token}`,
    'forged-tenant-swap': `Bearer ${await sign({ sub: cast.coordinator.id, tid: tenants.B, typ: 'access', gen: 0, exp: Math.floor(now / 1000) + 600 }, AUTH_SECRET, 'HS256')}`,
    'metrics-token': `Bearer ${METRICS_TOKEN}`,
  };
  return world;
}

/** A new device session of a cast member: what a sign-in would give, without the scrypt. */
async function freshSession(
  world: World,
  who: CastMember,
): Promise<{ authorization: string; familyId: string }> {
  const u = world.cast[who];
  const { familyId } = await issueRefreshToken(world.db, u.id, { userAgent: 'Fuzz' });
  const { token } = await signAccessToken(AUTH_SECRET, {
    userId: u.id,
    tenantId: world.tenants[u.tenant],
    generation: 0,
    familyId,
  });
  return { authorization: `Bearer ${token}`, familyId };
}

/** Puts every cast member back as seeded: role, units, name, tenant, password, generation, flags. */
async function restoreCast(world: World): Promise<void> {
  const seeded = Object.values(world.cast).map((m) => ({
    id: m.id,
    role: m.role,
    name: m.name,
    tenant_id: world.tenants[m.tenant],
    unit_ids: m.unitIds,
  }));
  await world.db.query(
    `update users u set role = c.role, name = c.name, tenant_id = c.tenant_id, unit_ids = c.unit_ids,
            disabled = false, must_change_password = false, session_generation = 0, password_hash = $2
       from jsonb_to_recordset($1::jsonb) as c(id text, role text, name text, tenant_id text, unit_ids text[])
      where u.id = c.id`,
    [JSON.stringify(seeded), world.passwordHash],
  );
}

// ------------------------------------------------------------------------------------------------------------
// Generation: the document's schemas, with the ids and secrets that exist.

/** The document's record schemas (from the pull answer) by kind, without their envelope: a change's values. */
function recordBodySchemas(doc: OpenApiDocument): Map<string, JsonSchema> {
  const pull = doc.paths['/api/sync/pull']?.get?.responses['200']?.content?.['application/json']?.schema;
  const variants = (pull ? dereference(doc, pull) : {}).properties?.['records']?.items?.oneOf ?? [];
  const out = new Map<string, JsonSchema>();
  const envelope = new Set<string>(ENVELOPE_KEYS);
  for (const v of variants) {
    const kind = v.properties?.['kind']?.enum?.[0];
    if (typeof kind !== 'string') continue;
    out.set(kind, {
      ...v,
      properties: Object.fromEntries(Object.entries(v.properties ?? {}).filter(([k]) => !envelope.has(k))),
      required: (v.required ?? []).filter((k) => !envelope.has(k)),
    });
  }
  if (out.size === 0) throw new Error('the document has no record schemas under GET /api/sync/pull');
  return out;
}

/** The tenant a caller acts in: its own for the cast, A for anonymous and forged callers. */
const tenantOf = (world: World, who: Identity): TenantKey =>
  who in world.cast ? world.cast[who as CastMember].tenant : 'A';

const bodySchemasOf = new WeakMap<OpenApiDocument, Map<string, JsonSchema>>();

/**
 * Hints for a request to `op` by a caller of `tenant`: ids are mostly the tenant's own (so valid cases meet real
 * records), sometimes the other tenant's, sometimes random.
 */
function hintsFor(world: World, doc: OpenApiDocument, op: Operation, tenant: TenantKey): Hints {
  const pool = (...categories: (keyof World['ids'])[]) => {
    const own = categories.flatMap((k) => world.ids[k][tenant]);
    const others = categories.flatMap((k) => world.ids[k][other(tenant)]);
    return fc.oneof(
      { weight: 3, arbitrary: own.length > 0 ? fc.constantFrom(...own) : fc.uuid() },
      { weight: 1, arbitrary: others.length > 0 ? fc.constantFrom(...others) : fc.uuid() },
      { weight: 1, arbitrary: fc.uuid() },
    );
  };
  const uuid = pool('users', 'units', 'records');
  let bodies = bodySchemasOf.get(doc);
  if (!bodies) bodySchemasOf.set(doc, (bodies = recordBodySchemas(doc)));
  const logins = Object.values(world.cast).map((u) => u.email);
  const simpleEmail = fc
    .tuple(fc.stringMatching(/^[a-z]{3,10}$/), fc.constantFrom('contoh.go.id', 'mail.id'))
    .map(([name, domain]) => `${name}@${domain}`);

  // Path parameters named `id` take the ids of the route's own kind of thing, so valid cases meet real ones.
  const idPool = op.path.startsWith('/api/accounts/')
    ? pool('users')
    : op.path.startsWith('/api/units/')
      ? pool('units')
      : op.path.startsWith('/api/auth/devices/')
        ? fc.oneof(pool('families'), fc.constantFrom(CURRENT_FAMILY, OTHER_FAMILY))
        : op.path.startsWith('/api/files/')
          ? pool('uploads')
          : uuid;

  const hints: Hints = {
    uuid,
    at(path, _schema, fromSchema) {
      const last = path[path.length - 1];
      if (path.length === 1 && last === 'id') return idPool;
      if (path.length === 1 && last === 'recordId') return pool('records');
      if (last === 'into') return pool('units');
      if (last === 'protocolVersion')
        return fc.oneof(
          { weight: 3, arbitrary: fc.constant(PROTOCOL_VERSION) },
          { weight: 1, arbitrary: fromSchema() },
        );
      if (last === 'sha256')
        return fc.oneof({ weight: 3, arbitrary: pool('hashes') }, { weight: 1, arbitrary: fromSchema() });
      if (last === 'login')
        return fc.oneof(
          { weight: 3, arbitrary: fc.constantFrom(...logins) },
          { weight: 1, arbitrary: fromSchema() },
        );
      if (last === 'email')
        return fc.oneof({ weight: 3, arbitrary: simpleEmail }, { weight: 1, arbitrary: fromSchema() });
      if (last === 'password' || last === 'currentPassword')
        return fc.oneof(
          { weight: 2, arbitrary: fc.constant(PASSWORD) },
          { weight: 1, arbitrary: fromSchema() },
        );
      if (last === 'newPassword')
        return fc.oneof(fc.constant(STRONG_NEW_PASSWORD), fc.constant(PASSWORD), fromSchema());
      if (last === 'refreshToken')
        return fc.oneof(
          { weight: 2, arbitrary: fc.constant(FRESH_REFRESH_TOKEN) },
          { weight: 1, arbitrary: fromSchema() },
        );
      if (last === 'deviceId')
        return fc.oneof(fc.constantFrom('fuzz-device-1', 'fuzz-device-2'), fromSchema());
      if (last === 'Upload-Length' || last === 'Upload-Offset')
        return fc.oneof(fc.constantFrom('0', '4000', '5000'), fromSchema());
      // Bulk import cells as people type them (the import's own words for unit types and roles), or anything.
      if (path[0] === 'units' && last === 'type')
        return fc.oneof(fc.constantFrom('Puskesmas', 'RSUD', 'opd', 'Kecamatan'), fromSchema());
      if (path[0] === 'accounts' && last === 'role')
        return fc.oneof(fc.constantFrom('Inovator', 'Pendamping', 'Admin lokal', 'viewer'), fromSchema());
      if (path[0] === 'accounts' && last === 'units') return fc.oneof(fc.constant(''), fromSchema());
      if (last === 'Upload-Metadata') {
        const meta = fc.record({
          sha256: fc.oneof(pool('hashes'), fc.stringMatching(/^[0-9a-f]{64}$/)),
          filename: fc.constantFrom(
            'foto.jpg',
            'dokumen.pdf',
            'x.svg',
            '../../etc/passwd',
            'laporan.docx',
            'fo\u0000to.jpg',
            '',
          ),
          filetype: fc.constantFrom('image/jpeg', 'application/pdf', 'image/svg+xml', 'text/html'),
          parentId: pool('records'),
        });
        return fc.oneof(
          { weight: 3, arbitrary: meta.map((m) => metadataHeader(m)) },
          { weight: 1, arbitrary: fromSchema() },
        );
      }
      // tus bytes: a real JPEG (the seeded upload's size) or a few random bytes.
      if (op.body?.contentType === 'application/offset+octet-stream' && path.length === 0) {
        return fc.oneof(fc.constant(jpeg(5_000, 99)), fc.uint8Array({ maxLength: 64 }));
      }
      // A pushed change: values of a real record of its kind (flattened as the phone sends them), or any.
      if (path.length === 2 && path[0] === 'changes' && last === '[]') {
        return fromSchema().chain((change) => {
          const c = change as { kind: string; op: string; values: unknown; base: unknown };
          const schema = bodies.get(c.kind);
          if (!schema) return fc.constant(change);
          const real = arbitraryOf(doc, schema, hints, [...path, 'values']).chain((body) => {
            const values = flattenBody(c.kind as RecordKind, body as Record<string, unknown>);
            const keys = Object.keys(values);
            return fc
              .tuple(
                fc.subarray(keys),
                fc.array(fc.integer({ min: 0, max: 40 }), { minLength: keys.length, maxLength: keys.length }),
              )
              .map(([picked, versions]) => {
                const sent = c.op === 'update' ? picked : keys;
                return {
                  ...c,
                  values: Object.fromEntries(sent.map((k) => [k, values[k]])),
                  base: c.op === 'update' ? Object.fromEntries(sent.map((k, i) => [k, versions[i]!])) : {},
                };
              });
          });
          return fc.oneof({ weight: 3, arbitrary: real }, { weight: 1, arbitrary: fc.constant(change) });
        });
      }
      return undefined;
    },
  };
  return hints;
}

/** Valid parts of a request to `op`: each parameter and the body generated from their schemas. */
function partsArbitrary(
  world: World,
  doc: OpenApiDocument,
  op: Operation,
  who: Identity,
): fc.Arbitrary<RequestParts> {
  const hints = hintsFor(world, doc, op, tenantOf(world, who));
  const byLocation = (where: 'path' | 'query' | 'header') => {
    const params = op.params.filter((p) => p.in === where);
    const model = Object.fromEntries(
      params.map((p) => [p.name, arbitraryOf(doc, p.schema, hints, [p.name])]),
    );
    return fc.record(model, {
      requiredKeys: params.filter((p) => p.required || p.in === 'path').map((p) => p.name),
    });
  };
  const body = op.body ? arbitraryOf(doc, op.body.schema, hints, []) : fc.constant(undefined);
  return fc
    .record({ path: byLocation('path'), query: byLocation('query'), header: byLocation('header'), body })
    .map((p) => p as RequestParts);
}

interface FuzzCase {
  index: number;
  identity: Identity;
  mutation: Mutation;
  parts: RequestParts;
  note: string;
  /** The client address (several, so the sign-in limits of one address do not decide every case). */
  address: string;
}

/** Each identity once with a valid request, then `MUTATED_CASES` mutated ones as weighted random identities. */
function casesFor(world: World, doc: OpenApiDocument, op: Operation, seed: number): FuzzCase[] {
  const identities: Identity[] = [...CAST_MEMBERS, 'anonymous', ...FORGED];
  const identity = fc.oneof(
    { weight: 12, arbitrary: fc.constantFrom<Identity>(...CAST_MEMBERS) },
    { weight: 2, arbitrary: fc.constant<Identity>('anonymous') },
    { weight: 3, arbitrary: fc.constantFrom<Identity>(...FORGED) },
  );
  const mutation = fc.constantFrom<Mutation>(...MUTATIONS.filter((m) => m !== 'none'));
  const address = fc.nat(7).map((n) => `192.0.2.${n + 1}`);
  // Valid requests first: each identity once, with its own seed.
  const cases: FuzzCase[] = identities.map((who, i) => {
    const [, p, from] = fc.sample(fc.tuple(fc.constant(who), partsArbitrary(world, doc, op, who), address), {
      seed: seed + 2 + i,
      numRuns: 1,
    })[0]!;
    return { index: i, identity: who, mutation: 'none', parts: p, note: 'valid', address: from };
  });
  const mutated = fc.sample(
    identity.chain((who) =>
      fc.tuple(
        fc.constant(who),
        partsArbitrary(world, doc, op, who),
        mutation,
        diceArbitrary,
        fc.uuid(),
        address,
      ),
    ),
    { seed: seed + 1, numRuns: MUTATED_CASES },
  );
  for (const [who, p, m, dice, randomUuid, from] of mutated) {
    const done = mutate(op, p, m, dice, otherTenantIds(world, tenantOf(world, who)), randomUuid);
    cases.push({
      index: cases.length,
      identity: who,
      mutation: done ? m : 'none',
      parts: done?.parts ?? p,
      note: done?.note ?? `valid (${m} has nowhere to apply)`,
      address: from,
    });
  }
  return cases;
}

function otherTenantIds(world: World, own: TenantKey): string[] {
  const t = other(own);
  return [
    ...world.ids.records[t],
    ...world.ids.units[t],
    ...world.ids.users[t],
    ...world.ids.families[t],
    ...world.ids.uploads[t],
    world.tenants[t],
  ];
}

// ------------------------------------------------------------------------------------------------------------
// Sending and checking.

interface Outcome {
  status: number;
  text: string;
  request: BuiltRequest;
}

async function send(world: World, op: Operation, c: FuzzCase): Promise<Outcome> {
  let authorization: string | null = null;
  let familyId: string | null = null;
  if (c.identity in world.cast) {
    const session = await freshSession(world, c.identity as CastMember);
    authorization = session.authorization;
    familyId = session.familyId;
  } else if (c.identity !== 'anonymous') {
    authorization = world.forgedTokens[c.identity as (typeof FORGED)[number]];
  }
  const request = buildRequest(op, c.parts, authorization);
  // Placeholders become real values of this case: a refresh token of a fresh device of someone of the caller's
  // tenant (never the caller's own device), and the caller's own device id.
  const caller = c.identity in world.cast ? world.cast[c.identity as CastMember] : null;
  const tenant: TenantKey = caller?.tenant ?? 'A';
  const owner = tenant === 'A' ? 'innovator' : 'otherInnovator';
  const fill = async (s: string) => {
    let out = s;
    if (out.includes(FRESH_REFRESH_TOKEN)) {
      out = out
        .split(FRESH_REFRESH_TOKEN)
        .join((await issueRefreshToken(world.db, world.cast[owner].id)).refreshToken);
    }
    const devices: [string, () => Promise<string>][] = [
      [CURRENT_FAMILY, () => Promise.resolve(familyId ?? uuidv7())],
      // Another device of the caller (signed in for this case), or of nobody when the caller is not in the cast.
      [
        OTHER_FAMILY,
        async () => (caller ? (await issueRefreshToken(world.db, caller.id)).familyId : uuidv7()),
      ],
    ];
    for (const [placeholder, value] of devices) {
      for (const written of [placeholder, encodeURIComponent(placeholder)]) {
        if (out.includes(written)) out = out.split(written).join(await value());
      }
    }
    return out;
  };
  request.url = await fill(request.url);
  if (typeof request.body === 'string') request.body = await fill(request.body);

  const res = await world.app.request(
    request.url,
    {
      method: request.method,
      headers: request.headers,
      ...(request.body !== undefined ? { body: request.body } : {}),
    },
    // What @hono/node-server gives the app: the socket, for the client address of the sign-in limits.
    { incoming: { socket: { remoteAddress: c.address, remotePort: 40000, remoteFamily: 'IPv4' } } },
  );
  let text = '';
  if ((res.headers.get('content-type') ?? '').startsWith('text/event-stream')) {
    // An event stream never ends: the headers are the answer; cancelling ends the stream on the server.
    await res.body?.cancel();
  } else {
    text = await res.text();
  }
  return { status: res.status, text, request };
}

/** What is wrong with an answer, or an empty list. */
function problemsOf(op: Operation, out: Outcome): string[] {
  const problems: string[] = [];
  if (out.status >= 500) problems.push(`status ${out.status}`);
  // A client built on the document must know every answer: each status seen is one the operation declares.
  if (!op.responses[String(out.status)]) problems.push(`status ${out.status} is not declared for ${op.key}`);
  if (out.status >= 400 && out.status < 500 && op.method !== 'HEAD') {
    const documented = op.responses[String(out.status)];
    // The document may describe a 4xx without a body (HEAD-style tus answers); any other 4xx has the shape.
    if (!(documented && !documented.hasContent)) {
      const shape = errorShapeProblem(out.text);
      if (shape) problems.push(`${out.status} is not the error shape (${shape})`);
    }
  }
  return problems;
}

/** Markers of the other tenant in an answer to a signed-in caller that the caller's tenant never sent. */
function leaksIn(world: World, tenant: TenantKey, known: Set<string>, text: string): string[] {
  return world.markers[other(tenant)].filter((m) => !known.has(m) && text.includes(m));
}

const cut = (s: string, n = 1500) => (s.length > n ? `${s.slice(0, n)}… (${s.length} chars)` : s);

// ------------------------------------------------------------------------------------------------------------

describe('OpenAPI fuzz (every operation of /api/openapi.json, PGlite)', () => {
  let world: World;
  let doc: OpenApiDocument;
  let operations: Operation[];

  beforeAll(async () => {
    const started = performance.now();
    world = await seedWorld();
    console.log(`[openapi-fuzz] seeded in ${((performance.now() - started) / 1000).toFixed(1)} s`);
    doc = (await (await world.app.request('/api/openapi.json')).json()) as OpenApiDocument;
    operations = operationsOf(doc);
  }, 120_000);

  afterAll(async () => {
    await world?.db.close();
    if (world) await rm(world.fileDir, { recursive: true, force: true });
  });

  it('lists every skipped operation with a reason, and only operations the document has', () => {
    const keys = new Set(operations.map((o) => o.key));
    for (const [key, reason] of Object.entries(SKIPPED)) {
      expect(keys.has(key), `SKIPPED names ${key}, which the document does not have`).toBe(true);
      expect(reason.length).toBeGreaterThan(10);
    }
    for (const key of Object.keys(LEAK_CHECK_EXEMPT)) expect(keys.has(key)).toBe(true);
    expect(operations.length).toBeGreaterThanOrEqual(27);
  });

  it("finds each tenant's markers in its own coordinator's pull, so the cross-tenant check can see them", async () => {
    for (const [who, t] of [
      ['coordinator', 'A'],
      ['otherCoordinator', 'B'],
    ] as const) {
      const res = await world.app.request(`/api/sync/pull?protocolVersion=${PROTOCOL_VERSION}`, {
        headers: { Authorization: (await freshSession(world, who)).authorization },
      });
      const text = await res.text();
      expect(res.status).toBe(200);
      expect(text).toContain(world.secrets[t]);
      for (const id of world.ids.records[t]) expect(text).toContain(id);
      expect(leaksIn(world, other(t), new Set(), text).length).toBeGreaterThan(0);
      expect(leaksIn(world, t, new Set(), text)).toEqual([]);
    }
  });

  it(`answers every generated request below 500 with a declared status, errors in the shared shape, no other tenant's data (seed ${SEED})`, async () => {
    console.log(
      `[openapi-fuzz] seed ${SEED} (replay: FUZZ_SEED=${SEED}; one operation: FUZZ_OP='<METHOD> <path>')`,
    );
    const failures: string[] = [];
    const sent = new Map<string, number>();
    const statuses = new Map<string, Map<number, number>>();
    const elapsed = new Map<string, number>();
    const known: Record<TenantKey, Set<string>> = { A: new Set(), B: new Set() };
    const started = performance.now();

    for (const op of operations) {
      if (SKIPPED[op.key] || (ONLY_OPERATION && op.key !== ONLY_OPERATION)) continue;
      const seed = (SEED ^ hashString(op.key)) >>> 0;
      const opStarted = performance.now();
      for (const c of casesFor(world, doc, op, seed)) {
        await restoreCast(world);
        const logged = world.errorLog.length;
        const out = await send(world, op, c);
        sent.set(op.key, (sent.get(op.key) ?? 0) + 1);
        const counts = statuses.get(op.key) ?? new Map<number, number>();
        counts.set(out.status, (counts.get(out.status) ?? 0) + 1);
        statuses.set(op.key, counts);

        const problems = problemsOf(op, out);
        if (c.identity in world.cast) {
          const tenant = world.cast[c.identity as CastMember].tenant;
          const requestText = `${out.request.url} ${JSON.stringify(out.request.headers)} ${typeof out.request.body === 'string' ? out.request.body : ''}`;
          // What the caller's tenant sends is known to it from then on (an id it put in its own record).
          for (const m of world.markers[other(tenant)]) if (requestText.includes(m)) known[tenant].add(m);
          if (!LEAK_CHECK_EXEMPT[op.key]) {
            const leaks = leaksIn(world, tenant, known[tenant], out.text);
            if (leaks.length > 0)
              problems.push(`answer to tenant ${tenant} holds tenant ${other(tenant)}'s ${leaks.join(', ')}`);
          }
        }
        if (problems.length > 0) {
          const stack = world.errorLog.slice(logged).map((l) => cut(l, 3000));
          failures.push(
            [
              `${op.key} case ${c.index} (seed ${SEED}, operation seed ${seed}) as ${c.identity}, ${c.mutation}: ${c.note}`,
              `  problems: ${problems.join('; ')}`,
              `  request: ${describeRequest(out.request)}`,
              `  answer: ${out.status} ${cut(out.text)}`,
              ...(stack.length > 0 ? [`  server log: ${stack.join('\n')}`] : []),
            ].join('\n'),
          );
        }
      }
      elapsed.set(op.key, performance.now() - opStarted);
    }

    const seconds = ((performance.now() - started) / 1000).toFixed(1);
    console.log(`[openapi-fuzz] ${[...sent.values()].reduce((a, b) => a + b, 0)} requests in ${seconds} s`);
    for (const [key, counts] of statuses) {
      console.log(
        `  ${key.padEnd(42)} ${(elapsed.get(key)! / 1000).toFixed(1).padStart(5)} s  ${[...counts]
          .sort((a, b) => a[0] - b[0])
          .map(([s, n]) => `${s}x${n}`)
          .join(' ')}`,
      );
    }
    if (failures.length > 0)
      console.log(`[openapi-fuzz] ${failures.length} failures:\n${failures.join('\n\n')}`);
    // The summary lines here; each case's request, answer and server log are printed above.
    expect(
      failures.map((f) => f.split('\n')[0]),
      `failing cases (seed ${SEED}); see the log above`,
    ).toEqual([]);

    // Nothing skipped in silence: every operation of the document was sent its cases, or is listed in SKIPPED.
    for (const op of operations) {
      if (SKIPPED[op.key] || (ONLY_OPERATION && op.key !== ONLY_OPERATION)) continue;
      expect(sent.get(op.key) ?? 0, `${op.key} was not fuzzed`).toBeGreaterThanOrEqual(MUTATED_CASES);
    }
  }, 180_000);
});
