import { html, nothing } from 'lit';
import { assessmentApi, type CriteriaMatrix, type ReportFilters, SCORE_SYMBOLS, SCORES, type Score } from '../../api/assessment';
import type { Project } from '../../api/types';
import { confirmAction } from '../../components/confirm-dialog';
import { LightElement } from '../../components/light-element';
import { notify } from '../../components/toasts';
import { formatNumber, t } from '../../i18n/i18n';
import type { ScoreDialog } from './score-dialog';
import './score-dialog';

type Row = CriteriaMatrix['rows'][number];
type Cell = Row['cells'][number];

/** `67%`, or `–` when there is nothing to divide by. */
export const percent = (share: number | null) => (share === null ? '–' : `${formatNumber(Math.round(share * 100))}%`);

/**
 * Practice × criterion as an accessible table: each cell a select (keyboard and mouse) showing the
 * score by colour, symbol and word, plus a button for the note and evidence. Fires `scores-changed`.
 */
export class CriteriaMatrixView extends LightElement {
  static override properties = { project: { attribute: false }, matrix: { attribute: false }, filters: { attribute: false }, canScore: { type: Boolean } };
  declare project: Project;
  declare matrix: CriteriaMatrix | null;
  declare filters: ReportFilters;
  declare canScore: boolean;

  constructor() {
    super();
    this.matrix = null;
    this.filters = {};
    this.canScore = false;
  }

  private changed() {
    this.dispatchEvent(new CustomEvent('scores-changed', { bubbles: true }));
  }

  private async choose(row: Row, cell: Cell, select: HTMLSelectElement) {
    const value = select.value as Score | '';
    const criterion = this.matrix!.criteria.find((c) => c.id === cell.criterionId)!;
    try {
      if (!value) {
        if ((cell.hasNote || cell.evidence > 0) && !(await confirmAction({ title: t('assessment.cell.clearTitle'), message: t('assessment.cell.clearMessage'), confirmLabel: t('assessment.cell.clear'), danger: true }))) {
          select.value = cell.score ?? '';
          return;
        }
        await assessmentApi.clearScore(this.project.id, row.practice.id, cell.criterionId);
      } else {
        await assessmentApi.setScore(this.project.id, row.practice.id, cell.criterionId, value);
      }
      notify(t('assessment.matrix.scored', { practice: row.practice.name, criterion: criterion.name, score: value ? t(`assessment.scores.${value}`) : t('assessment.notScored') }), 'success');
      this.changed();
    } catch (error) {
      select.value = cell.score ?? '';
      notify((error as Error).message, 'error');
    }
  }

  private details(row: Row, cell: Cell) {
    const criterion = this.matrix!.criteria.find((c) => c.id === cell.criterionId)!;
    void this.querySelector<ScoreDialog>('score-dialog')!.open({ practiceId: row.practice.id, practiceName: row.practice.name, criterion });
  }

  private renderCell(row: Row, cell: Cell) {
    const criterion = this.matrix!.criteria.find((c) => c.id === cell.criterionId)!;
    const names = { practice: row.practice.name, criterion: criterion.name };
    const marks = [cell.hasNote ? t('assessment.matrix.hasNote') : '', cell.evidence ? t('assessment.matrix.evidenceCount', { count: cell.evidence }) : ''].filter(Boolean).join(', ');
    const state = cell.score ?? 'none';
    return html`<td class="score-cell score-${state}">
      <div class="score-cell-inner">
        ${this.canScore ? html`<select class="score-select" aria-label=${t('assessment.matrix.cellLabel', names)} @change=${(e: Event) => this.choose(row, cell, e.target as HTMLSelectElement)}>
            <option value="" ?selected=${!cell.score}>– ${t('assessment.notScored')}</option>
            ${SCORES.map((s) => html`<option value=${s} ?selected=${cell.score === s}>${SCORE_SYMBOLS[s]} ${t(`assessment.scores.${s}`)}</option>`)}
          </select>`
          : html`<span class="score-text">${cell.score ? `${SCORE_SYMBOLS[cell.score]} ${t(`assessment.scores.${cell.score}`)}` : `– ${t('assessment.notScored')}`}</span>`}
        <button class="icon-button score-details" type="button" aria-label="${t('assessment.matrix.details', names)}${marks ? ` (${marks})` : ''}" title=${marks || t('assessment.matrix.details', names)}
          @click=${() => this.details(row, cell)}>${cell.hasNote ? '✎' : '…'}${cell.evidence ? html`<span class="score-evidence">${cell.evidence}</span>` : nothing}</button>
      </div></td>`;
  }

  override render() {
    const m = this.matrix;
    const download = (format: 'csv' | 'xlsx') => assessmentApi.matrixUrl(this.project.id, 'matrix', format, this.filters);
    return html`<section class="card stack" aria-labelledby="matrix-title">
      <div class="row spread"><h2 id="matrix-title">${t('assessment.matrix.title')}</h2>
        <span class="row"><a class="button button-small" href=${download('csv')} download>${t('assessment.matrix.downloadCsv')}</a>
          <a class="button button-small" href=${download('xlsx')} download>${t('assessment.matrix.downloadXlsx')}</a></span></div>
      ${this.canScore ? html`<p class="muted small">${t('assessment.matrix.intro')}</p>` : nothing}
      <p class="score-legend small"><span class="muted">${t('assessment.matrix.legend')}:</span>
        ${SCORES.map((s) => html`<span class="score-chip score-${s}">${SCORE_SYMBOLS[s]} ${t(`assessment.scores.${s}`)}</span>`)}
        <span>✎ ${t('assessment.matrix.hasNote')}</span></p>
      ${!m ? html`<p class="loading">${t('common.loading')}</p>`
        : m.criteria.length === 0 ? html`<p class="empty-state">${t('assessment.matrix.noCriteria')}</p>`
        : m.rows.length === 0 ? html`<p class="empty-state">${t('assessment.matrix.noPractices')}</p>`
        : html`<div class="table-wrap"><table class="data-table assessment-matrix">
          <caption class="visually-hidden">${t('assessment.matrix.caption')}</caption>
          <thead><tr><th scope="col">${t('assessment.matrix.practice')}</th>
            ${m.criteria.map((c) => html`<th scope="col" title=${c.description}>${c.name}</th>`)}
            <th scope="col" class="num">${t('assessment.matrix.metShare')}</th></tr></thead>
          <tbody>${m.rows.map((row) => html`<tr><th scope="row">${row.practice.name}<div class="small muted">${row.practice.municipality}</div></th>
            ${row.cells.map((cell) => this.renderCell(row, cell))}
            <td class="num">${t('assessment.matrix.shareValue', { met: row.met, percent: percent(row.share) })}</td></tr>`)}</tbody>
          <tfoot><tr><th scope="row">${t('assessment.matrix.columnShare')}</th>
            ${m.criteria.map((c) => html`<td class="num">${t('assessment.matrix.shareValue', { met: c.met, percent: percent(c.share) })}</td>`)}<td></td></tr></tfoot>
        </table></div>`}
      <score-dialog .project=${this.project} ?canScore=${this.canScore}></score-dialog>
    </section>`;
  }
}
customElements.define('criteria-matrix', CriteriaMatrixView);
