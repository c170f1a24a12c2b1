/**
 * Strings of the people screen and the person pickers, kept beside them (not in the shared message files) so the
 * feature stays self-contained. Indonesian is the source; English must have every key.
 */
import { locale } from '../../lib/i18n/index.svelte';

const id = {
  title: 'Orang',
  intro:
    'Semua orang di kabupaten ini: pemilik akun dan orang tanpa akun (kader, warga, staf desa), menurut unit.',
  search: 'Cari nama',
  searchHint: 'Ketik sebagian nama, misalnya "siti".',
  noUnit: 'Tanpa unit',
  unknownUnit: 'Unit lain',
  empty: 'Belum ada orang di perangkat ini.',
  noMatch: 'Tidak ada nama yang cocok.',
  count: '{n} orang',
  accountBadge: 'akun',
  accountNote: 'Punya akun: diubah oleh koordinator di Kelola akun.',
  manageAccounts: 'Kelola akun',
  add: 'Tambah orang',
  addTitle: 'Tambah orang tanpa akun',
  edit: 'Ubah {name}',
  editButton: 'Ubah',
  editTitle: 'Ubah data {name}',
  name: 'Nama',
  position: 'Jabatan atau peran',
  positionHint: 'Misalnya "Kader posyandu" atau "Staf desa".',
  units: 'Unit',
  save: 'Simpan',
  cancel: 'Batal',
  added: '{name} ditambahkan.',
  saved: 'Perubahan {name} disimpan.',
  remove: 'Hapus {name}',
  removed: '{name} dihapus.',
  failed: 'Gagal menyimpan: {error}',
  readOnly: 'Hanya koordinator dan pendamping yang dapat menambah atau mengubah orang.',
  more: 'Tampilkan {n} lagi',
  // Pickers
  pick: 'Pilih dari daftar',
  pickFor: 'Pilih {what} dari daftar',
  close: 'Tutup daftar',
  inUnits: 'Dari unit sesi ini',
  everyone: 'Semua orang',
  choose: 'Pilih {name}',
  picked: 'Dipilih dari daftar: {name}',
  clear: 'Lepaskan pilihan',
  addFromList: 'Tambah dari daftar',
  addChecked: 'Tambahkan ({n})',
  alreadyIn: 'sudah ikut',
  guestHint: 'Tamu yang tidak ada di daftar: pakai "Tambah peserta" dan ketik namanya.',
  participantsAdded: '{n} peserta ditambahkan.',
  facilitatorWhat: 'pendamping',
  ownerWhat: 'penanggung jawab',
  noPeopleYet: 'Belum ada orang di daftar.',
  peopleLink: 'Daftar orang',
};

const en = {
  title: 'People',
  intro:
    'Everyone in this regency: account holders and people without an account (health cadres, residents, village staff), by unit.',
  search: 'Search by name',
  searchHint: 'Type part of a name, for example "siti".',
  noUnit: 'No unit',
  unknownUnit: 'Other unit',
  empty: 'No people on this device yet.',
  noMatch: 'No name matches.',
  count: '{n} people',
  accountBadge: 'account',
  accountNote: 'Has an account: changed by a coordinator in Manage accounts.',
  manageAccounts: 'Manage accounts',
  add: 'Add a person',
  addTitle: 'Add a person without an account',
  edit: 'Edit {name}',
  editButton: 'Edit',
  editTitle: 'Edit {name}',
  name: 'Name',
  position: 'Position or role',
  positionHint: 'For example "Posyandu cadre" or "Village staff".',
  units: 'Units',
  save: 'Save',
  cancel: 'Cancel',
  added: '{name} added.',
  saved: 'Changes to {name} saved.',
  remove: 'Remove {name}',
  removed: '{name} removed.',
  failed: 'Could not save: {error}',
  readOnly: 'Only coordinators and facilitators can add or change people.',
  more: 'Show {n} more',
  pick: 'Pick from the list',
  pickFor: 'Pick the {what} from the list',
  close: 'Close the list',
  inUnits: "From this session's units",
  everyone: 'Everyone',
  choose: 'Pick {name}',
  picked: 'Picked from the list: {name}',
  clear: 'Clear the choice',
  addFromList: 'Add from the list',
  addChecked: 'Add ({n})',
  alreadyIn: 'already in',
  guestHint: 'A guest not on the list: use "Add participant" and type the name.',
  participantsAdded: '{n} participants added.',
  facilitatorWhat: 'facilitator',
  ownerWhat: 'person responsible',
  noPeopleYet: 'No people on the list yet.',
  peopleLink: 'People list',
} satisfies Record<keyof typeof id, string>;

export type PeopleStringKey = keyof typeof id;

export function pt(key: PeopleStringKey, params?: Record<string, string | number>): string {
  const template = (locale.current === 'en' ? en : id)[key];
  if (!params) return template;
  return template.replace(/\{(\w+)\}/g, (whole, name: string) =>
    name in params ? String(params[name]) : whole,
  );
}
