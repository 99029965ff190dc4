import ExcelJS from 'exceljs';
import type { ExportColumn, ExportRow } from '../retrieval/table-export';
import type { Inventory } from './inventory';
import type { CriteriaMatrix, ThemeMatrix } from './matrices';
import { label, periodText, placeText, SCORE_SYMBOLS } from './report-labels';

const percent = (share: number | null) => (share === null ? '' : `${Math.round(share * 1000) / 10}%`);
const head: ExportColumn[] = [{ header: 'Practice', width: 34 }, { header: 'Place', width: 24 }, { header: 'Evidence rating', width: 18 }];

/** Practice × criterion as columns and rows: `✔ Met*3` style cells (`*` a note, `3` evidence passages), shares last. */
export function criteriaMatrixTable(matrix: CriteriaMatrix): { columns: ExportColumn[]; rows: ExportRow[] } {
  const columns = [...head, ...matrix.criteria.map((c) => ({ header: c.name, width: 18 })), { header: 'Criteria met', width: 12 }, { header: 'Share met', width: 10 }];
  const rows: ExportRow[] = matrix.rows.map((r) => [
    r.practice.name, placeText({ municipality: r.practice.municipality, region: r.practice.region, country: '' }), label(r.practice.evidenceRating) || 'Not rated',
    ...r.cells.map((c) => (c.score ? `${SCORE_SYMBOLS[c.score]} ${label(c.score)}${c.hasNote ? ' (note)' : ''}${c.evidence ? ` [${c.evidence} evidence]` : ''}` : '')),
    r.met, percent(r.share),
  ]);
  rows.push(['Practices meeting the criterion', '', '', ...matrix.criteria.map((c) => `${c.met} (${percent(c.share)})`), '', '']);
  return { columns, rows };
}

/** Practice × theme: `✔ 2` (linked, two evidence quotes) or empty; the coded passages per theme last. */
export function themeMatrixTable(matrix: ThemeMatrix): { columns: ExportColumn[]; rows: ExportRow[] } {
  const columns = [...head, ...matrix.themes.map((t) => ({ header: t.path, width: 18 }))];
  const rows: ExportRow[] = matrix.rows.map((r) => [
    r.practice.name, placeText({ municipality: r.practice.municipality, region: r.practice.region, country: '' }), label(r.practice.evidenceRating) || 'Not rated',
    ...r.cells.map((c) => (c.linked ? `✔ ${c.evidence} quote${c.evidence === 1 ? '' : 's'}` : '')),
  ]);
  rows.push(['Passages coded in the interviews', '', '', ...matrix.themes.map((t) => t.passages)]);
  return { columns, rows };
}

function sheet(workbook: ExcelJS.Workbook, name: string, columns: ExportColumn[], rows: ExportRow[]) {
  const ws = workbook.addWorksheet(name, { views: [{ state: 'frozen', ySplit: 1 }] });
  ws.columns = columns.map((c) => ({ header: c.header, width: c.width }));
  ws.getRow(1).font = { bold: true };
  for (const row of rows) ws.addRow(row);
  columns.forEach((c, i) => { if (c.wrap) ws.getColumn(i + 1).alignment = { wrapText: true, vertical: 'top' }; });
}

/** The inventory as a workbook: "Practices", "Themes and quotes" and "Assessment scores", in the report's order. */
export async function inventoryXlsx(inventory: Inventory): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  workbook.creator = 'SOCPREV Workbench';
  const w = (header: string, width: number, wrap = false): ExportColumn => ({ header, width, wrap });
  sheet(workbook, 'Practices', [
    w('Practice', 34, true), w('Municipality', 16), w('Region', 12), w('Country', 12), w('Organisation', 26, true), w('Description', 60, true), w('Crime types', 26, true),
    w('Target group', 34, true), w('Intervention type', 26, true), w('Working mechanisms', 50, true), w('Period', 18), w('Budget (EUR)', 14), w('Cost notes', 40, true),
    w('Evaluation status', 18), w('SMS level', 10), w('Evidence rating', 18), w('Themes', 40, true), w('Literature', 70, true), w('Source of the record', 30, true),
  ], inventory.practices.map((p) => {
    const r = p.record;
    return [r.name, r.municipality, label(r.region), r.country, r.organisation, r.description, p.crimeTypes.map(label).join(', '), r.target_group, r.intervention_type,
      r.working_mechanisms, periodText(r.period_start, r.period_end), r.budget_eur ?? '', r.cost_notes, label(r.evaluation_status), r.sms_level ?? '',
      label(r.evidence_rating) || 'Not rated', p.themes.map((t) => t.path).join('\n'), p.literature.map((s) => s.citation).join('\n'), r.record_source];
  }));
  sheet(workbook, 'Themes and quotes', [
    w('Practice', 34, true), w('Theme', 40, true), w('Link note', 34, true), w('Quote', 80, true), w('Respondent (document)', 28), w('Respondent group', 16), w('Speaker', 20), w('Quote note', 30, true),
  ], inventory.practices.flatMap((p) => p.themes.flatMap((t) => (t.quotes.length === 0 ? [[p.record.name, t.path, t.note, '', '', '', '', '']]
    : t.quotes.map((q) => [p.record.name, t.path, t.note, q.quote, q.documentName, q.respondentGroup, q.speaker ?? '', q.note]))) as ExportRow[]));
  sheet(workbook, 'Assessment scores', [w('Practice', 34, true), w('Criterion', 34, true), w('Score', 14), w('Note', 60, true), w('Evidence passages', 12)],
    inventory.practices.flatMap((p) => p.scores.map((s) => [p.record.name, s.criterion, label(s.score), s.note, s.evidence])));
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

