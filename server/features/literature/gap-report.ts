import { newWorkbook } from '../../shared/excel';
import { memoTranslator } from '../../i18n/memo-translator';
import type { Translator } from '../../i18n/translator';
import type { GapReport } from './literature.service';

/** Stored values with a label (`literature.value.<value>`); others are shown as they are. */
const LABELLED = new Set(['offenders', 'cost_effectiveness', 'evaluation', 'other', 'international', 'belgium', 'open', 'partly_filled', 'filled',
  'fills', 'extends', 'contradicts', 'illustrates']);
const GROUPS = new Set(['international', 'belgian', 'unknown']);
const FILTERS = new Set(['focus', 'scope', 'status']);
const label = (tr: Translator, v: string) => (LABELLED.has(v) ? tr.t(`literature.value.${v}`) : v);
/** A respondent group as a table value or heading (`belgian`, `Belgisch`…). */
export const groupLabel = (tr: Translator, group: string) => (GROUPS.has(group) ? tr.t(`literature.group.${group}`) : group);
const respondent = (tr: Translator, group: string) => (GROUPS.has(group) ? tr.t(`literature.respondent.${group}`) : group);

/** Escapes text for HTML content and attribute values. */
export function escapeHtml(text: unknown): string {
  return String(text ?? '').replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);
}

const CSS = `
body{font:11pt/1.5 Georgia,'Times New Roman',serif;color:#1a1a1a;max-width:52rem;margin:2rem auto;padding:0 1.5rem}
h1{font-size:1.6rem;margin:0 0 .25rem}h2{font-size:1.2rem;margin:0 0 .5rem}h3{font-size:1rem;margin:1rem 0 .25rem}
.meta{color:#555;font-size:.9rem}.gap{border-top:2px solid #333;padding-top:1rem;margin-top:1.5rem;break-inside:avoid-page}
.tags span{display:inline-block;border:1px solid #999;border-radius:3px;padding:0 .4rem;margin-right:.3rem;font:.8rem system-ui,sans-serif}
.tags .none{background:#fde2e1;border-color:#b42318;color:#7a1a12}
ol.sources{padding-left:1.2rem;font-size:.92rem}ol.sources li{margin:.2rem 0;padding-left:.3rem;text-indent:0}
blockquote{margin:.5rem 0 .5rem 1rem;padding:.25rem .75rem;border-left:3px solid #888;background:#f6f6f4}
blockquote footer{font:.8rem system-ui,sans-serif;color:#555;margin-top:.2rem}
.link{margin:.75rem 0}.relation{font:600 .85rem system-ui,sans-serif;text-transform:uppercase;color:#444}.note{font-style:italic;color:#444}
.empty{color:#777;font-style:italic}
@media print{body{margin:0;max-width:none;font-size:10pt}.gap{break-inside:auto}h2,h3{break-after:avoid}blockquote{break-inside:avoid;background:none}
a{color:inherit;text-decoration:none}@page{margin:2cm}}
`;

