import { html } from 'lit';
import { assessmentApi, type ReportFilters, type ThemeMatrix } from '../../api/assessment';
import type { Project } from '../../api/types';
import { LightElement } from '../../components/light-element';
import { t } from '../../i18n/i18n';

/** Practice × theme: which themes are linked to which records, with evidence quotes and coded passages per theme. */
export class ThemeMatrixView extends LightElement {
  static override properties = { project: { attribute: false }, matrix: { attribute: false }, filters: { attribute: false } };
  declare project: Project;
  declare matrix: ThemeMatrix | null;
  declare filters: ReportFilters;

  constructor() {
    super();
    this.matrix = null;
    this.filters = {};
  }

  override render() {
    const m = this.matrix;
    const download = (format: 'csv' | 'xlsx') => assessmentApi.matrixUrl(this.project.id, 'themes', format, this.filters);
    return html`<section class="card stack" aria-labelledby="themes-title">
      <div class="row spread"><h2 id="themes-title">${t('assessment.themes.title')}</h2>
        <span class="row"><a class="button button-small" href=${download('csv')} download>${t('assessment.matrix.downloadCsv')}</a>
          <a class="button button-small" href=${download('xlsx')} download>${t('assessment.matrix.downloadXlsx')}</a></span></div>
      <p class="muted small">${t('assessment.themes.intro')}</p>
      ${!m ? html`<p class="loading">${t('common.loading')}</p>`
        : m.rows.length === 0 ? html`<p class="empty-state">${t('assessment.matrix.noPractices')}</p>`
        : m.themes.length === 0 ? html`<p class="empty-state">${t('assessment.themes.none')}</p>`
        : html`<div class="table-wrap" tabindex="0" role="group" aria-labelledby="themes-title"><table class="data-table theme-matrix">
          <caption class="visually-hidden">${t('assessment.themes.caption')}</caption>
          <thead><tr><th scope="col">${t('assessment.matrix.practice')}</th>
            ${m.themes.map((th) => html`<th scope="col" title=${th.path}><span class="swatch" style="background:${th.color}" aria-hidden="true"></span> ${th.name}
              <div class="small muted">${t('assessment.themes.passages', { count: th.passages })}</div></th>`)}</tr></thead>
          <tbody>${m.rows.map((row) => html`<tr><th scope="row">${row.practice.name}<div class="small muted">${row.practice.municipality}</div></th>
            ${row.cells.map((cell) => html`<td class="theme-cell ${cell.linked ? 'theme-linked' : ''}">${cell.linked
              ? html`<span aria-hidden="true">✔ ${cell.evidence}</span><span class="visually-hidden">${t('assessment.themes.linked', { count: cell.evidence })}</span>`
              : html`<span aria-hidden="true" class="muted">·</span><span class="visually-hidden">${t('assessment.themes.notLinked')}</span>`}</td>`)}</tr>`)}</tbody>
        </table></div>`}
    </section>`;
  }
}
customElements.define('theme-matrix', ThemeMatrixView);
