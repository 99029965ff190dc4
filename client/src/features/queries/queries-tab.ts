import { html, nothing } from 'lit';
import { codesApi } from '../../api/codes';
import { attributesApi } from '../../api/documents';
import { ApiError } from '../../api/http';
import { projectsApi } from '../../api/projects';
import { type QueryFilters, type QueryResult, queriesApi, type SavedQuery } from '../../api/queries';
import type { AttributeDefinition, Code, Member, Project } from '../../api/types';
import { confirmAction } from '../../components/confirm-dialog';
import { LightElement } from '../../components/light-element';
import { notify } from '../../components/toasts';
import { formatNumber, t } from '../../i18n/i18n';
import { roleAtLeast } from '../../../../server/shared/roles';
import { codePathNames } from '../reader/code-picker';

const OPERATORS = ['AND', 'AND/TURN', 'OR', 'NOT', 'NEAR/10', '(', ')'];

/** Code queries: write `[A] AND [B]`-style questions of the coding, run them, save and rerun them, export the results. */
export class QueriesTab extends LightElement {
  static override properties = {
    project: { attribute: false }, expression: { state: true }, filters: { state: true }, result: { state: true }, error: { state: true },
    saved: { state: true }, naming: { state: true }, codes: { state: true }, definitions: { state: true }, members: { state: true }, busy: { state: true }, currentId: { state: true },
  };
  declare project: Project;
  declare expression: string;
  declare filters: QueryFilters;
  declare result: QueryResult | null;
  declare error: { message: string; position: number | null } | null;
  declare saved: SavedQuery[];
  declare naming: boolean;
  declare codes: Code[];
  declare definitions: AttributeDefinition[];
  declare members: Member[];
  declare busy: boolean;
  declare currentId: string | null;

  constructor() {
    super();
    this.expression = '';
    this.filters = {};
    this.result = null;
    this.error = null;
    this.saved = [];
    this.naming = false;
    this.codes = [];
    this.definitions = [];
    this.members = [];
    this.busy = false;
    this.currentId = null;
  }

  override connectedCallback() {
    super.connectedCallback();
    void Promise.all([codesApi.list(this.project.id), attributesApi.list(this.project.id), projectsApi.members(this.project.id), queriesApi.list(this.project.id)])
      .then(([c, a, m, q]) => {
        this.codes = c.codes;
        this.definitions = a.attributes;
        this.members = m.members;
        this.saved = q.queries;
      })
      .catch((error) => notify((error as Error).message, 'error'));
  }

  private get textarea() {
    return this.querySelector<HTMLTextAreaElement>('#query-expression')!;
  }

  /** Inserts text at the cursor of the expression box. */
  private insert(text: string) {
    const area = this.textarea;
    const at = area.selectionStart ?? this.expression.length;
    const before = this.expression.slice(0, at);
    const spaced = `${before && !before.endsWith(' ') && !before.endsWith('(') ? ' ' : ''}${text} `;
    this.expression = before + spaced + this.expression.slice(area.selectionEnd ?? at);
    void this.updateComplete.then(() => {
      area.focus();
      area.selectionStart = area.selectionEnd = at + spaced.length;
    });
  }

  private async run() {
    this.busy = true;
    this.error = null;
    try {
      this.result = await queriesApi.run(this.project.id, this.expression, this.filters);
    } catch (error) {
      this.result = null;
      const details = error instanceof ApiError ? (error.details as { position?: number } | undefined) : undefined;
      this.error = { message: (error as Error).message, position: details?.position ?? null };
    } finally {
      this.busy = false;
    }
  }

  private async save(event: SubmitEvent) {
    event.preventDefault();
    const current = this.saved.find((q) => q.id === this.currentId);
    const name = String(new FormData(event.target as HTMLFormElement).get('name') ?? '');
    if (!name.trim()) return;
    try {
      const query = current && current.name === name.trim()
        ? await queriesApi.update(this.project.id, current.id, { expression: this.expression, filters: this.filters })
        : await queriesApi.save(this.project.id, name.trim(), this.expression, this.filters);
      this.saved = [...this.saved.filter((q) => q.id !== query.id), query].sort((a, b) => a.name.localeCompare(b.name));
      this.currentId = query.id;
      this.naming = false;
      notify(t('queries.saved', { name: query.name }), 'success');
    } catch (error) {
      notify((error as Error).message, 'error');
    }
  }

