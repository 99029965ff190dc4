import { html, nothing } from 'lit';
import { unsafeHTML } from 'lit/directives/unsafe-html.js';
import { roleAtLeast } from '../../../../server/shared/roles';
import { ApiError } from '../../api/http';
import { type ImportReport, literatureApi, type Source } from '../../api/literature';
import type { Project } from '../../api/types';
import { confirmAction } from '../../components/confirm-dialog';
import { emptyState } from '../../components/empty-state';
import { LightElement } from '../../components/light-element';
import { notify } from '../../components/toasts';
import { t } from '../../i18n/i18n';

export const FOCI = ['offenders', 'cost_effectiveness', 'evaluation', 'other'] as const;
const KINDS = ['article-journal', 'book', 'chapter', 'report', 'thesis', 'webpage', 'paper-conference'] as const;

/** The source list: APA citations (sanitised by the server), focus and text filter, form, BibTeX/RIS import and export. */
export class SourcesView extends LightElement {
  static override properties = {
    project: { attribute: false }, sources: { state: true }, focusFilter: { state: true }, q: { state: true },
    editing: { state: true }, error: { state: true }, report: { state: true }, importError: { state: true }, busy: { state: true },
  };
  declare project: Project;
  declare sources: Source[] | null;
  declare focusFilter: string;
  declare q: string;
  /** The source in the form: null closed, 'new' a new one. */
  declare editing: Source | 'new' | null;
  declare error: string;
  declare report: ImportReport | null;
  declare importError: string;
  declare busy: boolean;

  constructor() {
    super();
    this.sources = null; this.focusFilter = ''; this.q = ''; this.editing = null; this.error = ''; this.report = null; this.importError = ''; this.busy = false;
  }

  override connectedCallback() { super.connectedCallback(); void this.load(); }

  private async load() {
    this.sources = (await literatureApi.sources(this.project.id, { focus: this.focusFilter || undefined, q: this.q || undefined })).sources;
  }

  private async save(event: SubmitEvent) {
    event.preventDefault();
    const data = new FormData(event.target as HTMLFormElement);
    const text = (k: string) => String(data.get(k) ?? '');
    const year = text('year').trim();
    const body = { kind: text('kind'), authors: text('authors'), year: year ? Number(year) : null, title: text('title'), venue: text('venue'), doi: text('doi'), url: text('url'), focus: text('focus') as Source['focus'], notes: text('notes') };
    try {
      const editing = this.editing;
      const saved = editing === 'new' || !editing ? await literatureApi.createSource(this.project.id, body) : await literatureApi.updateSource(this.project.id, editing.id, body);
      notify(t('literature.sources.saved', { title: saved.title }), 'success');
      this.editing = null; this.error = '';
      await this.load();
    } catch (e) { this.error = e instanceof ApiError ? e.message : String(e); }
  }

  private async removeSource(source: Source) {
    const usage = await literatureApi.sourceUsage(this.project.id, source.id);
    if (!(await confirmAction({ title: t('literature.sources.deleteTitle'), message: t('literature.sources.deleteMessage', { title: source.title, gaps: usage.gapCount, practices: usage.practiceCount }), confirmLabel: t('common.delete'), danger: true }))) return;
    await literatureApi.deleteSource(this.project.id, source.id);
    await this.load();
  }

  private async importFiles(event: SubmitEvent) {
    event.preventDefault();
    const form = event.target as HTMLFormElement;
    const files = [...((form.elements.namedItem('files') as HTMLInputElement).files ?? [])];
    if (files.length === 0) return;
    this.busy = true; this.importError = ''; this.report = null;
    try {
      this.report = await literatureApi.importSources(this.project.id, files, String(new FormData(form).get('focus') ?? 'other'));
      form.reset();
      await this.load();
    } catch (e) { this.importError = e instanceof ApiError ? e.message : String(e); } finally { this.busy = false; }
  }

  private renderForm(source: Source | null) {
    return html`<form class="card stack" @submit=${this.save} aria-labelledby="source-form-title">
      <h2 id="source-form-title">${source ? t('literature.sources.edit') : t('literature.sources.add')}</h2>
      <div class="field-grid">
        <label>${t('literature.sources.kind')}<select name="kind">${KINDS.map((k) => html`<option value=${k} ?selected=${(source?.kind ?? 'article-journal') === k}>${t(`literature.kinds.${k}`)}</option>`)}</select></label>
        <label>${t('literature.sources.authors')}<input name="authors" .value=${source?.authorsText ?? ''} placeholder="Van Dijk, Anna; Dupont, Marc" /><span class="hint">${t('literature.sources.authorsHelp')}</span></label>
        <label>${t('literature.sources.year')}<input name="year" type="number" min="1500" max="2100" .value=${source?.year?.toString() ?? ''} /></label>
        <label>${t('literature.sources.title')}<input name="title" required maxlength="1000" .value=${source?.title ?? ''} /></label>
        <label>${t('literature.sources.venue')}<input name="venue" .value=${source?.venue ?? ''} /></label>
        <label>DOI<input name="doi" .value=${source?.doi ?? ''} placeholder="10.1234/…" /></label>
        <label>URL<input name="url" type="url" .value=${source?.url ?? ''} /></label>
        <label>${t('literature.focusLabel')}<select name="focus">${FOCI.map((f) => html`<option value=${f} ?selected=${(source?.focus ?? 'other') === f}>${t(`literature.focus.${f}`)}</option>`)}</select></label>
        <label>${t('literature.notes')}<textarea name="notes" rows="2" .value=${source?.notes ?? ''}></textarea></label>
      </div>
      ${this.error ? html`<p class="form-error" role="alert">${this.error}</p>` : nothing}
      <div class="row"><button class="button button-primary" type="submit">${t('common.save')}</button>
        <button class="button" type="button" @click=${() => { this.editing = null; this.error = ''; }}>${t('common.cancel')}</button></div>
    </form>`;
  }

