import { html, nothing } from 'lit';
import { codesApi } from '../../api/codes';
import { attributesApi } from '../../api/documents';
import { projectsApi } from '../../api/projects';
import { type SearchFilters, searchApi } from '../../api/search';
import type { AttributeDefinition, Code, Member, Project, SearchHit, SearchResponse } from '../../api/types';
import { LightElement } from '../../components/light-element';
import { notify } from '../../components/toasts';
import { formatMediaTime, formatNumber, t } from '../../i18n/i18n';
import { roleAtLeast } from '../../../../server/shared/roles';
import './autocode-panel';
import './search-filters';

/**
 * Search across the project's transcripts, memos and code definitions: keyword-in-context lines
 * grouped by document; a line opens the reader at the hit. Coders can auto-code the hits.
 */
export class SearchTab extends LightElement {
  static override properties = {
    project: { attribute: false }, q: { state: true }, filters: { state: true }, result: { state: true }, busy: { state: true },
    codes: { state: true }, definitions: { state: true }, members: { state: true }, showAutocode: { state: true },
  };
  declare project: Project;
  declare q: string;
  declare filters: SearchFilters;
  declare result: SearchResponse | null;
  declare busy: boolean;
  declare codes: Code[];
  declare definitions: AttributeDefinition[];
  declare members: Member[];
  declare showAutocode: boolean;
  private runs = 0;

  constructor() {
    super();
    this.q = new URLSearchParams(location.search).get('q') ?? '';
    this.filters = {};
    this.result = null;
    this.busy = false;
    this.codes = [];
    this.definitions = [];
    this.members = [];
    this.showAutocode = false;
  }

  override connectedCallback() {
    super.connectedCallback();
    void Promise.all([codesApi.list(this.project.id), attributesApi.list(this.project.id), projectsApi.members(this.project.id)]).then(([c, a, m]) => {
      this.codes = c.codes;
      this.definitions = a.attributes;
      this.members = m.members;
    });
    if (this.q) void this.run();
  }

  /** Runs the current query; a newer run supersedes an older one still in flight, whose answer is then dropped. */
  private async run() {
    if (!this.q.trim()) return;
    const run = ++this.runs;
    const q = this.q;
    this.busy = true;
    try {
      const result = await searchApi.search(this.project.id, q, this.filters);
      if (run !== this.runs) return;
      this.result = result;
      history.replaceState(null, '', `${location.pathname}?q=${encodeURIComponent(q)}`);
    } catch (error) {
      if (run === this.runs) notify((error as Error).message, 'error');
    } finally {
      if (run === this.runs) this.busy = false;
    }
  }

  private submit(event: SubmitEvent) {
    event.preventDefault();
    this.q = String(new FormData(event.target as HTMLFormElement).get('q') ?? '');
    void this.run();
  }

  private renderHit(hit: SearchHit) {
    return html`<li><a class="kwic" href="/documents/${hit.documentId}?start=${hit.start}&end=${hit.end}">
      <span class="kwic-speaker">${hit.speaker ?? ''}${hit.mediaStartMs !== null ? html` <span class="muted">${formatMediaTime(hit.mediaStartMs)}</span>` : nothing}</span>
      <span class="kwic-text">${hit.before}<mark>${hit.match}</mark>${hit.after}</span>
    </a></li>`;
  }

  private renderResults(result: SearchResponse) {
    const groups = new Map<string, SearchHit[]>();
    for (const hit of result.hits) groups.set(hit.documentId, [...(groups.get(hit.documentId) ?? []), hit]);
    return html`<p class="muted" role="status">${t('search.summary', { count: result.total, formatted: formatNumber(result.total), documents: result.documents })}
        ${result.truncated ? t('search.truncated', { shown: result.hits.length }) : ''}</p>
      ${[...groups].map(([documentId, hits]) => html`<section class="search-group">
        <h2><a href="/documents/${documentId}">${hits[0]!.documentName}</a> <span class="muted small">${t('search.hitsInDocument', { count: hits.length })}</span></h2>
        <ul class="kwic-list">${hits.map((h) => this.renderHit(h))}</ul>
      </section>`)}
      ${result.notes.length
        ? html`<section class="card"><h2>${t('search.inNotes')}</h2><ul class="notes-hits">${result.notes.map((n) => html`<li>
            <span class="badge badge-quiet">${t(`search.noteKinds.${n.kind}`)}</span>
            <a href="/projects/${this.project.id}/${n.kind === 'code' ? 'codes' : 'memos'}">${n.title || t('memos.untitled')}</a></li>`)}</ul></section>`
        : nothing}`;
  }

  override render() {
    const canCode = roleAtLeast(this.project.role, 'coder');
    return html`<form class="search-box" role="search" @submit=${this.submit}>
        <label class="visually-hidden" for="search-q">${t('search.label')}</label>
        <input id="search-q" name="q" type="search" .value=${this.q} placeholder=${t('search.placeholder')} autofocus />
        <button class="button button-primary" type="submit" aria-busy=${this.busy ? 'true' : 'false'}>${t('search.search')}</button>
        ${canCode && this.result?.total ? html`<button class="button" type="button" aria-expanded=${this.showAutocode} @click=${() => (this.showAutocode = !this.showAutocode)}>${t('autocode.open')}</button>` : nothing}
      </form>
      <p class="hint">${t('search.hint')}</p>
      <search-filters .filters=${this.filters} .definitions=${this.definitions} .codes=${this.codes} .members=${this.members}
        @filters-changed=${(e: CustomEvent<SearchFilters>) => { this.filters = e.detail; void this.run(); }}></search-filters>
      ${this.showAutocode && this.result ? html`<autocode-panel .projectId=${this.project.id} .q=${this.q} .filters=${this.filters} .codes=${this.codes}
        @autocoded=${() => (this.showAutocode = false)}></autocode-panel>` : nothing}
      ${this.busy && !this.result ? html`<p class="loading" aria-busy="true">${t('common.loading')}</p>` : nothing}
      ${this.result ? this.renderResults(this.result) : nothing}`;
  }
}
customElements.define('search-tab', SearchTab);