  private async open(query: SavedQuery) {
    this.expression = query.expression;
    this.filters = query.filters;
    this.currentId = query.id;
    this.busy = true;
    try {
      this.result = await queriesApi.rerun(this.project.id, query.id);
      this.error = null;
    } catch (error) {
      notify((error as Error).message, 'error');
    } finally {
      this.busy = false;
    }
  }

  private async deleteQuery(query: SavedQuery) {
    if (!(await confirmAction({ title: t('queries.deleteTitle'), message: t('queries.deleteMessage', { name: query.name }), confirmLabel: t('common.delete'), danger: true }))) return;
    try {
      await queriesApi.remove(this.project.id, query.id);
      this.saved = this.saved.filter((q) => q.id !== query.id);
      if (this.currentId === query.id) this.currentId = null;
    } catch (error) {
      notify((error as Error).message, 'error');
    }
  }

  private setFilter(changes: Partial<QueryFilters>) {
    const next = { ...this.filters, ...changes } as Record<string, unknown>;
    for (const key of Object.keys(next)) if (next[key] === '' || next[key] === undefined) delete next[key];
    this.filters = next as QueryFilters;
  }

  private renderEditor(canSave: boolean) {
    const paths = codePathNames(this.codes);
    const attribute = this.definitions.find((d) => d.id === this.filters.attributeId);
    return html`<section class="card stack" aria-labelledby="query-title">
      <h2 id="query-title">${t('queries.title')}</h2>
      <p class="muted small">${t('queries.help')}</p>
      <label for="query-expression">${t('queries.expression')}</label>
      <textarea id="query-expression" rows="3" class="mono" .value=${this.expression} placeholder="([Relapse] OR [Housing]+) AND/TURN [Cost per client]"
        aria-describedby=${this.error ? 'query-error' : nothing}
        @input=${(e: Event) => (this.expression = (e.target as HTMLTextAreaElement).value)}
        @keydown=${(e: KeyboardEvent) => { if (e.key === 'Enter' && (e.ctrlKey || e.metaKey)) { e.preventDefault(); void this.run(); } }}></textarea>
      <div class="row">
        <label class="inline">${t('queries.insertCode')}
          <select @change=${(e: Event) => { const s = e.target as HTMLSelectElement; if (s.value) this.insert(`[${paths.get(s.value)!.replaceAll(' › ', ' > ')}]`); s.value = ''; }}>
            <option value="">…</option>
            ${[...this.codes].sort((a, b) => paths.get(a.id)!.localeCompare(paths.get(b.id)!)).map((c) => html`<option value=${c.id}>${paths.get(c.id)}</option>`)}
          </select></label>
        ${OPERATORS.map((op) => html`<button class="button button-small mono" type="button" @click=${() => this.insert(op)}>${op}</button>`)}
      </div>
      <div class="toolbar">
        <label>${t('documents.columns.group')}<select @change=${(e: Event) => this.setFilter({ respondentGroup: (e.target as HTMLSelectElement).value as 'belgian' })}>
          <option value="">${t('search.any')}</option>${(['international', 'belgian'] as const).map((g) => html`<option value=${g} ?selected=${this.filters.respondentGroup === g}>${t(`groups.${g}`)}</option>`)}</select></label>
        <label>${t('documents.columns.language')}<select @change=${(e: Event) => this.setFilter({ language: (e.target as HTMLSelectElement).value as 'nl' })}>
          <option value="">${t('search.any')}</option>${(['nl', 'fr', 'en', 'other'] as const).map((l) => html`<option value=${l} ?selected=${this.filters.language === l}>${t(`languages.${l}`)}</option>`)}</select></label>
        <label>${t('search.attribute')}<select @change=${(e: Event) => this.setFilter({ attributeId: (e.target as HTMLSelectElement).value, attributeValue: '' })}>
          <option value="">${t('search.any')}</option>${this.definitions.map((d) => html`<option value=${d.id} ?selected=${this.filters.attributeId === d.id}>${d.name}</option>`)}</select></label>
        ${attribute ? html`<label>${attribute.name}<input .value=${this.filters.attributeValue ?? ''} @change=${(e: Event) => this.setFilter({ attributeValue: (e.target as HTMLInputElement).value })} /></label>` : nothing}
        <label>${t('search.codedBy')}<select @change=${(e: Event) => this.setFilter({ coderId: (e.target as HTMLSelectElement).value })}>
          <option value="">${t('search.any')}</option>${this.members.map((m) => html`<option value=${m.userId} ?selected=${this.filters.coderId === m.userId}>${m.name}</option>`)}</select></label>
      </div>
      ${this.error ? html`<p id="query-error" class="form-error" role="alert">${this.error.message}
        ${this.error.position !== null ? html`<code class="query-caret">${this.expression.slice(0, this.error.position)}<mark>${this.expression.slice(this.error.position, this.error.position + 1) || ' '}</mark>${this.expression.slice(this.error.position + 1)}</code>` : nothing}</p>` : nothing}
      <div class="row">
        <button class="button button-primary" ?disabled=${this.busy || !this.expression.trim()} @click=${this.run}>${t('queries.run')}</button>
        ${canSave && !this.naming ? html`<button class="button" ?disabled=${!this.expression.trim()} @click=${() => (this.naming = true)}>${t('queries.save')}</button>` : nothing}
        <span class="hint">Ctrl+Enter</span>
      </div>
      ${this.naming
        ? html`<form class="row" @submit=${this.save}>
            <label>${t('queries.name')}<input name="name" required maxlength="200" .value=${this.saved.find((q) => q.id === this.currentId)?.name ?? ''} autofocus /></label>
            <button class="button button-primary" type="submit">${t('queries.save')}</button>
            <button class="button" type="button" @click=${() => (this.naming = false)}>${t('common.cancel')}</button></form>`
        : nothing}
    </section>`;
  }

