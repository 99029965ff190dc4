import { stringify } from 'csv-stringify/sync';
import ExcelJS from 'exceljs';
import type { RetrievedSegment } from './retrieval.service';

const HEADERS = ['Document', 'Speaker', 'Speaker role', 'Coder', 'Codes', 'Context before', 'Quote', 'Context after', 'Start', 'End', 'Status', 'Coded at'];

function rowOf(s: RetrievedSegment) {
  return [s.documentName, s.speaker ?? '', s.speakerRole ?? '', s.coderName ?? '', s.codes.map((c) => c.path).join('; '),
    s.contextBefore, s.quote, s.contextAfter, s.start, s.end, s.status, s.createdAt];
}

/** Retrieved segments as CSV (UTF-8 with BOM, so Excel reads accents right). */
export function retrievalCsv(segments: RetrievedSegment[]): string {
  return stringify(segments.map(rowOf), { header: true, columns: HEADERS, bom: true });
}

/** Retrieved segments as a real .xlsx workbook (one sheet, header row frozen, quotes wrapped). */
export async function retrievalXlsx(segments: RetrievedSegment[], codeName: string): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  workbook.creator = 'SOCPREV Workbench';
  const sheet = workbook.addWorksheet(codeName.replace(/[\\/?*[\]:]/g, ' ').slice(0, 31) || 'Segments', { views: [{ state: 'frozen', ySplit: 1 }] });
  sheet.columns = HEADERS.map((header, i) => ({ header, width: [28, 18, 12, 18, 30, 40, 60, 40, 8, 8, 10, 22][i] }));
  sheet.getRow(1).font = { bold: true };
  for (const s of segments) sheet.addRow(rowOf(s));
  for (const column of [6, 7, 8]) sheet.getColumn(column).alignment = { wrapText: true, vertical: 'top' };
  return Buffer.from(await workbook.xlsx.writeBuffer());
}
