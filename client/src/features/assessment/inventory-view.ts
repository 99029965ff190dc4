import { html } from 'lit';
import { assessmentApi, type InventorySummary, type ReportFilters } from '../../api/assessment';
import type { Project, User } from '../../api/types';
import { LightElement } from '../../components/light-element';
import { notify } from '../../components/toasts';
import { t } from '../../i18n/i18n';
import './assessment-filters';
import './assessment.css';
import { refreshOnChanges } from './live-refresh';

/** The inventory report: filters, a summary of what it will hold, the printable page (new tab) and the workbook. */
export class InventoryView extends LightElement {
  static override properties = { project: { attribute: false }, user: { attribute: false }, filters: { state: true }, summary: { state: true } };
  declare project: Project;
  declare user: User;
  declare filters: ReportFilters;
  declare summary: InventorySummary | null;
  private loads = 0;
  private stopLive?: () => void;

  constructor() {
    super();
    this.filters = {};
    this.summary = null;
  }

  override connectedCallback() {
    super.connectedCallback();
    void this.load();
    this.stopLive = refreshOnChanges(this.project.id, () => void this.load());
  }

  override disconnectedCallback() {
    super.disconnectedCallback();
    this.stopLive?.();
  }

  private async load() {
    const ticket = ++this.loads;
    try {
      const summary = await assessmentApi.inventory(this.project.id, this.filters);
      if (ticket === this.loads) this.summary = summary;
    } catch (error) {
      notify((error as Error).message, 'error');
    }
  }

  override render() {
    const s = this.summary;
    const empty = s !== null && s.totals.practices === 0;
    return html`<section class="card stack inventory-view" aria-labelledby="inventory-title">
      <h2 id="inventory-title">${t('assessment.inventory.title')}</h2>
      <p class="muted small">${t('assessment.inventory.intro')}</p>
      <assessment-filters .filters=${this.filters} @filters-change=${(e: CustomEvent<ReportFilters>) => { this.filters = e.detail; void this.load(); }}></assessment-filters>
      <div class="row">
        <a class="button button-primary ${empty ? 'is-disabled' : ''}" href=${assessmentApi.inventoryUrl(this.project.id, 'html', this.filters)} target="_blank" rel="noopener"
          aria-describedby="inventory-open-hint" aria-disabled=${empty ? 'true' : 'false'}>${t('assessment.inventory.open')}</a>
        <a class="button ${empty ? 'is-disabled' : ''}" href=${assessmentApi.inventoryUrl(this.project.id, 'xlsx', this.filters)} download aria-disabled=${empty ? 'true' : 'false'}>${t('assessment.inventory.download')}</a>
        <span id="inventory-open-hint" class="hint">${t('assessment.inventory.openHint')}</span>
      </div>
      <h3>${t('assessment.inventory.summary')}</h3>
      <div aria-live="polite">${!s ? html`<p class="loading">${t('common.loading')}</p>` : empty ? html`<p class="empty-state">${t('assessment.inventory.empty')}</p>` : html`
        <p>${t('assessment.inventory.totals', s.totals)}</p>
        <div class="table-wrap"><table class="data-table inventory-summary">
          <caption class="visually-hidden">${t('assessment.inventory.caption')}</caption>
          <thead><tr><th scope="col">#</th><th scope="col">${t('assessment.matrix.practice')}</th><th scope="col">${t('assessment.inventory.rating')}</th>
            <th scope="col" class="num">${t('assessment.inventory.scores')}</th><th scope="col" class="num">${t('assessment.inventory.themes')}</th>
            <th scope="col" class="num">${t('assessment.inventory.quotes')}</th><th scope="col" class="num">${t('assessment.inventory.sources')}</th></tr></thead>
          <tbody>${s.practices.map((p, i) => html`<tr><td class="num">${i + 1}</td><th scope="row">${p.name}</th>
            <td><span class="badge rating-${p.evidenceRating ?? 'none'}">${p.evidenceRating ? t(`assessment.ratings.${p.evidenceRating}`) : t('assessment.filters.unrated')}</span></td>
            <td class="num">${p.scores}</td><td class="num">${p.themes}</td><td class="num">${p.quotes}</td><td class="num">${p.sources}</td></tr>`)}</tbody>
        </table></div>`}</div>
    </section>`;
  }
}
customElements.define('inventory-view', InventoryView);
