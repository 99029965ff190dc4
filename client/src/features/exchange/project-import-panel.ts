import { html, nothing } from 'lit';
import type { Project } from '../../api/types';
import { LightElement } from '../../components/light-element';
import { formatNumber, t } from '../../i18n/i18n';
import { refiImportApi, type RefiImportReport } from './refi-import-api';

const COUNTS = ['documents', 'codes', 'segments', 'codings', 'memos', 'attributes', 'users'] as const;

/**
 * Import a whole project from another QDA program (projects page): choose a .qdpx or .qde,
 * upload with a progress bar, then a readable report (imported, converted, skipped with reasons,
 * warnings, who the file's coders became) and a link to the new project. Emits `project-imported`.
 */
export class ProjectImportPanel extends LightElement {
  static override properties = { file: { state: true }, phase: { state: true }, progress: { state: true }, result: { state: true }, error: { state: true } };
  declare file: File | null;
  declare phase: 'choose' | 'uploading' | 'importing' | 'done';
  declare progress: number;
  declare result: { project: Project; report: RefiImportReport } | null;
  declare error: { code: string; message: string } | null;

  constructor() {
    super();
    this.file = null;
    this.phase = 'choose';
    this.progress = 0;
    this.result = null;
    this.error = null;
  }

  private async import() {
    if (!this.file) return;
    this.phase = 'uploading';
    this.progress = 0;
    this.error = null;
    this.result = null;
    try {
      this.result = await refiImportApi.importProject(this.file, (fraction) => {
        this.progress = fraction;
        if (fraction >= 1) this.phase = 'importing';
      });
      this.phase = 'done';
      this.file = null;
      this.emit('project-imported', this.result.project);
    } catch (error) {
      const e = error as { code?: string; message: string };
      this.error = { code: e.code ?? '', message: e.message };
      this.phase = 'choose';
    }
  }

  private renderReport({ project, report: r }: { project: Project; report: RefiImportReport }) {
    const item = (kind: 'ok' | 'warn' | 'skip', text: unknown) => html`<li class="result result-${kind === 'ok' ? 'ok' : 'warn'}">
      <span class="result-icon" aria-hidden="true">${kind === 'ok' ? '✓' : kind === 'skip' ? '–' : '!'}</span><span>${text}</span></li>`;
    const placeholders = r.coders.filter((c) => c.placeholder);
    const mine = r.coders.filter((c) => !c.placeholder);
    return html`<div class="upload-results stack" role="status" aria-live="polite" data-testid="refi-import-report">
      <h3>${t('exchangeImport.imported', { name: project.name })}</h3>
      ${r.origin ? html`<p class="muted">${t('exchangeImport.origin', { origin: r.origin })}</p>` : nothing}
      <ul class="result-list">
        ${COUNTS.filter((k) => r.imported[k] > 0).map((k) => item('ok', t(`exchangeImport.counts.${k}`, { count: r.imported[k], formatted: formatNumber(r.imported[k]) })))}
        ${r.imported.selections > r.imported.segments && r.imported.segments > 0
          ? item('ok', t('exchangeImport.merged', { selections: formatNumber(r.imported.selections), segments: formatNumber(r.imported.segments) })) : nothing}
        ${mine.length ? item('ok', t('exchangeImport.codersMine', { names: mine.map((c) => c.refiName).join(', ') })) : nothing}
        ${placeholders.length ? item('warn', t('exchangeImport.codersPlaceholder', { names: placeholders.map((c) => c.refiName).join(', ') })) : nothing}
      </ul>
      ${r.converted.length ? html`<h4>${t('exchangeImport.convertedTitle')}</h4><ul class="result-list">${r.converted.map((c) => item('ok', c))}</ul>` : nothing}
      ${r.skipped.length ? html`<h4>${t('exchangeImport.skippedTitle', { count: r.skipped.length })}</h4>
        <ul class="result-list" data-testid="refi-import-skipped">${r.skipped.map((s) => item('skip', html`<strong>${s.name}</strong> <span class="muted">(${s.kind})</span>: ${s.reason}`))}</ul>` : nothing}
      ${r.warnings.length ? html`<h4>${t('exchangeImport.warningsTitle', { count: r.warnings.length })}</h4><ul class="result-list">${r.warnings.map((w) => item('warn', w))}</ul>` : nothing}
      <div class="row"><a class="button button-primary" href="/projects/${project.id}">${t('exchangeImport.open', { name: project.name })}</a></div>
    </div>`;
  }

  override render() {
    const busy = this.phase === 'uploading' || this.phase === 'importing';
    return html`<section class="card stack project-import-panel" style="margin-block-start: 1.5rem" aria-labelledby="refi-import-title">
      <h2 id="refi-import-title">${t('exchangeImport.projectTitle')}</h2>
      <p class="muted">${t('exchangeImport.projectExplain')}</p>
      <div class="row">
        <label class="button" for="refi-import-file">${t('exchangeImport.chooseProject')}</label>
        <input id="refi-import-file" type="file" accept=".qdpx,.qde" class="visually-hidden" data-testid="refi-import-input" ?disabled=${busy}
          aria-label=${t('exchangeImport.chooseProject')}
          @change=${(e: Event) => { const input = e.target as HTMLInputElement; this.file = input.files?.[0] ?? null; this.result = null; this.error = null; input.value = ''; }} />
        <span class="muted">${this.file ? `${this.file.name} — ${formatNumber(Math.ceil(this.file.size / 1024))} KB` : t('exchangeImport.noFile')}</span>
        <button class="button button-primary" ?disabled=${!this.file || busy} @click=${() => void this.import()}>${t('exchangeImport.importProject')}</button>
      </div>
      ${busy
        ? html`<div class="progress-wrap"><progress max="1" value=${this.phase === 'importing' ? nothing : this.progress} aria-label=${t('exchangeImport.progress')}></progress>
            <span class="muted">${this.phase === 'importing' ? t('exchangeImport.importing') : `${Math.round(this.progress * 100)} %`}</span></div>`
        : nothing}
      ${this.error ? html`<p class="form-error" role="alert">${this.error.message} <code class="muted">${this.error.code}</code></p>` : nothing}
      ${this.result ? this.renderReport(this.result) : nothing}
    </section>`;
  }
}
customElements.define('project-import-panel', ProjectImportPanel);
