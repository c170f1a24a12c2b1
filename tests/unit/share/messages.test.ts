/**
 * The messages shared into chats: a draft's title and link, an "Untuk Anda" item with a link per record, and the
 * new account's message with the sign-in link and login (the password in the text, never in a link), in the
 * screen's language.
 */
import { describe, expect, it } from 'vitest';
import { invitationText } from '../../../src/lib/account/invitation';
import {
  MAX_SHARED_LINES,
  deepLink,
  draftMessage,
  forYouMessage,
  isShareableItem,
} from '../../../src/lib/share/messages';
import { shareText } from '../../../src/lib/share/share-text';

const ORIGIN = 'https://rintis.lutimkab.go.id';

describe('deepLink', () => {
  it('joins the origin and a path with one slash', () => {
    expect(deepLink(ORIGIN, '/rancangan/abc')).toBe(`${ORIGIN}/rancangan/abc`);
    expect(deepLink(`${ORIGIN}/`, 'sesi/1')).toBe(`${ORIGIN}/sesi/1`);
  });
});

describe('draftMessage', () => {
  it('names the draft and gives its link, and says who the link opens for', () => {
    const text = draftMessage({
      title: ' Antrean daring ',
      path: '/rancangan/d1',
      origin: ORIGIN,
      lang: 'id',
    });
    expect(text.split('\n')).toEqual([
      'Proposal inovasi “Antrean daring” di Rintis:',
      `${ORIGIN}/rancangan/d1`,
      '',
      'Link terbuka di aplikasi Rintis bagi akun yang punya akses.',
    ]);
  });

  it('is in English from an English screen, and names an untitled draft', () => {
    const text = draftMessage({ title: '', path: '/rancangan/d1', origin: ORIGIN, lang: 'en' });
    expect(text).toContain('Innovation proposal “(untitled)” in Rintis:');
    expect(text).toContain('for accounts with access');
    expect(draftMessage({ title: ' ', path: '/x', origin: ORIGIN, lang: 'id' })).toContain('(tanpa judul)');
  });
});

describe('forYouMessage', () => {
  it('lists each record with its own link, under words for the person who reads it', () => {
    const text = forYouMessage({
      key: 'to-review',
      year: 2026,
      lines: [
        { label: 'Antrean daring', path: '/rancangan/a' },
        { label: 'Posyandu keliling', path: '/rancangan/b' },
      ],
      listPath: '/rancangan',
      origin: ORIGIN,
      lang: 'id',
    });
    expect(text?.split('\n')).toEqual([
      'Proposal inovasi menunggu tinjauan:',
      `- Antrean daring: ${ORIGIN}/rancangan/a`,
      `- Posyandu keliling: ${ORIGIN}/rancangan/b`,
      '',
      'Link terbuka di aplikasi Rintis bagi akun yang punya akses.',
    ]);
  });

  it('keeps a chat message short: the first records, then the list for the rest', () => {
    const lines = Array.from({ length: MAX_SHARED_LINES + 3 }, (_, i) => ({
      label: `Sesi ${i + 1}`,
      path: `/sesi/${i + 1}`,
    }));
    const text =
      forYouMessage({
        key: 'sessions-week',
        year: 2026,
        lines,
        listPath: '/sesi',
        origin: ORIGIN,
        lang: 'en',
      }) ?? '';
    expect(text.startsWith('Coaching sessions this week:\n')).toBe(true);
    expect(text.match(/^- /gm)).toHaveLength(MAX_SHARED_LINES);
    expect(text).toContain(`and 3 more: ${ORIGIN}/sesi`);
  });

  it('names units without links of their own, and links the list they are on', () => {
    const text = forYouMessage({
      key: 'units-without',
      year: 2026,
      lines: [
        { label: 'Puskesmas Malili', path: null },
        { label: 'Kecamatan Wotu', path: null },
      ],
      listPath: '/cakupan',
      origin: ORIGIN,
      lang: 'id',
    });
    expect(text).toContain('Unit yang belum punya inovasi 2026:\n- Puskesmas Malili\n- Kecamatan Wotu\n');
    expect(text).toContain(`Buka: ${ORIGIN}/cakupan`);
  });

  it('does not share conflicts or refused changes: they are this phone’s own', () => {
    for (const key of ['conflicts', 'refused'] as const) {
      expect(isShareableItem(key)).toBe(false);
      expect(
        forYouMessage({ key, year: 2026, lines: [], listPath: null, origin: ORIGIN, lang: 'id' }),
      ).toBeNull();
    }
    expect(isShareableItem('revisions')).toBe(true);
  });
});

describe('invitationText', () => {
  const base = {
    name: 'Dewi',
    login: 'dewi@contoh.go.id',
    oneTimePassword: 'k7mq-3xha-pw9e',
    origin: ORIGIN,
    kind: 'new' as const,
  };

  it('gives the sign-in link and the login; the password is in the text, never in a link', () => {
    const text = invitationText(base);
    expect(text).toContain(`Masuk di: ${ORIGIN}/masuk\n`);
    expect(text).toContain('Email/nomor HP: dewi@contoh.go.id');
    expect(text).toContain('Kata sandi sementara: k7mq-3xha-pw9e');
    for (const url of text.match(/https?:\/\/\S+/g) ?? []) expect(url).not.toContain('k7mq');
  });

  it('is in English from an English screen', () => {
    const text = invitationText({ ...base, kind: 'reset', lang: 'en' });
    expect(text).toContain('Hello Dewi, the password of your Rintis account has been reset.');
    expect(text).toContain(`Sign in at: ${ORIGIN}/masuk`);
    expect(text).toContain('Temporary password: k7mq-3xha-pw9e');
  });

  it('copies names and passwords as typed, `$` patterns included', () => {
    const text = invitationText({ ...base, name: 'A$&B', oneTimePassword: "x$'y" });
    expect(text).toContain('Halo A$&B,');
    expect(text).toContain("Kata sandi sementara: x$'y");
  });
});

describe('shareText', () => {
  const copyOk = () => Promise.resolve(true);

  it('uses the share sheet when there is one, and tells a cancel from a failure', async () => {
    const shared: string[] = [];
    const nav = { share: (data: ShareData) => (shared.push(data.text ?? ''), Promise.resolve()) };
    expect(await shareText('halo', copyOk, nav as unknown as Navigator)).toBe('shared');
    expect(shared).toEqual(['halo']);
    const cancelled = { share: () => Promise.reject(new DOMException('no', 'AbortError')) };
    expect(await shareText('halo', copyOk, cancelled as unknown as Navigator)).toBe('cancelled');
  });

  it('copies where there is no share sheet or it refuses, and says when neither worked', async () => {
    expect(await shareText('halo', copyOk, {} as Navigator)).toBe('copied');
    const refused = { share: () => Promise.reject(new DOMException('no', 'NotAllowedError')) };
    expect(await shareText('halo', copyOk, refused as unknown as Navigator)).toBe('copied');
    expect(await shareText('halo', () => Promise.resolve(false), {} as Navigator)).toBe('failed');
  });
});
