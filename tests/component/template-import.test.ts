/**
 * The coordinator's template import screen at /templat (issue #15), on the phone only (no server): the tenant's
 * templates listed from the synced records, a bad file refused with each problem's place in both languages, a
 * good file (the 2027 fixture) previewed with its sections and what changed from the 2023 template it replaces,
 * uploading held back until the programme year is given; the screen and the Pengaturan link are coordinators'.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { screen, waitFor, within } from '@testing-library/svelte';
import userEvent from '@testing-library/user-event';
import { renderApp, teardown } from './workspace-helpers';
import { forgetOfflineAccounts, OFFLINE_TENANT, signInOffline } from './offline-account';
import { aTemplate } from '../factories';
import kipp2027Json from '../factories/kipp-2027-umum.json';

afterEach(async () => {
  teardown();
  await forgetOfflineAccounts();
});

const jsonFile = (text: string, name = 'templat.json') =>
  new File([text], name, { type: 'application/json' });

async function openAsCoordinator() {
  const { store } = await signInOffline('coordinator');
  await store.applyRemote([
    aTemplate({ tenantId: OFFLINE_TENANT, key: 'kipp-2023-umum', rev: 2 }),
    aTemplate({ tenantId: OFFLINE_TENANT, key: 'profil-inovasi-daerah', rev: 3 }),
  ]);
  renderApp('/templat');
  await screen.findByRole('heading', { name: 'Templat proposal', level: 1 });
  return screen.getByLabelText('Pilih berkas JSON');
}

describe('the template import screen', () => {
  it('lists the tenant templates and refuses a bad file with the place of each problem', async () => {
    const input = await openAsCoordinator();
    const list = screen.getByTestId('template-list');
    await waitFor(() => expect(within(list).getAllByRole('listitem')).toHaveLength(2));
    expect(list.textContent).toContain('kipp-2023-umum, versi 1, tahun 2023');
    expect(list.textContent).toContain('aktif');

    const user = userEvent.setup();
    await user.upload(input, jsonFile('{ "key": "kipp-2027-umum", '));
    const notJson = await screen.findByTestId('template-problems');
    expect(notJson.textContent).toContain('Seluruh berkas');
    expect(notJson.textContent).toContain('Berkas bukan JSON yang sah');
    expect(notJson.textContent).toContain('The file is not valid JSON');

    const bad = structuredClone(kipp2027Json) as Record<string, unknown> & {
      sections: { max_words?: unknown }[];
    };
    bad.sections[1] = { ...bad.sections[1], max_words: 'tiga ratus' };
    delete bad.title;
    await user.upload(input, jsonFile(JSON.stringify(bad)));
    await waitFor(() =>
      expect(screen.getByTestId('template-problems').textContent).toContain('sections[1].max_words'),
    );
    const problems = screen.getByTestId('template-problems');
    expect(problems.textContent).toContain('Berkas tidak dapat diimpor (2 masalah)');
    expect(problems.textContent).toContain('Jenis isian salah: harus angka');
    expect(problems.textContent).toContain('Wrong type: expected a number');
    expect(problems.textContent).toMatch(/title\s*:\s*Wajib diisi \/ Required/);
    expect(screen.queryByTestId('template-preview')).toBeNull();
    expect(screen.queryByRole('button', { name: 'Unggah sebagai draf' })).toBeNull();
  });

  it('previews a good file with its sections and the changes from the template it replaces', async () => {
    const input = await openAsCoordinator();
    const user = userEvent.setup();
    await user.upload(input, jsonFile(JSON.stringify(kipp2027Json), 'kipp-2027-umum.json'));

    const preview = await screen.findByTestId('template-preview');
    expect(preview.textContent).toContain('Pratinjau: Proposal KIPP 2027 - Kelompok Umum');
    expect(preview.textContent).toContain('Kunci kipp-2027-umum, versi 1');
    expect(preview.textContent).toContain('Bagian (9)');
    expect(preview.textContent).toMatch(/Ringkasan\s*· bobot 0 ·\s*maks. 250 kata/);
    expect(preview.textContent).toMatch(/Adaptabilitas - replikasi yang sudah terjadi\s*· tanpa bobot/);
    // A new key: it succeeds the newest active template, the 2023 one, and the changes are from it.
    expect(screen.getByLabelText<HTMLSelectElement>('Menggantikan templat').value).toBe('kipp-2023-umum');
    const changes = screen.getByTestId('template-changes');
    expect(changes.textContent).toContain('Perubahan dari Proposal KIPP 2023 - Kelompok Umum, versi 1');
    expect(changes.textContent).toContain('Bagian baru: Kolaborasi');
    expect(changes.textContent).toContain('Ringkasan: batas kata 200 → 250');
    expect(changes.textContent).toContain('Bagian dihapus: Implementasi Inovasi');

    // Replacing nothing: no earlier version to compare with.
    await user.selectOptions(screen.getByLabelText('Menggantikan templat'), '');
    expect(screen.getByTestId('template-changes').textContent).toContain('Templat baru');

    // Uploading waits for the programme year.
    const upload = screen.getByRole('button', { name: 'Unggah sebagai draf' });
    expect(upload).toBeDisabled();
    await user.type(screen.getByLabelText('Tahun program'), '2027');
    await waitFor(() => expect(upload).toBeEnabled());
  });

  it('is for coordinators: no link in Pengaturan and a clear word on the screen for others', async () => {
    await signInOffline('innovator');
    const { unmount } = renderApp('/pengaturan');
    await screen.findByRole('heading', { name: 'Pengaturan', level: 1 });
    expect(screen.queryByRole('link', { name: 'Impor dan aktifkan versi templat baru' })).toBeNull();
    unmount();
    renderApp('/templat');
    expect(await screen.findByText('Hanya admin lokal yang dapat mengimpor templat proposal.')).toBeVisible();
    expect(screen.queryByLabelText('Pilih berkas JSON')).toBeNull();
  });

  it('links from Pengaturan for a coordinator', async () => {
    await signInOffline('coordinator');
    renderApp('/pengaturan');
    const link = await screen.findByRole('link', { name: 'Impor dan aktifkan versi templat baru' });
    expect(link.getAttribute('href')).toBe('/templat');
  });
});
