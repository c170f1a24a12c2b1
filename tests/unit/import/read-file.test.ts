/**
 * Reading import files in the browser's code (exceljs and papaparse, as lazily loaded there): XLSX and CSV made
 * in the test, headers in Indonesian and English, the rows validated with the shared schemas, bad rows reported
 * with the row number as Excel shows it, the column and a message in both languages.
 */
import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { importTemplate, passwordsCsv, passwordsXlsx } from '../../../src/lib/import/files';
import { readImportFile, refuseFile } from '../../../src/lib/import/read-file';
import {
  IMPORT_MAX_FILE_BYTES,
  IMPORT_MAX_ROWS,
  validateImportRows,
  type IssuedPassword,
} from '../../../src/shared/import';
import { csvFile, regencyWorkbook, xlsxBytes, xlsxFile, XLSX_TYPE } from '../../factories/import-files';

describe('reading XLSX', () => {
  it('reads both sheets with Indonesian headers and keeps Excel row numbers', async () => {
    const file = await xlsxFile([
      {
        name: 'Unit',
        headers: ['Nama', 'Jenis', 'Induk'],
        rows: [['Dinas Kesehatan', 'OPD', ''], [], ['Puskesmas Malili', 'puskesmas', 'Dinas Kesehatan']],
      },
      {
        name: 'Akun',
        headers: ['nama', 'EMAIL', 'Telepon', 'Peran', 'Unit'],
        rows: [['Siti', 'Siti@Contoh.go.id', '', 'Inovator', 'Puskesmas Malili']],
      },
    ]);
    const read = await readImportFile(file);
    expect(read.problems).toEqual([]);
    expect(read.units).toEqual([
      { row: 2, name: 'Dinas Kesehatan', type: 'OPD' },
      // Row 3 is blank in Excel: skipped, and the next row keeps its own number.
      { row: 4, name: 'Puskesmas Malili', type: 'puskesmas' },
    ]);
    expect(read.accounts).toEqual([
      {
        row: 2,
        name: 'Siti',
        email: 'Siti@Contoh.go.id',
        phone: '',
        role: 'Inovator',
        units: 'Puskesmas Malili',
      },
    ]);
    const valid = validateImportRows(read);
    expect(valid.errors).toEqual([]);
    expect(valid.accounts[0]).toMatchObject({ email: 'siti@contoh.go.id', phone: null, role: 'innovator' });
  });

  it('reads English headers in any order and case, and a phone Excel stored as a number', async () => {
    const file = await xlsxFile([
      { name: 'Units', headers: ['TYPE', 'Name'], rows: [['Health centre', 'Puskesmas Wotu']] },
      {
        name: 'Accounts',
        headers: ['Role', 'Phone', 'Name', 'Units'],
        rows: [['facilitator', 81234567890, 'Andi', 'puskesmas  WOTU']],
      },
    ]);
    const read = await readImportFile(file);
    expect(read.problems).toEqual([]);
    const valid = validateImportRows(read);
    expect(valid.errors).toEqual([]);
    expect(valid.units).toEqual([{ row: 2, name: 'Puskesmas Wotu', type: 'puskesmas' }]);
    expect(valid.accounts[0]).toMatchObject({
      phone: '6281234567890',
      role: 'facilitator',
      units: ['puskesmas WOTU'],
    });
  });

  it('reports bad rows with row, column and both languages', async () => {
    const file = await xlsxFile([
      {
        name: 'Unit',
        headers: ['nama', 'jenis'],
        rows: [
          ['', 'OPD'],
          ['Dinas X', 'Kantor Pos'],
          ['dinas  x', 'OPD'],
          ['Dinas X', 'OPD'],
        ],
      },
      {
        name: 'Akun',
        headers: ['nama', 'email', 'telepon', 'peran', 'unit'],
        rows: [
          ['Budi', 'budi@', '', 'Inovator', ''],
          ['Ani', '', '', 'Pendamping', ''],
          ['Cici', 'cici@contoh.go.id', '', 'Bupati', ''],
          ['Dedi', 'CICI@contoh.go.id', '', 'Inovator', ''],
        ],
      },
    ]);
    const valid = validateImportRows(await readImportFile(file));
    const brief = valid.errors.map((e) => [e.sheet, e.row, e.column, e.message.id]);
    expect(brief).toEqual([
      ['unit', 2, 'nama', 'Nama unit wajib diisi'],
      ['unit', 3, 'jenis', expect.stringContaining('Jenis unit tidak dikenal')],
      ['unit', 5, 'nama', 'Unit ini sudah ada di baris 4'],
      ['account', 2, 'email', 'Email tidak sah'],
      ['account', 3, 'email', 'Isi email atau nomor HP'],
      ['account', 4, 'peran', expect.stringContaining('Peran tidak dikenal')],
    ]);
    expect(valid.errors.find((e) => e.row === 2 && e.sheet === 'account')!.message.en).toBe('invalid email');
    // Row 5 (Dedi) uses Cici's email, but Cici's row had an error: it is not counted as a duplicate.
    expect(valid.accounts.map((a) => a.name)).toEqual(['Dedi']);
  });

  it('names a missing sheet or column', async () => {
    const noSheet = await readImportFile(
      await xlsxFile([{ name: 'Sheet1', headers: ['nama'], rows: [['x']] }]),
    );
    expect(noSheet.problems[0]!.message.id).toContain('Lembar "Unit" atau "Akun" tidak ditemukan');
    const noColumn = await readImportFile(
      await xlsxFile([{ name: 'Akun', headers: ['nama', 'peran'], rows: [['x', 'Inovator']] }]),
    );
    expect(noColumn.problems[0]!.message).toEqual({
      id: 'Kolom tidak ditemukan: email (atau telepon)',
      en: 'Column not found: email (or phone)',
    });
  });

  it('a sheet over the row limit is refused before its rows are read', async () => {
    const rows = Array.from({ length: IMPORT_MAX_ROWS + 1 }, (_, i) => [`Unit ${i}`, 'OPD']);
    const read = await readImportFile(await xlsxFile([{ name: 'Unit', headers: ['nama', 'jenis'], rows }]));
    expect(read.units).toEqual([]);
    expect(read.problems[0]!.message.en).toContain('too many rows');
  });

  it('a row called __proto__ is only a name', async () => {
    const file = await xlsxFile([
      { name: 'Unit', headers: ['nama', 'jenis', '__proto__'], rows: [['__proto__', 'OPD', 'x']] },
      {
        name: 'Akun',
        headers: ['nama', 'email', 'peran', 'unit'],
        rows: [['__proto__', 'p@contoh.go.id', 'Inovator', '__proto__']],
      },
    ]);
    const valid = validateImportRows(await readImportFile(file));
    expect(valid.errors).toEqual([]);
    expect(valid.units).toEqual([{ row: 2, name: '__proto__', type: 'opd' }]);
    expect(valid.accounts[0]!.units).toEqual(['__proto__']);
    expect(({} as Record<string, unknown>).type).toBeUndefined();
  });

  it('reads the 30-unit, 50-account regency file without errors', async () => {
    const read = await readImportFile(await xlsxFile(regencyWorkbook()));
    const valid = validateImportRows(read);
    expect(valid.errors).toEqual([]);
    expect(valid.units).toHaveLength(30);
    expect(valid.accounts).toHaveLength(50);
    expect(new Set(valid.accounts.map((a) => a.role))).toEqual(
      new Set(['innovator', 'facilitator', 'viewer']),
    );
  });
});

