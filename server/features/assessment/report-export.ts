import type ExcelJS from 'exceljs';
import { newWorkbook } from '../../shared/excel';
import { memoTranslator } from '../../i18n/memo-translator';
import type { Translator } from '../../i18n/translator';
import type { ExportColumn, ExportRow } from '../retrieval/table-export';
import type { Inventory } from './inventory';
import type { CriteriaMatrix, ThemeMatrix } from './matrices';
import { groupLabel, label, percent, periodText, placeText, SCORE_SYMBOLS } from './report-labels';

const head = ({ t }: Translator): ExportColumn[] => [
  { header: t('assessment.matrix.practice'), width: 34 }, { header: t('assessment.matrix.place'), width: 24 }, { header: t('assessment.matrix.rating'), width: 18 },
];
const where = (tr: Translator, p: { municipality: string; region: string }) => placeText(tr, { municipality: p.municipality, region: p.region, country: '' });

/** Practice × criterion as columns and rows: `✔ Met (note) [3 evidence]` style cells, shares last; in the reader's language. */
export function criteriaMatrixTable(matrix: CriteriaMatrix, reader: Translator): { columns: ExportColumn[]; rows: ExportRow[] } {
  const tr = memoTranslator(reader);
  const { t } = tr;
  const columns = [...head(tr), ...matrix.criteria.map((c) => ({ header: c.name, width: 18 })),
    { header: t('assessment.matrix.criteriaMet'), width: 12 }, { header: t('assessment.matrix.shareMet'), width: 10 }];
  // Words looked up once per export, not once per cell (a matrix can have tens of thousands of cells).
  const scoreText = new Map(Object.keys(SCORE_SYMBOLS).map((score) => [score, `${SCORE_SYMBOLS[score]} ${label(tr, score)}`]));
  const note = ` ${t('assessment.matrix.hasNote')}`;
  const evidence = new Map<number, string>();
  const evidenceText = (count: number) => evidence.get(count) ?? evidence.set(count, ` ${t('assessment.matrix.evidence', { count })}`).get(count)!;
  const rows: ExportRow[] = matrix.rows.map((r) => [
    r.practice.name, where(tr, r.practice), label(tr, r.practice.evidenceRating ?? 'unrated'),
    ...r.cells.map((c) => (c.score
      ? `${scoreText.get(c.score) ?? c.score}${c.hasNote ? note : ''}${c.evidence ? evidenceText(c.evidence) : ''}`
      : '')),
    r.met, percent(tr, r.share),
  ]);
  rows.push([t('assessment.matrix.meetingCriterion'), '', '', ...matrix.criteria.map((c) => `${c.met} (${percent(tr, c.share)})`), '', '']);
  return { columns, rows };
}

/** Practice × theme: `✔ 2 quotes` (linked, two evidence quotes) or empty; the coded passages per theme last. */
export function themeMatrixTable(matrix: ThemeMatrix, reader: Translator): { columns: ExportColumn[]; rows: ExportRow[] } {
  const tr = memoTranslator(reader);
  const { t } = tr;
  const columns = [...head(tr), ...matrix.themes.map((theme) => ({ header: theme.path, width: 18 }))];
  const rows: ExportRow[] = matrix.rows.map((r) => [
    r.practice.name, where(tr, r.practice), label(tr, r.practice.evidenceRating ?? 'unrated'),
    ...r.cells.map((c) => (c.linked ? t('assessment.matrix.quotes', { count: c.evidence }) : '')),
  ]);
  rows.push([t('assessment.matrix.passagesCoded'), '', '', ...matrix.themes.map((theme) => theme.passages)]);
  return { columns, rows };
}

function sheet(workbook: ExcelJS.Workbook, name: string, columns: ExportColumn[], rows: ExportRow[]) {
  const ws = workbook.addWorksheet(name.replace(/[\\/?*[\]:]/g, ' ').slice(0, 31).trim(), { views: [{ state: 'frozen', ySplit: 1 }] });
  ws.columns = columns.map((c) => ({ header: c.header, width: c.width }));
  ws.getRow(1).font = { bold: true };
  for (const row of rows) ws.addRow(row);
  columns.forEach((c, i) => { if (c.wrap) ws.getColumn(i + 1).alignment = { wrapText: true, vertical: 'top' }; });
}

