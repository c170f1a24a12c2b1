/**
 * End to end in Chromium (two browser contexts, real IndexedDB, real server): a facilitator comments on a draft
 * section while offline, with a camera photo picked while writing (compressed and kept on the phone); when the
 * signal returns the comment syncs and the photo uploads. The innovator sees the comment with the photo's
 * thumbnail, downloads it on demand (bytes checked by hash), and marks the comment resolved; the facilitator then
 * sees it resolved, by whom.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, BrowserContext } from 'playwright-core';
import { cameraPhoto, newContext, startE2e, type E2e, type TestServer } from './fixture';
import { DraftPage } from './pages';

const UNIT = '0190a000-0000-7000-8000-0000000000c5';

class Phone extends DraftPage {
  /** The comments toggle of the summary section. */
  toggle() {
    return this.page.locator('button[aria-controls="komentar-ringkasan"]');
  }

  region() {
    return this.page.getByRole('region', { name: 'Komentar bagian Ringkasan' });
  }

  async openComments(): Promise<void> {
    await this.toggle().waitFor({ timeout: 30_000 });
    if ((await this.toggle().getAttribute('aria-expanded')) !== 'true') await this.toggle().click();
    await this.region().waitFor();
  }
}

describe('comments in Chromium: facilitator offline, innovator resolves', () => {
  let e2e: E2e;
  let browser: Browser;
  let server: TestServer;
  let draftId: string;
  const contexts: BrowserContext[] = [];

  beforeAll(async () => {
    e2e = await startE2e({
      people: {
        innovator: { name: 'Sari', email: 'inovator@uji.go.id', unit: UNIT },
        facilitator: { name: 'Budi', email: 'fasilitator@uji.go.id', unit: UNIT },
      },
    });
    ({ browser, server } = e2e);
    draftId = await server.seedDraft('inovator@uji.go.id', UNIT);
  }, 120_000);

  afterAll(async () => {
    for (const c of contexts) await c.close();
    await e2e?.close();
  });

  it('a comment made offline reaches the innovator, who resolves it; the facilitator sees it resolved', async () => {
    const phones: Phone[] = [];
    for (const login of ['fasilitator@uji.go.id', 'inovator@uji.go.id']) {
      const context = await newContext(browser);
      contexts.push(context);
      const phone = new Phone(await context.newPage(), server.url);
      await phone.signIn(login);
      await phone.page.goto(`${server.url}/rancangan/${draftId}`);
      phones.push(phone);
    }
    const [fac, inno] = phones as [Phone, Phone];

    // The facilitator loses the signal and comments anyway.
    await fac.openComments();
    await fac.page.context().setOffline(true);
    await fac
      .region()
      .getByLabel('Komentar baru untuk bagian Ringkasan')
      .fill('Sasaran layanan belum jelas.');
    // A photo of the attendance sheet, taken with the composer's camera button before sending.
    const photo = await cameraPhoto(fac.page, { w: 2000, h: 1500 });
    await fac.page
      .locator('#komentar-ringkasan-new-attach-camera')
      .setInputFiles({ name: 'absensi.jpg', mimeType: 'image/jpeg', buffer: photo });
    await fac
      .region()
      .getByRole('list', { name: 'Lampiran yang ikut terkirim' })
      .getByText('absensi.jpg')
      .waitFor();
    await fac.region().getByRole('button', { name: 'Kirim komentar' }).click();
    const facThread = fac.region().getByTestId('comment-thread');
    await facThread.getByText('Sasaran layanan belum jelas.').waitFor();
    expect(await facThread.getByText(/^Budi \(pendamping\) · /).count()).toBe(1);
    const facPhoto = facThread.getByTestId('attachment');
    await facPhoto.waitFor({ timeout: 30_000 });
    await expect.poll(() => facPhoto.getAttribute('data-state')).toBe('local');
    expect(await facPhoto.getByTestId('attachment-state').innerText()).toContain('Hanya di perangkat ini');
    expect(await facPhoto.getByTestId('attachment-sizes').innerText()).toMatch(/^Asli .+, disimpan .+ KB$/);
    const sha = (await facPhoto.getAttribute('data-sha')) ?? '';
    expect(sha).toMatch(/^[0-9a-f]{64}$/);
    // The comment and its photo's record wait in the outbox.
    await expect.poll(() => fac.headline(), { timeout: 10_000 }).toMatch(/^Luring — 2 perubahan menunggu/);
    await fac.page.waitForTimeout(1_000);
    expect(await facPhoto.getAttribute('data-state')).toBe('local');
    // Still offline: the innovator has nothing yet.
    expect(await inno.toggle().textContent()).toContain('Komentar (0)');

    // Signal back: the facilitator's phone syncs, then uploads the photo ("Terunggah" after the server's 204);
    // the innovator's gets the comment (live event, or a tap to be sure).
    await fac.page.context().setOffline(false);
    await fac.syncNow();
    await expect.poll(() => facPhoto.getAttribute('data-state'), { timeout: 60_000 }).toBe('uploaded');
    expect(await facPhoto.getByTestId('attachment-state').innerText()).toContain('Terunggah');
    await inno.syncNow();
    await expect
      .poll(() => inno.toggle().textContent(), { timeout: 20_000 })
      .toContain('Komentar: 1 terbuka dari 1');
    await inno.openComments();
    const innoThread = inno.region().getByTestId('comment-thread');
    await innoThread.getByText('Sasaran layanan belum jelas.').waitFor();
    // The photo: its thumbnail and size came with sync, the bytes come on demand; it is Budi's, so no delete.
    const innoPhoto = innoThread.getByTestId('attachment');
    await innoPhoto.waitFor({ timeout: 20_000 });
    expect(await innoPhoto.getAttribute('data-sha')).toBe(sha);
    await expect.poll(() => innoPhoto.getAttribute('data-state')).toBe('remote');
    await expect
      .poll(() => innoPhoto.locator('img').getAttribute('src'))
      .toMatch(/^data:image\/(jpeg|webp);base64,/);
    expect(await innoPhoto.getByRole('button', { name: /^Hapus/ }).count()).toBe(0);
    await innoPhoto.getByRole('button', { name: /^Unduh \(.+ KB\)$/ }).click();
    await expect.poll(() => innoPhoto.getAttribute('data-state'), { timeout: 30_000 }).toBe('uploaded');
    await innoPhoto.getByRole('button', { name: /^Buka absensi\./ }).waitFor();
    // The innovator replies and marks it resolved; starting a thread is not offered to innovators.
    expect(await inno.region().getByLabel('Komentar baru untuk bagian Ringkasan').count()).toBe(0);
    await innoThread.getByLabel(/^Balasan untuk komentar Budi/).fill('Sasaran: lansia di desa terpencil.');
    await innoThread.getByRole('button', { name: 'Kirim balasan' }).click();
    await innoThread.getByRole('button', { name: 'Tandai selesai' }).click();
    await innoThread.getByText(/^Selesai · ditandai Sari \(inovator\)/).waitFor();
    await inno.syncNow();

    // The facilitator sees it resolved, by whom, and the reply.
    await fac.syncNow();
    await facThread.getByText(/^Selesai · ditandai Sari \(inovator\)/).waitFor({ timeout: 20_000 });
    await facThread.getByText('Sasaran: lansia di desa terpencil.').waitFor();
    await expect.poll(() => fac.toggle().textContent()).toContain('Komentar (1)');

    // Search (offline-capable, on the phone) finds the comment and its reply and leads back to the section.
    await fac.page.goto(`${server.url}/cari`);
    await fac.page.getByRole('searchbox').fill('sasaran');
    const hits = fac.page.getByRole('region', { name: 'Komentar (2)' });
    await hits.waitFor({ timeout: 20_000 });
    await hits.getByRole('link').first().click();
    await fac.region().waitFor();
    await expect.poll(() => fac.region().evaluate((el) => el === document.activeElement)).toBe(true);
  });
});