/** The gap report as one self-contained, printable HTML page in the reader's language; every user text is escaped. */
export function gapReportHtml(report: GapReport, reader: Translator, generatedAt = new Date()): string {
  const tr = memoTranslator(reader);
  const { t } = tr;
  const e = escapeHtml;
  const filters = Object.entries(report.filter).filter(([, v]) => v)
    .map(([k, v]) => `${e(FILTERS.has(k) ? t(`literature.filterName.${k}`) : k)}: ${e(label(tr, String(v)))}`).join(' · ');
  const gaps = report.gaps.map((d, i) => {
    const sources = d.sources.length === 0 ? `<p class="empty">${e(t('literature.report.noSources'))}</p>`
      : `<ol class="sources">${d.sources.map((s) => `<li>${s.citationHtml}</li>`).join('')}</ol>`;
    const links = d.links.length === 0 ? `<p class="empty">${e(t('literature.report.noLinks'))}</p>` : d.links.map((l) => `
      <div class="link"><span class="relation">${e(label(tr, l.relation))}</span> — <strong>${e(l.codePath)}</strong>
        <span class="meta">${e(t('literature.report.counts', { segments: tr.number(l.segments), respondents: tr.number(l.respondents) }))}</span>
        ${l.note ? `<div class="note">${e(l.note)}</div>` : ''}
        ${l.quotes.length === 0 ? `<p class="empty">${e(t('literature.report.noQuotes'))}</p>` : l.quotes.map((q) => `
        <blockquote><p>“${e(q.quote)}”</p><footer>— ${e(q.speaker ?? t('literature.report.unknownSpeaker'))}, ${e(q.documentName)} (${e(respondent(tr, q.respondentGroup))})${q.note ? ` · ${e(q.note)}` : ''}</footer></blockquote>`).join('')}
      </div>`).join('');
    return `<section class="gap"><h2>${i + 1}. ${e(d.gap.statement)}</h2>
      <p class="tags"><span>${e(label(tr, d.gap.focus))}</span><span>${e(label(tr, d.gap.scope))}</span><span>${e(label(tr, d.gap.status))}</span>${d.noEvidence ? `<span class="none">${e(t('literature.report.noEvidence'))}</span>` : ''}</p>
      ${d.gap.notes ? `<p>${e(d.gap.notes)}</p>` : ''}
      <h3>${e(t('literature.report.sources'))}</h3>${sources}<h3>${e(t('literature.report.interviews'))}</h3>${links}</section>`;
  }).join('');
  return `<!doctype html><html lang="${tr.locale}"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1">
<title>${e(t('literature.report.pageTitle', { project: report.projectName }))}</title><style>${CSS}</style></head><body>
<header><h1>${e(t('literature.report.title'))}</h1><p class="meta">${e(report.projectName)} · ${e(t('literature.report.gapCount', { count: report.gaps.length }))}${filters ? ` · ${filters}` : ''} · ${e(tr.date(generatedAt.toISOString().slice(0, 10)))}</p></header>
${gaps || `<p class="empty">${e(t('literature.report.empty'))}</p>`}</body></html>`;
}

/** The gap report as a workbook in the reader's language: one row per evidence quote (or per link / gap when there is none). */
export async function gapReportXlsx(report: GapReport, reader: Translator): Promise<Buffer> {
  const tr = memoTranslator(reader);
  const { t } = tr;
  const workbook = newWorkbook();
  workbook.creator = 'SOCPREV Workbench';
  const ws = workbook.addWorksheet(t('literature.report.sheet'), { views: [{ state: 'frozen', ySplit: 1 }] });
  const headers: [string, number][] = [[t('literature.column.gap'), 50], [t('literature.column.focus'), 16], [t('literature.column.scope'), 14], [t('literature.column.status'), 14],
    [t('literature.column.sources'), 60], [t('literature.column.code'), 30], [t('literature.column.relation'), 12], [t('literature.column.linkNote'), 30],
    [t('literature.column.quote'), 70], [t('literature.column.document'), 28], [t('literature.column.respondentGroup'), 16], [t('literature.column.speaker'), 18],
    [t('literature.column.quoteNote'), 30]];
  ws.columns = headers.map(([header, width]) => ({ header, width }));
  ws.getRow(1).font = { bold: true };
  for (const d of report.gaps) {
    const head = [d.gap.statement, label(tr, d.gap.focus), label(tr, d.gap.scope), label(tr, d.gap.status), d.sources.map((s) => s.citation).join('\n')];
    if (d.links.length === 0) ws.addRow([...head, '', '', '', '', '', '', '', '']);
    for (const l of d.links) {
      const link = [l.codePath, label(tr, l.relation), l.note];
      if (l.quotes.length === 0) ws.addRow([...head, ...link, '', '', '', '', '']);
      for (const q of l.quotes) ws.addRow([...head, ...link, q.quote, q.documentName, groupLabel(tr, q.respondentGroup), q.speaker ?? '', q.note]);
    }
  }
  for (const i of [1, 5, 8, 9, 13]) ws.getColumn(i).alignment = { wrapText: true, vertical: 'top' };
  return Buffer.from(await workbook.xlsx.writeBuffer());
}
