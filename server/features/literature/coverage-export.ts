import { newWorkbook } from '../../shared/excel';
import { memoTranslator } from '../../i18n/memo-translator';
import type { Translator } from '../../i18n/translator';
import { type ExportColumn, type ExportRow, tableCsv } from '../retrieval/table-export';
import { type GapCoverage, GROUPS } from './coverage.service';
import { groupLabel } from './gap-report';

const columns = ({ t }: Translator): ExportColumn[] => [
  { header: t('literature.column.gap'), width: 50, wrap: true }, { header: t('literature.column.focus'), width: 18 }, { header: t('literature.column.scope'), width: 14 },
  { header: t('literature.column.status'), width: 14 }, { header: t('literature.column.dimension'), width: 16 }, { header: t('literature.column.codeOrGroup'), width: 36 },
  { header: t('literature.column.relation'), width: 12 }, { header: t('literature.column.segments'), width: 12 }, { header: t('literature.column.respondents'), width: 12 },
  { header: t('literature.column.evidence'), width: 12 }, { header: t('literature.column.noEvidence'), width: 10 },
];

/**
 * Long form: per gap one row per mapped code, one per respondent group and a total. Focus, scope,
 * status, relation and group stay codes (the long form is for analysis software); the dimension
 * and the yes/no flag are words in the reader's language.
 */
function rows(gaps: GapCoverage[], { t }: Translator): ExportRow[] {
  return gaps.flatMap((g) => {
    const head = [g.statement, g.focus, g.scope, g.status];
    const flag = g.noEvidence ? t('literature.coverage.yes') : t('literature.coverage.no');
    return [
      ...g.codes.map((c) => [...head, t('literature.coverage.dimensionCode'), c.codePath, c.relation, c.segments, c.respondents, c.evidence, flag]),
      ...GROUPS.map((group) => [...head, t('literature.coverage.dimensionGroup'), group, '', g.groups[group].segments, g.groups[group].respondents, g.groups[group].evidence, flag]),
      [...head, t('literature.coverage.dimensionTotal'), '', '', g.totals.segments, g.totals.respondents, g.totals.evidence, flag],
    ];
  });
}

/** The coverage matrices as one CSV table (long form), headed in the reader's language. */
export function coverageCsv(gaps: GapCoverage[], reader: Translator): string {
  const tr = memoTranslator(reader);
  return tableCsv(columns(tr), rows(gaps, tr));
}

/** The coverage as a workbook: a sheet gaps × codes, a sheet gaps × respondent groups (segments / respondents / quotes), the long form. */
export async function coverageXlsx(gaps: GapCoverage[], reader: Translator): Promise<Buffer> {
  const tr = memoTranslator(reader);
  const { t } = tr;
  const workbook = newWorkbook();
  workbook.creator = 'SOCPREV Workbench';
  const codes = [...new Map(gaps.flatMap((g) => g.codes.map((c) => [c.codeId, c.codePath] as const))).entries()].sort((a, b) => a[1].localeCompare(b[1]));
  const cell = (n: { segments: number; respondents: number; evidence: number } | undefined) => (n ? `${n.segments} / ${n.respondents} / ${n.evidence}` : '');
  const sheet = (name: string, headers: string[], body: (string | number)[][]) => {
    const ws = workbook.addWorksheet(name, { views: [{ state: 'frozen', xSplit: 1, ySplit: 1 }] });
    ws.addRow(headers).font = { bold: true };
    for (const r of body) ws.addRow(r);
    ws.getColumn(1).width = 50;
    ws.getColumn(1).alignment = { wrapText: true, vertical: 'top' };
    for (let i = 2; i <= headers.length; i++) ws.getColumn(i).width = 18;
  };
  const yes = t('literature.coverage.yes');
  const tail = [t('literature.column.total'), t('literature.column.noEvidence')];
  sheet(t('literature.coverage.codesSheet'), [t('literature.column.gapCounts'), ...codes.map(([, path]) => path), ...tail],
    gaps.map((g) => [g.statement, ...codes.map(([id]) => cell(g.codes.find((c) => c.codeId === id))), cell(g.totals), g.noEvidence ? yes : '']));
  sheet(t('literature.coverage.groupsSheet'), [t('literature.column.gapCounts'), ...GROUPS.map((group) => groupLabel(tr, group)), ...tail],
    gaps.map((g) => [g.statement, ...GROUPS.map((group) => cell(g.groups[group])), cell(g.totals), g.noEvidence ? yes : '']));
  const long = workbook.addWorksheet(t('literature.coverage.longSheet'), { views: [{ state: 'frozen', ySplit: 1 }] });
  const cols = columns(tr);
  long.columns = cols.map((c) => ({ header: c.header, width: c.width }));
  long.getRow(1).font = { bold: true };
  for (const r of rows(gaps, tr)) long.addRow(r);
  return Buffer.from(await workbook.xlsx.writeBuffer());
}
