import * as Plot from '@observablehq/plot';
import { html, nothing } from 'lit';
import { analysisApi, type SaturationResult } from '../../api/analysis';
import { projectsApi } from '../../api/projects';
import type { Member, Project } from '../../api/types';
import { CATEGORY_COLORS } from '../../components/chart-figure';
import '../../components/chart-figure';
import { LightElement } from '../../components/light-element';
import { notify } from '../../components/toasts';
import { formatDate, t } from '../../i18n/i18n';

/**
 * Saturation for team leads: interviews in order, new codes per interview and the cumulative
 * curve, Guest, Namey & Chen's b+n with its runs, a sensitivity table, first appearances, and the
 * same measure per respondent group and per coder.
 */
export class SaturationView extends LightElement {
  static override properties = { project: { attribute: false }, members: { state: true }, params: { state: true }, result: { state: true } };
  declare project: Project;
  declare members: Member[];
  declare params: Record<string, string | number | undefined>;
  declare result: SaturationResult | null;

  constructor() {
    super();
    this.members = [];
    this.params = { order: 'date', baseSize: 4, runLength: 2, threshold: 0.05 };
    this.result = null;
  }

  override connectedCallback() {
    super.connectedCallback();
    void projectsApi.members(this.project.id).then((m) => (this.members = m.members));
    void this.load();
  }

  private async load() {
    try {
      this.result = await analysisApi.saturation(this.project.id, this.params);
    } catch (error) {
      notify((error as Error).message, 'error');
    }
  }

  private set(key: string, value: string | number | undefined) {
    this.params = { ...this.params, [key]: value === '' ? undefined : value };
    void this.load();
  }

  private chart(r: SaturationResult) {
    const points = r.interviews.map((i, n) => ({ position: n + 1, cumulative: i.cumulative, fresh: i.newCodes.length, name: i.name }));
    return Plot.plot({
      width: 760, height: 300, marginLeft: 50,
      x: { label: t('review.interviewPosition'), tickFormat: 'd' },
      y: { label: t('review.codes'), grid: true },
      marks: [
        Plot.barY(points, { x: 'position', y: 'fresh', fill: CATEGORY_COLORS[1], title: (d: { name: string; fresh: number }) => `${d.name}: ${d.fresh}` }),
        Plot.lineY(points, { x: 'position', y: 'cumulative', stroke: CATEGORY_COLORS[0], strokeWidth: 2.5, marker: 'circle' }),
        ...(r.guest.saturationIndex ? [Plot.ruleX([r.guest.saturationIndex], { stroke: '#333', strokeDasharray: '4 3' })] : []),
        Plot.ruleY([0]),
      ],
    });
  }

  private select(label: string, key: string, options: [string, string][]) {
    return html`<label>${label}<select @change=${(e: Event) => this.set(key, (e.target as HTMLSelectElement).value)}>
      ${options.map(([v, text]) => html`<option value=${v} ?selected=${String(this.params[key] ?? '') === v}>${text}</option>`)}</select></label>`;
  }

