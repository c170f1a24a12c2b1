/**
 * End to end in Chromium (issue #15): a local admin brings in a 2027 proposal template (imported from a file and
 * activated on the coordinator's template screen), an innovator's phone that synced then goes offline sees it without
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

    // The local admin imports the file through the screen (Pengaturan -> Templat proposal): checked on the phone,
    // previewed with what changed from 2023, uploaded as a draft, then activated after the confirmation.
    const admin = await e2e.newPhone({ role: 'coordinator' });
    await admin.goto('/pengaturan');
    await admin.page.getByRole('link', { name: 'Impor dan aktifkan versi templat baru' }).click();
    await admin.page.getByRole('heading', { name: 'Templat proposal', level: 1 }).waitFor();
    await admin.page.getByLabel('Pilih berkas JSON').setInputFiles({
      name: 'kipp-2027-umum.json',
      mimeType: 'application/json',
      buffer: Buffer.from(JSON.stringify(kipp2027)),
    });
    const list = admin.page.getByTestId('template-list');
    const changes = admin.page.getByTestId('template-changes');
    await expect.poll(() => changes.textContent()).toContain('Bagian dihapus: Implementasi Inovasi');
    expect(await changes.textContent()).toContain(
      'Perubahan dari Proposal KIPP 2023 - Kelompok Umum, versi 1',
    );
    await admin.page.getByLabel('Tahun program').fill('2027');
    await admin.page.getByRole('button', { name: 'Unggah sebagai draf' }).click();
    await expect
      .poll(() => admin.page.getByRole('status').allTextContents())
      .toContainEqual(expect.stringContaining('Tersimpan sebagai draf: kipp-2027-umum, versi 1.'));
    // The synced draft version is the one just uploaded, not a clash with an existing one.
    await expect.poll(() => list.textContent()).toMatch(/kipp-2027-umum, versi 1, tahun 2027\s*·\s*draf/);
    expect(await admin.page.getByText('sudah ada').count()).toBe(0);
    // Looked at during development (360 x 740, the preview uploaded); kept out of the repository.
    await admin.page.screenshot({ path: join(tmpdir(), 'rintis-template-import-360.png'), fullPage: true });
    expect(await admin.page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth)).toBe(
      true,
    );
    await admin.page.getByRole('button', { name: 'Aktifkan' }).click();
    await admin.page.getByRole('dialog').getByRole('button', { name: 'Ya, aktifkan' }).click();
    await expect
      .poll(() => admin.page.getByRole('status').allTextContents())
      .toContainEqual(expect.stringContaining('Proposal KIPP 2027 - Kelompok Umum sekarang aktif.'));
    await expect.poll(() => list.textContent()).toMatch(/kipp-2027-umum, versi 1, tahun 2027\s*·\s*aktif/);
    await expect
      .poll(() => list.textContent())
      .toMatch(/kipp-2023-umum, versi 1, tahun 2023\s*·\s*tidak dipakai lagi/);

    // The innovator may not activate a template over the API.
    const pulledByAdmin = await api(
      COORDINATOR,
      `/api/sync/pull?protocolVersion=${PROTOCOL_VERSION}&cursor=0`,
    );
    const imported = (pulledByAdmin.json.records as AnyRecord[]).find(
      (r) => r.kind === 'template' && r.key === 'kipp-2027-umum',
    );
    expect(imported).toMatchObject({ status: 'active', year: 2027, replaces: 'kipp-2023-umum' });
    expect((await api(INNOVATOR, `/api/templates/${imported?.id ?? ''}/activate`)).status).toBe(403);

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
