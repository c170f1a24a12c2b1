/**
 * Proposal templates as tenant data on the server (issue #15), in the tenant data suite (suite.ts: seeding, pull,
 * a `forbidden` refusal from push for anyone but a local admin). Their own: a local admin imports a version and
 * activates it (the one it succeeds is retired); anyone else gets a clear 403 from that API; bad template JSON is
 * a 400 with the place and a message in both languages.
 */
import { expect, it } from 'vitest';
import { seedAllTenants } from '../../../src/server/templates/service';
import type { TemplateRecord } from '../../../src/shared/records';
import type { ActivateTemplateResponse, ImportTemplateResponse } from '../../../src/shared/templateApi';
import type { UserSpec } from '../sync/helpers';
import { aTemplateBody } from '../../factories';
import kipp2027 from '../../factories/kipp-2027-umum.json';
import type { TenantDataContext, TenantDataKind } from './suite';

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

const byKey = (list: TemplateRecord[]) =>
  list.map((t) => [t.key, t.version, t.year, t.status]).sort((a, b) => String(a).localeCompare(String(b)));
const SHIPPED = [
  ['kipp-2023-umum', 1, 2023, 'active'],
  ['profil-inovasi-daerah', 1, 2023, 'active'],
];

export const templateKind: TenantDataKind<'template'> = {
  kind: 'template',
  title: 'templates',
  cast: CAST,
  who: { admin: 'coord', innovator: 'inno', facilitator: 'fac', viewer: 'viewer', otherTenant: 'other' },
  seedAll: seedAllTenants,
  seeded: 2,
  expectSeeded(ofAdmin, ofOtherTenant) {
    expect(byKey(ofAdmin)).toEqual(SHIPPED);
    expect(byKey(ofOtherTenant)).toEqual(SHIPPED);
  },
  expectCreated(bodies) {
    expect(bodies.map((b) => b.key).sort()).toEqual(['kipp-2023-umum', 'profil-inovasi-daerah']);
  },
  newBody: () => aTemplateBody({ status: 'draft' }),
  edit: { status: 'retired' },
  more: templateTests,
};

function templateTests(ctx: TenantDataContext<'template'>): void {
  const call = (token: string, path: string, body?: unknown) =>
    ctx.app.request(`/api/templates${path}`, {
      method: 'POST',
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
  const templatesOf = (token: string) => ctx.recordsOf(token);
  const refusal = async (res: Response, status: number, code: string) => {
    expect(res.status).toBe(status);
    const body = (await res.json()) as ApiErrorBody;
    expect(body.error.code).toBe(code);
    expect(body.error.message.length).toBeGreaterThan(10);
    expect(body.error.messageEn.length).toBeGreaterThan(10);
    return body.error;
  };

  it('refuses an innovator, a facilitator and a viewer with a clear 403 from the import and activate API', async () => {
    for (const who of ['inno', 'fac', 'viewer']) {
      const error = await refusal(await call(who, '', import2027()), 403, 'forbidden');
      expect(error.message).toBe('Hanya admin lokal yang dapat mengimpor dan mengaktifkan templat proposal.');
      expect(error.messageEn).toBe('Only a local admin can import and activate proposal templates.');
    }
    const seededId = (await templatesOf('inno')).find((t) => t.key === 'kipp-2023-umum')!.id;
    await refusal(await call('inno', `/${seededId}/activate`), 403, 'forbidden');
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
    expect(ctx.tenants['Kota Lain']).not.toBe(ctx.tenants['Kabupaten Templat']);
  });
}
