import { html, nothing } from 'lit';
import { type ImportProblem, type ImportReport, ImportFailed, practicesApi } from '../../api/practices';
import type { Project } from '../../api/types';
import { LightElement } from '../../components/light-element';
import { t } from '../../i18n/i18n';
import { problemText } from './practice-labels';

/**
 * Imports practice records from a CSV or .xlsx file: the summary (created / updated) when it
 * worked, or every problem by row and column, in the interface language, when nothing was
 * imported. Fires `practices-imported` after a successful import and `panel-closed`.
 */
export class PracticeImportPanel extends LightElement {
  static override properties = { project: { attribute: false }, busy: { state: true }, report: { state: true }, failure: { state: true }, columns: { state: true } };
  declare project: Project;
  declare busy: boolean;
  declare report: ImportReport | null;
  declare failure: { file: string; message: string; problems: ImportProblem[] } | null;
  /** The accepted column headers (English, with Dutch and French aliases), loaded when first shown. */
  declare columns: { key: string; header: string; aliases: string[] }[] | null;

  constructor() {
    super();
    this.busy = false;
    this.report = null;
    this.failure = null;
    this.columns = null;
  }

  private async showColumns(event: Event) {
    if (!(event.target as HTMLDetailsElement).open || this.columns) return;
    try {
      this.columns = (await practicesApi.importColumns(this.project.id)).columns;
    } catch (error) {
      this.failure = { file: '', message: (error as Error).message, problems: [] };
    }
  }

  private async choose(event: Event) {
    const input = event.target as HTMLInputElement;
    const file = input.files?.[0];
    if (!file) return;
    this.busy = true;
    this.report = null;
    this.failure = null;
    try {
      this.report = await practicesApi.importFile(this.project.id, file);
      this.dispatchEvent(new CustomEvent('practices-imported', { detail: this.report, bubbles: true }));
    } catch (error) {
      this.failure = { file: file.name, message: (error as Error).message, problems: error instanceof ImportFailed ? error.problems : [] };
    } finally {
      this.busy = false;
      input.value = '';
    }
  }

  private renderProblems(failure: NonNullable<PracticeImportPanel['failure']>) {
    const rows = new Set(failure.problems.map((p) => p.row)).size;
    return html`<div class="stack" role="alert">
      <p class="form-error">${failure.problems.length ? t('practices.import.failed', { rows, file: failure.file }) : failure.message}</p>
      ${failure.problems.length ? html`<div class="table-wrap import-rows"><table class="data-table practice-import-problems">
        <caption class="visually-hidden">${t('practices.import.caption')}</caption>
        <thead><tr><th scope="col" class="num">${t('practices.import.row')}</th><th scope="col">${t('practices.import.column')}</th>
          <th scope="col">${t('practices.import.value')}</th><th scope="col">${t('practices.import.problem')}</th></tr></thead>
        <tbody>${failure.problems.map((p) => html`<tr class="row-error">
          <td class="num">${p.row === 1 ? html`1 <span class="muted small">(${t('practices.import.header')})</span>` : p.row}</td>
          <td>${p.column}</td><td class="mono">${p.value || html`<span class="muted">—</span>`}</td><td>${problemText(p)}</td></tr>`)}</tbody>
      </table></div>` : nothing}
    </div>`;
  }

  override render() {
    return html`<section class="card stack import-report practice-import" aria-labelledby="practice-import-title">
      <div class="row spread">
        <h2 id="practice-import-title">${t('practices.import.title')}</h2>
        <button class="button button-small" type="button" @click=${() => this.dispatchEvent(new CustomEvent('panel-closed', { bubbles: true }))}>${t('common.close')}</button>
      </div>
      <p class="muted small">${t('practices.import.help')}</p>
      <div class="row">
        <label class="button button-primary file-button ${this.busy ? 'busy' : ''}">${this.busy ? t('practices.import.importing') : t('practices.import.choose')}
          <input class="visually-hidden" type="file" accept=".csv,.xlsx,text/csv,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
            data-testid="practice-import-input" ?disabled=${this.busy} @change=${this.choose} /></label>
        <a class="button" href=${practicesApi.templateUrl(this.project.id, 'csv')} download>${t('practices.import.templateCsv')}</a>
        <a class="button" href=${practicesApi.templateUrl(this.project.id, 'xlsx')} download>${t('practices.import.templateXlsx')}</a>
      </div>
      <details class="small" @toggle=${this.showColumns}><summary>${t('practices.import.columns')}</summary>
        ${this.columns ? html`<dl class="practice-details">${this.columns.map((c) => html`<dt class="mono">${c.header}</dt><dd>${c.aliases.join(', ')}</dd>`)}</dl>`
          : html`<p class="loading">${t('common.loading')}</p>`}
        <p class="muted">${t('practices.import.valuesHelp')}</p></details>
      ${this.report ? html`<p class="form-success" role="status">${t('practices.import.success', { created: this.report.created, updated: this.report.updated })}</p>` : nothing}
      ${this.failure ? this.renderProblems(this.failure) : nothing}
    </section>`;
  }
}
customElements.define('practice-import-panel', PracticeImportPanel);
