/**
 * End to end in Chromium, the review loop across three people (three browser contexts on one server): the
 * innovator submits offline and syncs; the facilitator asks for a revision in words, which the innovator reads as
 * a comment on the section; the innovator revises, resubmits saying in words what changed, and sees the
 * comparison; the facilitator, in their own browser, reads the revision request and the innovator's words beside
 * the comparison, and approves (confirmed); the coordinator marks it ready to send, then sent: the innovator's screen turns
 * read-only, and an edit the innovator made offline meanwhile is refused by the server and shown with its text
 * and reason, not lost; "Buka kembali" makes it editable again. A move the server refuses
 * (the innovator withdrawing, offline, a submission the facilitator had meanwhile approved) is shown as refused,
 * and so is a forbidden move pushed straight to the API. A facilitator whose screen still shows a submission that
 * was withdrawn and resubmitted meanwhile cannot approve it: the panel says what happened, and after discarding,
 * the fresh submission is approved.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, BrowserContext } from 'playwright-core';
import { uuidv7 } from 'uuidv7';
import { newContext, startE2e, type E2e, type TestServer } from './fixture';
import { DraftPage } from './pages';
import { flattenBody } from '../../src/shared/fieldPaths';
import { aDraftBody } from '../factories';
import { PROTOCOL_VERSION, type PullResponse, type PushResponse } from '../../src/shared/protocol';

const UNIT = '0190a000-0000-7000-8000-0000000000e5';

class ReviewTab extends DraftPage {
  /** Opens the draft at its "Tinjauan" tab, where the review moves are. */
  override async openDraft(id: string): Promise<void> {
    await this.page.goto(`${this.url}/rancangan/${id}#tinjauan`);
    await this.status().waitFor({ timeout: 30_000 });
  }

  /** One of the draft's tabs ("Tulisan", "Tinjauan", ...), opened with a tap. */
  override async showTab(name: string): Promise<void> {
    const tab = this.page.getByRole('tab', { name, exact: true });
    if ((await tab.getAttribute('aria-selected')) !== 'true') await tab.click();
  }

  /** The review panel's status line. */
  status() {
    return this.page.getByTestId('review-status');
  }

  async move(label: string): Promise<void> {
    await this.showTab('Tinjauan');
    await this.page
      .getByRole('group', { name: 'Ubah status tinjauan' })
      .getByRole('button', { name: label })
      .click();
  }

  /** The dialog a move opened (a real modal `<dialog>`: only it is reachable while open). */
  dialog(name: string) {
    return this.page.getByRole('dialog', { name });
  }

  /** A move that asks first: its button, then the same words in the confirmation. */
  async confirmMove(label: string, title: string): Promise<void> {
    await this.move(label);
    const dialog = this.dialog(title);
    await dialog.waitFor();
    await dialog.getByRole('button', { name: label }).click();
    await dialog.waitFor({ state: 'hidden' });
  }

  /** "Minta revisi" with what to revise, on a section (by its name in the list). */
  async askRevision(text: string, section: string): Promise<void> {
    await this.move('Minta revisi');
    const dialog = this.dialog('Apa yang perlu direvisi?');
    await dialog.waitFor();
    await dialog.getByLabel('Pada bagian').selectOption({ label: section });
    await dialog.getByLabel('Yang perlu direvisi', { exact: true }).fill(text);
    await dialog.getByRole('button', { name: 'Kirim: minta revisi' }).click();
    await dialog.waitFor({ state: 'hidden' });
  }
}

