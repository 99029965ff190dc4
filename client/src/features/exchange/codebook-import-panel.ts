import { html, nothing } from 'lit';
import type { Project } from '../../api/types';
import { LightElement } from '../../components/light-element';
import { formatNumber, t } from '../../i18n/i18n';
import { refiImportApi, type QdcImportResult } from './refi-import-api';

/**
 * Import a REFI-QDA codebook (.qdc) into this project (Import & export tab, leads): codes are
 * matched by path, new ones created, colours and descriptions updated; then the report.
 * Emits `codebook-imported` with the result.
 */
export class CodebookImportPanel extends LightElement {
  static override properties = { project: { attribute: false }, file: { state: true }, busy: { state: true }, progress: { state: true }, result: { state: true }, error: { state: true } };
  declare project: Project;
  declare file: File | null;
  declare busy: boolean;
  declare progress: number;
  declare result: QdcImportResult | null;
  declare error: { code: string; message: string } | null;

  constructor() {
    super();
    this.file = null;
    this.busy = false;
    this.progress = 0;
    this.result = null;
    this.error = null;
  }

  private async import() {
    if (!this.file) return;
    this.busy = true;
    this.error = null;
    this.result = null;
    try {
      this.result = await refiImportApi.importCodebook(this.project.id, this.file, (f) => { this.progress = f; });
      this.file = null;
      this.emit('codebook-imported', this.result);
    } catch (error) {
      const e = error as { code?: string; message: string };
      this.error = { code: e.code ?? '', message: e.message };
    } finally {
      this.busy = false;
    }
  }

  private renderResult(r: QdcImportResult) {
    const changed = r.report.codes.filter((c) => c.status !== 'unchanged');
    return html`<div class="upload-results stack" role="status" aria-live="polite" data-testid="qdc-import-report">
      <p><strong>${t('exchangeImport.codebookDone', { created: formatNumber(r.created), updated: formatNumber(r.updated), unchanged: formatNumber(r.skipped) })}</strong></p>
      ${changed.length ? html`<ul class="result-list">${changed.map((c) => html`<li class="result result-ok"><span class="result-icon" aria-hidden="true">✓</span>
        <span>${c.path} <span class="muted">— ${t(`exchangeImport.status.${c.status}`)}</span></span></li>`)}</ul>` : nothing}
      ${r.report.warnings.length ? html`<ul class="result-list">${r.report.warnings.map((w) => html`<li class="result result-warn"><span class="result-icon" aria-hidden="true">!</span><span>${w}</span></li>`)}</ul>` : nothing}
      <div class="row"><a class="button" href="/projects/${this.project.id}/codes">${t('exchangeImport.openCodebook')}</a></div>
    </div>`;
  }

  override render() {
    return html`<section class="card stack codebook-import-panel" aria-labelledby="qdc-import-title">
      <h2 id="qdc-import-title">${t('exchangeImport.codebookTitle')}</h2>
      <p class="muted">${t('exchangeImport.codebookExplain')}</p>
      <div class="row">
        <label class="button" for="qdc-import-file">${t('exchangeImport.chooseCodebook')}</label>
        <input id="qdc-import-file" type="file" accept=".qdc,.xml" class="visually-hidden" data-testid="qdc-import-input" ?disabled=${this.busy}
          aria-label=${t('exchangeImport.chooseCodebook')}
          @change=${(e: Event) => { const input = e.target as HTMLInputElement; this.file = input.files?.[0] ?? null; this.result = null; this.error = null; input.value = ''; }} />
        <span class="muted">${this.file ? this.file.name : t('exchangeImport.noFile')}</span>
        <button class="button button-primary" ?disabled=${!this.file || this.busy} @click=${() => void this.import()}>${t('exchangeImport.importCodebook')}</button>
      </div>
      ${this.busy ? html`<div class="progress-wrap"><progress max="1" value=${this.progress} aria-label=${t('exchangeImport.progress')}></progress></div>` : nothing}
      ${this.error ? html`<p class="form-error" role="alert">${this.error.message} <code class="muted">${this.error.code}</code></p>` : nothing}
      ${this.result ? this.renderResult(this.result) : nothing}
    </section>`;
  }
}
customElements.define('codebook-import-panel', CodebookImportPanel);
