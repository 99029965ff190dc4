import { html, nothing } from 'lit';
import { attributesApi, documentsApi } from '../../api/documents';
import { type Consent, type ConsentDeletion, consentApi } from '../../api/consent';
import { consentBadge } from '../consent/consent-badge';
import '../consent/withdrawn-deletion';
import type { AttributeDefinition, DocumentSummary, Project } from '../../api/types';
import { confirmAction } from '../../components/confirm-dialog';
import { trashIcon } from '../../components/icons';
import { LightElement } from '../../components/light-element';
import { notify } from '../../components/toasts';
import { formatDate, formatNumber, t } from '../../i18n/i18n';
import { roleAtLeast } from '../../../../server/shared/roles';
import './attribute-csv-panel';
import './upload-panel';
import '../help/tour-offer';

type SortKey = 'name' | 'respondentGroup' | 'language' | 'interviewDate' | 'wordCount' | 'turnCount' | `attr:${string}`;

/** A project's documents: a sortable, filterable table, import and bulk attributes. */
export class DocumentsTab extends LightElement {
  static override properties = {
    project: { attribute: false }, userId: { attribute: false }, documents: { state: true }, definitions: { state: true }, panel: { state: true },
    consent: { state: true }, deletions: { state: true }, query: { state: true }, group: { state: true }, language: { state: true }, sortKey: { state: true }, sortAsc: { state: true },
  };
  declare project: Project;
  declare userId: string | null;
  declare documents: DocumentSummary[] | null;
  declare definitions: AttributeDefinition[];
  declare panel: 'none' | 'upload' | 'csv';
  declare consent: Map<string, Consent>;
  declare deletions: ConsentDeletion[];
  declare query: string;
  declare group: string;
  declare language: string;
  declare sortKey: SortKey;
  declare sortAsc: boolean;

  constructor() {
    super();
    this.userId = null;
    this.documents = null;
    this.definitions = [];
    this.panel = 'none';
    this.consent = new Map();
    this.deletions = [];
    this.query = '';
    this.group = '';
    this.language = '';
    this.sortKey = 'name';
    this.sortAsc = true;
  }

  override connectedCallback() {
    super.connectedCallback();
    void this.load();
  }

  private async load() {
    try {
      const [documents, attributes, consent] = await Promise.all([documentsApi.list(this.project.id), attributesApi.list(this.project.id), consentApi.list(this.project.id)]);
      this.consent = new Map(consent.participants.map((c) => [c.documentId, c]));
      this.deletions = consent.deletions;
      this.documents = documents.documents;
      this.definitions = attributes.attributes;
    } catch (error) {
      notify((error as Error).message, 'error');
      this.documents = [];
    }
  }

  private get canEdit() {
    return roleAtLeast(this.project.role, 'lead');
  }

  private sortBy(key: SortKey) {
    if (this.sortKey === key) this.sortAsc = !this.sortAsc;
    else {
      this.sortKey = key;
      this.sortAsc = true;
    }
  }

  private value(d: DocumentSummary, key: SortKey): string | number {
    if (key.startsWith('attr:')) {
      const id = key.slice(5);
      const raw = d.attributes[id] ?? '';
      return this.definitions.find((a) => a.id === id)?.type === 'number' && raw !== '' ? Number(raw) : raw;
    }
    const v = d[key as keyof DocumentSummary];
    return typeof v === 'number' ? v : String(v ?? '');
  }

  private visibleDocuments(): DocumentSummary[] {
    const q = this.query.trim().toLocaleLowerCase();
    const rows = (this.documents ?? []).filter((d) => {
      if (this.group && (d.respondentGroup ?? 'none') !== this.group) return false;
      if (this.language && d.language !== this.language) return false;
      if (!q) return true;
      const haystack = [d.name, d.fileName, ...d.speakers.map((s) => s.name), ...Object.values(d.attributes)].join(' ').toLocaleLowerCase();
      return haystack.includes(q);
    });
    const dir = this.sortAsc ? 1 : -1;
    return rows.sort((a, b) => {
      const va = this.value(a, this.sortKey);
      const vb = this.value(b, this.sortKey);
      if (va === '' && vb !== '') return 1;
      if (vb === '' && va !== '') return -1;
      if (typeof va === 'number' && typeof vb === 'number') return (va - vb) * dir;
      return String(va).localeCompare(String(vb), undefined, { numeric: true, sensitivity: 'base' }) * dir;
    });
  }

  private async deleteDocument(d: DocumentSummary) {
    const ok = await confirmAction({ title: t('documents.deleteTitle'), message: t('documents.deleteMessage', { name: d.name }), confirmLabel: t('common.delete'), danger: true });
    if (!ok) return;
    try {
      await documentsApi.remove(d.id);
      this.documents = (this.documents ?? []).filter((x) => x.id !== d.id);
      notify(t('documents.deleted', { name: d.name }), 'success');
    } catch (error) {
      notify((error as Error).message, 'error');
    }
  }

  private header(key: SortKey, label: string, numeric = false) {
    const active = this.sortKey === key;
    return html`<th scope="col" class=${numeric ? 'num' : ''} aria-sort=${active ? (this.sortAsc ? 'ascending' : 'descending') : 'none'}>
      <button class="sort-button" @click=${() => this.sortBy(key)}>${label}<span class="sort-mark" aria-hidden="true">${active ? (this.sortAsc ? '▲' : '▼') : ''}</span></button>
    </th>`;
  }

  private attributeCell(d: DocumentSummary, a: AttributeDefinition) {
    const v = d.attributes[a.id];
    if (v === undefined) return html`<td class="muted">—</td>`;
    if (a.type === 'number') return html`<td class="num">${formatNumber(Number(v))}</td>`;
    if (a.type === 'date') return html`<td>${formatDate(v)}</td>`;
    return html`<td>${v}</td>`;
  }

