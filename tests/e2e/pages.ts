/**
 * Page objects for the end-to-end tests: they find things the way a user does (labels, roles, visible text), so
 * the tests read as the steps a person takes and survive markup changes. `AppShell` is what every screen has (the
 * header's sync state, the navigation, signing in); a test's own page object extends the screen it works on.
 */
import type { Locator, Page } from 'playwright-core';

/** Every test account's password (the fixture makes the accounts with it). */
export const PASSWORD = 'sandi-rahasia-123';

export class AppShell {
  constructor(
    readonly page: Page,
    /** The app's origin. */
    readonly url: string,
  ) {}

  async goto(path = '/'): Promise<void> {
    await this.page.goto(new URL(path, this.url).href);
    // Home's heading paints while the local store opens (main is aria-busy until then): wait for the store.
    await this.page.locator('main:not([aria-busy]) h1').first().waitFor();
  }

  /** Signs in through the form (with the fixture's `PASSWORD`) and waits until sync runs for the account. */
  async signIn(login: string, password = PASSWORD): Promise<void> {
    await this.page.goto(`${this.url}/masuk`);
    await this.page.getByLabel('Email atau nomor HP').fill(login);
    await this.page.getByLabel('Kata sandi').fill(password);
    await this.page.getByRole('button', { name: 'Masuk', exact: true }).click();
    // The chip shows the sync state once sync runs for the signed-in account.
    await this.page.locator('[data-testid="sync-chip"][data-state]').waitFor({ timeout: 30_000 });
  }

  /** The version baked into the running build (`<html data-app-version>`). */
  version(): Promise<string | undefined> {
    return this.page.evaluate(() => document.documentElement.dataset.appVersion);
  }

  get heading(): Locator {
    return this.page.locator('main h1').first();
  }
  /**
   * The header's sync state (one icon and word; a guest's says "Daring" or "Luring", as nothing syncs for a
   * guest); it opens the details with "Sinkronkan sekarang".
   */
  get syncChip(): Locator {
    return this.page.getByTestId('sync-chip');
  }
  /** What the sync state says in full (the chip's accessible name): "Luring — 2 perubahan menunggu". */
  async headline(): Promise<string> {
    return (await this.syncChip.getAttribute('aria-label')) ?? '';
  }
  /** Opens the sync details, taps "Sinkronkan sekarang", waits for the sync to finish and closes them again. */
  async syncNow(): Promise<void> {
    const details = this.page.locator('#sync-details');
    if (!(await details.isVisible())) await this.syncChip.click();
    await details.getByRole('button', { name: 'Sinkronkan sekarang' }).click();
    await details.getByRole('button', { name: 'Sinkronkan sekarang' }).waitFor();
    await this.page.locator('[data-testid="sync-chip"][data-phase="idle"]').waitFor({ timeout: 30_000 });
    await details.getByRole('button', { name: 'Tutup' }).click();
  }
  get updatePrompt(): Locator {
    return this.page.getByTestId('update-prompt');
  }
  get evictionBanner(): Locator {
    return this.page.getByTestId('eviction-banner');
  }
  /** Opens a place from the navigation: one of the bar's, or one under "Lainnya". */
  async navTo(name: string): Promise<void> {
    const nav = this.page.getByRole('navigation');
    const link = nav.getByRole('link', { name, exact: true });
    if (!(await link.isVisible())) await nav.getByRole('button', { name: 'Lainnya' }).click();
    await link.click();
  }
}

export class DraftsPage extends AppShell {
  async open(): Promise<void> {
    await this.goto('/rancangan');
  }

  /** Fills the new-draft form and returns the new draft's id (from the address it lands on). */
  async create(title: string): Promise<string> {
    await this.page.getByLabel('Judul inovasi').fill(title);
    await this.page.getByRole('button', { name: 'Buat proposal' }).click();
    await this.page.waitForURL(/\/rancangan\/[^/]+$/);
    // The draft opens at its writing.
    await this.page.locator('textarea[id^="section-"]').first().waitFor();
    return decodeURIComponent(new URL(this.page.url()).pathname.split('/').pop() ?? '');
  }
}

export class DraftPage extends AppShell {
  /**
   * Opens the draft at its writing and waits for its sections: on a signed-in phone the record may still be
   * coming by sync, so it waits longer than `open`.
   */
  async openDraft(id: string): Promise<void> {
    await this.page.goto(`${this.url}/rancangan/${encodeURIComponent(id)}`);
    await this.firstSection.waitFor({ timeout: 30_000 });
  }
  /** Opens the draft at its writing, or at one of its tabs (`#data`, `#kesiapan`, `#tinjauan`). */
  async open(id: string, part = ''): Promise<void> {
    await this.goto(`/rancangan/${encodeURIComponent(id)}${part}`);
    await this.page.locator('[role="tabpanel"]:not([hidden]) > *').first().waitFor();
  }
  /** One of the draft's tabs: "Tulisan", "Data", "Kesiapan", "Tinjauan". */
  tab(name: string): Locator {
    return this.page
      .getByRole('tablist', { name: 'Bagian proposal' })
      .getByRole('tab', { name, exact: true });
  }
  /** Opens a tab as a person does: one tap. */
  async showTab(name: string): Promise<void> {
    await this.tab(name).click();
    await this.page
      .locator(
        `[role="tabpanel"][aria-labelledby="${await this.tab(name).getAttribute('id')}"]:not([hidden]) > *`,
      )
      .first()
      .waitFor();
  }
  /** The title field, in the "Data" tab. */
  get title(): Locator {
    return this.page.locator('#draft-title');
  }
  /** The team field, in the "Data" tab. */
  get team(): Locator {
    return this.page.locator('#draft-team');
  }
  /** A template section's text area, by its key ("ringkasan"). */
  section(key: string): Locator {
    return this.page.locator(`#section-${key}`);
  }
  /** The first template section's text area. */
  get firstSection(): Locator {
    return this.page.locator('textarea[id^="section-"]').first();
  }
  /** Waits for the autosave to report "Tersimpan di perangkat ini". */
  async saved(): Promise<void> {
    await this.page.locator('.save-status[data-status="saved"]').waitFor();
  }
}

export class SettingsPage extends AppShell {
  async open(): Promise<void> {
    await this.goto('/pengaturan');
  }
  get storageUsage(): Locator {
    return this.page.getByTestId('storage-usage');
  }
  get persistStatus(): Locator {
    return this.page.getByTestId('persist-status');
  }
}
