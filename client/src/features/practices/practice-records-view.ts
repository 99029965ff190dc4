import { html, nothing } from 'lit';
import {
  CRIME_TYPES, EVALUATION_STATUSES, EVIDENCE_RATINGS, type Practice, type PracticeFilter, practicesApi, REGIONS,
} from '../../api/practices';
import type { Project, User } from '../../api/types';
import { confirmAction } from '../../components/confirm-dialog';
import { emptyState } from '../../components/empty-state';
import { LightElement } from '../../components/light-element';
import { notify } from '../../components/toasts';
import { formatNumber, t } from '../../i18n/i18n';
import { onProjectChange } from '../../api/live';
import { onRouteChange } from '../../app/router';
import { roleAtLeast } from '../../../../server/shared/roles';
import { crimeTypesLabel, evaluationLabel, periodLabel, placeLabel, ratingLabel } from './practice-labels';
import type { HistoryControls } from '../reader/history-controls';
import '../reader/history-controls';
import './practice-editor';
import './practice-import-panel';
import './practice-record-page';
import './practices.css';

type SortKey = 'name' | 'place' | 'region' | 'evaluation' | 'rating' | 'period' | 'themes';
const RATING_ORDER = [...EVIDENCE_RATINGS, null];

/** The value a column sorts by. */
function sortValue(p: Practice, key: SortKey): string | number {
  switch (key) {
    case 'name': return p.name.toLocaleLowerCase();
    case 'place': return placeLabel(p).toLocaleLowerCase();
    case 'region': return REGIONS.indexOf(p.region) * 1000 + (p.country ? p.country.toLocaleLowerCase().charCodeAt(0) : 0);
    case 'evaluation': return EVALUATION_STATUSES.indexOf(p.evaluationStatus) * 10 + (p.smsLevel ?? 0);
    case 'rating': return RATING_ORDER.indexOf(p.evidenceRating);
    case 'period': return p.periodStart ?? '9999';
    case 'themes': return p.codes.length;
  }
}

/**
 * The practice records sub-view: a sortable, filterable table with add/edit/delete, import and
 * export; `?practice=<id>` in the address opens one record's page instead.
 */
export class PracticeRecordsView extends LightElement {
  static override properties = {
    project: { attribute: false }, user: { attribute: false }, records: { state: true }, filter: { state: true }, sortKey: { state: true }, sortAsc: { state: true },
    editing: { state: true }, importing: { state: true }, practiceId: { state: true },
  };
  declare project: Project;
  declare user: User;
  declare records: Practice[] | null;
  declare filter: PracticeFilter;
  declare sortKey: SortKey;
  declare sortAsc: boolean;
  /** The record in the editor: `'new'`, a record, or null when the editor is closed. */
  declare editing: Practice | 'new' | null;
  declare importing: boolean;
  declare practiceId: string | null;
  private offRoute?: () => void;
  private offLive?: () => void;
  private liveTimer?: ReturnType<typeof setTimeout>;
  private loadSeq = 0;

  constructor() {
    super();
    this.records = null;
    this.filter = {};
    this.sortKey = 'name';
    this.sortAsc = true;
    this.editing = null;
    this.importing = false;
    this.practiceId = new URLSearchParams(location.search).get('practice');
  }

  override connectedCallback() {
    super.connectedCallback();
    this.offRoute = onRouteChange((route) => { this.practiceId = route.query.get('practice'); });
    // Someone else's change (or an undo) shows up without reloading the page.
    this.offLive = onProjectChange(this.project.id, (event) => {
      if (!event.type.startsWith('practice.') && !event.type.startsWith('action.')) return;
      clearTimeout(this.liveTimer);
      this.liveTimer = setTimeout(() => void this.load(), 300);
    });
    void this.load();
  }

  override disconnectedCallback() {
    super.disconnectedCallback();
    this.offRoute?.();
    this.offLive?.();
    clearTimeout(this.liveTimer);
  }

  private get canEdit() {
    return roleAtLeast(this.project.role, 'coder');
  }

