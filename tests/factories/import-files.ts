/**
 * Import files for tests, made with exceljs the way a Bagian Organisasi's Excel file looks: a "Unit" and an
 * "Akun" sheet, headers in Indonesian or English. `regencyWorkbook()` is the end-to-end story's file: 30 units
 * and 50 accounts of one regency (write it to disk with `writeRegencyXlsx`).
 */
import { writeFile } from 'node:fs/promises';
import ExcelJS from 'exceljs';

export interface SheetSpec {
  name: string;
  headers: string[];
  rows: (string | number)[][];
}

export const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

export async function xlsxBytes(sheets: SheetSpec[]): Promise<Uint8Array<ArrayBuffer>> {
  const workbook = new ExcelJS.Workbook();
  for (const spec of sheets) {
    const sheet = workbook.addWorksheet(spec.name);
    sheet.addRow(spec.headers);
    for (const row of spec.rows) sheet.addRow(row);
  }
  // Copied into a plain ArrayBuffer (exceljs answers a Node Buffer in Node).
  return Uint8Array.from(new Uint8Array(await workbook.xlsx.writeBuffer()));
}

export async function xlsxFile(sheets: SheetSpec[], name = 'impor.xlsx'): Promise<File> {
  return new File([await xlsxBytes(sheets)], name, { type: XLSX_TYPE });
}

export function csvFile(spec: Omit<SheetSpec, 'name'>, name = 'impor.csv', delimiter = ','): File {
  const quote = (v: string | number) => {
    const s = String(v);
    return /[",;\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
  };
  const text = [spec.headers, ...spec.rows].map((r) => r.map(quote).join(delimiter)).join('\r\n');
  return new File([text], name, { type: 'text/csv' });
}

const KECAMATAN = [
  'Malili',
  'Nuha',
  'Towuti',
  'Wotu',
  'Burau',
  'Tomoni',
  'Mangkutana',
  'Kalaena',
  'Angkona',
  'Wasuponda',
];

/** 30 units (10 OPD, 10 puskesmas, 10 kecamatan) and 50 accounts (facilitators, innovators, a viewer). */
export function regencyWorkbook(): SheetSpec[] {
  const opd = [
    'Dinas Kesehatan',
    'Dinas Pendidikan',
    'Dinas Kependudukan dan Pencatatan Sipil',
    'Dinas Sosial',
    'Dinas Perhubungan',
    'Badan Perencanaan Pembangunan Daerah',
    'Dinas Pertanian',
    'Dinas Lingkungan Hidup',
    'Dinas Penanaman Modal dan PTSP',
    'Badan Pendapatan Daerah',
  ];
  const units: [string, string][] = [
    ...opd.map((n): [string, string] => [n, 'OPD']),
    ...KECAMATAN.map((k): [string, string] => [`Puskesmas ${k}`, 'Puskesmas']),
    ...KECAMATAN.map((k): [string, string] => [`Kecamatan ${k}`, 'Kecamatan']),
  ];
  const accounts: (string | number)[][] = [];
  for (let i = 1; i <= 50; i++) {
    const unit = units[(i - 1) % units.length]![0];
    const role = i === 50 ? 'Pimpinan' : i % 5 === 0 ? 'Pendamping' : 'Inovator';
    const units2 =
      role === 'Pendamping' ? `${unit}; ${units[i % units.length]![0]}` : role === 'Pimpinan' ? '' : unit;
    // Every third account signs in with a phone number (typed as text, the leading 0 kept).
    const phone = i % 3 === 0 ? `08123${String(i).padStart(6, '0')}` : '';
    const email = i % 3 === 0 ? '' : `pegawai${i}@luwutimur.go.id`;
    accounts.push([`Pegawai ${i}`, email, phone, role, units2]);
  }
  return [
    { name: 'Unit', headers: ['Nama', 'Jenis', 'Induk'], rows: units.map(([n, t]) => [n, t, '']) },
    { name: 'Akun', headers: ['Nama', 'Email', 'Telepon', 'Peran', 'Unit'], rows: accounts },
  ];
}

/** Writes the 30-unit, 50-account file to `path` (for an end-to-end test's file chooser). */
export async function writeRegencyXlsx(path: string): Promise<void> {
  await writeFile(path, await xlsxBytes(regencyWorkbook()));
}
