/**
 * Recording a coaching session on a 360 x 740 phone takes few taps (issue #14's budget: at most 30 taps and text
 * entries for a session with 10 participants and 2 follow-ups). A facilitator of the seeded regency starts at
 * home, as in the field: "Sesi baru", the place, ten people of the puskesmas from the list, one marked absent,
 * topics, notes and agreements, and two follow-ups each with what, who (from the list) and when. Every click,
 * tick and fill is counted (each is 1); the count is printed for the bench and the closing note. The session is
 * then checked on the server, pushed by the app's own sync.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Locator } from 'playwright-core';
import { ACCOUNTS, UNITS, startRegency, type Regency } from './regency';
import { PROTOCOL_VERSION } from '../../src/shared/protocol';

const BUDGET = 30;

/** The puskesmas people beyond the regency's own (two cadres and the three accounts there). */
const MORE_PEOPLE = [
  'Hasnawati',
  'Syamsul Bahri',
  'Irma Suryani',
  'Muh. Arif',
  'Dewi Lestari',
  'Jumriah',
  'Hamka',
];

/** Counts what a person does with their thumb: each tap or tick is 1, each text typed into a field is 1. */
class Thumb {
  count = 0;
  async tap(target: Locator): Promise<void> {
    this.count++;
    await target.click();
  }
  async enter(field: Locator, text: string): Promise<void> {
    this.count++;
    await field.fill(text);
  }
}

describe('recording a session at 360 x 740', () => {
  let regency: Regency;

  beforeAll(async () => {
    regency = await startRegency();
    for (const [i, name] of MORE_PEOPLE.entries())
      await regency.server.seed(ACCOUNTS.coordinator.email, 'person', {
        name,
        role: null,
        unitIds: [UNITS.puskesmas.id],
        demo: false,
        hasAccount: false,
        position: i % 2 ? 'Kader posyandu' : 'Staf puskesmas',
      });
  }, 600_000);

  afterAll(async () => {
    await regency?.close();
  });

  it(`10 participants and 2 follow-ups take at most ${BUDGET} taps and text entries`, async () => {
    const tab = await regency.signIn('facilitator');
    const { page } = tab;
    await page.locator('[data-testid="sync-chip"][data-state="synced"]').waitFor({ timeout: 60_000 });
    await page.goto(regency.server.url);
    await page.locator('main:not([aria-busy]) h1').first().waitFor();

    const thumb = new Thumb();
    await thumb.tap(page.getByRole('main').getByRole('link', { name: 'Sesi baru' }));
    const place = page.getByLabel('Tempat', { exact: true });
    await place.waitFor();
    // The facilitator and their only unit are filled in: no taps.
    expect(await page.getByLabel('Nama pendamping').inputValue()).toBe(ACCOUNTS.facilitator.name);
    expect(await page.getByRole('checkbox', { name: UNITS.puskesmas.name }).isChecked()).toBe(true);
    await thumb.enter(place, 'Aula Puskesmas Sukamaju');
    await page.waitForURL(/\/sesi\/(?!baru$)[^/]+$/);
    const sessionId = decodeURIComponent(new URL(page.url()).pathname.split('/').pop() ?? '');

    await thumb.tap(page.getByRole('button', { name: 'Tambah dari daftar' }));
    const own = page.getByRole('list', { name: 'Dari unit sesi ini' });
    const offered = own.getByRole('checkbox', { disabled: false });
    await offered.first().waitFor();
    expect(await offered.count()).toBeGreaterThanOrEqual(10);
    for (let i = 0; i < 10; i++) await thumb.tap(offered.nth(i));
    await thumb.tap(page.getByRole('button', { name: 'Tambahkan (10)' }));
    const roll = page.getByRole('list', { name: 'Peserta' });
    await expect.poll(() => roll.getByRole('checkbox').count()).toBe(10);
    await thumb.tap(roll.getByRole('checkbox').nth(3));
    await page.getByText('9 dari 10 hadir').waitFor();

    await thumb.enter(page.getByLabel('Topik'), 'Antar obat untuk pasien lansia');
    await thumb.enter(page.getByLabel('Catatan', { exact: true }), 'Data lansia belum lengkap.');
    await thumb.enter(page.getByLabel('Kesepakatan'), 'Uji coba di dua desa bulan depan.');

    const followUps = [
      { what: 'Lengkapi data pasien lansia', owner: 'Wa Ode Nurhayati', due: '2026-12-31' },
      { what: 'Susun jadwal antar obat', owner: 'Fitriani', due: '2027-01-15' },
    ];
    for (const [i, f] of followUps.entries()) {
      await thumb.tap(page.getByRole('button', { name: 'Tambah tindak lanjut' }));
      const action = page.getByRole('group', { name: `Tindak lanjut ${i + 1}` });
      await thumb.enter(action.getByLabel('Tindakan', { exact: true }), f.what);
      await thumb.tap(action.getByRole('button', { name: 'Pilih penanggung jawab dari daftar' }));
      await thumb.tap(action.getByRole('button', { name: `Pilih ${f.owner}` }));
      await thumb.enter(action.getByLabel('Tenggat'), f.due);
    }

    console.log(
      `session-taps: recording a session with 10 participants and 2 follow-ups at 360x740 took ${thumb.count} taps and text entries (budget ${BUDGET})`,
    );
    expect(thumb.count).toBeLessThanOrEqual(BUDGET);

    // What was recorded reaches the server through the app's own sync.
    await page.getByLabel('Topik').focus();
    await tab.syncNow();
    const token = await regency.server.signIn(ACCOUNTS.facilitator.email);
    const pulled = await fetch(
      `${regency.server.url}/api/sync/pull?protocolVersion=${PROTOCOL_VERSION}&cursor=0&limit=1000`,
      { headers: { authorization: `Bearer ${token}` } },
    );
    const records = ((await pulled.json()) as { records: Record<string, unknown>[] }).records;
    const session = records.find((r) => r.id === sessionId) as
      | {
          place: string;
          unitIds: string[];
          agreements: string;
          participants: Record<string, { present: boolean; personId: string | null }>;
          actions: Record<string, { what: string; ownerId: string | null; due: string }>;
        }
      | undefined;
    expect(session).toMatchObject({
      place: 'Aula Puskesmas Sukamaju',
      unitIds: [UNITS.puskesmas.id],
      agreements: 'Uji coba di dua desa bulan depan.',
    });
    const participants = Object.values(session!.participants);
    expect(participants).toHaveLength(10);
    expect(participants.filter((p) => p.present)).toHaveLength(9);
    expect(participants.every((p) => p.personId !== null)).toBe(true);
    const actions = Object.values(session!.actions);
    expect(actions.map((a) => [a.what, a.due]).sort()).toEqual(followUps.map((f) => [f.what, f.due]).sort());
    expect(actions.every((a) => a.ownerId !== null)).toBe(true);
    await page.context().close();
  }, 300_000);
});
