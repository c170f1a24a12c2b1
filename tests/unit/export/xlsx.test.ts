/**
 * The spreadsheet exports (coverage, sessions, follow-ups), opened back with exceljs: headers, rows, readable
 * labels (never stored keys), totals, and text cells safe from formula injection.
 */
import { describe, expect, it } from 'vitest';
import ExcelJS from 'exceljs';
import { uuidv7 } from 'uuidv7';
import { collectFollowUps } from '../../../src/shared/domain';
import { coverageSheet, followUpsSheet, sessionsSheet } from '../../../src/lib/export/sheets';
import { coverage } from '../../../src/shared/domain/coverage';
import { translator } from '../../../src/lib/export/strings';
import { xlsxFile } from '../../../src/lib/export/xlsx';
import { aFollowUp, aParticipant, aSession } from '../../factories';

async function read(file: File): Promise<ExcelJS.Workbook> {
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(await file.arrayBuffer());
  return workbook;
}
const values = (sheet: ExcelJS.Worksheet, row: number) =>
  (sheet.getRow(row).values as ExcelJS.CellValue[]).slice(1);

const id = translator('id');

describe('coverage XLSX', () => {
  it('has a row per unit with its counts and a bold totals row', async () => {
    type Counts = { inisiatif: number; penerapan: number };
    const rows = [
      { name: 'Dinas Kesehatan', inisiatif: 2, penerapan: 1 },
      { name: 'Puskesmas Mawar', inisiatif: 0, penerapan: 0 },
    ];
    const file = await xlsxFile(
      coverageSheet<Counts, (typeof rows)[number]>(
        2026,
        rows,
        { inisiatif: 2, penerapan: 1 },
        (r) => r.name,
        [
          { label: 'Inisiatif', count: (c) => c.inisiatif },
          { label: 'Penerapan', count: (c) => c.penerapan },
        ],
        id,
      ),
    );
    expect(file.name).toBe('cakupan-inovasi-2026.xlsx');
    const sheet = (await read(file)).getWorksheet('Cakupan 2026')!;
    expect(values(sheet, 1)).toEqual(['Unit', 'Inisiatif', 'Penerapan']);
    expect(sheet.getRow(1).font?.bold).toBe(true);
    expect(values(sheet, 2)).toEqual(['Dinas Kesehatan', 2, 1]);
    expect(values(sheet, 3)).toEqual(['Puskesmas Mawar', 0, 0]);
    expect(values(sheet, 4)).toEqual(['Jumlah', 2, 1]);
    expect(sheet.getRow(4).font?.bold).toBe(true);
    expect(sheet.rowCount).toBe(4);
  });

  it('the coverage rule under the counts, and a sheet of units with an innovation per unit type', async () => {
    const records = {
      units: [
        { id: 'u1', name: 'Puskesmas Mawar', type: 'puskesmas' as const, deleted: false },
        { id: 'u2', name: 'Puskesmas Melati', type: 'puskesmas' as const, deleted: false },
        { id: 'u3', name: 'Dinas Kesehatan', type: 'opd' as const, deleted: false },
      ],
      drafts: [
        // Submitted: Mawar's innovation. Melati's only draft is just started: no innovation.
        { id: 'd1', unitId: 'u1', stage: 'inisiatif' as const, reviewStatus: 'diajukan' as const },
        { id: 'd2', unitId: 'u2', stage: 'inisiatif' as const, reviewStatus: 'draft' as const },
      ].map((d) => ({
        ...d,
        templateKey: 'kipp',
        templateVersion: 1,
        createdAt: new Date(2026, 5, 15).getTime(),
        deleted: false,
      })),
      templates: [],
      submissions: [],
    };
    const c = coverage(records, 2026);
    const file = await xlsxFile(
      coverageSheet(
        2026,
        c.units,
        c.totals,
        (r) => r.name,
        [
          { label: 'Jumlah', count: (n) => n.total },
          { label: 'Inovasi', count: (n) => n.innovations },
        ],
        id,
        { notes: ['Unit dengan inovasi tahun 2026: …'], byType: c.byType },
      ),
    );
    const book = await read(file);
    const units = book.getWorksheet('Cakupan 2026')!;
    expect([2, 3, 4, 5].map((r) => values(units, r))).toEqual([
      ['Dinas Kesehatan', 0, 0],
      ['Puskesmas Melati', 1, 0],
      ['Puskesmas Mawar', 1, 1],
      ['Jumlah', 2, 1],
    ]);
    expect(values(units, 7)).toEqual(['Unit dengan inovasi tahun 2026: …']);
    const types = book.getWorksheet('Per jenis unit 2026')!;
    expect(values(types, 1)).toEqual(['Jenis unit', 'Unit', 'Punya inovasi', 'Belum']);
    expect([2, 3, 4].map((r) => values(types, r))).toEqual([
      ['opd', 1, 0, 1],
      ['puskesmas', 2, 1, 1],
      ['Jumlah', 3, 1, 2],
    ]);
  });
});

