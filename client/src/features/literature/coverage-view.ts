import { html, nothing } from 'lit';
import { type Coverage, type GapFilter, literatureApi } from '../../api/literature';
import type { Project } from '../../api/types';
import { LightElement } from '../../components/light-element';
import { t } from '../../i18n/i18n';
import { SCOPES, STATUSES } from './gaps-view';
import { FOCI } from './sources-view';

const GROUPS = ['international', 'belgian', 'unknown'] as const;
type Counts = { segments: number; respondents: number; evidence: number };

/** A code column's header: its name, with its parent above it in small type (the full path is the title). */
function codeHeader(path: string) {
  const parts = path.split(' > ');
  const name = parts.pop()!;
  return parts.length ? html`<span class="small muted">${parts[parts.length - 1]} ›</span><br />${name}` : name;
}

/** Coverage: gaps × mapped codes and gaps × respondent groups as tables; cells open the gap; gaps without evidence stand out. */
export class CoverageView extends LightElement {
  static override properties = { project: { attribute: false }, coverage: { state: true }, filter: { state: true } };
  declare project: Project;
  declare coverage: Coverage | null;
  declare filter: GapFilter;

  constructor() { super(); this.coverage = null; this.filter = {}; }
  override connectedCallback() { super.connectedCallback(); void this.load(); }
  private async load() { this.coverage = await literatureApi.coverage(this.project.id, this.filter); }
  private setFilter(key: keyof GapFilter, value: string) { this.filter = { ...this.filter, [key]: value || undefined }; void this.load(); }
  private open(gapId: string) { this.dispatchEvent(new CustomEvent('open-gap', { detail: { gapId }, bubbles: true })); }

  private cell(gapId: string, counts: Counts | undefined) {
    if (!counts) return html`<td class="num muted">–</td>`;
    const label = t('literature.coverage.cellLabel', counts);
    return html`<td class="num"><a href="?view=gaps&gap=${gapId}" title=${label} aria-label=${label} @click=${(e: Event) => { e.preventDefault(); this.open(gapId); }}>
      ${counts.segments} / ${counts.respondents} / ${counts.evidence}</a></td>`;
  }

  private gapHeader(g: Coverage['gaps'][number]) {
    return html`<th scope="row"><a href="?view=gaps&gap=${g.id}" @click=${(e: Event) => { e.preventDefault(); this.open(g.id); }}>${g.statement}</a>
      ${g.noEvidence ? html`<span class="badge badge-danger no-evidence">${t('literature.coverage.noEvidence')}</span>` : nothing}</th>`;
  }

  override render() {
    const c = this.coverage;
    const codes = c ? [...new Map(c.gaps.flatMap((g) => g.codes.map((x) => [x.codeId, x.codePath] as const))).entries()].sort((a, b) => a[1].localeCompare(b[1])) : [];
    const select = (key: keyof GapFilter, values: readonly string[], prefix: string, labelKey: string) => html`<label>${t(labelKey)}<select @change=${(e: Event) => this.setFilter(key, (e.target as HTMLSelectElement).value)}>
      <option value="">${t('literature.all')}</option>${values.map((v) => html`<option value=${v} ?selected=${this.filter[key] === v}>${t(`${prefix}.${v}`)}</option>`)}</select></label>`;
    return html`<div class="stack">
      <div class="toolbar">
        ${select('focus', FOCI, 'literature.focus', 'literature.focusLabel')}${select('scope', SCOPES, 'literature.scope', 'literature.scopeLabel')}${select('status', STATUSES, 'literature.status', 'literature.statusLabel')}
        <span class="toolbar-spacer"></span>
        <a class="button" href=${literatureApi.reportUrl(this.project.id, 'html', this.filter)} target="_blank" rel="noopener">${t('literature.coverage.reportHtml')}</a>
        <a class="button" href=${literatureApi.reportUrl(this.project.id, 'xlsx', this.filter)} download>${t('literature.coverage.reportXlsx')}</a>
        <a class="button" href=${literatureApi.coverageUrl(this.project.id, 'xlsx', this.filter)} download>${t('literature.coverage.xlsx')}</a>
        <a class="button" href=${literatureApi.coverageUrl(this.project.id, 'csv', this.filter)} download>CSV</a>
      </div>
      <p class="hint">${t('literature.coverage.legend')}</p>
      ${!c ? html`<p class="loading">${t('common.loading')}</p>` : c.gaps.length === 0 ? html`<p class="empty-state">${t('literature.gaps.none')}</p>` : html`
        <h2 id="cov-codes">${t('literature.coverage.byCode')}</h2>
        <div class="table-wrap"><table class="data-table coverage-table" aria-labelledby="cov-codes">
          <thead><tr><th scope="col">${t('literature.gaps.statement')}</th>${codes.map(([, path]) => html`<th scope="col" title=${path}>${codeHeader(path)}</th>`)}<th scope="col">${t('literature.coverage.total')}</th></tr></thead>
          <tbody>${c.gaps.map((g) => html`<tr class=${g.noEvidence ? 'no-evidence-row' : ''}>${this.gapHeader(g)}${codes.map(([id]) => this.cell(g.id, g.codes.find((x) => x.codeId === id)))}${this.cell(g.id, g.totals)}</tr>`)}</tbody>
        </table></div>
        <h2 id="cov-groups">${t('literature.coverage.byGroup')}</h2>
        <div class="table-wrap"><table class="data-table coverage-table" aria-labelledby="cov-groups">
          <thead><tr><th scope="col">${t('literature.gaps.statement')}</th>${GROUPS.map((g) => html`<th scope="col">${t(`literature.groups.${g}`)}</th>`)}<th scope="col">${t('literature.coverage.total')}</th></tr></thead>
          <tbody>${c.gaps.map((g) => html`<tr class=${g.noEvidence ? 'no-evidence-row' : ''}>${this.gapHeader(g)}${GROUPS.map((group) => this.cell(g.id, g.groups[group]))}${this.cell(g.id, g.totals)}</tr>`)}</tbody>
        </table></div>`}
    </div>`;
  }
}
customElements.define('coverage-view', CoverageView);
