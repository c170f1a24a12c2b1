/**
 * The bars as a person uses them: the bottom bar's places follow the role, "Lainnya" opens the rest and closes on
 * Escape (focus back on it), a tap outside or a navigation; the account menu names the person and their role and
 * leads to "Akun" and "Keluar"; a guest gets "Masuk".
 */
import { afterEach, describe, expect, it } from 'vitest';
import { render, screen, within } from '@testing-library/svelte';
import userEvent from '@testing-library/user-event';
import { router } from '../../src/lib/router/router.svelte';
import { locale } from '../../src/lib/i18n/index.svelte';
import type { User } from '../../src/shared/api';
import type { RoleName } from '../../src/shared/roles';
import AccountMenu from '../../src/ui/shell/AccountMenu.svelte';
import AppNav from '../../src/ui/shell/AppNav.svelte';

const person = (role: RoleName, name = 'Andi Pratama'): User => ({
  id: '0190a000-0000-7000-8000-00000000aaaa',
  tenantId: 't1',
  tenantName: 'Kabupaten Luwu Timur',
  name,
  email: 'andi@example.go.id',
  phone: null,
  role,
  unitIds: [],
});
const signedIn = (role: RoleName, name?: string) => ({
  signedIn: true,
  user: person(role, name),
  reauthRequired: false,
  status: 'signed-in' as const,
});
const guest = { signedIn: false, user: null, reauthRequired: false, status: 'guest' as const };

function at(path: string): void {
  history.replaceState(null, '', path);
  router.reset();
}

afterEach(() => {
  locale.set('id');
  at('/');
});

const barLinks = () =>
  within(screen.getByRole('navigation', { name: 'Navigasi utama' }))
    .getAllByRole('link')
    .map((a) => a.textContent?.trim());

describe('bottom navigation', () => {
  it.each([
    ['guest', guest, ['Untuk Anda', 'Sesi', 'Proposal', 'Tindak lanjut']],
    ['innovator', signedIn('innovator'), ['Untuk Anda', 'Proposal', 'Tindak lanjut', 'Cari']],
    ['facilitator', signedIn('facilitator'), ['Untuk Anda', 'Sesi', 'Proposal', 'Tindak lanjut']],
    ['coordinator', signedIn('coordinator'), ['Untuk Anda', 'Proposal', 'Cakupan', 'Unit']],
    ['viewer', signedIn('viewer'), ['Untuk Anda', 'Cakupan', 'Proposal', 'Sesi']],
  ])('%s: four places and "Lainnya"', (_who, session, expected) => {
    at('/');
    render(AppNav, { session });
    expect(barLinks()).toEqual(expected);
    expect(screen.getByRole('button', { name: 'Lainnya' })).toHaveAttribute('aria-expanded', 'false');
    expect(screen.getByRole('link', { name: 'Untuk Anda' })).toHaveAttribute('aria-current', 'page');
  });

  it('"Lainnya" opens the rest, marks the current one, and closes on Escape with focus back', async () => {
    at('/pengaturan');
    const user = userEvent.setup();
    render(AppNav, { session: signedIn('coordinator') });
    const more = screen.getByRole('button', { name: 'Lainnya' });
    await user.click(more);
    expect(more).toHaveAttribute('aria-expanded', 'true');
    const links = within(document.getElementById('nav-more')!).getAllByRole('link');
    expect(links.map((a) => a.textContent?.trim())).toEqual([
      'Sesi',
      'Tindak lanjut',
      'Cari',
      'Orang',
      'Kelola akun',
      'Impor dari Excel',
      'Pengaturan',
      'Pemulihan data',
    ]);
    expect(links[0]).toHaveFocus();
    expect(screen.getByRole('link', { name: 'Pengaturan' })).toHaveAttribute('aria-current', 'page');
    await user.keyboard('{Escape}');
    expect(more).toHaveAttribute('aria-expanded', 'false');
    expect(screen.queryByRole('link', { name: 'Pengaturan' })).toBeNull();
    expect(more).toHaveFocus();
  });

  it('"Lainnya" closes on a tap outside and on navigation; account screens are not offered to others', async () => {
    at('/');
    const user = userEvent.setup();
    render(AppNav, { session: signedIn('facilitator') });
    const more = screen.getByRole('button', { name: 'Lainnya' });
    await user.click(more);
    expect(screen.queryByRole('link', { name: 'Kelola akun' })).toBeNull();
    await user.click(document.body);
    expect(more).toHaveAttribute('aria-expanded', 'false');

    await user.click(more);
    router.navigate('/cakupan');
    await new Promise((r) => setTimeout(r, 0));
    expect(more).toHaveAttribute('aria-expanded', 'false');
    await user.click(more);
    expect(screen.getByRole('link', { name: 'Cakupan' })).toHaveAttribute('aria-current', 'page');
  });

  it('speaks English', async () => {
    locale.set('en');
    at('/');
    render(AppNav, { session: signedIn('innovator') });
    expect(screen.getByRole('navigation', { name: 'Main navigation' })).toBeInTheDocument();
    expect(
      within(screen.getByRole('navigation'))
        .getAllByRole('link')
        .map((a) => a.textContent?.trim()),
    ).toEqual(['For you', 'Proposals', 'Follow-ups', 'Search']);
    expect(screen.getByRole('button', { name: 'More' })).toBeInTheDocument();
  });
});

describe('account menu', () => {
  it('names the person and their role, and leads to the account and to signing out', async () => {
    const user = userEvent.setup();
    render(AccountMenu, { session: signedIn('facilitator', 'Andi Pratama') });
    const button = screen.getByRole('button', { name: 'Akun: Andi Pratama' });
    expect(button).toHaveTextContent('AP');
    await user.click(button);
    const menu = document.getElementById('account-menu')!;
    expect(menu).toHaveTextContent('Andi Pratama');
    expect(menu).toHaveTextContent('Pendamping · Kabupaten Luwu Timur');
    expect(within(menu).getByRole('link', { name: 'Akun' })).toHaveAttribute('href', '/akun');
    expect(within(menu).getByRole('link', { name: 'Keluar' })).toHaveAttribute('href', '/akun#keluar');
    expect(within(menu).getByRole('link', { name: 'Akun' })).toHaveFocus();
    await user.keyboard('{Escape}');
    expect(button).toHaveAttribute('aria-expanded', 'false');
    expect(button).toHaveFocus();
  });

  it('offers "Masuk" to a guest', () => {
    render(AccountMenu, { session: guest });
    expect(screen.getByRole('link', { name: 'Masuk' })).toHaveAttribute('href', '/masuk');
  });
});
