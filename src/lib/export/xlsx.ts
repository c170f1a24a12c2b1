/**
 * The XLSX writer. exceljs is large (~256 KB gzip): loaded only when a spreadsheet is asked for, never on the
 * first screen (`await import('./xlsx')` from output-file.svelte.ts). Every text cell is written as text and made
 * safe from formula injection (a cell starting with "=" stays those characters).
 */
import { spreadsheetSafe, XLSX_TYPE } from '../../shared/spreadsheet';
import type { Cell, SheetFile } from './sheets';

const safe = (c: Cell): Cell => (typeof c === 'string' ? spreadsheetSafe(c) : c);

export async function xlsxFile(file: SheetFile): Promise<File> {
  const { default: ExcelJS } = await import('exceljs');
  const workbook = new ExcelJS.Workbook();
  workbook.creator = 'Rintis';
  for (const s of file.sheets) {
    const sheet = workbook.addWorksheet(s.name.slice(0, 31), { views: [{ state: 'frozen', ySplit: 1 }] });
    sheet.columns = s.columns.map((c) => ({ header: c.header, width: c.width }));
    sheet.getRow(1).font = { bold: true };
    for (const row of s.rows) sheet.addRow(row.map(safe));
    if (s.footer) sheet.addRow(s.footer.map(safe)).font = { bold: true };
    if (s.notes) {
      sheet.addRow([]);
      for (const note of s.notes) sheet.addRow([safe(note)]);
    }
    sheet.eachRow((row) => {
      row.alignment = { vertical: 'top', wrapText: true };
    });
  }
  const buffer = await workbook.xlsx.writeBuffer();
  return new File([buffer], `${file.fileBase}.xlsx`, { type: XLSX_TYPE });
}
