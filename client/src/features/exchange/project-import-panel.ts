import { html, nothing } from 'lit';
import type { Project } from '../../api/types';
import { formatNumber, t } from '../../i18n/i18n';
import { refiImportApi, type RefiImportReport } from './refi-import-api';
import { UploadJobPanel } from './upload-job-panel';

const COUNTS = ['documents', 'codes', 'segments', 'codings', 'memos', 'attributes', 'users'] as const;

/**
 * Import a whole project from another QDA program (projects page): choose a .qdpx or .qde,
 * upload with a progress bar, then a readable report (imported, converted, skipped with reasons,
 * warnings, who the file's coders became) and a link to the new project. Emits `project-imported`.
 */
export class ProjectImportPanel extends UploadJobPanel<{ project: Project; report: RefiImportReport }> {
  protected send(file: File, onProgress: (fraction: number) => void) {
    return refiImportApi.importProject(file, onProgress);
  }

  protected projectOf(result: { project: Project; report: RefiImportReport }) {
    return result.project;
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
    return html`<section class="card stack project-import-panel" style="margin-block-start: 1.5rem" aria-labelledby="refi-import-title">
      <h2 id="refi-import-title">${t('exchangeImport.projectTitle')}</h2>
      <p class="muted">${t('exchangeImport.projectExplain')}</p>
      ${this.renderControls({ inputId: 'refi-import-file', testId: 'refi-import-input', accept: '.qdpx,.qde', choose: t('exchangeImport.chooseProject'), noFile: t('exchangeImport.noFile'), start: t('exchangeImport.importProject'), progress: t('exchangeImport.progress'), processing: t('exchangeImport.importing') })}
      ${this.result ? this.renderReport(this.result) : nothing}
    </section>`;
  }
}
customElements.define('project-import-panel', ProjectImportPanel);
