/**
 * Sharing where people talk: the share sheet (`navigator.share`, given here as the phone's browser has it) with a
 * deep link, "Tersalin" where there is no share sheet and the clipboard takes the text, the message to select by
 * hand where neither works; from a draft, from an "Untuk Anda" item, and a new account's message (sign-in link and
 * login, the password only in the text the coordinator sends, and the card says so).
 */
import { render, screen, within } from '@testing-library/svelte';
import userEvent from '@testing-library/user-event';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { ForYouItem } from '../../src/shared/domain/for-you';
import { locale } from '../../src/lib/i18n/index.svelte';
import OneTimePasswordCard from '../../src/ui/account/OneTimePasswordCard.svelte';
import ForYouRow from '../../src/ui/home/ForYouRow.svelte';
import ImportPasswords from '../../src/ui/import/ImportPasswords.svelte';
import ShareDraftButton from '../../src/ui/share/ShareDraftButton.svelte';

const ORIGIN = 'https://rintis.lutimkab.go.id';

/** What the phone's browser offers, put on jsdom's navigator for one test and taken off after. */
function giveNavigator(name: 'share' | 'clipboard', value: unknown): void {
  Object.defineProperty(navigator, name, { value, configurable: true, writable: true });
}
function takeNavigator(name: 'share' | 'clipboard'): void {
  delete (navigator as unknown as Record<string, unknown>)[name];
}

let shared: ShareData[];
let copied: string[];

beforeEach(() => {
  shared = [];
  copied = [];
  locale.set('id');
});
afterEach(() => {
  takeNavigator('share');
  takeNavigator('clipboard');
  locale.set('id');
});

const withShareSheet = () =>
  giveNavigator('share', (data: ShareData) => {
    shared.push(data);
    return Promise.resolve();
  });
const withClipboard = () =>
  giveNavigator('clipboard', {
    writeText: (text: string) => {
      copied.push(text);
      return Promise.resolve();
    },
  });

describe('sharing a draft', () => {
  it('opens the share sheet with the title and the deep link', async () => {
    withShareSheet();
    render(ShareDraftButton, { draft: { id: 'd-1', title: 'Antrean daring' }, origin: ORIGIN });
    await userEvent.click(screen.getByRole('button', { name: 'Bagikan: Antrean daring' }));
    expect(shared).toHaveLength(1);
    expect(shared[0]?.text).toContain('Proposal inovasi “Antrean daring” di Rintis:');
    expect(shared[0]?.text).toContain(`${ORIGIN}/rancangan/d-1`);
    expect(screen.getByRole('status')).toHaveTextContent('');
  });

  it('without a share sheet, copies the message and says "Tersalin"', async () => {
    withClipboard();
    render(ShareDraftButton, { draft: { id: 'd-1', title: 'Antrean daring' }, origin: ORIGIN });
    const button = screen.getByRole('button', { name: 'Salin pesan: Antrean daring' });
    expect(button).toHaveTextContent('Salin pesan');
    await userEvent.click(button);
    expect(copied).toEqual([expect.stringContaining(`${ORIGIN}/rancangan/d-1`)]);
    expect(screen.getByRole('status')).toHaveTextContent('Tersalin. Tempel di WhatsApp atau SMS.');
  });

  it('where neither works, shows the message to select by hand', async () => {
    giveNavigator('clipboard', { writeText: () => Promise.reject(new Error('denied')) });
    render(ShareDraftButton, { draft: { id: 'd-1', title: '' }, origin: ORIGIN });
    await userEvent.click(screen.getByRole('button', { name: 'Salin pesan: proposal ini' }));
    expect(screen.getByRole('status')).toHaveTextContent('Tidak dapat menyalin otomatis');
    const text = screen.getByRole('textbox', { name: 'Pesan untuk dibagikan' });
    expect((text as HTMLTextAreaElement).value).toContain(`${ORIGIN}/rancangan/d-1`);
  });

  it('speaks English on an English screen', async () => {
    locale.set('en');
    withShareSheet();
    render(ShareDraftButton, { draft: { id: 'd-1', title: 'Online queue' }, origin: ORIGIN });
    await userEvent.click(screen.getByRole('button', { name: 'Share: Online queue' }));
    expect(shared[0]?.text).toContain('Innovation proposal “Online queue” in Rintis:');
  });
});

