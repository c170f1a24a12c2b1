/**
 * Spreadsheet helpers shared by the import files and the exports, in a module of their own so an export does not
 * pull in the import code (and its chunk into the precache). Pure: no browser or Node imports.
 */

export const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/**
 * A spreadsheet cell that a spreadsheet program would run as a formula (=, +, -, @, or a tab or carriage return
 * before one) gets a leading apostrophe, so an exported file never runs what an imported name smuggled in.
 */
export function spreadsheetSafe(value: string): string {
  return /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
}
