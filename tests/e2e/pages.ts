/**
 * Page objects for the end-to-end tests: they find things the way a user does (labels, roles, visible text), so
 * the tests read as the steps a person takes and survive markup changes.
 */
import type { Locator, Page } from 'playwright-core';

export class AppShell {
  constructor(
    readonly page: Page,
    readonly baseUrl: string,
  ) {}

  async goto(path = '/'): Promise<void> {
    await this.page.goto(new URL(path, this.baseUrl).href);
    // Home's heading paints while the local store opens (main is aria-busy until then): wait for the store.
    await this.page.locator('main:not([aria-busy]) h1').first().waitFor();
  }

  /** The version baked into the running build (`<html data-app-version>`). */
  version(): Promise<string | undefined> {
    return this.page.evaluate(() => document.documentElement.dataset.appVersion);
  }

  get heading(): Locator {
    return this.page.locator('main h1').first();
  }
  /** The network state a guest sees: the header's chip says "Daring" or "Luring" (nothing syncs for a guest). */
  get connectivity(): Locator {
    return this.page.getByTestId('sync-chip');
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
    await this.page.getByRole('button', { name: 'Buat rancangan' }).click();
    await this.page.waitForURL(/\/rancangan\/[^/]+$/);
    // The draft opens at its writing.
    await this.page.locator('textarea[id^="section-"]').first().waitFor();
    return decodeURIComponent(new URL(this.page.url()).pathname.split('/').pop() ?? '');
  }
}

export class DraftPage extends AppShell {
  /** Opens the draft at its writing, or at one of its tabs (`#data`, `#kesiapan`, `#tinjauan`). */
  async open(id: string, part = ''): Promise<void> {
    await this.goto(`/rancangan/${encodeURIComponent(id)}${part}`);
    await this.page.locator('[role="tabpanel"]:not([hidden]) > *').first().waitFor();
  }
  /** One of the draft's tabs: "Tulisan", "Data", "Kesiapan", "Tinjauan". */
  tab(name: string): Locator {
    return this.page
      .getByRole('tablist', { name: 'Bagian rancangan' })
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
