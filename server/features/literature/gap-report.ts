import ExcelJS from 'exceljs';
import type { GapReport } from './literature.service';

const LABELS: Record<string, string> = {
  offenders: 'Offenders', cost_effectiveness: 'Cost-effectiveness', evaluation: 'Evaluation', other: 'Other',
  international: 'International', belgium: 'Belgium', open: 'Open', partly_filled: 'Partly filled', filled: 'Filled',
  fills: 'fills', extends: 'extends', contradicts: 'contradicts', illustrates: 'illustrates', belgian: 'Belgian', unknown: 'unknown group',
};
const label = (v: string) => LABELS[v] ?? v;

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

/** The gap report as one self-contained, printable HTML page; every user text is escaped. */
export function gapReportHtml(report: GapReport, generatedAt = new Date()): string {
  const filters = Object.entries(report.filter).filter(([, v]) => v).map(([k, v]) => `${escapeHtml(k)}: ${escapeHtml(label(String(v)))}`).join(' · ');
  const gaps = report.gaps.map((d, i) => {
    const sources = d.sources.length === 0 ? '<p class="empty">No sources recorded.</p>'
      : `<ol class="sources">${d.sources.map((s) => `<li>${s.citationHtml}</li>`).join('')}</ol>`;
    const links = d.links.length === 0 ? '<p class="empty">No codes mapped to this gap yet.</p>' : d.links.map((l) => `
      <div class="link"><span class="relation">${escapeHtml(label(l.relation))}</span> — <strong>${escapeHtml(l.codePath)}</strong>
        <span class="meta">(${l.segments} passages, ${l.respondents} respondents)</span>
        ${l.note ? `<div class="note">${escapeHtml(l.note)}</div>` : ''}
        ${l.quotes.length === 0 ? '<p class="empty">No quotes chosen.</p>' : l.quotes.map((e) => `
        <blockquote><p>“${escapeHtml(e.quote)}”</p><footer>— ${escapeHtml(e.speaker ?? 'Unknown speaker')}, ${escapeHtml(e.documentName)} (${escapeHtml(label(e.respondentGroup))} respondent)${e.note ? ` · ${escapeHtml(e.note)}` : ''}</footer></blockquote>`).join('')}
      </div>`).join('');
    return `<section class="gap"><h2>${i + 1}. ${escapeHtml(d.gap.statement)}</h2>
      <p class="tags"><span>${escapeHtml(label(d.gap.focus))}</span><span>${escapeHtml(label(d.gap.scope))}</span><span>${escapeHtml(label(d.gap.status))}</span>${d.noEvidence ? '<span class="none">No interview evidence yet</span>' : ''}</p>
      ${d.gap.notes ? `<p>${escapeHtml(d.gap.notes)}</p>` : ''}
      <h3>Sources</h3>${sources}<h3>What the interviews say</h3>${links}</section>`;
  }).join('');
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1">
<title>Literature gaps — ${escapeHtml(report.projectName)}</title><style>${CSS}</style></head><body>
<header><h1>Literature gaps and interview evidence</h1><p class="meta">${escapeHtml(report.projectName)} · ${report.gaps.length} gap(s)${filters ? ` · ${filters}` : ''} · ${escapeHtml(generatedAt.toISOString().slice(0, 10))}</p></header>
${gaps || '<p class="empty">No gaps match this selection.</p>'}</body></html>`;
}

/** The gap report as a workbook: one row per evidence quote (or per link / gap when there is none). */
export async function gapReportXlsx(report: GapReport): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  workbook.creator = 'SOCPREV Workbench';
  const ws = workbook.addWorksheet('Gap report', { views: [{ state: 'frozen', ySplit: 1 }] });
  const headers: [string, number][] = [['Gap', 50], ['Focus', 16], ['Scope', 14], ['Status', 14], ['Sources', 60], ['Code', 30], ['Relation', 12], ['Link note', 30],
    ['Quote', 70], ['Respondent (document)', 28], ['Respondent group', 16], ['Speaker', 18], ['Quote note', 30]];
  ws.columns = headers.map(([header, width]) => ({ header, width }));
  ws.getRow(1).font = { bold: true };
  for (const d of report.gaps) {
    const head = [d.gap.statement, label(d.gap.focus), label(d.gap.scope), label(d.gap.status), d.sources.map((s) => s.citation).join('\n')];
    if (d.links.length === 0) ws.addRow([...head, '', '', '', '', '', '', '', '']);
    for (const l of d.links) {
      const link = [l.codePath, l.relation, l.note];
      if (l.quotes.length === 0) ws.addRow([...head, ...link, '', '', '', '', '']);
      for (const e of l.quotes) ws.addRow([...head, ...link, e.quote, e.documentName, e.respondentGroup, e.speaker ?? '', e.note]);
    }
  }
  for (const i of [1, 5, 8, 9, 13]) ws.getColumn(i).alignment = { wrapText: true, vertical: 'top' };
  return Buffer.from(await workbook.xlsx.writeBuffer());
}