  private async load() {
    const seq = ++this.loadSeq;
    try {
      const { practices } = await practicesApi.list(this.project.id, this.filter);
      if (seq === this.loadSeq) this.records = practices;
      void this.querySelector<HistoryControls>('history-controls')?.refresh();
    } catch (error) {
      notify((error as Error).message, 'error');
    }
  }

  private setFilter(changes: Partial<PracticeFilter>) {
    const next = { ...this.filter, ...changes } as Record<string, string | undefined>;
    for (const key of Object.keys(next)) if (!next[key]) delete next[key];
    this.filter = next as PracticeFilter;
    void this.load();
  }

  private sortBy(key: SortKey) {
    if (this.sortKey === key) this.sortAsc = !this.sortAsc;
    else { this.sortKey = key; this.sortAsc = true; }
  }

  private sorted(records: Practice[]) {
    const dir = this.sortAsc ? 1 : -1;
    return [...records].sort((a, b) => {
      const x = sortValue(a, this.sortKey);
      const y = sortValue(b, this.sortKey);
      return (x < y ? -1 : x > y ? 1 : a.name.localeCompare(b.name)) * dir;
    });
  }

  private async deleteRecord(p: Practice) {
    if (!(await confirmAction({ title: t('practices.deleteTitle'), message: t('practices.deleteMessage', { name: p.name }), confirmLabel: t('common.delete'), danger: true }))) return;
    try {
      await practicesApi.remove(this.project.id, p.id);
      notify(t('practices.deleted', { name: p.name }), 'success');
      await this.load();
    } catch (error) {
      notify((error as Error).message, 'error');
    }
  }

  private header(key: SortKey, label: string, numeric = false) {
    const active = this.sortKey === key;
    return html`<th scope="col" class=${numeric ? 'num' : ''} aria-sort=${active ? (this.sortAsc ? 'ascending' : 'descending') : 'none'}>
      <button class="sort-button" @click=${() => this.sortBy(key)}>${label}<span class="sort-mark" aria-hidden="true">${active ? (this.sortAsc ? '▲' : '▼') : ''}</span></button></th>`;
  }

  private select(label: string, key: keyof PracticeFilter, options: [string, string][]) {
    return html`<label>${label}<select @change=${(e: Event) => this.setFilter({ [key]: (e.target as HTMLSelectElement).value })}>
      <option value="">${t('practices.any')}</option>${options.map(([value, text]) => html`<option value=${value} ?selected=${this.filter[key] === value}>${text}</option>`)}</select></label>`;
  }

  private renderToolbar() {
    return html`<div class="toolbar practice-filters" role="search" aria-label=${t('practices.filters.label')}>
      <label class="search-field">${t('practices.filters.text')}<input type="search" .value=${this.filter.q ?? ''} placeholder=${t('practices.filters.textPlaceholder')}
        @input=${(e: Event) => this.setFilter({ q: (e.target as HTMLInputElement).value })} /></label>
      ${this.select(t('practices.filters.crimeType'), 'crimeType', CRIME_TYPES.map((c) => [c, t(`practices.crimeTypes.${c}`)]))}
      ${this.select(t('practices.filters.region'), 'region', REGIONS.map((r) => [r, t(`practices.regions.${r}`)]))}
      ${this.select(t('practices.filters.rating'), 'rating', [...EVIDENCE_RATINGS.map((r): [string, string] => [r, t(`practices.ratings.${r}`)]), ['unrated', t('practices.unrated')]])}
      ${this.select(t('practices.filters.evaluationStatus'), 'evaluationStatus', EVALUATION_STATUSES.map((s) => [s, t(`practices.evaluationStatuses.${s}`)]))}
      ${Object.keys(this.filter).length ? html`<button class="button button-quiet button-small" @click=${() => { this.filter = {}; void this.load(); }}>${t('practices.filters.clear')}</button>` : nothing}
    </div>`;
  }

