/**
 * End to end in Chromium at 360 x 740, "Untuk Anda" across two people (two browser contexts on one server): the
 * facilitator finds the submitted draft on their home, opens it and asks for a revision; the innovator's home then
 * shows "Revisi diminta 1", which opens the draft. Then each role's home is photographed (.tmp/home-screens/,
 * to look at) and its main action must be on the first screen, and home's content no wider than the phone.
 */
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { uuidv7 } from 'uuidv7';
import { PHONE, ROOT, startE2e, type Creation, type E2e } from './fixture';
import { AppShell, DraftPage } from './pages';
import { DEFAULT_PROPOSAL_TEMPLATE_KEY, proposalTemplates } from '../../src/shared/templates';

const UNIT = '0190a000-0000-7000-8000-0000000000f1';
const SHOTS = join(ROOT, '.tmp', 'home-screens');

class HomeTab extends AppShell {
  async home(): Promise<void> {
    await this.page.goto(`${this.url}/`);
    await this.page.getByRole('heading', { level: 1, name: 'Untuk Anda' }).waitFor();
  }

  /** The "Untuk Anda" list's row named `name` (its label and count). */
  item(name: string) {
    return this.page
      .getByRole('list', { name: 'Yang menunggu Anda' })
      .getByRole('link', { name, exact: true });
  }

  /** Photographs home and checks it fits a phone: the main action on the first screen, nothing wider. */
  async photograph(role: string, mainAction: string): Promise<void> {
    const action = this.page.getByRole('link', { name: mainAction, exact: true });
    await action.waitFor();
    const box = await action.boundingBox();
    expect(box, `${role}: main action`).not.toBeNull();
    expect(box!.y + box!.height, `${role}: "${mainAction}" within the first screen`).toBeLessThanOrEqual(
      PHONE.height,
    );
    expect(box!.height, `${role}: a thumb-sized target`).toBeGreaterThanOrEqual(48);
    const overflow = await this.page.evaluate(() => {
      const main = document.querySelector('main')!;
      return main.scrollWidth - main.clientWidth;
    });
    expect(overflow, `${role}: home content wider than the screen`).toBeLessThanOrEqual(0);
    await this.page.screenshot({ path: join(SHOTS, `home-${role}.png`) });
  }
}

