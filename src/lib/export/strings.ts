/**
 * Strings of the outputs (DOCX, print page, copy, share). Indonesian is the source; English must have every
 * key. Read through the app's current locale, like the account strings.
 */
import { format } from '../../shared/format';
import { locale } from '../i18n/index.svelte';

const id = {
  'draft.kind': 'Rancangan inovasi',
  'draft.untitled': '(tanpa judul)',
  'draft.unit': 'Unit',
  'draft.noUnit': '(belum ada unit)',
  'draft.team': 'Tim inovator',
  'draft.stage': 'Tahap',
  'draft.template': 'Templat',
  'draft.templateValue': '{title}, versi {version}',
  'draft.templateMissing': 'Templat {key} versi {version} tidak ditemukan',
  'session.kind': 'Laporan sesi pendampingan',
  'session.title': 'Sesi pendampingan {when}',
  'session.when': 'Tanggal dan jam',
  'session.place': 'Tempat',
  'session.units': 'Unit yang didampingi',
  'session.facilitator': 'Pendamping',
  'session.attendance': 'Kehadiran',
  'session.presentCount': '{present} dari {total} hadir',
  'session.name': 'Nama',
  'session.present': 'Hadir',
  'session.yes': 'Hadir',
  'session.no': 'Tidak hadir',
  'session.topics': 'Topik',
  'session.notes': 'Catatan',
  'session.agreements': 'Kesepakatan',
  'session.actions': 'Tindak lanjut',
  'session.actionWhat': 'Apa',
  'session.actionWho': 'Siapa',
  'session.actionDue': 'Tenggat',
  'session.actionStatus': 'Status',
  'session.none': '(tidak ada)',
  'status.terbuka': 'Terbuka',
  'status.selesai': 'Selesai',
  'status.batal': 'Batal',
  'stage.inisiatif': 'Inisiatif',
  'stage.uji-coba': 'Uji coba',
  'stage.penerapan': 'Penerapan',
  'ui.outputs': 'Cetak dan ekspor',
  'ui.print': 'Cetak / Simpan PDF',
  'ui.back': 'Kembali',
  'ui.docx': 'Buat berkas DOCX',
  'ui.docxBuilding': 'Membuat berkas…',
  'ui.docxReady': 'Berkas {file} siap.',
  'ui.docxFailed': 'Berkas DOCX gagal dibuat: {error}',
  'ui.download': 'Unduh {file}',
  'ui.share': 'Bagikan berkas',
  'ui.shared': 'Berkas dibagikan.',
  'ui.shareCancelled': 'Berbagi dibatalkan. Berkas tetap bisa diunduh.',
  'ui.shareFailed': 'Berbagi gagal: {error}. Unduh berkasnya saja.',
  'ui.copy': 'Salin',
  'ui.copyLabel': 'Salin teks bagian {section}',
  'ui.copied': 'Teks bagian {section} disalin. Tempel di portal.',
  'ui.copyFailed':
    'Teks tidak bisa disalin otomatis. Pilih teksnya lalu salin manual (tekan lama, lalu Salin).',
  'ui.notFound': 'Data tidak ditemukan di perangkat ini.',
  'ui.loading': 'Memuat…',
  'ui.empty': '(belum diisi)',
} as const;

export type ExportStringKey = keyof typeof id;

const en = {
  'draft.kind': 'Innovation draft',
  'draft.untitled': '(untitled)',
  'draft.unit': 'Unit',
  'draft.noUnit': '(no unit yet)',
  'draft.team': 'Innovator team',
  'draft.stage': 'Stage',
  'draft.template': 'Template',
  'draft.templateValue': '{title}, version {version}',
  'draft.templateMissing': 'Template {key} version {version} not found',
  'session.kind': 'Coaching session report',
  'session.title': 'Coaching session {when}',
  'session.when': 'Date and time',
  'session.place': 'Place',
  'session.units': 'Units coached',
  'session.facilitator': 'Facilitator',
  'session.attendance': 'Attendance',
  'session.presentCount': '{present} of {total} present',
  'session.name': 'Name',
  'session.present': 'Present',
  'session.yes': 'Present',
  'session.no': 'Absent',
  'session.topics': 'Topics',
  'session.notes': 'Notes',
  'session.agreements': 'Agreements',
  'session.actions': 'Follow-ups',
  'session.actionWhat': 'What',
  'session.actionWho': 'Who',
  'session.actionDue': 'Due',
  'session.actionStatus': 'Status',
  'session.none': '(none)',
  'status.terbuka': 'Open',
  'status.selesai': 'Done',
  'status.batal': 'Cancelled',
  'stage.inisiatif': 'Initiative',
  'stage.uji-coba': 'Trial',
  'stage.penerapan': 'Implementation',
  'ui.outputs': 'Print and export',
  'ui.print': 'Print / Save as PDF',
  'ui.back': 'Back',
  'ui.docx': 'Make a DOCX file',
  'ui.docxBuilding': 'Making the file…',
  'ui.docxReady': 'The file {file} is ready.',
  'ui.docxFailed': 'Could not make the DOCX file: {error}',
  'ui.download': 'Download {file}',
  'ui.share': 'Share the file',
  'ui.shared': 'File shared.',
  'ui.shareCancelled': 'Sharing cancelled. The file can still be downloaded.',
  'ui.shareFailed': 'Sharing failed: {error}. Download the file instead.',
  'ui.copy': 'Copy',
  'ui.copyLabel': 'Copy the text of section {section}',
  'ui.copied': 'Text of section {section} copied. Paste it in the portal.',
  'ui.copyFailed':
    'The text could not be copied automatically. Select it and copy it by hand (long press, Copy).',
  'ui.notFound': 'Not found on this device.',
  'ui.loading': 'Loading…',
  'ui.empty': '(not filled in yet)',
} satisfies Record<ExportStringKey, string>;

const MESSAGES: Record<'id' | 'en', Record<ExportStringKey, string>> = { id, en };

export type Translate = (key: ExportStringKey, params?: Record<string, string | number>) => string;

/** A translator for one language (the DOCX is made in the language the user reads). */
export function translator(lang: 'id' | 'en'): Translate {
  return (key, params) => format(MESSAGES[lang][key], params);
}

/** An output string in the current language. */
export const et: Translate = (key, params) => translator(locale.current)(key, params);
