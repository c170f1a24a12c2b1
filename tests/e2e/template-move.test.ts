/**
 * End to end in Chromium (issue #15): a local admin brings in a 2027 proposal template (imported and activated
 * over the templates API, as a file's JSON), an innovator's phone that synced then goes offline sees it without
 * any app update, opens the draft written on the 2023 template, moves it to 2027 and nothing is lost: the
 * section 2027 dropped stays as an extra section, and the move reaches the server once the phone is back online.
 */
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { flattenBody } from '../../src/shared/fieldPaths';
import { PROTOCOL_VERSION } from '../../src/shared/protocol';
import type { AnyRecord } from '../../src/shared/records';
import { startE2e, waitForServiceWorker, type E2e } from './fixture';
import { DraftPage } from './pages';
import { aDraftBody } from '../factories';
import kipp2027 from '../factories/kipp-2027-umum.json';

const UNIT = '0190a000-0000-7000-8000-0000000000f5';
const COORDINATOR = 'admin-templat@uji.go.id';
const INNOVATOR = 'inovator-templat@uji.go.id';
const SECTIONS = {
  ringkasan: 'Obat diantar ke rumah warga lansia.',
  kebaruan: 'Kurir desa memakai sepeda motor dinas.',
  implementasi: 'Dimulai Maret 2025 dengan dua kurir dan satu apoteker.',
};

describe('a 2027 template reaches an offline phone and a draft moves to it', () => {
  let e2e: E2e;
  let draftId: string;

  beforeAll(async () => {
    e2e = await startE2e({
      people: {
        coordinator: { name: 'Admin Templat', email: COORDINATOR, unit: UNIT },
        innovator: { name: 'Sari', email: INNOVATOR, unit: UNIT },
      },
    });
    const draft = aDraftBody({ unitId: UNIT, title: 'Antar obat', sections: SECTIONS });
    draftId = await e2e.server.seed(INNOVATOR, 'draft', flattenBody('draft', draft));
  }, 120_000);
  afterAll(() => e2e?.close());

  const api = async (login: string, path: string, body?: unknown) => {
    const res = await fetch(`${e2e.url}${path}`, {
      method: body === undefined && !path.endsWith('/activate') ? 'GET' : 'POST',
      headers: {
        authorization: `Bearer ${await e2e.server.token(login)}`,
        'content-type': 'application/json',
      },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
    return { status: res.status, json: (await res.json()) as Record<string, unknown> };
  };

  it('imports, syncs, goes offline, moves the draft with nothing lost, then syncs the move', async () => {
    const phone = await e2e.newPhone({ role: 'innovator', view: DraftPage });
    await phone.openDraft(draftId);
    await waitForServiceWorker(phone.page);
    await expect.poll(() => phone.section('implementasi').inputValue()).toBe(SECTIONS.implementasi);

    // The local admin imports the file and activates it; the innovator is refused.
    const imported = await api(COORDINATOR, '/api/templates', {
      year: 2027,
      replaces: 'kipp-2023-umum',
      template: kipp2027,
    });
    expect(imported.status).toBe(201);
    const id = (imported.json.template as { id: string }).id;
    expect((await api(INNOVATOR, `/api/templates/${id}/activate`)).status).toBe(403);
    expect((await api(COORDINATOR, `/api/templates/${id}/activate`)).status).toBe(200);

    // The phone syncs, then loses its connection; the app and the new template work from the device.
    await phone.syncNow();
    await phone.page.context().setOffline(true);
    await phone.page.reload();
    await phone.firstSection.waitFor({ timeout: 30_000 });
    await phone.showTab('Data');
    const panel = phone.page.getByTestId('move-template');
    await expect
      .poll(() => panel.textContent())
      .toContain('Templat yang lebih baru sudah aktif: Proposal KIPP 2027 - Kelompok Umum (tahun 2027).');
    await panel.getByRole('button', { name: 'Pindahkan ke templat baru' }).click();
    await expect.poll(() => panel.getByLabel('Isi bagian Implementasi Inovasi').inputValue()).toBe('');
    // Looked at during development (360 x 740, the mapping open); kept out of the repository.
    await phone.page.screenshot({ path: join(tmpdir(), 'rintis-template-move-360.png'), fullPage: true });
    const fits = await phone.page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth);
    expect(fits).toBe(true);
    await panel.getByRole('button', { name: 'Pindahkan sekarang' }).click();
    await expect
      .poll(() => phone.page.getByTestId('template-info').textContent())
      .toContain('Ditulis dengan templat Proposal KIPP 2027 - Kelompok Umum, versi 1.');

    await phone.showTab('Tulisan');
    expect(await phone.section('ringkasan').inputValue()).toBe(SECTIONS.ringkasan);
    expect(await phone.section('kebaruan').inputValue()).toBe(SECTIONS.kebaruan);
    expect(await phone.section('kolaborasi').inputValue()).toBe('');
    const extras = phone.page.getByTestId('extra-sections');
    await expect.poll(() => extras.textContent()).toContain(SECTIONS.implementasi);
    expect(await extras.getByRole('heading', { name: 'Implementasi Inovasi' }).count()).toBe(1);

    // Back online: the move is on the server, every word still there.
    await phone.page.context().setOffline(false);
    await phone.syncNow();
    const pulled = await api(INNOVATOR, `/api/sync/pull?protocolVersion=${PROTOCOL_VERSION}&cursor=0`);
    const draft = (pulled.json.records as AnyRecord[]).find((r) => r.id === draftId);
    expect(draft).toMatchObject({
      kind: 'draft',
      templateKey: 'kipp-2027-umum',
      templateVersion: 1,
      sections: { ...SECTIONS, kolaborasi: '' },
    });
  }, 180_000);
});
