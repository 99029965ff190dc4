import { html, nothing } from 'lit';
import { documentsApi } from '../../api/documents';
import type { ImportResult } from '../../api/types';
import { closeIcon } from '../../components/icons';
import { LightElement } from '../../components/light-element';
import { formatNumber, t } from '../../i18n/i18n';

export const ACCEPTED = '.docx,.txt,.md,.vtt,.srt';

/**
 * Choose or drop transcript files, import them with a progress bar, and see a result per file:
 * imported, failed (with the reason), or already in the project (with "import anyway").
 */
export class UploadPanel extends LightElement {
  static override properties = {
    projectId: { attribute: false }, files: { state: true }, progress: { state: true }, phase: { state: true },
    result: { state: true }, dragging: { state: true }, error: { state: true },
  };
  declare projectId: string;
  declare files: File[];
  declare progress: number;
  declare phase: 'choose' | 'uploading' | 'processing' | 'done';
  declare result: ImportResult | null;
  declare dragging: boolean;
  declare error: string;

  constructor() {
    super();
    this.files = [];
    this.progress = 0;
    this.phase = 'choose';
    this.result = null;
    this.dragging = false;
    this.error = '';
  }

  private addFiles(list: FileList | null) {
    if (!list) return;
    const known = new Set(this.files.map((f) => `${f.name}:${f.size}`));
    this.files = [...this.files, ...Array.from(list).filter((f) => !known.has(`${f.name}:${f.size}`))];
    this.result = null;
    this.phase = 'choose';
  }

  private onDrop(event: DragEvent) {
    event.preventDefault();
    this.dragging = false;
    this.addFiles(event.dataTransfer?.files ?? null);
  }

  private async upload(files: File[], allowDuplicates = false) {
    this.phase = 'uploading';
    this.progress = 0;
    this.error = '';
    try {
      const result = await documentsApi.upload(this.projectId, files, { allowDuplicates }, (fraction) => {
        this.progress = fraction;
        if (fraction >= 1) this.phase = 'processing';
      });
      this.result = allowDuplicates && this.result
        ? { documents: [...this.result.documents, ...result.documents], failed: [...this.result.failed, ...result.failed], duplicates: result.duplicates }
        : result;
      this.phase = 'done';
      this.files = [];
      if (result.documents.length > 0) this.emit('documents-imported', result.documents);
    } catch (error) {
      this.error = (error as Error).message;
      this.phase = 'choose';
    }
  }

  private importAnyway(fileName: string) {
    const original = this.lastBatch.find((f) => f.name === fileName);
    if (original) void this.upload([original], true);
  }

  private lastBatch: File[] = [];

  private start() {
    this.lastBatch = this.files;
    void this.upload(this.files);
  }

  private renderResult(result: ImportResult) {
    return html`<div class="upload-results" role="status" aria-live="polite">
      <h3>${t('upload.resultTitle', { imported: result.documents.length, total: result.documents.length + result.failed.length + result.duplicates.length })}</h3>
      <ul class="result-list">
        ${result.documents.map((d) => html`<li class="result result-ok"><span class="result-icon" aria-hidden="true">✓</span>
          <span><a href="/documents/${d.id}">${d.fileName}</a> — ${t('upload.importedDetail', { words: formatNumber(d.wordCount), turns: d.turnCount, speakers: d.speakers.length })}</span></li>`)}
        ${result.duplicates.map((d) => html`<li class="result result-warn"><span class="result-icon" aria-hidden="true">!</span>
          <span>${d.fileName} — ${t('upload.duplicate')} <a href="/documents/${d.existingDocumentId}">${d.existingName}</a>.
          <button class="button button-small" @click=${() => this.importAnyway(d.fileName)}>${t('upload.importAnyway')}</button></span></li>`)}
        ${result.failed.map((f) => html`<li class="result result-error"><span class="result-icon" aria-hidden="true">✕</span>
          <span>${f.fileName} — ${f.error.message} <code class="muted">${f.error.code}</code></span></li>`)}
      </ul>
    </div>`;
  }

  override render() {
    const busy = this.phase === 'uploading' || this.phase === 'processing';
    return html`<section class="card upload-panel" aria-labelledby="upload-title">
      <div class="row spread"><h2 id="upload-title">${t('upload.title')}</h2>
        <button class="icon-button" aria-label=${t('common.close')} @click=${() => this.emit('close')}>${closeIcon()}</button></div>
      <label class="dropzone ${this.dragging ? 'dragging' : ''}"
        @dragover=${(e: DragEvent) => { e.preventDefault(); this.dragging = true; }}
        @dragleave=${() => (this.dragging = false)} @drop=${this.onDrop}>
        <input type="file" multiple accept=${ACCEPTED} class="visually-hidden" data-testid="upload-input"
          @change=${(e: Event) => { this.addFiles((e.target as HTMLInputElement).files); (e.target as HTMLInputElement).value = ''; }} />
        <strong>${t('upload.drop')}</strong>
        <span class="muted">${t('upload.formats')}</span>
      </label>
      ${this.files.length > 0
        ? html`<ul class="file-list">${this.files.map((f) => html`<li><span>${f.name}</span><span class="muted">${formatNumber(Math.ceil(f.size / 1024))} KB</span>
            <button class="icon-button" ?disabled=${busy} aria-label=${t('upload.removeFile', { name: f.name })} @click=${() => (this.files = this.files.filter((x) => x !== f))}>${closeIcon()}</button></li>`)}</ul>`
        : nothing}
      ${busy
        ? html`<div class="progress-wrap"><progress max="1" value=${this.phase === 'processing' ? nothing : this.progress} aria-label=${t('upload.progress')}></progress>
            <span class="muted">${this.phase === 'processing' ? t('upload.processing') : `${Math.round(this.progress * 100)} %`}</span></div>`
        : nothing}
      ${this.error ? html`<p class="form-error" role="alert">${this.error}</p>` : nothing}
      ${this.files.length > 0
        ? html`<div class="row"><button class="button button-primary" ?disabled=${busy} @click=${this.start}>${t('upload.import', { count: this.files.length })}</button></div>`
        : nothing}
      ${this.result ? this.renderResult(this.result) : nothing}
    </section>`;
  }
}
customElements.define('upload-panel', UploadPanel);
