import { html, nothing } from 'lit';
import { formatDateTime, formatNumber, t } from '../../i18n/i18n';
import { backupApi, type RestoreReport } from './backup-api';
import { UploadJobPanel } from './upload-job-panel';

const SHOWN_COUNTS = ['documents', 'codes', 'codings', 'memos', 'saved_queries', 'literature_sources', 'practice_records', 'project_events'] as const;

/**
 * Restore a backup file into a new project (projects page): choose the file, upload with a
 * progress bar, then a readable report (what came back, who was matched, whose work is now yours).
 * Emits `project-imported` with the new project.
 */
export class BackupRestorePanel extends UploadJobPanel<RestoreReport> {
  protected send(file: File, onProgress: (fraction: number) => void) {
    return backupApi.restore(file, onProgress);
  }

  protected projectOf(result: RestoreReport) {
    return result.project;
  }

  private renderReport(r: RestoreReport) {
    return html`<div class="upload-results stack" role="status" aria-live="polite" data-testid="restore-report">
      <h3>${t('exchangeBackup.restored', { name: r.project.name })}</h3>
      <p>${t('exchangeBackup.restoredFrom', { original: r.originalName, date: formatDateTime(r.backupCreatedAt), version: r.backupAppVersion })}</p>
      <ul class="result-list">
        ${SHOWN_COUNTS.filter((k) => (r.counts[k] ?? 0) > 0).map((k) => html`<li class="result result-ok"><span class="result-icon" aria-hidden="true">✓</span>
          <span>${t(`exchangeBackup.counts.${k}`, { count: r.counts[k]!, formatted: formatNumber(r.counts[k]!) })}</span></li>`)}
        ${r.matchedUsers.length > 0 ? html`<li class="result result-ok"><span class="result-icon" aria-hidden="true">✓</span>
          <span>${t('exchangeBackup.matched', { names: r.matchedUsers.map((u) => u.name).join(', ') })}</span></li>` : nothing}
        ${r.reassignedUsers.length > 0 ? html`<li class="result result-warn"><span class="result-icon" aria-hidden="true">!</span>
          <span>${t('exchangeBackup.reassigned', { people: r.reassignedUsers.map((u) => `${u.name} (${u.email})`).join(', ') })}</span></li>` : nothing}
        ${r.warnings.map((w) => html`<li class="result result-warn"><span class="result-icon" aria-hidden="true">!</span><span>${w}</span></li>`)}
      </ul>
      <div class="row"><a class="button button-primary" href="/projects/${r.project.id}">${t('exchangeBackup.open', { name: r.project.name })}</a></div>
    </div>`;
  }

  override render() {
    return html`<section class="card stack backup-restore-panel" style="margin-block-start: 1.5rem" aria-labelledby="restore-title">
      <h2 id="restore-title">${t('exchangeBackup.restoreTitle')}</h2>
      <p class="muted">${t('exchangeBackup.restoreExplain')}</p>
      ${this.renderControls({ inputId: 'restore-file', testId: 'restore-input', accept: '.zip,application/zip', choose: t('exchangeBackup.chooseFile'), noFile: t('exchangeBackup.noFile'), start: t('exchangeBackup.restore'), progress: t('exchangeBackup.progress'), processing: t('exchangeBackup.restoring') })}
      ${this.result ? this.renderReport(this.result) : nothing}
    </section>`;
  }
}
customElements.define('backup-restore-panel', BackupRestorePanel);