  private renderResult(result: QueryResult) {
    const current = this.saved.find((q) => q.id === this.currentId);
    return html`<section class="query-results" aria-live="polite">
      <div class="row spread"><p>${t('queries.resultCount', { count: result.passages.length, formatted: formatNumber(result.passages.length), documents: result.documents })}</p>
        ${current ? html`<span class="row"><a class="button button-small" href=${queriesApi.exportUrl(this.project.id, current.id, 'csv')} download>${t('queries.exportCsv')}</a>
          <a class="button button-small" href=${queriesApi.exportUrl(this.project.id, current.id, 'xlsx')} download>${t('queries.exportXlsx')}</a></span>`
          : html`<span class="hint">${t('queries.saveToExport')}</span>`}</div>
      <ul class="kwic-list">${result.passages.map((p) => html`<li><a class="kwic" href="/documents/${p.documentId}?start=${p.start}&end=${p.end}">
        <span class="kwic-speaker">${p.documentName}<br />${p.speaker ?? ''}</span>
        <span class="kwic-text">${p.contextBefore}<mark>${p.text}</mark>${p.contextAfter}
          <span class="small muted query-codes">${p.codes.map((c) => c.name).join(' · ')}</span></span></a></li>`)}</ul>
    </section>`;
  }

  override render() {
    const canSave = roleAtLeast(this.project.role, 'coder');
    return html`<div class="queries-layout">
      <div>${this.renderEditor(canSave)}${this.result ? this.renderResult(this.result) : nothing}</div>
      <aside class="card" aria-labelledby="saved-title"><h2 id="saved-title">${t('queries.savedTitle')}</h2>
        ${this.saved.length === 0 ? html`<p class="muted small">${t('queries.noneSaved')}</p>` : html`<ul class="saved-queries">${this.saved.map((q) => html`<li class=${q.id === this.currentId ? 'current' : ''}>
          <button class="link-button" @click=${() => this.open(q)}>${q.name}</button>
          <code class="small">${q.expression}</code>
          ${canSave ? html`<button class="button button-small" @click=${() => this.deleteQuery(q)}>${t('common.delete')}</button>` : nothing}</li>`)}</ul>`}
      </aside>
    </div>`;
  }
}
customElements.define('queries-tab', QueriesTab);
