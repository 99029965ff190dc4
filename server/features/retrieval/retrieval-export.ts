import type { RetrievedSegment } from './retrieval.service';
import { type ExportColumn, tableCsv, tableXlsx } from './table-export';

const COLUMNS: ExportColumn[] = [
  { header: 'Document', width: 28 }, { header: 'Speaker', width: 18 }, { header: 'Speaker role', width: 12 }, { header: 'Coder', width: 18 },
  { header: 'Codes', width: 30 }, { header: 'Context before', width: 40, wrap: true }, { header: 'Quote', width: 60, wrap: true },
  { header: 'Context after', width: 40, wrap: true }, { header: 'Start', width: 8 }, { header: 'End', width: 8 }, { header: 'Status', width: 10 },
  { header: 'Coded at', width: 22 },
];

function rowOf(s: RetrievedSegment) {
  return [s.documentName, s.speaker ?? '', s.speakerRole ?? '', s.coderName ?? '', s.codes.map((c) => c.path).join('; '),
    s.contextBefore, s.quote, s.contextAfter, s.start, s.end, s.status, s.createdAt];
}

/** Retrieved segments as CSV (UTF-8 with BOM, so Excel reads accents right). */
export function retrievalCsv(segments: RetrievedSegment[]): string {
  return tableCsv(COLUMNS, segments.map(rowOf));
}

/** Retrieved segments as a real .xlsx workbook (one sheet, header row frozen, quotes wrapped). */
export function retrievalXlsx(segments: RetrievedSegment[], codeName: string): Promise<Buffer> {
  return tableXlsx(codeName || 'Segments', COLUMNS, segments.map(rowOf));
}
