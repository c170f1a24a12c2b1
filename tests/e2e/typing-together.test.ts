/**
 * End to end in Chromium, two people on one draft, both online: the innovator keeps typing a fourth paragraph
 * in "Sumber Daya" (her text never sits still long enough to save) while the facilitator changes a word in
 * paragraph 1 and it syncs. Her field shows his change while she types, her caret stays where she is, and both
 * edits end in the text on both phones and on the server. The same sentence changed by both: a conflict card
 * with both versions on both phones.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startE2e, type E2e, type TestServer } from './fixture';
import { DraftPage } from './pages';
import { PROTOCOL_VERSION } from '../../src/shared/protocol';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { tmpdir } from 'node:os';

const UNIT = '0190a000-0000-7000-8000-0000000000e7';
const SECTION = 'sumber-daya';
const THREE = 'Tiga perawat jaga.\nSatu motor dinas.\nDana BOK tahun ini.';
/** Screenshots of what each person sees, to look at (`E2E_SHOTS`, or a folder in the system's temp). */
const SHOTS = process.env.E2E_SHOTS ?? join(tmpdir(), 'rintis-e2e-shots');
mkdirSync(SHOTS, { recursive: true });

describe('typing together in Chromium: nothing is lost while another person edits', () => {
  let e2e: E2e;
  let server: TestServer;
  let inno: DraftPage;
  let fac: DraftPage;

  /** The draft's section as the server holds it now. */
  async function onServer(draftId: string): Promise<string> {
    const token = await server.signIn('inovator@uji.go.id');
    const res = await fetch(
      `${server.url}/api/sync/pull?protocolVersion=${PROTOCOL_VERSION}&cursor=0&limit=1000`,
      { headers: { authorization: `Bearer ${token}` } },
    );
    const page = (await res.json()) as { records: { id: string; sections?: Record<string, string> }[] };
    return page.records.find((r) => r.id === draftId)?.sections?.[SECTION] ?? '';
  }

  /** A draft with three paragraphs in the section, open on both phones. */
  async function openTogether(): Promise<string> {
    const draftId = await server.seedDraft('inovator@uji.go.id', UNIT);
    for (const tab of [inno, fac]) await tab.openDraft(draftId);
    await inno.section(SECTION).fill(THREE);
    await inno.section(SECTION).blur();
    await inno.syncNow();
    await expect.poll(() => fac.section(SECTION).inputValue(), { timeout: 20_000 }).toBe(THREE);
    return draftId;
  }

  beforeAll(async () => {
    e2e = await startE2e({
      people: {
        innovator: { name: 'Sari', email: 'inovator@uji.go.id', unit: UNIT },
        // A local admin: facilitators review drafts but do not write their sections.
        coordinator: { name: 'Budi', email: 'fasilitator@uji.go.id', unit: UNIT },
      },
    });
    server = e2e.server;
    // Two cheap Android phones (360 x 740, the fixture's default screen).
    inno = await e2e.newPhone({ role: 'innovator', view: DraftPage });
    fac = await e2e.newPhone({ role: 'coordinator', view: DraftPage });
  }, 180_000);

  afterAll(async () => {
    await e2e?.close();
  });

  it('shows the other person’s paragraph change while she types, and keeps both', async () => {
    const draftId = await openTogether();
    const field = inno.section(SECTION);
    await field.click();
    await field.press('End');
    await field.evaluate((el: HTMLTextAreaElement) => el.setSelectionRange(el.value.length, el.value.length));
    const typed = '\nMotor kedua dipinjam dari kantor desa untuk antar obat ke rumah warga lansia.';
    // She keeps typing (a key every 90 ms: the 400 ms autosave never fires until she stops).
    const typing = inno.page.keyboard.type(typed, { delay: 90 });

    // Meanwhile he changes one word of paragraph 1, leaves the field, and it syncs.
    await inno.page.waitForTimeout(1_500);
    const theirs = THREE.replace('Tiga perawat', 'Empat perawat');
    await fac.section(SECTION).fill(theirs);
    await fac.section(SECTION).blur();
    // Measured from the moment his push starts (so it includes his push, the live event and her pull).
    const pushed = Date.now();
    let shownAfter: number | null = null;
    const watch = (async () => {
      while (Date.now() - pushed < 10_000) {
        if ((await field.inputValue()).startsWith('Empat perawat')) {
          shownAfter = Date.now() - pushed;
          return;
        }
        await inno.page.waitForTimeout(25);
      }
    })();
    await fac.syncNow();
    await watch;
    const stillTyping = (await field.inputValue()).length < THREE.length + typed.length;
    await typing;
    console.log(
      `[e2e] a remote change appeared in the field being typed in ${shownAfter} ms from the start of its push` +
        ` (typing still going on then: ${stillTyping})`,
    );
    expect(shownAfter).not.toBeNull();
    expect(shownAfter!).toBeLessThan(2_000);
    expect(stillTyping).toBe(true);

    // Every key she typed is in place, after his change: the caret never jumped.
    const final = `${theirs}${typed}`;
    expect(await field.inputValue()).toBe(final);
    await inno.page.screenshot({ path: join(SHOTS, 'typing-merged-inovator-360.png') });
    await field.blur();
    await inno.syncNow();
    await fac.syncNow();
    await expect.poll(() => fac.section(SECTION).inputValue(), { timeout: 20_000 }).toBe(final);
    expect(await onServer(draftId)).toBe(final);
    expect(await inno.page.getByRole('heading', { name: 'Konflik menunggu keputusan' }).count()).toBe(0);
  });

  it('the same sentence changed by both: a conflict card with both versions on both phones', async () => {
    const draftId = await openTogether();
    const field = inno.section(SECTION);
    await field.click();
    // She selects the first sentence and types over it without pausing (the autosave waits for her to stop).
    await field.evaluate((el: HTMLTextAreaElement) => el.setSelectionRange(0, 'Tiga perawat jaga.'.length));
    const sentence = 'Lima perawat jaga bergantian setiap malam di puskesmas.';
    const typing = inno.page.keyboard.type(sentence, { delay: 90 });
    await inno.page.waitForTimeout(300);
    // He changes the same sentence, and it reaches the server while she is still typing.
    const theirs = THREE.replace('Tiga perawat', 'Enam perawat');
    await fac.section(SECTION).fill(theirs);
    await fac.section(SECTION).blur();
    await fac.syncNow();
    await typing;
    const mine = THREE.replace('Tiga perawat jaga.', sentence);
    // Her words stay on her screen: no merge can hold both.
    expect(await field.inputValue()).toBe(mine);
    await field.blur();
    await inno.syncNow();
    await fac.syncNow();
    for (const tab of [inno, fac]) {
      await tab.page
        .getByRole('heading', { name: 'Konflik menunggu keputusan' })
        .waitFor({ timeout: 20_000 });
      for (const text of [mine, theirs])
        await expect
          .poll(() => tab.page.getByText(text, { exact: true }).count(), { timeout: 20_000 })
          .toBeGreaterThan(0);
    }
    // The server kept the version it had first, and the conflict holds hers.
    expect(await onServer(draftId)).toBe(theirs);
    // On a 360 px phone the card fits: no sideways scroll, and its buttons are thumb-sized.
    for (const [name, tab] of [
      ['inovator', inno],
      ['fasilitator', fac],
    ] as const) {
      const card = tab.page.getByRole('heading', { name: 'Konflik menunggu keputusan' });
      await card.scrollIntoViewIfNeeded();
      expect(await tab.page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(360);
      const button = tab.page.getByRole('button', { name: 'Pakai versi ini' }).first();
      expect((await button.boundingBox())!.height).toBeGreaterThanOrEqual(48);
      await tab.page.screenshot({ path: join(SHOTS, `conflict-${name}-360.png`) });
    }
  });
});