describe('sharing an "Untuk Anda" item', () => {
  const item: ForYouItem = {
    key: 'to-review',
    count: 2,
    targets: [
      { kind: 'draft', id: 'a', label: 'Antrean daring', count: 1 },
      { kind: 'draft', id: 'b', label: 'Posyandu keliling', count: 1 },
    ],
  };
  const props = {
    item,
    year: 2026,
    href: '/rancangan',
    targetHref: (target: { id: string }) => `/rancangan/${target.id}`,
    targetLabel: (target: { label: string }) => target.label,
    origin: ORIGIN,
  };

  it('shares each record with its own link from a 48 px icon button named after the item', async () => {
    withShareSheet();
    render(ForYouRow, props);
    const button = screen.getByRole('button', { name: 'Bagikan: Menunggu tinjauan Anda' });
    await userEvent.click(button);
    expect(shared[0]?.text).toContain('Proposal inovasi menunggu tinjauan:');
    expect(shared[0]?.text).toContain(`- Antrean daring: ${ORIGIN}/rancangan/a`);
    expect(shared[0]?.text).toContain(`- Posyandu keliling: ${ORIGIN}/rancangan/b`);
  });

  it('copies where there is no share sheet, and says so in the row', async () => {
    withClipboard();
    render(ForYouRow, props);
    await userEvent.click(screen.getByRole('button', { name: 'Salin pesan: Menunggu tinjauan Anda' }));
    expect(copied[0]).toContain(`${ORIGIN}/rancangan/a`);
    expect(screen.getByRole('status')).toHaveTextContent('Tersalin');
  });

  it('offers no share for conflicts: they are this phone’s own', () => {
    render(ForYouRow, { ...props, item: { ...item, key: 'conflicts' } });
    expect(screen.queryByRole('button')).toBeNull();
  });
});

describe('a new account’s message', () => {
  const notice = {
    account: {
      id: 'u-1',
      tenantId: 't',
      tenantName: 'Kabupaten Uji',
      name: 'Dewi',
      email: 'dewi@contoh.go.id',
      phone: null,
      role: 'innovator' as const,
      unitIds: [],
      disabled: false,
      createdAt: 0,
    },
    oneTimePassword: 'k7mq-3xha-pw9e',
    kind: 'new' as const,
  };

  it('says the message holds the password, and sends the sign-in link and login with it', async () => {
    withShareSheet();
    render(OneTimePasswordCard, { notice, origin: ORIGIN, onclose: () => {} });
    expect(
      screen.getByText(/Pesan ini berisi tautan masuk, login, dan kata sandi sementara/),
    ).toHaveTextContent('Kirim hanya kepada Dewi');
    await userEvent.click(screen.getByRole('button', { name: 'Bagikan pesan' }));
    const text = shared[0]?.text ?? '';
    expect(text).toContain(`Masuk di: ${ORIGIN}/masuk`);
    expect(text).toContain('Email/nomor HP: dewi@contoh.go.id');
    expect(text).toContain('Kata sandi sementara: k7mq-3xha-pw9e');
  });

  it('is written in English from an English screen', async () => {
    locale.set('en');
    withShareSheet();
    render(OneTimePasswordCard, { notice, origin: ORIGIN, onclose: () => {} });
    await userEvent.click(screen.getByRole('button', { name: 'Share the message' }));
    expect(shared[0]?.text).toContain('Hello Dewi, your Rintis account has been created.');
  });

  it('gives each imported account its own message', async () => {
    withShareSheet();
    render(ImportPasswords, {
      passwords: [
        { row: 2, name: 'Dewi', login: 'dewi@contoh.go.id', password: 'aaaa-bbbb' },
        { row: 3, name: 'Rahmat', login: '081234567890', password: 'cccc-dddd' },
      ],
      ondownload: () => Promise.resolve(),
      origin: ORIGIN,
    });
    const rahmat = screen.getAllByRole('listitem')[1];
    if (!rahmat) throw new Error('no second card');
    await userEvent.click(within(rahmat).getByRole('button', { name: 'Bagikan: Rahmat' }));
    expect(shared[0]?.text).toContain('Email/nomor HP: 081234567890');
    expect(shared[0]?.text).toContain('Kata sandi sementara: cccc-dddd');
    expect(shared[0]?.text).not.toContain('aaaa-bbbb');
  });
});