/** The inventory as a workbook: "Practices", "Themes and quotes" and "Assessment scores", in the report's order and the reader's language. */
export async function inventoryXlsx(inventory: Inventory, reader: Translator): Promise<Buffer> {
  const tr = memoTranslator(reader);
  const { t } = tr;
  const workbook = newWorkbook();
  workbook.creator = 'SOCPREV Workbench';
  const w = (header: string, width: number, wrap = false): ExportColumn => ({ header, width, wrap });
  sheet(workbook, t('assessment.workbook.practicesSheet'), [
    w(t('assessment.workbook.practice'), 34, true), w(t('assessment.workbook.municipality'), 16), w(t('assessment.workbook.region'), 12), w(t('assessment.workbook.country'), 12),
    w(t('assessment.workbook.organisation'), 26, true), w(t('assessment.workbook.description'), 60, true), w(t('assessment.workbook.crimeTypes'), 26, true),
    w(t('assessment.workbook.targetGroup'), 34, true), w(t('assessment.workbook.interventionType'), 26, true), w(t('assessment.workbook.workingMechanisms'), 50, true),
    w(t('assessment.workbook.period'), 18), w(t('assessment.workbook.budget'), 14), w(t('assessment.workbook.costNotes'), 40, true),
    w(t('assessment.workbook.evaluationStatus'), 18), w(t('assessment.workbook.smsLevel'), 10), w(t('assessment.workbook.rating'), 18), w(t('assessment.workbook.themes'), 40, true),
    w(t('assessment.workbook.literature'), 70, true), w(t('assessment.workbook.recordSource'), 30, true),
  ], inventory.practices.map((p) => {
    const r = p.record;
    return [r.name, r.municipality, label(tr, r.region), r.country, r.organisation, r.description, p.crimeTypes.map((c) => label(tr, c)).join(', '), r.target_group, r.intervention_type,
      r.working_mechanisms, periodText(tr, r.period_start, r.period_end), r.budget_eur ?? '', r.cost_notes, label(tr, r.evaluation_status), r.sms_level ?? '',
      label(tr, r.evidence_rating ?? 'unrated'), p.themes.map((theme) => theme.path).join('\n'), p.literature.map((s) => s.citation).join('\n'), r.record_source];
  }));
  sheet(workbook, t('assessment.workbook.themesSheet'), [
    w(t('assessment.workbook.practice'), 34, true), w(t('assessment.workbook.theme'), 40, true), w(t('assessment.workbook.linkNote'), 34, true), w(t('assessment.workbook.quote'), 80, true),
    w(t('assessment.workbook.document'), 28), w(t('assessment.workbook.respondentGroup'), 16), w(t('assessment.workbook.speaker'), 20), w(t('assessment.workbook.quoteNote'), 30, true),
  ], inventory.practices.flatMap((p) => p.themes.flatMap((theme) => (theme.quotes.length === 0 ? [[p.record.name, theme.path, theme.note, '', '', '', '', '']]
    : theme.quotes.map((q) => [p.record.name, theme.path, theme.note, q.quote, q.documentName, groupLabel(tr, q.respondentGroup), q.speaker ?? '', q.note]))) as ExportRow[]));
  sheet(workbook, t('assessment.workbook.scoresSheet'), [
    w(t('assessment.workbook.practice'), 34, true), w(t('assessment.workbook.criterion'), 34, true), w(t('assessment.workbook.score'), 14), w(t('assessment.workbook.note'), 60, true),
    w(t('assessment.workbook.evidencePassages'), 12),
  ], inventory.practices.flatMap((p) => p.scores.map((s) => [p.record.name, s.criterion, label(tr, s.score), s.note, s.evidence])));
  return Buffer.from(await workbook.xlsx.writeBuffer());
}