  private renderTable(records: Practice[]) {
    if (records.length === 0 && !Object.keys(this.filter).length) {
      return emptyState({ title: t('help.empty.practicesTitle'), text: t('help.empty.practicesText'), helpScreen: 'practices', projectId: this.project.id });
    }
    if (records.length === 0) return html`<p class="empty-state">${t('practices.noMatch')}</p>`;
    return html`<div class="table-wrap"><table class="data-table practice-table">
      <caption class="visually-hidden">${t('practices.tableCaption')}</caption>
      <thead><tr>${this.header('name', t('practices.columns.name'))}${this.header('place', t('practices.columns.place'))}
        <th scope="col">${t('practices.columns.crimeTypes')}</th>${this.header('evaluation', t('practices.columns.evaluation'))}
        ${this.header('rating', t('practices.columns.rating'))}${this.header('period', t('practices.columns.period'))}${this.header('themes', t('practices.columns.themes'), true)}
        ${this.canEdit ? html`<th scope="col"><span class="visually-hidden">${t('practices.columns.actions')}</span></th>` : nothing}</tr></thead>
      <tbody>${this.sorted(records).map((p) => html`<tr>
        <th scope="row"><a href="?view=records&practice=${p.id}">${p.name}</a>${p.organisation ? html`<div class="small muted">${p.organisation}</div>` : nothing}</th>
        <td>${placeLabel(p)}</td><td>${crimeTypesLabel(p)}</td><td>${evaluationLabel(p)}</td>
        <td><span class="badge rating-${p.evidenceRating ?? 'none'}">${ratingLabel(p)}</span></td>
        <td class="nowrap" title=${periodLabel(p)}>${periodLabel(p, true)}</td><td class="num">${p.codes.length}</td>
        ${this.canEdit ? html`<td class="nowrap"><button class="button button-small" @click=${() => { this.editing = p; }} aria-label="${t('practices.edit')}: ${p.name}">${t('practices.edit')}</button>
          <button class="button button-small button-quiet" @click=${() => this.deleteRecord(p)} aria-label="${t('practices.delete')}: ${p.name}">${t('practices.delete')}</button></td>` : nothing}
      </tr>`)}</tbody></table></div>`;
  }

  override render() {
    if (this.practiceId) {
      return html`<practice-record-page .project=${this.project} .practiceId=${this.practiceId} @practice-changed=${() => this.load()}></practice-record-page>`;
    }
    const records = this.records;
    return html`<div class="stack practice-records">
      <div class="row spread">
        <div><h2>${t('practices.title')} ${records ? html`<span class="muted small">${t('practices.count', { count: records.length, formatted: formatNumber(records.length) })}</span>` : nothing}</h2>
          <p class="muted small">${t('practices.intro')}</p></div>
        <div class="row">
          ${this.canEdit ? html`<history-controls .projectId=${this.project.id} @history-changed=${() => this.load()}></history-controls>` : nothing}
          <a class="button" href=${practicesApi.exportUrl(this.project.id, 'csv', this.filter)} download>${t('practices.export.csv')}</a>
          <a class="button" href=${practicesApi.exportUrl(this.project.id, 'xlsx', this.filter)} download>${t('practices.export.xlsx')}</a>
          ${this.canEdit ? html`<button class="button" aria-expanded=${this.importing} @click=${() => { this.importing = !this.importing; }}>${t('practices.import.button')}</button>
            <button class="button button-primary" @click=${() => { this.editing = 'new'; }}>${t('practices.new')}</button>` : nothing}
        </div>
      </div>
      ${this.importing ? html`<practice-import-panel .project=${this.project} @practices-imported=${() => this.load()} @panel-closed=${() => { this.importing = false; }}></practice-import-panel>` : nothing}
      ${this.editing ? html`<practice-editor .project=${this.project} .record=${this.editing === 'new' ? null : this.editing}
        @practice-saved=${() => { this.editing = null; void this.load(); }} @editor-closed=${() => { this.editing = null; }}></practice-editor>` : nothing}
      ${this.renderToolbar()}
      ${records === null ? html`<p class="loading" aria-busy="true">${t('common.loading')}</p>` : this.renderTable(records)}
    </div>`;
  }
}
customElements.define('practice-records-view', PracticeRecordsView);
