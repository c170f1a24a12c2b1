/**
 * Reading an import file in the browser: XLSX through exceljs, CSV through papaparse, both loaded only when a
 * file is chosen (they never enter the first screen's bundle; see vite.config.ts for their precache exclusion).
 * The result is rows of cell text (validated next with the shared schemas) and the file's own problems.
 */
import {
  IMPORT_MAX_FILE_BYTES,
  IMPORT_MAX_ROWS,
  rowsFromTable,
  sheetOf,
  tooManyRowsProblem,
  type ImportAccountRow,
  type ImportSheet,
  type ImportUnitRow,
  type RowError,
  type TableRow,
} from '../../shared/import';
import { readBytes } from '../attachments/hash';

export interface ReadImportFile {
  units: ImportUnitRow[];
  accounts: ImportAccountRow[];
  /** Problems of the whole file or sheet (row 0): too big, unreadable, a sheet or column missing. */
  problems: RowError[];
}

const problem = (sheet: ImportSheet, id: string, en: string): RowError => ({
  sheet,
  row: 0,
  column: '',
  message: { id, en },
});

/** The answer for a file that gives no rows: only its problems. */
const onlyProblems = (problems: RowError[]): ReadImportFile => ({ units: [], accounts: [], problems });

export type ImportFileKind = 'xlsx' | 'csv';

/** What kind of file this is by its name or type; null for anything else. */
export function importFileKind(file: Pick<File, 'name' | 'type'>): ImportFileKind | null {
  const name = file.name.toLowerCase();
  if (
    name.endsWith('.xlsx') ||
    file.type === 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet'
  )
    return 'xlsx';
  if (name.endsWith('.csv') || file.type === 'text/csv') return 'csv';
  return null;
}

/** A problem that refuses the file before it is read (too big, wrong kind), or null. */
export function refuseFile(file: Pick<File, 'name' | 'type' | 'size'>): RowError | null {
  if (file.size > IMPORT_MAX_FILE_BYTES) {
    const mb = IMPORT_MAX_FILE_BYTES / 1024 / 1024;
    return problem('unit', `Berkas terlalu besar (maks. ${mb} MB)`, `The file is too big (max. ${mb} MB)`);
  }
  if (importFileKind(file) === null) {
    return problem(
      'unit',
      'Pilih berkas Excel (.xlsx) atau CSV (.csv)',
      'Choose an Excel (.xlsx) or CSV (.csv) file',
    );
  }
  return null;
}

/**
 * Reads the file. XLSX: the sheets "Unit" and "Akun" (either may be missing, not both). CSV: one kind per file,
 * `csvSheet` says which (the screen asks).
 */
export async function readImportFile(file: File, csvSheet: ImportSheet = 'unit'): Promise<ReadImportFile> {
  const refused = refuseFile(file);
  if (refused) return onlyProblems([refused]);
  // FileReader where Blob.arrayBuffer is missing (older Android WebViews).
  const bytes = await readBytes(file);
  try {
    return importFileKind(file) === 'xlsx' ? await readXlsx(bytes) : await readCsv(bytes, csvSheet);
  } catch {
    return onlyProblems([
      problem(
        'unit',
        'Berkas tidak dapat dibaca. Simpan ulang sebagai .xlsx atau CSV UTF-8.',
        'The file cannot be read. Save it again as .xlsx or CSV UTF-8.',
      ),
    ]);
  }
}

function assemble(tables: Partial<Record<ImportSheet, TableRow[]>>, problems: RowError[]): ReadImportFile {
  const units = tables.unit ? rowsFromTable('unit', tables.unit) : { rows: [], problems: [] };
  const accounts = tables.account ? rowsFromTable('account', tables.account) : { rows: [], problems: [] };
  const all = [...problems, ...units.problems, ...accounts.problems];
  if (units.rows.length + accounts.rows.length > IMPORT_MAX_ROWS) all.push(tooManyRowsProblem('unit'));
  return all.length > 0 ? onlyProblems(all) : { units: units.rows, accounts: accounts.rows, problems: [] };
}

async function readXlsx(bytes: ArrayBuffer): Promise<ReadImportFile> {
  const { default: ExcelJS } = await import('exceljs');
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(bytes);
  const tables: Partial<Record<ImportSheet, TableRow[]>> = {};
  for (const worksheet of workbook.worksheets) {
    const sheet = sheetOf(worksheet.name);
    if (sheet === null || tables[sheet]) continue;
    // Refused before reading every cell: a sheet far past the limit must not freeze a cheap phone.
    if (worksheet.actualRowCount > IMPORT_MAX_ROWS + 1) return onlyProblems([tooManyRowsProblem(sheet)]);
    const rows: TableRow[] = [];
    worksheet.eachRow({ includeEmpty: false }, (row, rowNumber) => {
      const cells: string[] = [];
      for (let col = 1; col <= row.cellCount; col++) cells.push(row.getCell(col).text ?? '');
      rows.push({ rowNumber, cells });
    });
    tables[sheet] = rows;
  }
  if (!tables.unit && !tables.account) {
    return onlyProblems([
      problem(
        'unit',
        'Lembar "Unit" atau "Akun" tidak ditemukan. Pakai templat.',
        'No sheet named "Unit" or "Akun". Use the template.',
      ),
    ]);
  }
  return assemble(tables, []);
}

async function readCsv(bytes: ArrayBuffer, sheet: ImportSheet): Promise<ReadImportFile> {
  const text = new TextDecoder('utf-8').decode(bytes).replace(/^\uFEFF/, '');
  const { default: Papa } = await import('papaparse');
  // The delimiter is guessed: Indonesian Excel writes "CSV" with ";" as often as with ",".
  const parsed = Papa.parse<string[]>(text, { skipEmptyLines: false, preview: IMPORT_MAX_ROWS + 2 });
  const table = parsed.data.map((cells, i) => ({ rowNumber: i + 1, cells: cells.map(String) }));
  const more = parsed.meta.truncated || text.split('\n').length > IMPORT_MAX_ROWS + 2;
  if (more && table.filter((r) => r.cells.some((c) => c.trim() !== '')).length > IMPORT_MAX_ROWS)
    return onlyProblems([tooManyRowsProblem(sheet)]);
  return assemble({ [sheet]: table }, []);
}