describe('review loop in Chromium: innovator, facilitator, coordinator', () => {
  let e2e: E2e;
  let browser: Browser;
  let server: TestServer;
  let url: string;
  let draftId: string;
  const contexts: BrowserContext[] = [];

  beforeAll(async () => {
    e2e = await startE2e({
      people: {
        innovator: { name: 'innovator', email: 'inovator@uji.go.id', unit: UNIT },
        facilitator: { name: 'facilitator', email: 'fasilitator@uji.go.id', unit: UNIT },
        coordinator: { name: 'coordinator', email: 'koordinator@uji.go.id' },
      },
    });
    ({ browser, server, url } = e2e);

    // The innovator's draft, already on the server (written on another phone earlier), not yet submitted.
    draftId = uuidv7();
    const draft = aDraftBody({ unitId: UNIT, sections: { ringkasan: 'Obat diantar ke rumah warga.' } });
    const pushed = await pushAs(
      'inovator@uji.go.id',
      'e2e-review-seed',
      1,
      draftId,
      'create',
      flattenBody('draft', draft),
    );
    expect(pushed.results[0]?.status).toBe('applied');
  }, 120_000);

  async function pushAs(
    login: string,
    deviceId: string,
    seq: number,
    recordId: string,
    op: 'create' | 'update',
    values: Record<string, unknown>,
  ): Promise<PushResponse> {
    // base {}: fine for one device's own successive changes (continuations), and what a forbidden push may send.
    const token = await server.signIn(login);
    const res = await fetch(`${url}/api/sync/push`, {
      method: 'POST',
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
      body: JSON.stringify({
        protocolVersion: PROTOCOL_VERSION,
        deviceId,
        changes: [{ deviceId, seq, recordId, kind: 'draft', op, values, base: {}, editedAt: Date.now() }],
      }),
    });
    return (await res.json()) as PushResponse;
  }

  /** Every record the person may read, straight from the server. */
  async function pullAs(login: string): Promise<PullResponse['records']> {
    const token = await server.signIn(login);
    const res = await fetch(`${url}/api/sync/pull?protocolVersion=${PROTOCOL_VERSION}&cursor=0`, {
      headers: { authorization: `Bearer ${token}` },
    });
    return ((await res.json()) as PullResponse).records;
  }

  afterAll(async () => {
    for (const c of contexts) await c.close();
    await e2e?.close();
  });

  async function open(login: string, id = draftId): Promise<[ReviewTab, BrowserContext]> {
    const context = await newContext(browser);
    contexts.push(context);
    const tab = new ReviewTab(await context.newPage(), url);
    await tab.signIn(login);
    await tab.openDraft(id);
    return [tab, context];
  }

  it('takes a draft from submission to "terkirim" and reopens it, offline part of the time', async () => {
    const [inno, innoContext] = await open('inovator@uji.go.id');
    const [fac] = await open('fasilitator@uji.go.id');
    await expect.poll(() => inno.status().textContent()).toContain('Belum diajukan');

    // The innovator submits with no signal: saved on the phone, synced when the signal is back.
    await innoContext.setOffline(true);
    await inno.move('Ajukan untuk ditinjau');
    await expect.poll(() => inno.status().textContent()).toContain('Diajukan');
    await inno.page.getByText('Hanya di perangkat ini').waitFor();
    await innoContext.setOffline(false);
    await inno.syncNow();

    // The facilitator asks for a revision.
    await fac.syncNow();
    await expect.poll(() => fac.status().textContent(), { timeout: 20_000 }).toContain('Diajukan');
    // "Minta revisi" asks what to revise: sent empty, it says so and nothing moves; Escape cancels.
    await fac.move('Minta revisi');
    const ask = fac.dialog('Apa yang perlu direvisi?');
    await ask.waitFor();
    expect(await fac.page.evaluate(() => document.activeElement?.id)).toBe('review-note');
    await ask.getByRole('button', { name: 'Kirim: minta revisi' }).click();
    await ask.getByText('Tulis apa yang perlu direvisi').waitFor();
    await fac.page.keyboard.press('Escape');
    await ask.waitFor({ state: 'hidden' });
    expect(await fac.status().textContent()).toContain('Diajukan');
    const note = 'Sebutkan siapa yang mengantar obat dan berapa kali seminggu.';
    await fac.askRevision(note, 'Ringkasan');
    await expect.poll(() => fac.status().textContent()).toContain('Revisi');
    await fac.syncNow();

    // The innovator reads why, as a comment under the section, then revises, resubmits and sees what changed.
    await inno.syncNow();
    await expect.poll(() => inno.status().textContent(), { timeout: 20_000 }).toContain('Revisi');
    await inno.showTab('Tulisan');
    await inno.page.getByRole('button', { name: 'Komentar: 1 terbuka dari 1' }).click();
    await inno.page
      .getByRole('region', { name: /Ringkasan/ })
      .getByText(note)
      .waitFor({ timeout: 20_000 });
    // Online: the edit may be pushed at once, so no waiting for "Hanya di perangkat ini"; the move saves it first.
    await inno.section('ringkasan').fill('Obat diantar kurir ke rumah warga.');
    // "Ajukan ulang" asks what changed, in the innovator's own words.
    await inno.move('Ajukan ulang');
    const changed = inno.dialog('Apa yang Anda ubah?');
    await changed.waitFor();
    const changeNote = 'Pengantar obat kini kurir dari puskesmas.';
    await changed.getByLabel('Yang saya ubah').fill(changeNote);
    await changed.getByRole('button', { name: 'Ajukan ulang' }).click();
    await expect.poll(() => inno.status().textContent()).toContain('Diajukan');
    const compare = inno.page.getByRole('region', { name: 'Perbandingan pengajuan' });
    const ringkasan = compare.getByRole('article', { name: 'Ringkasan' });
    await expect.poll(() => ringkasan.locator('ins').first().textContent()).toContain('kurir');
    expect(await ringkasan.locator('ins').first().textContent()).toContain('[ditambah:]');
    await inno.syncNow();

    // The facilitator approves, while the innovator is offline and (on a stale screen) withdraws the submission.
    await innoContext.setOffline(true);
    await fac.syncNow();
    await expect.poll(() => fac.status().textContent(), { timeout: 20_000 }).toContain('Diajukan');
    // The facilitator sees the comparison too (the snapshots synced).
    await expect
      .poll(() =>
        fac.page
          .getByRole('region', { name: 'Perbandingan pengajuan' })
          .getByRole('article', { name: 'Ringkasan' })
          .count(),
      )
      .toBe(1);
    // Beside it, in the authors' words: the revision the facilitator asked for and what the innovator changed.
    const notes = fac.page.getByTestId('submission-notes');
    await expect
      .poll(() => notes.getByTestId('change-note').textContent(), { timeout: 20_000 })
      .toContain(changeNote);
    expect(await notes.getByTestId('revision-request-note').textContent()).toContain(note);
    // Who changed what and when: the facilitator reads the innovator's moves in the draft's history.
    const history = fac.page.getByRole('region', { name: 'Riwayat' });
    await expect
      .poll(() => history.getByRole('listitem').allTextContents(), { timeout: 20_000 })
      .toEqual(
        expect.arrayContaining([
          expect.stringMatching(/innovator \(inovator\) · status menjadi "Diajukan"/),
          expect.stringMatching(/innovator \(inovator\) · mengubah: Ringkasan/),
          expect.stringMatching(/facilitator \(pendamping\) · status menjadi "Revisi"/),
        ]),
      );
    await fac.confirmMove('Setujui', 'Setujui proposal ini?');
    await expect.poll(() => fac.status().textContent()).toContain('Disetujui');
    await fac.syncNow();
    await inno.move('Tarik kembali pengajuan');
    await innoContext.setOffline(false);
    await inno.syncNow();
    const refused = inno.page.getByTestId('review-refused');
    await refused.waitFor({ timeout: 20_000 });
    expect(await refused.textContent()).toContain(
      'Status tidak boleh diubah dari "Disetujui" ke "Belum diajukan" oleh inovator',
    );
    // Discarding the refused move brings the server's status back to the innovator's phone.
    await refused.getByRole('button', { name: 'Buang perubahan ini' }).click();
    await expect.poll(() => refused.count()).toBe(0);
    await inno.syncNow();
    await expect.poll(() => inno.status().textContent(), { timeout: 20_000 }).toContain('Disetujui');

    // The coordinator marks the approved draft ready to send.
    const [coord] = await open('koordinator@uji.go.id');
    await expect.poll(() => coord.status().textContent(), { timeout: 20_000 }).toContain('Disetujui');
    await coord.move('Tandai siap kirim');
    await expect.poll(() => coord.status().textContent()).toContain('Siap kirim');
    await coord.syncNow();
    await fac.syncNow();
    await expect.poll(() => fac.status().textContent(), { timeout: 20_000 }).toContain('Siap kirim');

    // A forbidden move pushed straight to the API is refused with the reason, and nothing changes.
    const direct = await pushAs('fasilitator@uji.go.id', 'e2e-review-direct', 1, draftId, 'update', {
      reviewStatus: 'terkirim',
      sent: { competition: 'KIPP 2026', date: '2026-11-20' },
    });
    expect(direct.results[0]).toMatchObject({ status: 'rejected', code: 'review-transition' });
    await coord.syncNow();
    await expect.poll(() => coord.status().textContent()).toContain('Siap kirim');

    // The innovator keeps writing with no signal while the coordinator marks the draft sent.
    await inno.syncNow();
    await expect.poll(() => inno.status().textContent(), { timeout: 20_000 }).toContain('Siap kirim');
    await innoContext.setOffline(true);
    await inno.showTab('Tulisan');
    const offlineText = 'Obat diantar kurir ke rumah warga setiap Senin dan Kamis.';
    await inno.section('ringkasan').fill(offlineText);
    await inno.page.getByText('Hanya di perangkat ini').waitFor();

    await coord.move('Tandai terkirim…');
    const sent = coord.dialog('Dikirim ke kompetisi');
    await sent.waitFor();
    await sent.getByLabel('Kompetisi', { exact: true }).fill('KIPP 2026');
    await sent.getByRole('button', { name: 'Simpan: terkirim' }).click();
    await sent.waitFor({ state: 'hidden' });
    await expect.poll(() => coord.status().textContent()).toContain('Terkirim');
    await coord.syncNow();

    // Back online: the server refuses the edit; the innovator sees it with its text and the reason, and the
    // draft turns read-only with why.
    await innoContext.setOffline(false);
    await inno.syncNow();
    await expect.poll(() => inno.status().textContent(), { timeout: 20_000 }).toContain('Terkirim');
    const refusedEdit = inno.page.getByTestId('rejected-changes');
    await expect.poll(() => refusedEdit.textContent(), { timeout: 20_000 }).toContain(offlineText);
    expect(await refusedEdit.textContent()).toContain('Proposal ini sudah terkirim ke kompetisi');
    expect(await inno.headline()).toContain('ditolak');
    await expect
      .poll(() => inno.page.getByTestId('read-only-note').textContent(), { timeout: 20_000 })
      .toContain('Proposal ini sudah terkirim ke kompetisi; isinya terkunci');
    expect(await inno.section('ringkasan').isDisabled()).toBe(true);
    // Comments go on: the innovator answers the facilitator's note, and the server takes the reply.
    const reply = 'Sudah kami tambahkan: kurir puskesmas, dua kali seminggu.';
    await inno.page.getByLabel('Balasan untuk komentar facilitator').fill(reply);
    await inno.page.getByRole('button', { name: 'Kirim balasan' }).click();
    await inno.syncNow();
    await expect
      .poll(
        async () =>
          (await pullAs('koordinator@uji.go.id')).some((r) => r.kind === 'comment' && r.text === reply),
        {
          timeout: 20_000,
        },
      )
      .toBe(true);

    // "Buka kembali" (asked first): the innovator may write again.
    await coord.confirmMove('Buka kembali', 'Buka kembali proposal ini?');
    await expect.poll(() => coord.status().textContent()).toContain('Siap kirim');
    await coord.syncNow();
    await inno.syncNow();
    await expect.poll(() => inno.status().textContent(), { timeout: 20_000 }).toContain('Siap kirim');
    await expect.poll(() => inno.page.getByTestId('read-only-note').count()).toBe(0);
    expect(await inno.section('ringkasan').isDisabled()).toBe(false);
  });

  it('refuses an approval made on a screen that still shows a submission withdrawn and resubmitted meanwhile', async () => {
    // A second draft, submitted by the innovator's other phone (the API here).
    const staleId = uuidv7();
    const device = 'e2e-review-stale';
    const stale = aDraftBody({
      title: 'Layanan antar berkas',
      unitId: UNIT,
      reviewStatus: 'diajukan',
      sections: { ringkasan: 'Berkas diantar ke rumah warga.' },
    });
    const submitted = await pushAs(
      'inovator@uji.go.id',
      device,
      1,
      staleId,
      'create',
      flattenBody('draft', stale),
    );
    expect(submitted.results[0]?.status).toBe('applied');
    const [fac, facContext] = await open('fasilitator@uji.go.id', staleId);
    await expect.poll(() => fac.status().textContent(), { timeout: 20_000 }).toContain('Diajukan');

    // The facilitator loses the signal; meanwhile the innovator withdraws, rewrites and submits again.
    await facContext.setOffline(true);
    for (const [seq, values] of [
      [2, { reviewStatus: 'draft' }],
      [3, { 'sections.ringkasan': 'Berkas diantar kurir.' }],
      [4, { reviewStatus: 'diajukan' }],
    ] as const) {
      const res = await pushAs('inovator@uji.go.id', device, seq, staleId, 'update', values);
      expect(res.results[0]?.status).toBe('applied');
    }
    // Approved on the old screen (still "Diajukan", the first submission), sent when the signal is back: refused.
    await fac.confirmMove('Setujui', 'Setujui proposal ini?');
    await expect.poll(() => fac.status().textContent()).toContain('Disetujui');
    await facContext.setOffline(false);
    await fac.syncNow();
    const refused = fac.page.getByTestId('review-refused');
    await refused.waitFor({ timeout: 20_000 });
    expect(await refused.textContent()).toContain(
      'Proposal ini sudah berubah sejak Anda membukanya: ditarik kembali, lalu diajukan lagi. Status sekarang "Diajukan".',
    );
    expect(await fac.page.getByRole('group', { name: 'Ubah status tinjauan' }).count()).toBe(0);

    // Discarding loads the fresh submission; approving that one goes through.
    await refused.getByRole('button', { name: 'Buang perubahan ini' }).click();
    await expect.poll(() => refused.count()).toBe(0);
    await expect.poll(() => fac.status().textContent(), { timeout: 20_000 }).toContain('Diajukan');
    await fac.showTab('Tulisan');
    await expect
      .poll(() => fac.section('ringkasan').inputValue(), { timeout: 20_000 })
      .toBe('Berkas diantar kurir.');
    await fac.confirmMove('Setujui', 'Setujui proposal ini?');
    await fac.syncNow();
    expect(await refused.count()).toBe(0);
    const token = await server.signIn('koordinator@uji.go.id');
    const pulled = (await (
      await fetch(`${url}/api/sync/pull?protocolVersion=${PROTOCOL_VERSION}&cursor=0`, {
        headers: { authorization: `Bearer ${token}` },
      })
    ).json()) as PullResponse;
    expect(pulled.records.find((r) => r.id === staleId)).toMatchObject({ reviewStatus: 'disetujui' });
  });
});
