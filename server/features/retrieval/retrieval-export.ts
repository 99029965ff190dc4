import type { Translator } from '../../i18n/translator';
import { valueLabels } from './export-labels';
import type { RetrievedSegment } from './retrieval.service';
import { type ExportColumn, tableCsv, tableXlsx } from './table-export';

/** The columns of a retrieval download, headed in the reader's language. */
function columns({ t }: Translator): ExportColumn[] {
  return [
    { header: t('tables.columns.document'), width: 28 }, { header: t('tables.columns.speaker'), width: 18 }, { header: t('tables.columns.speakerRole'), width: 12 },
    { header: t('tables.columns.coder'), width: 18 }, { header: t('tables.columns.codes'), width: 30 }, { header: t('tables.columns.contextBefore'), width: 40, wrap: true },
    { header: t('tables.columns.quote'), width: 60, wrap: true }, { header: t('tables.columns.contextAfter'), width: 40, wrap: true },
    { header: t('tables.columns.start'), width: 8 }, { header: t('tables.columns.end'), width: 8 }, { header: t('tables.columns.status'), width: 10 },
    { header: t('tables.columns.codedAt'), width: 22 },
  ];
}

function rows(segments: RetrievedSegment[], tr: Translator) {
  const label = valueLabels(tr);
  return segments.map((s) => [s.documentName, s.speaker ?? '', label('speakerRole', s.speakerRole), s.coderName ?? '', s.codes.map((c) => c.path).join('; '),
    s.contextBefore, s.quote, s.contextAfter, s.start, s.end, label('status', s.status), s.createdAt]);
}

/** Retrieved segments as CSV (UTF-8 with BOM, so Excel reads accents right). */
export function retrievalCsv(segments: RetrievedSegment[], tr: Translator): string {
  return tableCsv(columns(tr), rows(segments, tr));
}

/** Retrieved segments as a real .xlsx workbook (one sheet, header row frozen, quotes wrapped). */
export function retrievalXlsx(segments: RetrievedSegment[], codeName: string, tr: Translator): Promise<Buffer> {
  return tableXlsx(codeName || tr.t('tables.sheets.retrieval'), columns(tr), rows(segments, tr));
}
