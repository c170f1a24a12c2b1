/**
 * The messages a person shares from Rintis into a chat (WhatsApp first): plain text, short lines, each record with
 * its deep link, in the language of the screen they are sent from. Pure: the caller gives the app's origin and
 * the words it already shows for each record. A link opens only for an account that may read the record, and the
 * message says so, so nobody forwards it expecting it to open for anyone.
 */
import type { ForYouKey } from '../../shared/domain/for-you';

export type MessageLang = 'id' | 'en';

/** A record named in a message: the words the screen shows for it and the path of its screen. */
export interface SharedLine {
  label: string;
  /** The screen's path (`/rancangan/<id>`), or null for a record without a screen of its own. */
  path: string | null;
}

const ACCESS_NOTE: Record<MessageLang, string> = {
  id: 'Link terbuka di aplikasi Rintis bagi akun yang punya akses.',
  en: 'The link opens in Rintis for accounts with access.',
};

/** An absolute link to one of the app's screens (the origin is the app's own, e.g. https://rintis.kab.go.id). */
export function deepLink(origin: string, path: string): string {
  return `${origin.replace(/\/+$/, '')}${path.startsWith('/') ? path : `/${path}`}`;
}

/** A draft: its title and its link. */
export function draftMessage(opts: {
  title: string;
  path: string;
  origin: string;
  lang: MessageLang;
}): string {
  const { title, path, origin, lang } = opts;
  const name = title.trim() || (lang === 'en' ? '(untitled)' : '(tanpa judul)');
  const opening =
    lang === 'en' ? `Innovation proposal “${name}” in Rintis:` : `Proposal inovasi “${name}” di Rintis:`;
  return [opening, deepLink(origin, path), '', ACCESS_NOTE[lang]].join('\n');
}

/** What a shared "Untuk Anda" item is about, for the person who reads it (not "you": it is forwarded). */
const HEADINGS: Record<MessageLang, Partial<Record<ForYouKey, string>>> = {
  id: {
    revisions: 'Revisi diminta pada proposal inovasi:',
    comments: 'Komentar terbuka pada proposal inovasi:',
    'my-followups': 'Tindak lanjut yang jatuh tempo:',
    followups: 'Tindak lanjut yang jatuh tempo:',
    'to-review': 'Proposal inovasi menunggu tinjauan:',
    'head-approval': 'Proposal inovasi menunggu persetujuan kepala OPD:',
    'internal-review': 'Proposal inovasi dalam atau menunggu tinjauan internal:',
    'sessions-today': 'Sesi pendampingan hari ini:',
    'sessions-week': 'Sesi pendampingan minggu ini:',
    'units-without': 'Unit yang belum punya inovasi {year}:',
    'ready-to-send': 'Proposal inovasi siap dikirim:',
    sent: 'Proposal inovasi terkirim {year}:',
  },
  en: {
    revisions: 'Revision asked on these innovation proposals:',
    comments: 'Open comments on these innovation proposals:',
    'my-followups': 'Follow-ups due:',
    followups: 'Follow-ups due:',
    'to-review': 'Innovation proposals waiting for review:',
    'head-approval': "Innovation proposals waiting for the head of the OPD's approval:",
    'internal-review': 'Innovation proposals in or waiting for the internal review:',
    'sessions-today': 'Coaching sessions today:',
    'sessions-week': 'Coaching sessions this week:',
    'units-without': 'Units without an innovation in {year}:',
    'ready-to-send': 'Innovation proposals ready to send:',
    sent: 'Innovation proposals sent in {year}:',
  },
};

/** Conflicts and refused changes are about this phone's own sync: nothing to tell anyone else. */
export function isShareableItem(key: ForYouKey): boolean {
  return HEADINGS.id[key] !== undefined;
}

/** Records named in one message at most: a chat message stays short; the rest are behind the list's link. */
export const MAX_SHARED_LINES = 10;

/**
 * One "Untuk Anda" item: what it is, then each record with its link (at most MAX_SHARED_LINES, then the link to
 * the whole list when there is one). Null for an item that is not shared (see isShareableItem).
 */
export function forYouMessage(opts: {
  key: ForYouKey;
  year: number;
  lines: readonly SharedLine[];
  /** The list all the records are on (the item's own link), for what did not fit. */
  listPath: string | null;
  origin: string;
  lang: MessageLang;
}): string | null {
  const { key, year, lines, listPath, origin, lang } = opts;
  const heading = HEADINGS[lang][key];
  if (heading === undefined) return null;
  const shown = lines.slice(0, MAX_SHARED_LINES);
  const out = [heading.replace('{year}', String(year))];
  for (const line of shown)
    out.push(line.path ? `- ${line.label}: ${deepLink(origin, line.path)}` : `- ${line.label}`);
  const rest = lines.length - shown.length;
  const anyLink = shown.some((line) => line.path !== null);
  if (listPath && (rest > 0 || !anyLink)) {
    const more =
      rest > 0
        ? lang === 'en'
          ? `and ${rest} more: `
          : `dan ${rest} lainnya: `
        : lang === 'en'
          ? 'Open: '
          : 'Buka: ';
    out.push(`${more}${deepLink(origin, listPath)}`);
  }
  out.push('', ACCESS_NOTE[lang]);
  return out.join('\n');
}