describe('reading CSV', () => {
  it('reads a units CSV with "," and an accounts CSV with ";" (Indonesian Excel)', async () => {
    const units = await readImportFile(
      csvFile({
        headers: ['Nama', 'Jenis'],
        rows: [
          ['Kecamatan Nuha', 'Kecamatan'],
          ['RSUD I Lagaligo', 'RSUD'],
        ],
      }),
      'unit',
    );
    expect(units.problems).toEqual([]);
    expect(validateImportRows(units).units.map((u) => u.type)).toEqual([
      'kecamatan',
      // 'rsud' once the unit types include it; until then an RSUD is an OPD.
      expect.stringMatching(/^(rsud|opd)$/),
    ]);
    const accounts = await readImportFile(
      csvFile(
        {
          headers: ['name', 'email', 'phone', 'role', 'units'],
          rows: [['Rina', '', '+62 812-3456-7890', 'Admin lokal', 'A; B']],
        },
        'akun.csv',
        ';',
      ),
      'account',
    );
    expect(accounts.problems).toEqual([]);
    expect(accounts.accounts).toEqual([
      { row: 2, name: 'Rina', email: '', phone: '+62 812-3456-7890', role: 'Admin lokal', units: 'A; B' },
    ]);
    expect(validateImportRows(accounts).accounts[0]).toMatchObject({
      phone: '6281234567890',
      role: 'coordinator',
      units: ['A', 'B'],
    });
  });

  it('accepts a byte-order mark and refuses a CSV of the wrong kind by its missing columns', async () => {
    const bom = new File(['\uFEFFnama,jenis\r\nDinas Sosial,OPD\r\n'], 'unit.csv', { type: 'text/csv' });
    expect((await readImportFile(bom, 'unit')).units).toEqual([
      { row: 2, name: 'Dinas Sosial', type: 'OPD' },
    ]);
    const wrong = await readImportFile(bom, 'account');
    expect(wrong.problems[0]!.message.id).toBe('Kolom tidak ditemukan: peran, email (atau telepon)');
  });
});