describe('sessions XLSX', () => {
  it('lists every session newest first with units by name, attendance and open follow-ups', async () => {
    const unit = uuidv7();
    const older = aSession({
      startsAt: '2026-03-04T09:30',
      place: 'Aula Bappeda',
      facilitatorName: 'Bu Rina',
      unitIds: [unit],
      topics: 'Ringkasan',
      agreements: '=HYPERLINK("http://x")',
      participants: {
        [uuidv7()]: aParticipant({ name: 'Bu Sari', present: true }),
        [uuidv7()]: aParticipant({ name: 'Pak Budi', present: false }),
      },
      actions: {
        [uuidv7()]: aFollowUp({ status: 'terbuka' }),
        [uuidv7()]: aFollowUp({ status: 'selesai' }),
      },
    });
    const newer = aSession({ startsAt: '2026-05-01T10:00', place: 'Puskesmas', unitIds: [] });
    const gone = aSession({ startsAt: '2026-06-01T10:00', place: 'Dihapus', deleted: true });
    const file = await xlsxFile(
      sessionsSheet([older, newer, gone], new Map([[unit, 'Dinas Kesehatan']]), 'id', id),
    );
    expect(file.name).toBe('sesi-pendampingan.xlsx');
    const sheet = (await read(file)).getWorksheet('Sesi pendampingan')!;
    expect(values(sheet, 1)).toEqual([
      'Tanggal dan jam',
      'Tempat',
      'Unit yang didampingi',
      'Pendamping',
      'Hadir',
      'Peserta',
      'Topik',
      'Kesepakatan',
      'Tindak lanjut terbuka',
    ]);
    expect(sheet.rowCount).toBe(3);
    expect(values(sheet, 2)[1]).toBe('Puskesmas');
    const row = values(sheet, 3);
    expect(row[0]).toContain('2026');
    expect(row.slice(1, 7)).toEqual(['Aula Bappeda', 'Dinas Kesehatan', 'Bu Rina', 1, 2, 'Ringkasan']);
    // A formula typed into a field stays text.
    expect(row[7]).toBe('\'=HYPERLINK("http://x")');
    expect(sheet.getCell('H3').formula).toBeUndefined();
    expect(row[8]).toBe(1);
  });
});

describe('follow-ups XLSX', () => {
  it('writes statuses as words, overdue ones marked, with their session, place and units', async () => {
    const unit = uuidv7();
    const session = aSession({
      startsAt: '2026-03-04T09:30',
      place: 'Aula Bappeda',
      unitIds: [unit],
      actions: {
        [uuidv7()]: aFollowUp({ what: 'Lengkapi anggaran', who: 'Bu Sari', due: '2026-03-11', order: 1 }),
        [uuidv7()]: aFollowUp({ what: 'Foto kegiatan', who: '', due: '', status: 'selesai', order: 2 }),
      },
    });
    const items = collectFollowUps([session], '2026-04-01');
    const file = await xlsxFile(
      followUpsSheet(items, new Map([[session.id, session]]), new Map([[unit, 'Dinas Kesehatan']]), 'id', id),
    );
    expect(file.name).toBe('tindak-lanjut.xlsx');
    const sheet = (await read(file)).getWorksheet('Tindak lanjut')!;
    expect(values(sheet, 1)).toEqual([
      'Tindakan',
      'Penanggung jawab',
      'Tenggat',
      'Status',
      'Terlambat',
      'Sesi',
      'Tempat',
      'Unit yang didampingi',
    ]);
    const rows = [values(sheet, 2), values(sheet, 3)];
    const open = rows.find((r) => r[0] === 'Lengkapi anggaran')!;
    expect(open.slice(0, 2)).toEqual(['Lengkapi anggaran', 'Bu Sari']);
    expect(open[2]).toContain('2026');
    expect(open.slice(3, 5)).toEqual(['Terbuka', 'Ya']);
    expect(open.slice(6)).toEqual(['Aula Bappeda', 'Dinas Kesehatan']);
    const done = rows.find((r) => r[0] === 'Foto kegiatan')!;
    expect(done[3]).toBe('Selesai');
    // No stored status key reaches the file.
    for (const r of rows) for (const key of ['terbuka', 'selesai', 'batal']) expect(r).not.toContain(key);
  });
});
