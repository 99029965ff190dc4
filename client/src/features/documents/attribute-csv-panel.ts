import { html, nothing } from 'lit';
import { attributesApi } from '../../api/documents';
import type { CsvImportReport } from '../../api/types';
import { closeIcon } from '../../components/icons';
import { LightElement } from '../../components/light-element';
import { t } from '../../i18n/i18n';

/** Sets document attributes in bulk from a CSV keyed by file name, with a report per line. */
export class AttributeCsvPanel extends LightElement {
  static override properties = { projectId: { attribute: false }, report: { state: true }, error: { state: true }, busy: { state: true } };
  declare projectId: string;
  declare report: CsvImportReport | null;
  declare error: string;
  declare busy: boolean;

  constructor() {
    super();
    this.report = null;
    this.error = '';
    this.busy = false;
  }

  private async submit(event: SubmitEvent) {
    event.preventDefault();
    const file = (new FormData(event.target as HTMLFormElement).get('csv') as File | null);
    if (!file || file.size === 0) {
      this.error = t('csv.chooseFile');
      return;
    }
    this.busy = true;
    this.error = '';
    try {
      this.report = await attributesApi.importCsv(this.projectId, file);
      this.emit('attributes-imported', this.report);
    } catch (error) {
      this.error = (error as Error).message;
    } finally {
      this.busy = false;
    }
  }

  override render() {
    const report = this.report;
    const problems = report?.rows.filter((r) => r.errors.length > 0) ?? [];
    return html`<section class="card upload-panel" aria-labelledby="csv-title">
      <div class="row spread"><h2 id="csv-title">${t('csv.title')}</h2>
        <button class="icon-button" aria-label=${t('common.close')} @click=${() => this.emit('close')}>${closeIcon()}</button></div>
      <p class="muted">${t('csv.intro')}</p>
      <pre class="small muted">file,Respondent group,Language,Interview date,Sector
nl-antwerp-outreach.txt,Belgian,nl,2026-02-12,social work</pre>
      <form class="row" @submit=${this.submit}>
        <label>${t('csv.file')}<input type="file" name="csv" accept=".csv,text/csv" required /></label>
        <button class="button button-primary" type="submit" ?disabled=${this.busy}>${t('csv.apply')}</button>
      </form>
      ${this.error ? html`<p class="form-error" role="alert">${this.error}</p>` : nothing}
      ${report
        ? html`<div role="status">
            <p>${t('csv.updated', { count: report.updatedDocuments })}
              ${report.createdAttributes.length ? t('csv.created', { names: report.createdAttributes.join(', ') }) : ''}</p>
            ${problems.length
              ? html`<ul class="result-list">${problems.map((r) => html`<li class="result result-error"><span class="result-icon" aria-hidden="true">✕</span>
                  <span>${t('csv.line', { line: r.line })} (${r.key || '—'}): ${r.errors.join(' ')}</span></li>`)}</ul>`
              : nothing}
          </div>`
        : nothing}
    </section>`;
  }
}
customElements.define('attribute-csv-panel', AttributeCsvPanel);
