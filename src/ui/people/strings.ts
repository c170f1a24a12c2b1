/**
 * Strings of the people screen and the person pickers, kept beside them (not in the shared message files) so the
 * feature stays self-contained. Indonesian is the source; English must have every key.
 */
import { defineStrings } from '../../lib/i18n/index.svelte';

export const id = {
  title: 'Orang',
  intro:
    'Semua orang di kabupaten ini: pemilik akun dan orang tanpa akun (kader, warga, staf desa), menurut unit.',
  search: 'Cari nama',
  searchHint: 'Ketik sebagian nama, misalnya "siti".',
  noUnit: 'Tanpa unit',
  unknownUnit: 'Unit lain',
  empty: 'Belum ada orang di perangkat ini.',
  noMatch: 'Tidak ada nama yang cocok.',
  count: { other: '{count} orang' },
  accountBadge: 'akun',
  accountNote: 'Punya akun: diubah oleh admin lokal di Kelola akun.',
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
  readOnly: 'Hanya admin lokal dan pendamping yang dapat menambah atau mengubah orang.',
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
  participantsAdded: { other: '{count} peserta ditambahkan.' },
  facilitatorWhat: 'pendamping',
  ownerWhat: 'penanggung jawab',
  noPeopleYet: 'Belum ada orang di daftar.',
  peopleLink: 'Daftar orang',
};

export const pt = defineStrings({ id, en: 'people' });