describe('"Untuk Anda" in Chromium at 360 x 740', () => {
  let e2e: E2e;
  let draftId: string;

  /** Pushes record creations as `login` in one batch (one sign-in: password hashing is slow on purpose). */
  async function create(login: string, records: Creation[]) {
    const pushed = await e2e.server.push(login, records);
    expect(
      pushed.results.map((r) => r.status),
      JSON.stringify(pushed),
    ).toEqual(records.map(() => 'applied'));
  }

  beforeAll(async () => {
    mkdirSync(SHOTS, { recursive: true });
    e2e = await startE2e({
      people: {
        innovator: { name: 'Siti Inovator', email: 'inovator@uji.go.id', unit: UNIT },
        facilitator: { name: 'Budi Pendamping', email: 'pendamping@uji.go.id', unit: UNIT },
        coordinator: { name: 'Saenab Admin', email: 'admin@uji.go.id' },
        viewer: { name: 'Bupati', email: 'pimpinan@uji.go.id', unit: UNIT },
      },
    });
    // The regency's units (one without an innovation this year) and a draft submitted for review in the first.
    const template = proposalTemplates.latest(DEFAULT_PROPOSAL_TEMPLATE_KEY)!;
    draftId = uuidv7();
    await create('admin@uji.go.id', [
      { kind: 'unit', id: UNIT, values: { name: 'Puskesmas Mawar', type: 'puskesmas', demo: false } },
      { kind: 'unit', id: uuidv7(), values: { name: 'Kecamatan Bontoa', type: 'kecamatan', demo: false } },
      {
        kind: 'draft',
        id: draftId,
        values: {
          title: 'Layanan antar obat',
          unitId: UNIT,
          team: '',
          stage: 'inisiatif',
          reviewStatus: 'diajukan',
          templateKey: template.key,
          templateVersion: template.version,
          metadata: {},
          'sections.ringkasan': 'Obat diantar ke rumah warga.',
        },
      },
    ]);
    // Four accounts and a sign-in, each hashing a password at full cost: minutes on a busy 2-core machine.
  }, 300_000);

  afterAll(async () => {
    await e2e?.close();
  });

  async function open(login: string): Promise<HomeTab> {
    const tab = await e2e.newPhone({ login, view: HomeTab });
    await tab.home();
    return tab;
  }

  it(
    'a revision the facilitator asks for is on the innovator’s home, and opens the draft',
    { timeout: 300_000 },
    async () => {
      const fac = await open('pendamping@uji.go.id');
      const inno = await open('inovator@uji.go.id');
      await inno.photograph('innovator-before', 'Proposal baru');

      // The facilitator's home names the submission; it opens the draft, where they ask for a revision.
      await fac.syncNow();
      await fac.item('Menunggu tinjauan Anda 1').waitFor({ timeout: 30_000 });
      await fac.photograph('facilitator', 'Sesi baru');
      await fac.item('Menunggu tinjauan Anda 1').click();
      // The draft opens at its review tab, where the review moves are.
      await fac.page.waitForURL(`**/rancangan/${draftId}#tinjauan`);
      expect(await fac.page.getByRole('tab', { name: 'Tinjauan' }).getAttribute('aria-selected')).toBe(
        'true',
      );
      await fac.page
        .getByRole('group', { name: 'Ubah status tinjauan' })
        .getByRole('button', { name: 'Minta revisi' })
        .click();
      // It asks what to revise; the words become a comment on the draft.
      const ask = fac.page.getByRole('dialog', { name: 'Apa yang perlu direvisi?' });
      await ask.getByLabel('Yang perlu direvisi', { exact: true }).fill('Tambahkan jadwal pengantaran.');
      await ask.getByRole('button', { name: 'Kirim: minta revisi' }).click();
      await expect.poll(() => fac.page.getByTestId('review-status').textContent()).toContain('Revisi');
      await fac.syncNow();

      // The innovator's home counts it once synced, and the item lands on the draft.
      await inno.syncNow();
      await inno.item('Revisi diminta 1').waitFor({ timeout: 30_000 });
      await inno.photograph('innovator', 'Proposal baru');
      await inno.item('Revisi diminta 1').click();
      await inno.page.waitForURL(`**/rancangan/${draftId}`);
      const draft = new DraftPage(inno.page, inno.url);
      await draft.section('ringkasan').waitFor();
      expect(await draft.section('ringkasan').inputValue()).toBe('Obat diantar ke rumah warga.');
    },
  );

  it(
    'the coordinator and the viewer see what fits their role; each home fits the phone',
    { timeout: 300_000 },
    async () => {
      const coordinator = await open('admin@uji.go.id');
      await coordinator.syncNow();
      const year = new Date().getFullYear();
      await coordinator.item(`Unit belum punya inovasi ${year} 1`).waitFor({ timeout: 30_000 });
      await coordinator.photograph('coordinator', 'Lihat cakupan inovasi');

      const viewer = await open('pimpinan@uji.go.id');
      await viewer.syncNow();
      // The viewer's one unit has its innovation this year, and nothing is sent yet: said kindly.
      await viewer.page.getByTestId('for-you-empty').waitFor({ timeout: 30_000 });
      await viewer.photograph('viewer', 'Lihat cakupan inovasi');

      // The guest: the local workspace's start, as before.
      const guest = await e2e.newPhone({ view: HomeTab });
      await guest.home();
      await guest.page.getByRole('region', { name: 'Sesi terakhir' }).waitFor();
      await guest.photograph('guest', 'Sesi baru');
    },
  );
});
