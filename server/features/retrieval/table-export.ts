import { stringify } from 'csv-stringify/sync';
import { newWorkbook } from '../../shared/excel';

export interface ExportColumn {
  header: string;
  /** Column width in the workbook (characters). */
  width: number;
  /** Wrap long text (quotes, context). */
  wrap?: boolean;
}

export type ExportRow = (string | number)[];

/** Rows as CSV (UTF-8 with BOM, so Excel reads accents right). */
export function tableCsv(columns: ExportColumn[], rows: ExportRow[]): string {
  return stringify(rows, { header: true, columns: columns.map((c) => c.header), bom: true });
}

/** Rows as a real .xlsx workbook: one sheet, header row bold and frozen, long text wrapped. */
export async function tableXlsx(sheetName: string, columns: ExportColumn[], rows: ExportRow[]): Promise<Buffer> {
  const workbook = newWorkbook();
  workbook.creator = 'SOCPREV Workbench';
  const sheet = workbook.addWorksheet(sheetName.replace(/[\\/?*[\]:]/g, ' ').slice(0, 31).trim() || 'Sheet 1', { views: [{ state: 'frozen', ySplit: 1 }] });
  sheet.columns = columns.map((c) => ({ header: c.header, width: c.width }));
  sheet.getRow(1).font = { bold: true };
  for (const row of rows) sheet.addRow(row);
  columns.forEach((c, i) => { if (c.wrap) sheet.getColumn(i + 1).alignment = { wrapText: true, vertical: 'top' }; });
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

/**
 * A `content-disposition` header for a download named after something a user typed: an ASCII
 * fallback (`fallback.ext`) and the UTF-8 name, stripped of characters file systems dislike.
 *
 * @example
 * attachment('Relapse & housing', 'csv', 'query'); // attachment; filename="query.csv"; filename*=UTF-8''Relapse%20%20housing.csv
 */
export function attachment(name: string, ext: string, fallback: string): string {
  const safe = name.replace(/[^\p{L}\p{N} _-]+/gu, '').trim().slice(0, 60) || fallback;
  return `attachment; filename="${fallback}.${ext}"; filename*=UTF-8''${encodeURIComponent(`${safe}.${ext}`)}`;
}

export const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
