import { html, nothing } from 'lit';
import { LightElement } from '../../components/light-element';
import { formatDateTime, formatNumber, t } from '../../i18n/i18n';
import { backupApi, type RestoreReport } from './backup-api';

const SHOWN_COUNTS = ['documents', 'codes', 'codings', 'memos', 'saved_queries', 'literature_sources', 'practice_records', 'project_events'] as const;

/**
 * Restore a backup file into a new project (projects page): choose the file, upload with a
 * progress bar, then a readable report (what came back, who was matched, whose work is now yours).
 * Emits `project-imported` with the new project.
 */
export class BackupRestorePanel extends LightElement {
  static override properties = { file: { state: true }, phase: { state: true }, progress: { state: true }, report: { state: true }, error: { state: true } };
  declare file: File | null;
  declare phase: 'choose' | 'uploading' | 'restoring' | 'done';
  declare progress: number;
  declare report: RestoreReport | null;
  declare error: { code: string; message: string } | null;

  constructor() {
    super();
    this.file = null;
    this.phase = 'choose';
    this.progress = 0;
    this.report = null;
    this.error = null;
  }

  private async restore() {
    if (!this.file) return;
    this.phase = 'uploading';
    this.progress = 0;
    this.error = null;
    this.report = null;
    try {
      this.report = await backupApi.restore(this.file, (fraction) => {
        this.progress = fraction;
        if (fraction >= 1) this.phase = 'restoring';
      });
      this.phase = 'done';
      this.file = null;
      this.emit('project-imported', this.report.project);
    } catch (error) {
      const e = error as { code?: string; message: string };
      this.error = { code: e.code ?? '', message: e.message };
      this.phase = 'choose';
    }
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
    const busy = this.phase === 'uploading' || this.phase === 'restoring';
    return html`<section class="card stack backup-restore-panel" style="margin-block-start: 1.5rem" aria-labelledby="restore-title">
      <h2 id="restore-title">${t('exchangeBackup.restoreTitle')}</h2>
      <p class="muted">${t('exchangeBackup.restoreExplain')}</p>
      <div class="row">
        <label class="button" for="restore-file">${t('exchangeBackup.chooseFile')}</label>
        <input id="restore-file" type="file" accept=".zip,application/zip" class="visually-hidden" data-testid="restore-input" ?disabled=${busy}
          aria-label=${t('exchangeBackup.chooseFile')}
          @change=${(e: Event) => { const input = e.target as HTMLInputElement; this.file = input.files?.[0] ?? null; this.report = null; this.error = null; input.value = ''; }} />
        <span class="muted">${this.file ? `${this.file.name} — ${formatNumber(Math.ceil(this.file.size / 1024))} KB` : t('exchangeBackup.noFile')}</span>
        <button class="button button-primary" ?disabled=${!this.file || busy} @click=${() => void this.restore()}>${t('exchangeBackup.restore')}</button>
      </div>
      ${busy
        ? html`<div class="progress-wrap"><progress max="1" value=${this.phase === 'restoring' ? nothing : this.progress} aria-label=${t('exchangeBackup.progress')}></progress>
            <span class="muted">${this.phase === 'restoring' ? t('exchangeBackup.restoring') : `${Math.round(this.progress * 100)} %`}</span></div>`
        : nothing}
      ${this.error ? html`<p class="form-error" role="alert">${this.error.message} <code class="muted">${this.error.code}</code></p>` : nothing}
      ${this.report ? this.renderReport(this.report) : nothing}
    </section>`;
  }
}
customElements.define('backup-restore-panel', BackupRestorePanel);