  private renderImport() {
    return html`<form class="card stack" @submit=${this.importFiles} aria-labelledby="import-title">
      <h2 id="import-title">${t('literature.sources.importTitle')}</h2>
      <div class="row"><label>${t('literature.sources.importFiles')}<input name="files" type="file" accept=".bib,.ris,.bibtex" multiple required /></label>
        <label>${t('literature.focusLabel')}<select name="focus">${FOCI.map((f) => html`<option value=${f} ?selected=${f === 'other'}>${t(`literature.focus.${f}`)}</option>`)}</select></label>
        <button class="button button-primary" type="submit" ?disabled=${this.busy}>${t('literature.sources.import')}</button></div>
      ${this.importError ? html`<p class="form-error" role="alert">${this.importError}</p>` : nothing}
      ${this.report ? html`<ul class="result-list" aria-live="polite">
        <li class="result result-ok"><span class="result-icon">✓</span>${t('literature.sources.imported', { count: this.report.imported.length })}</li>
        ${this.report.skipped.length ? html`<li class="result result-warn"><span class="result-icon">!</span>${t('literature.sources.skipped', { count: this.report.skipped.length })}: ${this.report.skipped.map((s) => `${s.title} (${t(`literature.sources.reason.${s.reason}`)})`).join('; ')}</li>` : nothing}
        ${this.report.errors.map((e) => html`<li class="result result-error"><span class="result-icon">×</span>${e.file} · ${e.entry}: ${e.message}</li>`)}</ul>` : nothing}
    </form>`;
  }

  override render() {
    const canEdit = roleAtLeast(this.project.role, 'coder');
    return html`<div class="stack">
      <div class="toolbar">
        <label>${t('literature.focusLabel')}<select @change=${(e: Event) => { this.focusFilter = (e.target as HTMLSelectElement).value; void this.load(); }}>
          <option value="">${t('literature.allFoci')}</option>${FOCI.map((f) => html`<option value=${f} ?selected=${this.focusFilter === f}>${t(`literature.focus.${f}`)}</option>`)}</select></label>
        <label>${t('literature.sources.search')}<input type="search" .value=${this.q} @change=${(e: Event) => { this.q = (e.target as HTMLInputElement).value; void this.load(); }} /></label>
        <span class="toolbar-spacer"></span>
        ${canEdit ? html`<button class="button button-primary" @click=${() => (this.editing = 'new')}>${t('literature.sources.add')}</button>` : nothing}
        <a class="button" href=${literatureApi.bibtexUrl(this.project.id, this.focusFilter || undefined)} download>${t('literature.sources.exportBib')}</a>
      </div>
      ${this.editing ? this.renderForm(this.editing === 'new' ? null : this.editing) : nothing}
      ${canEdit ? this.renderImport() : nothing}
      ${this.sources === null ? html`<p class="loading">${t('common.loading')}</p>`
        : this.sources.length === 0 && !this.q && !this.focusFilter
          ? emptyState({ title: t('help.empty.literatureTitle'), text: t('help.empty.literatureText'), helpScreen: 'literature', projectId: this.project.id })
        : this.sources.length === 0 ? html`<p class="empty-state">${t('literature.sources.none')}</p>`
          : html`<ol class="card stack source-list" aria-label=${t('literature.viewNames.sources')}>${this.sources.map((s) => html`<li>
            <span class="citation">${unsafeHTML(s.citationHtml)}</span>
            <span class="row small"><span class="badge">${t(`literature.focus.${s.focus}`)}</span>${s.citationKey ? html`<code>${s.citationKey}</code>` : nothing}
              ${s.notes ? html`<span class="muted">${s.notes}</span>` : nothing}
              ${canEdit ? html`<button class="button button-small" @click=${() => (this.editing = s)}>${t('common.edit')}</button>
                <button class="button button-small" @click=${() => this.removeSource(s)}>${t('common.delete')}</button>` : nothing}</span></li>`)}</ol>`}
    </div>`;
  }
}
customElements.define('sources-view', SourcesView);
