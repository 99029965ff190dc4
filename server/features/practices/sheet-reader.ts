import { parse } from 'csv-parse/sync';
import type ExcelJS from 'exceljs';
import { newWorkbook } from '../../shared/excel';
import { badRequest } from '../../errors';
import { checkZipExpansion, ZipExpansionError } from '../../shared/zip-expansion';

/** One sheet row as the user sees it: its number (the header is row 1) and its cells as text. */
export interface SheetRow {
  row: number;
  cells: string[];
}

/** The delimiter of a CSV file: the one of `,` `;` tab found most often in its first line, outside quotes. */
function delimiterOf(text: string): string {
  const line = (text.split(/\r?\n/, 1)[0] ?? '').replace(/"[^"]*"/g, '');
  const counts = [',', ';', '\t'].map((d) => [d, line.split(d).length - 1] as const);
  return counts.reduce((best, c) => (c[1] > best[1] ? c : best))[0];
}

function readCsv(bytes: Buffer): SheetRow[] {
  const text = bytes.toString('utf8').replace(/^\uFEFF/, '');
  if (text.includes('\uFFFD')) throw badRequest('IMPORT_ENCODING', 'literatureErrors.sheet.encoding');
  try {
    const records = parse(text, { delimiter: delimiterOf(text), relax_column_count: true, skip_empty_lines: false }) as string[][];
    // Excel shows each record, blank ones included, as one row: the record index is the row number.
    return records.map((cells, i) => ({ row: i + 1, cells }));
  } catch (error) {
    throw badRequest('IMPORT_UNREADABLE', 'literatureErrors.sheet.csvUnreadable', { detail: (error as Error).message });
  }
}

/** A cell's value as text: dates as ISO dates, rich text joined, formulas by their result. */
function cellText(value: ExcelJS.CellValue): string {
  if (value === null || value === undefined) return '';
  if (value instanceof Date) return value.toISOString().slice(0, 10);
  if (typeof value !== 'object') return String(value);
  if ('richText' in value) return value.richText.map((r) => r.text).join('');
  if ('result' in value) return cellText(value.result as ExcelJS.CellValue);
  if ('text' in value) return typeof value.text === 'string' ? value.text : cellText(value.text as ExcelJS.CellValue);
  if ('error' in value) return String(value.error);
  return '';
}

async function readXlsx(bytes: Buffer): Promise<SheetRow[]> {
  try {
    // exceljs unpacks whole sheets into memory: refuse a zip bomb first (a 2 MB sheet already holds ~20,000 rows).
    await checkZipExpansion(bytes, { maxEntries: 2_000, maxXmlEntryBytes: 64 * 1024 * 1024, maxEntryBytes: 64 * 1024 * 1024, maxTotalBytes: 256 * 1024 * 1024 });
  } catch (error) {
    if (error instanceof ZipExpansionError && error.reason === 'too-large') {
      throw badRequest('IMPORT_TOO_LARGE', 'literatureErrors.sheet.tooLarge');
    }
    throw badRequest('IMPORT_UNREADABLE', 'literatureErrors.sheet.xlsxUnreadable');
  }
  const workbook = newWorkbook();
  try {
    await workbook.xlsx.load(bytes as unknown as ArrayBuffer);
  } catch {
    throw badRequest('IMPORT_UNREADABLE', 'literatureErrors.sheet.xlsxUnreadable');
  }
  const sheet = workbook.worksheets[0];
  if (!sheet) throw badRequest('IMPORT_EMPTY', 'literatureErrors.sheet.noSheet');
  const rows: SheetRow[] = [];
  const width = Math.max(sheet.columnCount, 1);
  sheet.eachRow({ includeEmpty: false }, (row) => {
    const cells: string[] = [];
    for (let c = 1; c <= width; c++) cells.push(cellText(row.getCell(c).value));
    rows.push({ row: row.number, cells });
  });
  return rows;
}

/**
 * Reads an uploaded spreadsheet, CSV (`,` `;` or tab, UTF-8) or .xlsx (its first sheet), told
 * apart by extension and content. Old .xls and other files are refused with a clear 400.
 */
export async function readSheet(fileName: string, bytes: Buffer): Promise<SheetRow[]> {
  const zip = bytes.subarray(0, 4).equals(Buffer.from([0x50, 0x4b, 0x03, 0x04]));
  const ole = bytes.subarray(0, 4).equals(Buffer.from([0xd0, 0xcf, 0x11, 0xe0]));
  const ext = /\.([a-z0-9]+)$/i.exec(fileName)?.[1]?.toLowerCase() ?? '';
  if (ole || ext === 'xls') throw badRequest('IMPORT_FORMAT', 'literatureErrors.sheet.xlsOld');
  if (zip) return readXlsx(bytes);
  if (ext === 'xlsx') throw badRequest('IMPORT_UNREADABLE', 'literatureErrors.sheet.xlsxDamaged');
  if (['csv', 'txt', 'tsv', ''].includes(ext) || !bytes.includes(0)) return readCsv(bytes);
  throw badRequest('IMPORT_FORMAT', 'literatureErrors.sheet.format');
}