  override render() {
    const r = this.result;
    const pct = (x: number) => `${Math.round(x * 100)} %`;
    return html`<div class="toolbar">
        ${this.select(t('review.order'), 'order', [['date', t('review.byDate')], ['name', t('review.byName')]])}
        ${this.select(t('documents.columns.group'), 'respondentGroup', [['', t('search.any')], ['international', t('groups.international')], ['belgian', t('groups.belgian')]])}
        ${this.select(t('review.coder'), 'coderId', [['', t('coding.everyone')], ...this.members.map((m) => [m.userId, m.name] as [string, string])])}
        ${this.select(t('review.level'), 'level', [['', t('review.allLevels')], ['1', t('review.levelN', { level: 1 })], ['2', t('review.levelN', { level: 2 })]])}
        ${this.select(t('review.baseSize'), 'baseSize', ['3', '4', '5', '6'].map((v) => [v, v]))}
        ${this.select(t('review.runLength'), 'runLength', ['2', '3'].map((v) => [v, v]))}
        ${this.select(t('review.threshold'), 'threshold', [['0', '0 %'], ['0.05', '5 %']])}
      </div>
      ${!r ? html`<p class="loading" aria-busy="true">${t('common.loading')}</p>` : html`
        <p class="saturation-verdict ${r.guest.reached ? 'reached' : ''}" role="status">
          ${r.guest.reached
            ? t('review.reached', { label: r.guest.label, interviews: r.guest.saturationIndex, threshold: pct(r.options.threshold), base: r.guest.baseCodes })
            : t('review.notReached', { interviews: r.interviews.length, threshold: pct(r.options.threshold) })}</p>
        <chart-figure .chart=${this.chart(r)} .label=${t('review.curveLabel')} .fileName=${'saturation'}
          .description=${t('review.curveDescription', { interviews: r.interviews.length, total: r.interviews.at(-1)?.cumulative ?? 0, first: r.interviews[0]?.cumulative ?? 0 })}></chart-figure>
        <div class="row"><a class="button button-small" href=${analysisApi.exportUrl(this.project.id, 'saturation', 'csv', this.params)} download>CSV</a>
          <a class="button button-small" href=${analysisApi.exportUrl(this.project.id, 'saturation', 'xlsx', this.params)} download>Excel</a></div>
        <div class="review-grid">
          <section><h3>${t('review.runs')}</h3><div class="table-wrap"><table class="data-table"><thead><tr><th scope="col">${t('review.run')}</th><th scope="col">${t('review.newCodes')}</th><th scope="col" class="num">${t('review.ratio')}</th></tr></thead>
            <tbody>${r.guest.runs.map((run) => html`<tr><th scope="row">${run.start + 1}–${run.end + 1}</th><td>${run.newCodes.join(', ') || '—'}</td><td class="num">${run.ratio === null ? '—' : pct(run.ratio)}</td></tr>`)}</tbody></table></div></section>
          <section><h3>${t('review.sensitivity')}</h3><div class="table-wrap"><table class="data-table"><thead><tr><th scope="col">${t('review.baseSize')}</th><th scope="col">${t('review.runLength')}</th><th scope="col">${t('review.threshold')}</th><th scope="col">b+n</th></tr></thead>
            <tbody>${r.sensitivity.map((s) => html`<tr><td>${s.baseSize}</td><td>${s.runLength}</td><td>${pct(s.threshold)}</td><td>${s.label ?? t('review.no')}</td></tr>`)}</tbody></table></div></section>
          <section><h3>${t('review.splits')}</h3><div class="table-wrap"><table class="data-table"><thead><tr><th scope="col"></th><th scope="col" class="num">${t('review.interviews')}</th><th scope="col">b+n</th></tr></thead>
            <tbody>${r.byGroup.map((g) => html`<tr><th scope="row">${t(`groups.${g.group}`)}</th><td class="num">${g.interviews}</td><td>${g.label ?? t('review.no')}</td></tr>`)}
              ${r.byCoder.map((c) => html`<tr><th scope="row">${c.name}</th><td class="num">${c.interviews}</td><td>${c.label ?? t('review.no')}</td></tr>`)}</tbody></table></div></section>
        </div>
        <section><h3>${t('review.interviewsTitle')}</h3><div class="table-wrap"><table class="data-table"><thead><tr><th scope="col" class="num">#</th><th scope="col">${t('review.interview')}</th><th scope="col">${t('documents.columns.interviewDate')}</th><th scope="col" class="num">${t('review.codes')}</th><th scope="col">${t('review.newCodes')}</th><th scope="col" class="num">${t('review.cumulative')}</th></tr></thead>
          <tbody>${r.interviews.map((i, n) => html`<tr><td class="num">${n + 1}</td><th scope="row"><a href="/documents/${i.documentId}">${i.name}</a></th><td>${formatDate(i.interviewDate)}</td><td class="num">${i.codes}</td>
            <td class="wrap">${i.newCodes.map((c) => c.name).join(', ') || nothing}</td><td class="num">${i.cumulative}</td></tr>`)}</tbody></table></div></section>
        <section><h3>${t('review.firstAppearances')}</h3><div class="table-wrap"><table class="data-table"><thead><tr><th scope="col">${t('review.code')}</th><th scope="col">${t('review.firstIn')}</th><th scope="col" class="num">#</th><th scope="col" class="num">${t('review.interviews')}</th></tr></thead>
          <tbody>${r.firstAppearances.map((f) => html`<tr><th scope="row">${f.name}</th><td>${f.documentName}</td><td class="num">${f.position}</td><td class="num">${f.interviews}</td></tr>`)}</tbody></table></div></section>`}`;
  }
}
customElements.define('saturation-view', SaturationView);