describe('files refused before reading', () => {
  it('refuses a file over 5 MB and a file that is not XLSX or CSV', () => {
    expect(refuseFile({ name: 'a.xlsx', type: XLSX_TYPE, size: IMPORT_MAX_FILE_BYTES + 1 })!.message.en).toBe(
      'The file is too big (max. 5 MB)',
    );
    expect(refuseFile({ name: 'a.pdf', type: 'application/pdf', size: 10 })!.message.id).toContain('.xlsx');
    expect(refuseFile({ name: 'a.CSV', type: '', size: 10 })).toBeNull();
  });

  it('a broken XLSX is a readable message, not a crash', async () => {
    const read = await readImportFile(new File(['not a zip'], 'x.xlsx', { type: XLSX_TYPE }));
    expect(read.problems[0]!.message.en).toContain('cannot be read');
  });
});

describe('files handed out', () => {
  it('the generated template reads back without errors', async () => {
    const template = await importTemplate();
    const read = await readImportFile(
      new File([await template.arrayBuffer()], 'templat.xlsx', { type: XLSX_TYPE }),
    );
    expect(read.problems).toEqual([]);
    const valid = validateImportRows(read);
    expect(valid.errors).toEqual([]);
    expect(valid.units).toHaveLength(2);
    expect(valid.accounts).toHaveLength(2);
  });

  const issued: IssuedPassword[] = [
    { row: 2, name: '=HYPERLINK("http://x","klik")', login: 'a@contoh.go.id', password: 'k7pm-x3dq-9fht' },
    { row: 3, name: '+62 Budi', login: '@budi', password: '-abc' },
    { row: 4, name: 'Siti, S.Kom', login: '6281234567890', password: 'abcd-efgh-jkmn' },
  ];

  it('the passwords CSV never starts a cell with = + - @', () => {
    const csv = passwordsCsv(issued);
    const lines = csv.trim().split('\r\n');
    expect(lines[0]).toBe('baris,nama,login,kata sandi sekali pakai');
    expect(lines[1]).toBe(`2,"'=HYPERLINK(""http://x"",""klik"")",a@contoh.go.id,k7pm-x3dq-9fht`);
    expect(lines[2]).toBe(`3,'+62 Budi,'@budi,'-abc`);
    expect(lines[3]).toBe('4,"Siti, S.Kom",6281234567890,abcd-efgh-jkmn');
  });

  it('the passwords XLSX holds text cells, none a formula', async () => {
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(await (await passwordsXlsx(issued)).arrayBuffer());
    const sheet = workbook.getWorksheet('Kata sandi')!;
    const values: unknown[] = [];
    sheet.eachRow((row) => row.eachCell((c) => values.push(c.value)));
    expect(values.every((v) => typeof v === 'string')).toBe(true);
    expect(values).toContain(`'=HYPERLINK("http://x","klik")`);
    expect(values.some((v) => /^[=+\-@]/.test(String(v)))).toBe(false);
  });

  it('the regency fixture writes 80 data rows', async () => {
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load((await xlsxBytes(regencyWorkbook())).buffer);
    expect(workbook.getWorksheet('Unit')!.actualRowCount).toBe(31);
    expect(workbook.getWorksheet('Akun')!.actualRowCount).toBe(51);
  });
});
