import { memoTranslator } from '../../i18n/memo-translator';
import type { Translator } from '../../i18n/translator';
import type { Inventory, InventoryPractice } from './inventory';
import { euros, filterText, label, periodText, placeText, respondentText, SCORE_SYMBOLS } from './report-labels';

/** Escapes text for HTML content and attribute values. */
export function escapeHtml(text: unknown): string {
  return String(text ?? '').replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);
}
const e = escapeHtml;

const CSS = `
:root{--ink:#1a1a1a;--muted:#555;--rule:#c8c8c8}
*{box-sizing:border-box}body{font:11pt/1.5 Georgia,'Times New Roman',serif;color:var(--ink);max-width:54rem;margin:2rem auto;padding:0 1.5rem}
h1{font-size:2rem;margin:0 0 .5rem;line-height:1.2}h2{font-size:1.35rem;margin:0 0 .25rem}h3{font-size:1rem;margin:1.1rem 0 .3rem;font-family:system-ui,sans-serif}
.cover{min-height:60vh;border-bottom:3px solid var(--ink);padding-bottom:1.5rem;margin-bottom:1.5rem}
.cover .kicker{font:600 .85rem system-ui,sans-serif;letter-spacing:.08em;text-transform:uppercase;color:var(--muted)}
.cover .about{font-size:1.05rem;white-space:pre-wrap}.meta{color:var(--muted);font-size:.92rem}
dl.facts{display:grid;grid-template-columns:11rem 1fr;gap:.2rem 1rem;margin:.75rem 0}dl.facts dt{font:600 .85rem system-ui,sans-serif;color:var(--muted)}dl.facts dd{margin:0}
nav.toc ol{padding-left:1.4rem}nav.toc li{margin:.15rem 0}nav.toc a{color:inherit}nav.toc .rating{color:var(--muted);font-size:.9rem}
.practice{border-top:2px solid var(--ink);padding-top:1rem;margin-top:2rem}
.badge{display:inline-block;border:1px solid #777;border-radius:3px;padding:0 .45rem;font:.8rem system-ui,sans-serif;margin-right:.3rem}
.description{white-space:pre-wrap}
table.scores{border-collapse:collapse;width:100%;font:.9rem system-ui,sans-serif}table.scores th,table.scores td{border:1px solid var(--rule);padding:.25rem .45rem;text-align:left;vertical-align:top}
table.scores th{background:#f0f0ee}.score{font-weight:600;white-space:nowrap}
.score-met{color:#00664a}.score-partly{color:#8a5a00}.score-not_met{color:#a33b00}.score-unknown{color:#555}
blockquote{margin:.45rem 0 .45rem 1rem;padding:.25rem .75rem;border-left:3px solid #888;background:#f6f6f4}
blockquote p{margin:0;white-space:pre-wrap}blockquote footer{font:.8rem system-ui,sans-serif;color:var(--muted);margin-top:.2rem}
.theme{margin:.6rem 0}.theme-name{font-weight:600}.note{font-style:italic;color:#444}
ol.sources{padding-left:1.3rem;font-size:.92rem}ol.sources li{margin:.2rem 0}.via{font:.8rem system-ui,sans-serif;color:var(--muted)}
.empty{color:#777;font-style:italic}
@media print{
  body{margin:0;max-width:none;font-size:10pt;padding:0}
  .cover{min-height:auto;border-bottom:none;break-after:page}
  nav.toc{break-after:page}
  .practice{break-before:page;border-top:none;margin-top:0;padding-top:0}
  h2,h3{break-after:avoid}blockquote,table.scores tr,dl.facts{break-inside:avoid}
  blockquote{background:none}table.scores th{background:none}
  a{color:inherit;text-decoration:none}
  @page{margin:2cm 1.8cm}
}`;

const fact = (name: string, value: string) => (value ? `<dt>${e(name)}</dt><dd>${e(value)}</dd>` : '');

