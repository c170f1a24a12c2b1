/**
 * Proposal templates as tenant data on the server (issue #15), on PGlite and on a real PostgreSQL: seeded for a
 * new tenant and, once, for tenants made before; a local admin imports a version and activates it (the one it
 * succeeds is retired); every role pulls them; an innovator cannot write one (a clear 403 from the API, a
 * `forbidden` refusal from push); bad template JSON is a 400 with the place and a message in both languages.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { uuidv7 } from 'uuidv7';
import type { Database } from '../../../src/server/db/types';
import { createTenant } from '../../../src/server/accounts/service';
import { seedAllTenants } from '../../../src/server/templates/service';
import { flattenBody } from '../../../src/shared/fieldPaths';
import type { Change } from '../../../src/shared/protocol';
import type { TemplateRecord } from '../../../src/shared/records';
import type { ActivateTemplateResponse, ImportTemplateResponse } from '../../../src/shared/templateApi';
import { seedUsers, syncApp, type SyncTestApp, type UserSpec } from '../sync/helpers';
import { pullAll, push } from '../sync/fixtures';
import { aTemplateBody } from '../../factories';
import kipp2027 from '../../factories/kipp-2027-umum.json';

const CAST: Record<string, UserSpec> = {
  coord: { tenant: 'Kabupaten Templat', role: 'coordinator', unitIds: [] },
  inno: { tenant: 'Kabupaten Templat', role: 'innovator', unitIds: [] },
  fac: { tenant: 'Kabupaten Templat', role: 'facilitator', unitIds: [] },
  viewer: { tenant: 'Kabupaten Templat', role: 'viewer', unitIds: [] },
  other: { tenant: 'Kota Lain', role: 'coordinator', unitIds: [] },
};

interface ApiErrorBody {
  error: { code: string; message: string; messageEn: string; details?: { path: string; message: string }[] };
}

const import2027 = (over: Record<string, unknown> = {}) => ({
  year: 2027,
  replaces: 'kipp-2023-umum',
  template: structuredClone(kipp2027),
  ...over,
});

export function templateSuite(
  name: string,
  open: () => Promise<{ db: Database; done: () => Promise<void> }>,
): void {
  describe(`templates on ${name}`, () => {
    let db: Database;
    let done: () => Promise<void>;
    let app: SyncTestApp;
    let tenants: Record<string, string>;

    beforeAll(async () => {
      ({ db, done } = await open());
      // Tenants as they were before templates were records (no template rows); the server seeds them at start.
      const seeded = await seedUsers(db, CAST);
      tenants = seeded.tenants;
      app = syncApp(db, seeded.tokens);
    });
    afterAll(async () => {
      await done();
    });

    const call = (token: string, path: string, body?: unknown) =>
      app.request(`/api/templates${path}`, {
        method: 'POST',
        headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
        ...(body === undefined ? {} : { body: JSON.stringify(body) }),
      });
    const templatesOf = async (token: string) =>
      (await pullAll(app, token)).filter((r): r is TemplateRecord => r.kind === 'template');
    const byKey = (list: TemplateRecord[]) =>
      list
        .map((t) => [t.key, t.version, t.year, t.status])
        .sort((a, b) => String(a).localeCompare(String(b)));
    const refusal = async (res: Response, status: number, code: string) => {
      expect(res.status).toBe(status);
      const body = (await res.json()) as ApiErrorBody;
      expect(body.error.code).toBe(code);
      expect(body.error.message.length).toBeGreaterThan(10);
      expect(body.error.messageEn.length).toBeGreaterThan(10);
      return body.error;
    };

    it('seeds the shipped templates once for tenants made before, and at creation for a new tenant', async () => {
      expect(await templatesOf('coord')).toEqual([]);
      expect(await seedAllTenants(db)).toBe(2);
      expect(await seedAllTenants(db)).toBe(0);
      const shipped = [
        ['kipp-2023-umum', 1, 2023, 'active'],
        ['profil-inovasi-daerah', 1, 2023, 'active'],
      ];
      expect(byKey(await templatesOf('coord'))).toEqual(shipped);
      expect(byKey(await templatesOf('other'))).toEqual(shipped);

      const fresh = await createTenant(db, 'Kabupaten Baru');
      const { rows } = await db.query<{ key: string }>(
        `SELECT body->>'key' AS key FROM sync_records WHERE tenant_id = $1 AND kind = 'template' ORDER BY 1`,
        [fresh.id],
      );
      expect(rows.map((r) => r.key)).toEqual(['kipp-2023-umum', 'profil-inovasi-daerah']);
      expect(await seedAllTenants(db)).toBe(0);
    });

    it('lets every role of the tenant pull the templates', async () => {
      for (const who of ['inno', 'fac', 'viewer']) expect((await templatesOf(who)).length, who).toBe(2);
    });

    it('refuses an innovator, a facilitator and a viewer with a clear 403, and an innovator push too', async () => {
      for (const who of ['inno', 'fac', 'viewer']) {
        const error = await refusal(await call(who, '', import2027()), 403, 'forbidden');
        expect(error.message).toBe(
          'Hanya admin lokal yang dapat mengimpor dan mengaktifkan templat proposal.',
        );
        expect(error.messageEn).toBe('Only a local admin can import and activate proposal templates.');
      }
      const seededId = (await templatesOf('inno')).find((t) => t.key === 'kipp-2023-umum')!.id;
      await refusal(await call('inno', `/${seededId}/activate`), 403, 'forbidden');

      const change: Change = {
        deviceId: 'phone-inno-templates',
        seq: 1,
        recordId: uuidv7(),
        kind: 'template',
        op: 'create',
        values: flattenBody('template', aTemplateBody({ status: 'draft' })),
        base: {},
        editedAt: 1_700_000_000_000,
      };
      const [result] = (await push(app, 'inno', [change])).results;
      expect(result).toMatchObject({ status: 'rejected', code: 'forbidden' });
      expect(JSON.stringify(result)).toContain('/ You are not allowed to change this record.');
      expect((await templatesOf('coord')).length).toBe(2);
    });

    it('refuses bad template JSON with a 400 naming the place, in Indonesian and English', async () => {
      const broken = structuredClone(kipp2027) as Record<string, unknown>;
      broken.sections = [{ key: 'Bukan Kunci', id: 'Ringkasan', en: 'Summary' }];
      const error = await refusal(
        await call('coord', '', import2027({ template: broken })),
        400,
        'invalid-template',
      );
      expect(error.message).toBe('Berkas templat tidak sah; lihat rinciannya');
      expect(error.details).toContainEqual({
        path: 'template.sections.0.key',
        message: expect.stringMatching(
          /^Templat tidak sah di sections\.0\.key: .+ \/ invalid template at sections\.0\.key: /,
        ),
      });
      await refusal(await call('coord', '', import2027({ template: { key: 'x' } })), 400, 'invalid-template');
      // Not of the request's shape: the shared request schema's 400, its messages in both languages.
      const year = await refusal(await call('coord', '', import2027({ year: 1900 })), 400, 'invalid-request');
      expect(year.details).toContainEqual({
        path: 'year',
        message: 'Tahun program tidak sah / invalid programme year',
      });
      await refusal(await call('coord', '', { template: 'bukan objek' }), 400, 'invalid-request');
      await refusal(
        await call('coord', '', import2027({ replaces: 'tidak-ada' })),
        400,
        'unknown-replaced-template',
      );
      await refusal(
        await call('coord', '', import2027({ template: aTemplateBody().template, replaces: null })),
        409,
        'template-version-exists',
      );
    });

    it('imports a 2027 version as a draft and activating it retires the 2023 one; phones pull both', async () => {
      const imported = await call('coord', '', import2027());
      expect(imported.status).toBe(201);
      const { template } = (await imported.json()) as ImportTemplateResponse;
      expect(template).toMatchObject({ key: 'kipp-2027-umum', version: 1, year: 2027, status: 'draft' });
      expect((await templatesOf('inno')).find((t) => t.id === template.id)?.status).toBe('draft');
      await refusal(await call('coord', '', import2027()), 409, 'template-version-exists');

      const activated = await call('coord', `/${template.id}/activate`);
      expect(activated.status).toBe(200);
      const answer = (await activated.json()) as ActivateTemplateResponse;
      expect(answer.activated.status).toBe('active');
      expect(answer.retired.map((t) => [t.key, t.status])).toEqual([['kipp-2023-umum', 'retired']]);
      expect(byKey(await templatesOf('inno'))).toEqual([
        ['kipp-2023-umum', 1, 2023, 'retired'],
        ['kipp-2027-umum', 1, 2027, 'active'],
        ['profil-inovasi-daerah', 1, 2023, 'active'],
      ]);
      // Again: nothing left to retire. Another tenant's admin does not find it.
      const again = (await (
        await call('coord', `/${template.id}/activate`)
      ).json()) as ActivateTemplateResponse;
      expect(again.retired).toEqual([]);
      await refusal(await call('other', `/${template.id}/activate`), 404, 'not-found');
      expect(byKey(await templatesOf('other')).map((t) => t[3])).toEqual(['active', 'active']);
      expect(tenants['Kota Lain']).not.toBe(tenants['Kabupaten Templat']);
    });
  });
}
