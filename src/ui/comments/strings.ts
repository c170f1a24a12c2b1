/**
 * Strings of the comments and of the search screen, kept beside them (not in the shared message files) so the
 * feature stays self-contained. Indonesian is the source; English must have every key.
 */
import { defineStrings, locale } from '../../lib/i18n/index.svelte';
import { formatDate } from '../../lib/i18n/format';
import type { Role } from '../../shared/domain/comments';
import { ROLE_WORDS } from '../../shared/roles';

export const id = {
  toggle: 'Komentar ({count})',
  toggleOpen: 'Komentar: {open} terbuka dari {count}',
  regionLabel: 'Komentar bagian {section}',
  none: 'Belum ada komentar pada bagian ini.',
  newLabel: 'Komentar baru untuk bagian {section}',
  send: 'Kirim komentar',
  replyLabel: 'Balasan untuk komentar {author}',
  sendReply: 'Kirim balasan',
  attach: 'Lampirkan foto atau berkas',
  attachmentsLabel: 'Lampiran komentar',
  pendingLabel: 'Lampiran yang ikut terkirim',
  unpick: 'Batal lampirkan {name}',
  unpickShort: 'Batal',
  attachFailed: 'Komentar tersimpan, tetapi lampiran ini gagal: {errors}',
  resolve: 'Tandai selesai',
  reopen: 'Buka lagi',
  resolvedBy: 'Selesai · ditandai {name} ({role}), {time}',
  reopenedBy: 'Dibuka lagi oleh {name} ({role}), {time}',
  open: 'Terbuka',
  resolved: 'Selesai',
  repliesLabel: 'Balasan',
  byline: '{name} ({role}) · {time}',
  edit: 'Ubah',
  save: 'Simpan',
  cancel: 'Batal',
  editLabel: 'Ubah komentar',
  delete: 'Hapus',
  deleted: 'Komentar dihapus.',
  empty: 'Tulis komentarnya dulu.',
  saved: 'Komentar tersimpan di perangkat ini; terkirim saat sinkron.',
  failed: 'Komentar belum tersimpan: {error}',
  readOnly: 'Anda hanya dapat membaca komentar.',
  guest: 'Tamu',
  roleGuest: 'tamu',
  'role.innovator': ROLE_WORDS.innovator.id,
  'role.facilitator': ROLE_WORDS.facilitator.id,
  'role.coordinator': ROLE_WORDS.coordinator.id,
  'role.viewer': ROLE_WORDS.viewer.id,
  badge: { other: '{count} komentar terbuka' },
  searchTitle: 'Cari',
  searchLabel: 'Cari di sesi, proposal, dan komentar',
  searchHint: 'Pencarian berjalan di perangkat ini, juga tanpa sinyal.',
  sessions: 'Sesi pendampingan ({count})',
  drafts: 'Proposal ({count})',
  comments: 'Komentar ({count})',
  noHits: 'Tidak ada yang cocok dengan "{query}".',
  commentOn: 'Komentar {author} pada bagian {section}',
  untitled: '(tanpa judul)',
  resultsLabel: 'Hasil pencarian',
};

export const ct = defineStrings({ id, en: 'comments' });

export function roleLabel(role: Role): string {
  return role === null ? ct('roleGuest') : ct(`role.${role}`);
}

/** An instant (ms) in the current language's date and time format. */
export function formatInstant(ms: number): string {
  return formatDate(new Date(ms), locale.current, true);
}