function practiceSection(tr: Translator, p: InventoryPractice, index: number): string {
  const { t } = tr;
  const r = p.record;
  const evaluation = [label(tr, r.evaluation_status), r.sms_level !== null ? t('assessment.inventory.sms', { level: r.sms_level }) : ''].filter(Boolean).join(' · ');
  const cost = [euros(tr, r.budget_eur), r.cost_notes].filter(Boolean).join(' — ');
  const scores = p.scores.length === 0 ? `<p class="empty">${e(t('assessment.inventory.notAssessed'))}</p>`
    : `<table class="scores"><thead><tr><th scope="col">${e(t('assessment.inventory.criterion'))}</th><th scope="col">${e(t('assessment.inventory.score'))}</th><th scope="col">${e(t('assessment.inventory.note'))}</th></tr></thead><tbody>${p.scores.map((s) => `
      <tr><td>${e(s.criterion)}</td><td class="score score-${e(s.score)}">${SCORE_SYMBOLS[s.score] ?? ''} ${e(label(tr, s.score))}</td><td>${e(s.note)}${s.evidence ? ` <span class="via">${e(t('assessment.inventory.evidencePassages', { count: s.evidence }))}</span>` : ''}</td></tr>`).join('')}</tbody></table>`;
  const themes = p.themes.length === 0 ? `<p class="empty">${e(t('assessment.inventory.noThemes'))}</p>` : p.themes.map((theme) => `
    <div class="theme"><span class="theme-name">${e(theme.path)}</span>${theme.note ? `<div class="note">${e(theme.note)}</div>` : ''}
      ${theme.quotes.map((q) => `<blockquote><p>“${e(q.quote)}”</p><footer>— ${e(q.speaker ?? t('assessment.inventory.unknownSpeaker'))}, ${e(q.documentName)} (${e(respondentText(tr, q.respondentGroup))})${q.note ? ` · ${e(q.note)}` : ''}</footer></blockquote>`).join('')}
    </div>`).join('');
  const sources = p.literature.length === 0 ? `<p class="empty">${e(t('assessment.inventory.noLiterature'))}</p>`
    : `<ol class="sources">${p.literature.map((s) => `<li>${e(s.citation)}${s.gaps.length ? `<div class="via">${e(s.direct ? t('assessment.inventory.alsoCitedFor', { count: s.gaps.length }) : t('assessment.inventory.citedFor', { count: s.gaps.length }))}: ${s.gaps.map((g) => `“${e(g)}”`).join('; ')}</div>` : ''}</li>`).join('')}</ol>`;
  const rating = r.evidence_rating ? label(tr, r.evidence_rating) : label(tr, 'unrated');
  return `<section class="practice" id="practice-${index + 1}" aria-labelledby="practice-${index + 1}-title">
    <h2 id="practice-${index + 1}-title">${index + 1}. ${e(r.name)}</h2>
    <p><span class="badge">${e(rating)}</span>${p.crimeTypes.map((c) => `<span class="badge">${e(label(tr, c))}</span>`).join('')}</p>
    <dl class="facts">${fact(t('assessment.inventory.place'), placeText(tr, r))}${fact(t('assessment.inventory.organisation'), r.organisation)}${fact(t('assessment.inventory.language'), r.language)}${fact(t('assessment.inventory.targetGroup'), r.target_group)}
      ${fact(t('assessment.inventory.interventionType'), r.intervention_type)}${fact(t('assessment.inventory.workingMechanisms'), r.working_mechanisms)}${fact(t('assessment.inventory.period'), periodText(tr, r.period_start, r.period_end))}
      ${fact(t('assessment.inventory.budget'), cost)}${fact(t('assessment.inventory.evaluation'), evaluation)}${fact(t('assessment.inventory.recordSource'), r.record_source)}</dl>
    ${r.description ? `<h3>${e(t('assessment.inventory.description'))}</h3><p class="description">${e(r.description)}</p>` : ''}
    <h3>${e(t('assessment.inventory.assessment'))}</h3>${scores}
    <h3>${e(t('assessment.inventory.themes'))}</h3>${themes}
    <h3>${e(t('assessment.inventory.literature'))}</h3>${sources}
  </section>`;
}

/**
 * The inventory as one self-contained, printable HTML page in the reader's language: a cover
 * (project, its description, filters, date), a table of contents and one section per practice,
 * each starting a new printed page. Every text from the database is escaped.
 */
export function inventoryHtml(inventory: Inventory, reader: Translator): string {
  const tr = memoTranslator(reader);
  const { t } = tr;
  const { practices } = inventory;
  const date = tr.date(inventory.generatedAt.toISOString().slice(0, 10));
  const title = t('assessment.inventory.title');
  const toc = practices.length === 0 ? '' : `<nav class="toc" aria-labelledby="toc-title"><h2 id="toc-title">${e(t('assessment.inventory.contents'))}</h2><ol>${practices.map((p, i) => `
    <li><a href="#practice-${i + 1}">${e(p.record.name)}</a> <span class="rating">— ${e(label(tr, p.record.evidence_rating ?? 'unrated'))}, ${e(placeText(tr, p.record))}</span></li>`).join('')}</ol></nav>`;
  return `<!doctype html><html lang="${tr.locale}"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1">
<title>${e(title)} — ${e(inventory.projectName)}</title><style>${CSS}</style></head><body>
<header class="cover"><p class="kicker">${e(title)}</p><h1>${e(inventory.projectName)}</h1>
${inventory.projectDescription ? `<p class="about">${e(inventory.projectDescription)}</p>` : ''}
<dl class="facts">${fact(t('assessment.inventory.selection'), filterText(tr, inventory.filter))}${fact(t('assessment.inventory.practices'), tr.number(practices.length))}${fact(t('assessment.inventory.criteria'), inventory.criteria.map((c) => c.name).join('; '))}${fact(t('assessment.inventory.date'), date)}</dl>
<p class="meta">${e(t('assessment.inventory.order'))}</p></header>
${toc}
<main>${practices.map((p, i) => practiceSection(tr, p, i)).join('') || `<p class="empty">${e(t('assessment.inventory.empty'))}</p>`}</main></body></html>`;
}
