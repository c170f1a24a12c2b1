/**
 * Files the import screen hands out: the template (generated here with exceljs, so it always matches the columns
 * the reader accepts) and the list of new accounts with their one-time passwords (CSV or XLSX). exceljs is loaded
 * only when one of them is asked for.
 */
import { ROLE_WORDS, UNIT_TYPE_LABELS, spreadsheetSafe, type IssuedPassword } from '../../shared/import';

import { XLSX_TYPE } from '../../shared/spreadsheet';

export { XLSX_TYPE };

/** The template's sheets: "Unit" and "Akun" with Indonesian headers and one example row, and a "Petunjuk". */
export async function importTemplate(): Promise<Blob> {
  const { default: ExcelJS } = await import('exceljs');
  const workbook = new ExcelJS.Workbook();
  const units = workbook.addWorksheet('Unit');
  units.columns = [
    { header: 'nama', width: 40 },
    { header: 'jenis', width: 16 },
    { header: 'induk', width: 30 },
  ];
  units.addRow(['Dinas Kesehatan', 'OPD', '']);
  units.addRow(['Puskesmas Sukamaju', 'Puskesmas', 'Dinas Kesehatan']);
  const accounts = workbook.addWorksheet('Akun');
  accounts.columns = [
    { header: 'nama', width: 30 },
    { header: 'email', width: 30 },
    { header: 'telepon', width: 18 },
    { header: 'peran', width: 16 },
    { header: 'unit', width: 40 },
  ];
  // Phone numbers as text: Excel would drop the leading 0 of a number.
  accounts.getColumn(3).numFmt = '@';
  accounts.addRow(['Siti Rahma', 'siti@contoh.go.id', '', 'Inovator', 'Puskesmas Sukamaju']);
  accounts.addRow(['Andi Saputra', '', '081234567890', 'Pendamping', 'Dinas Kesehatan; Puskesmas Sukamaju']);
  const help = workbook.addWorksheet('Petunjuk');
  help.columns = [{ width: 24 }, { width: 90 }];
  const lines: [string, string][] = [
    ['Lembar Unit', 'nama (wajib), jenis (wajib), induk (boleh kosong, tidak dipakai)'],
    ['Lembar Akun', 'nama, email atau telepon (salah satu wajib), peran, unit (beberapa unit dipisah ";")'],
    ['Jenis unit', UNIT_TYPE_LABELS.map((e) => e.labels[0]!.toUpperCase()).join(', ')],
    [
      'Peran',
      Object.values(ROLE_WORDS)
        .map((w) => w[0])
        .join(', '),
    ],
    ['Impor ulang', 'Berkas yang sama boleh diimpor lagi: yang sudah ada tidak dibuat dua kali.'],
    ['Sheet Unit', 'name, type (required), parent (optional, ignored). Headers in Indonesian or English.'],
    ['Sheet Akun', 'name, email or phone, role, units separated by ";".'],
  ];
  for (const line of lines) help.addRow(line);
  const buffer = await workbook.xlsx.writeBuffer();
  return new Blob([buffer], { type: XLSX_TYPE });
}

const PASSWORD_HEADERS = ['baris', 'nama', 'login', 'kata sandi sekali pakai'];

function passwordRows(passwords: readonly IssuedPassword[]): string[][] {
  return passwords.map((p) => [String(p.row), p.name, p.login, p.password].map(spreadsheetSafe));
}

/** The new accounts' logins and passwords as CSV; every cell safe from formula injection. */
export function passwordsCsv(passwords: readonly IssuedPassword[]): string {
  const quote = (v: string) => (/[",\n\r;]/.test(v) ? `"${v.replace(/"/g, '""')}"` : v);
  return (
    [PASSWORD_HEADERS, ...passwordRows(passwords)].map((r) => r.map(quote).join(',')).join('\r\n') + '\r\n'
  );
}

/** The same list as an XLSX sheet (cells written as text, never as formulas). */
export async function passwordsXlsx(passwords: readonly IssuedPassword[]): Promise<Blob> {
  const { default: ExcelJS } = await import('exceljs');
  const workbook = new ExcelJS.Workbook();
  const sheet = workbook.addWorksheet('Kata sandi');
  sheet.columns = [{ width: 8 }, { width: 30 }, { width: 30 }, { width: 22 }];
  sheet.addRow(PASSWORD_HEADERS);
  for (const row of passwordRows(passwords)) sheet.addRow(row);
  const buffer = await workbook.xlsx.writeBuffer();
  return new Blob([buffer], { type: XLSX_TYPE });
}
