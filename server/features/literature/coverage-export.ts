import ExcelJS from 'exceljs';
import { type ExportColumn, type ExportRow, tableCsv } from '../retrieval/table-export';
import { type GapCoverage, GROUPS } from './coverage.service';

const COLUMNS: ExportColumn[] = [
  { header: 'Gap', width: 50, wrap: true }, { header: 'Focus', width: 18 }, { header: 'Scope', width: 14 }, { header: 'Status', width: 14 },
  { header: 'Dimension', width: 16 }, { header: 'Code or group', width: 36 }, { header: 'Relation', width: 12 },
  { header: 'Supporting segments', width: 12 }, { header: 'Respondents', width: 12 }, { header: 'Evidence quotes', width: 12 }, { header: 'No evidence', width: 10 },
];

/** Long form: per gap one row per mapped code, one per respondent group and a total. */
function rows(gaps: GapCoverage[]): ExportRow[] {
  return gaps.flatMap((g) => {
    const head = [g.statement, g.focus, g.scope, g.status];
    const flag = g.noEvidence ? 'yes' : 'no';
    return [
      ...g.codes.map((c) => [...head, 'code', c.codePath, c.relation, c.segments, c.respondents, c.evidence, flag]),
      ...GROUPS.map((group) => [...head, 'respondent group', group, '', g.groups[group].segments, g.groups[group].respondents, g.groups[group].evidence, flag]),
      [...head, 'total', '', '', g.totals.segments, g.totals.respondents, g.totals.evidence, flag],
    ];
  });
}

/** The coverage matrices as one CSV table (long form). */
export const coverageCsv = (gaps: GapCoverage[]) => tableCsv(COLUMNS, rows(gaps));

/** The coverage as a workbook: a sheet gaps × codes, a sheet gaps × respondent groups (segments / respondents / quotes). */
export async function coverageXlsx(gaps: GapCoverage[]): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
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
  sheet('Gaps x codes', ['Gap (segments / respondents / quotes)', ...codes.map(([, path]) => path), 'Total', 'No evidence'],
    gaps.map((g) => [g.statement, ...codes.map(([id]) => cell(g.codes.find((c) => c.codeId === id))), cell(g.totals), g.noEvidence ? 'yes' : '']));
  sheet('Gaps x respondent groups', ['Gap (segments / respondents / quotes)', ...GROUPS, 'Total', 'No evidence'],
    gaps.map((g) => [g.statement, ...GROUPS.map((group) => cell(g.groups[group])), cell(g.totals), g.noEvidence ? 'yes' : '']));
  const long = workbook.addWorksheet('Long form', { views: [{ state: 'frozen', ySplit: 1 }] });
  long.columns = COLUMNS.map((c) => ({ header: c.header, width: c.width }));
  long.getRow(1).font = { bold: true };
  for (const r of rows(gaps)) long.addRow(r);
  return Buffer.from(await workbook.xlsx.writeBuffer());
}
