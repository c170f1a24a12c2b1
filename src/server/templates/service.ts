/**
 * Proposal templates as tenant data (issue #15). Every tenant starts with the shipped templates (seeded when it
 * is created, and at start for tenants made before templates were records); a local admin imports a new version
 * (a draft record) and activates it, which retires the version it succeeds. Each is one transaction under the
 * tenant's templates lock, through the sync store (`writeRecordsAsServer`), so every phone pulls the result and
 * two imports of the same version, or two activations at once, cannot leave two active versions of one line.
 */
import { uuidv7 } from 'uuidv7';
import type { AuthContext } from '../auth/types';
import type { Database, Queryable } from '../db/types';
import { validationDetails } from '../http/errors';
import { SERVER_DEVICE, writeRecordsAsServer, type ServerRecordWrite } from '../sync/serverWrites';
import { rowToRecord, type RecordRow } from '../sync/rows';
import { WRITE_REFUSAL_MESSAGES } from '../../shared/access';
import { shippedTemplateBodies } from '../../shared/domain/template-versions';
import { BODY_SCHEMAS, templateSchema, type TemplateRecord } from '../../shared/records';
import type { ActivateTemplateResponse, ImportTemplateRequest } from '../../shared/templateApi';

export class TemplateError extends Error {
  constructor(
    readonly status: 400 | 403 | 404 | 409,
    readonly code: string,
    readonly messageId: string,
    readonly messageEn: string,
    readonly details?: { path: string; message: string }[],
  ) {
    super(`${messageId} / ${messageEn}`);
  }
}

/** Advisory lock key of a tenant's templates ("tpl" in ASCII), taken with the tenant as the second key. */
const TEMPLATES_LOCK = 0x74706c;
const lockTemplates = (tx: Queryable, tenantId: string) =>
  tx.query('SELECT pg_advisory_xact_lock($1, hashtext($2))', [TEMPLATES_LOCK, tenantId]);

/** The tenant's template records, tombstones too, each validated on read (a row that does not validate is left out). */
async function tenantTemplates(tx: Queryable, tenantId: string): Promise<TemplateRecord[]> {
  const { rows } = await tx.query<RecordRow>(
    `SELECT * FROM sync_records WHERE tenant_id = $1 AND kind = 'template' ORDER BY id`,
    [tenantId],
  );
  return rows.flatMap((row) => {
    const parsed = templateSchema.safeParse(rowToRecord(row));
    return parsed.success ? [parsed.data] : [];
  });
}

/**
 * Creates the shipped templates the tenant does not have yet (by key and version; a deleted one counts as had, so
 * a local admin's delete stays). Run in the caller's transaction. Returns the highest version written.
 */
export async function seedTemplates(tx: Queryable, tenantId: string): Promise<number | null> {
  await lockTemplates(tx, tenantId);
  const had = new Set((await tenantTemplates(tx, tenantId)).map((t) => `${t.key}@${t.version}`));
  const writes: ServerRecordWrite[] = shippedTemplateBodies()
    .filter((b) => !had.has(`${b.key}@${b.version}`))
    .map((body) => ({ op: 'create', kind: 'template', id: uuidv7(), body }));
  return writeRecordsAsServer(tx, { tenantId, userId: SERVER_DEVICE, deviceId: SERVER_DEVICE }, writes);
}

/** Seeds every tenant that lacks a shipped template (at start: tenants made before templates were records). */
export async function seedAllTenants(db: Database): Promise<number> {
  const { rows } = await db.query<{ id: string }>(
    `SELECT t.id FROM tenants t WHERE (
       SELECT count(*) FROM sync_records r WHERE r.tenant_id = t.id AND r.kind = 'template'
     ) < $1 ORDER BY t.id`,
    [shippedTemplateBodies().length],
  );
  let seeded = 0;
  for (const { id } of rows) if ((await db.transaction((tx) => seedTemplates(tx, id))) !== null) seeded++;
  return seeded;
}

function mustBeLocalAdmin(auth: AuthContext): void {
  if (auth.role === 'coordinator' && auth.canWrite) return;
  const why = WRITE_REFUSAL_MESSAGES['template-writer'];
  throw new TemplateError(403, 'forbidden', why.id, why.en);
}