  private renderTable(rows: DocumentSummary[]) {
    return html`<div class="table-wrap"><table class="data-table documents-table">
      <caption class="visually-hidden">${t('documents.tableCaption')}</caption>
      <thead><tr>
        ${this.header('name', t('documents.columns.name'))}
        ${this.header('respondentGroup', t('documents.columns.group'))}
        ${this.header('language', t('documents.columns.language'))}
        ${this.header('interviewDate', t('documents.columns.interviewDate'))}
        ${this.header('wordCount', t('documents.columns.words'), true)}
        ${this.header('turnCount', t('documents.columns.turns'), true)}
        <th scope="col">${t('documents.columns.speakers')}</th>
        ${this.definitions.map((a) => this.header(`attr:${a.id}`, a.name, a.type === 'number'))}
        ${this.canEdit ? html`<th scope="col"><span class="visually-hidden">${t('common.actions')}</span></th>` : nothing}
      </tr></thead>
      <tbody>
        ${rows.map((d) => html`<tr>
          <th scope="row"><a href="/documents/${d.id}">${d.name}</a><div class="muted small">${d.fileName}</div>${consentBadge(this.consent.get(d.id))}</th>
          <td>${d.respondentGroup ? t(`groups.${d.respondentGroup}`) : html`<span class="muted">—</span>`}</td>
          <td><span class="badge badge-quiet">${t(`languages.${d.language}`)}</span></td>
          <td>${d.interviewDate ? formatDate(d.interviewDate) : html`<span class="muted">—</span>`}</td>
          <td class="num">${formatNumber(d.wordCount)}</td>
          <td class="num">${formatNumber(d.turnCount)}</td>
          <td class="speakers">${d.speakers.map((s) => html`<span class="speaker-chip role-${s.role}" title=${t(`speakerRoles.${s.role}`)}>${s.name}</span>`)}</td>
          ${this.definitions.map((a) => this.attributeCell(d, a))}
          ${this.canEdit ? html`<td><button class="icon-button" aria-label=${t('documents.deleteNamed', { name: d.name })} @click=${() => this.deleteDocument(d)}>${trashIcon()}</button></td>` : nothing}
        </tr>`)}
      </tbody>
    </table></div>`;
  }

  override render() {
    const documents = this.documents;
    if (documents === null) return html`<p class="loading" aria-busy="true">${t('common.loading')}</p>`;
    const rows = this.visibleDocuments();
    return html`
      <div class="toolbar">
        <label class="search-field"><span class="visually-hidden">${t('documents.filter')}</span>
          <input type="search" placeholder=${t('documents.filterPlaceholder')} .value=${this.query} @input=${(e: Event) => (this.query = (e.target as HTMLInputElement).value)} /></label>
        <label><span class="visually-hidden">${t('documents.columns.group')}</span>
          <select @change=${(e: Event) => (this.group = (e.target as HTMLSelectElement).value)}>
            <option value="">${t('documents.allGroups')}</option>
            <option value="international">${t('groups.international')}</option>
            <option value="belgian">${t('groups.belgian')}</option>
            <option value="none">${t('documents.noGroup')}</option>
          </select></label>
        <label><span class="visually-hidden">${t('documents.columns.language')}</span>
          <select @change=${(e: Event) => (this.language = (e.target as HTMLSelectElement).value)}>
            <option value="">${t('documents.allLanguages')}</option>
            ${['nl', 'fr', 'en', 'other'].map((l) => html`<option value=${l}>${t(`languages.${l}`)}</option>`)}
          </select></label>
        <span class="toolbar-spacer"></span>
        ${this.canEdit
          ? html`<button class="button" @click=${() => (this.panel = this.panel === 'csv' ? 'none' : 'csv')} aria-expanded=${this.panel === 'csv'}>${t('documents.attributesFromCsv')}</button>
              <button class="button button-primary" @click=${() => (this.panel = this.panel === 'upload' ? 'none' : 'upload')} aria-expanded=${this.panel === 'upload'}>${t('documents.import')}</button>`
          : nothing}
      </div>
      ${this.panel === 'upload' ? html`<upload-panel .projectId=${this.project.id} @close=${() => (this.panel = 'none')} @documents-imported=${() => this.load()}></upload-panel>` : nothing}
      <withdrawn-deletion .projectId=${this.project.id} .canEdit=${this.canEdit} .deletions=${this.deletions}
        .withdrawn=${[...this.consent.values()].filter((c) => c.status === 'withdrawn').length} @documents-deleted=${() => this.load()}></withdrawn-deletion>
      ${this.panel === 'csv' ? html`<attribute-csv-panel .projectId=${this.project.id} @close=${() => (this.panel = 'none')} @attributes-imported=${() => this.load()}></attribute-csv-panel>` : nothing}
      ${documents.length === 0
        ? html`<div class="empty-state"><h2>${t('documents.emptyTitle')}</h2><p>${t(this.canEdit ? 'documents.emptyText' : 'documents.emptyTextViewer')}</p>
            ${this.canEdit && this.panel !== 'upload' ? html`<button class="button button-primary" @click=${() => (this.panel = 'upload')}>${t('documents.import')}</button>` : nothing}
            <tour-offer .userId=${this.userId} .projectId=${this.project.id}></tour-offer></div>`
        : html`<p class="muted small" aria-live="polite">${t('documents.showing', { shown: rows.length, total: documents.length })}</p>${this.renderTable(rows)}`}
    `;
  }
}
customElements.define('documents-tab', DocumentsTab);