async function readTemplate(tx: Queryable, tenantId: string, id: string): Promise<TemplateRecord> {
  const found = (await tenantTemplates(tx, tenantId)).find((t) => t.id === id);
  if (!found) throw new Error(`template ${id} vanished`);
  return found;
}

/** Stores a new template version as a draft (not offered for new drafts until it is activated). */
export async function importTemplate(
  db: Database,
  auth: AuthContext,
  request: ImportTemplateRequest,
): Promise<{ template: TemplateRecord; newVersion: number | null }> {
  mustBeLocalAdmin(auth);
  const json = request.template;
  const body = {
    key: typeof json.key === 'string' ? json.key : '',
    version: json.version === undefined ? 1 : json.version,
    year: request.year,
    status: 'draft' as const,
    replaces: request.replaces,
    template: json,
  };
  const parsed = BODY_SCHEMAS.template.safeParse(body);
  if (!parsed.success)
    throw new TemplateError(
      400,
      'invalid-template',
      'Berkas templat tidak sah; lihat rinciannya',
      'The template file is not valid; see the details',
      validationDetails(parsed.error),
    );
  const { key, version, replaces } = parsed.data;
  return db.transaction(async (tx) => {
    await lockTemplates(tx, auth.tenantId);
    const known = (await tenantTemplates(tx, auth.tenantId)).filter((t) => !t.deleted);
    const newest = Math.max(0, ...known.filter((t) => t.key === key).map((t) => t.version));
    if (newest >= version)
      throw new TemplateError(
        409,
        'template-version-exists',
        `Templat ${key} sudah ada sampai versi ${newest}; beri berkas ini nomor versi yang lebih tinggi`,
        `Template ${key} already has version ${newest}; give this file a higher version number`,
      );
    if (replaces !== null && (replaces === key || !known.some((t) => t.key === replaces)))
      throw new TemplateError(
        400,
        'unknown-replaced-template',
        `Templat yang digantikan (${replaces}) tidak ada di kabupaten ini`,
        `The template it replaces (${replaces}) does not exist in this regency`,
      );
    const id = uuidv7();
    const writer = { tenantId: auth.tenantId, userId: auth.userId, deviceId: SERVER_DEVICE };
    const newVersion = await writeRecordsAsServer(tx, writer, [
      { op: 'create', kind: 'template', id, body: parsed.data },
    ]);
    return { template: await readTemplate(tx, auth.tenantId, id), newVersion };
  });
}

/**
 * Makes a template version the one new drafts use; the active versions of its key and of the key it replaces
 * become retired (drafts written on them keep opening with them).
 */
export async function activateTemplate(
  db: Database,
  auth: AuthContext,
  id: string,
): Promise<{ response: ActivateTemplateResponse; newVersion: number | null }> {
  mustBeLocalAdmin(auth);
  return db.transaction(async (tx) => {
    await lockTemplates(tx, auth.tenantId);
    const known = (await tenantTemplates(tx, auth.tenantId)).filter((t) => !t.deleted);
    const target = known.find((t) => t.id === id.toLowerCase());
    if (!target) throw new TemplateError(404, 'not-found', 'Templat tidak ditemukan', 'Template not found');
    const retiring = known.filter(
      (t) =>
        t.id !== target.id &&
        t.status === 'active' &&
        (t.key === target.key || (target.replaces !== null && t.key === target.replaces)),
    );
    const writer = { tenantId: auth.tenantId, userId: auth.userId, deviceId: SERVER_DEVICE };
    const newVersion = await writeRecordsAsServer(tx, writer, [
      { op: 'update', kind: 'template', id: target.id, values: { status: 'active' } },
      ...retiring.map((t): ServerRecordWrite => ({
        op: 'update',
        kind: 'template',
        id: t.id,
        values: { status: 'retired' },
      })),
    ]);
    const after = await tenantTemplates(tx, auth.tenantId);
    const byId = new Map(after.map((t) => [t.id, t]));
    return {
      response: { activated: byId.get(target.id)!, retired: retiring.map((t) => byId.get(t.id)!) },
      newVersion,
    };
  });
}
