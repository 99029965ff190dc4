import * as Plot from '@observablehq/plot';
import { html, nothing } from 'lit';
import { analysisApi, type CodeLabel } from '../../api/analysis';
import { attributesApi } from '../../api/documents';
import type { AttributeDefinition, Project } from '../../api/types';
import { CATEGORY_COLORS, SEQUENTIAL_SCHEME } from '../../components/chart-figure';
import '../../components/chart-figure';
import { LightElement } from '../../components/light-element';
import { notify } from '../../components/toasts';
import { formatNumber, t } from '../../i18n/i18n';

type Frequencies = Awaited<ReturnType<typeof analysisApi.frequencies>>['codes'];
type Crosstab = Awaited<ReturnType<typeof analysisApi.crosstab>>;
type Cooccurrence = Awaited<ReturnType<typeof analysisApi.cooccurrence>>;

const columnLabel = (attribute: string, value: string) =>
  value === '' ? t('review.noValue') : attribute === 'respondentGroup' ? t(`groups.${value}`) : attribute === 'language' ? t(`languages.${value}`) : value;

/** Code frequencies (table and bar chart), code × attribute crosstabs, and co-occurrence (heatmap and network). */
export class CodeTablesView extends LightElement {
  static override properties = {
    project: { attribute: false }, view: { attribute: false }, frequencies: { state: true }, crosstab: { state: true }, cooccurrence: { state: true },
    definitions: { state: true }, attribute: { state: true }, unit: { state: true }, mode: { state: true },
  };
  declare project: Project;
  declare view: 'frequencies' | 'crosstab' | 'cooccurrence';
  declare frequencies: Frequencies | null;
  declare crosstab: Crosstab | null;
  declare cooccurrence: Cooccurrence | null;
  declare definitions: AttributeDefinition[];
  declare attribute: string;
  declare unit: 'documents' | 'segments';
  declare mode: 'overlap' | 'turn';

  constructor() {
    super();
    this.frequencies = null;
    this.crosstab = null;
    this.cooccurrence = null;
    this.definitions = [];
    this.attribute = 'respondentGroup';
    this.unit = 'documents';
    this.mode = 'overlap';
  }

  override connectedCallback() {
    super.connectedCallback();
    void attributesApi.list(this.project.id).then((a) => (this.definitions = a.attributes));
  }

  override willUpdate(changed: Map<string, unknown>) {
    if (changed.has('view') || changed.has('attribute') || changed.has('unit') || changed.has('mode')) void this.load();
  }

  private async load() {
    try {
      if (this.view === 'frequencies') this.frequencies = (await analysisApi.frequencies(this.project.id)).codes;
      if (this.view === 'crosstab') this.crosstab = await analysisApi.crosstab(this.project.id, this.attribute, this.unit);
      if (this.view === 'cooccurrence') this.cooccurrence = await analysisApi.cooccurrence(this.project.id, this.mode, 20);
    } catch (error) {
      notify((error as Error).message, 'error');
    }
  }

  private exports(view: string, params: Record<string, string> = {}) {
    return html`<div class="row"><a class="button button-small" href=${analysisApi.exportUrl(this.project.id, view, 'csv', params)} download>CSV</a>
      <a class="button button-small" href=${analysisApi.exportUrl(this.project.id, view, 'xlsx', params)} download>Excel</a></div>`;
  }

  private renderFrequencies(rows: Frequencies) {
    const top = [...rows].sort((a, b) => b.segments - a.segments).slice(0, 20);
    const chart = Plot.plot({
      width: 760, height: 24 * top.length + 40, marginLeft: 260,
      x: { label: t('review.passages'), grid: true }, y: { label: null },
      marks: [Plot.barX(top, { x: 'segments', y: 'name', sort: { y: '-x' }, fill: CATEGORY_COLORS[0], title: (d: CodeLabel & { segments: number }) => `${d.path}: ${d.segments}` }),
        Plot.text(top, { x: 'segments', y: 'name', text: (d: { segments: number }) => String(d.segments), dx: 12 }), Plot.ruleX([0])],
    });
    return html`<chart-figure .chart=${chart} .label=${t('review.frequenciesLabel')} .fileName=${'code-frequencies'}
        .description=${t('review.frequenciesDescription', { first: top[0]?.name ?? '', count: top[0]?.segments ?? 0 })}></chart-figure>
      ${this.exports('frequencies')}
      <div class="table-wrap"><table class="data-table"><thead><tr><th scope="col">${t('review.code')}</th><th scope="col" class="num">${t('review.passages')}</th>
        <th scope="col" class="num">${t('review.transcripts')}</th><th scope="col" class="num">${t('review.respondents')}</th><th scope="col" class="num">${t('review.codersCount')}</th></tr></thead>
        <tbody>${rows.map((r) => html`<tr><th scope="row">${r.path}</th><td class="num">${formatNumber(r.segments)}</td><td class="num">${r.documents}</td><td class="num">${r.respondents}</td><td class="num">${r.coders}</td></tr>`)}</tbody></table></div>`;
  }

  private renderCrosstab(table: Crosstab) {
    const pct = (x: number | null) => (x === null ? '—' : `${x.toFixed(1)} %`);
    return html`<div class="toolbar">
        <label>${t('review.attribute')}<select @change=${(e: Event) => (this.attribute = (e.target as HTMLSelectElement).value)}>
          <option value="respondentGroup" ?selected=${this.attribute === 'respondentGroup'}>${t('documents.columns.group')}</option>
          <option value="language" ?selected=${this.attribute === 'language'}>${t('documents.columns.language')}</option>
          ${this.definitions.map((d) => html`<option value=${d.id} ?selected=${this.attribute === d.id}>${d.name}</option>`)}</select></label>
        <label>${t('review.count')}<select @change=${(e: Event) => (this.unit = (e.target as HTMLSelectElement).value as 'documents')}>
          <option value="documents" ?selected=${this.unit === 'documents'}>${t('review.transcripts')}</option>
          <option value="segments" ?selected=${this.unit === 'segments'}>${t('review.passages')}</option></select></label>
      </div>
      ${this.exports('crosstab', { attribute: this.attribute, unit: this.unit })}
      <div class="table-wrap"><table class="data-table crosstab">
        <caption class="visually-hidden">${t('review.crosstabCaption', { attribute: table.attributeName })}</caption>
        <thead><tr><th scope="col">${t('review.code')}</th>${table.columns.map((c, i) => html`<th scope="col" class="num">${columnLabel(table.attribute, c)} <span class="muted small">(n = ${table.columnTotals[i]})</span></th>`)}<th scope="col" class="num">${t('review.total')}</th></tr></thead>
        <tbody>${table.rows.map((r) => html`<tr><th scope="row">${r.path}</th>${r.cells.map((c) => html`<td class="num">${c.count}<div class="muted small">${t('review.rowPct')} ${pct(c.rowPercent)} · ${t('review.colPct')} ${pct(c.columnPercent)}</div></td>`)}<td class="num">${r.total}</td></tr>`)}</tbody>
      </table></div>`;
  }

  private heatmap(data: Cooccurrence) {
    const cells = data.matrix.flatMap((row, i) => row.map((value, j) => ({ a: data.codes[i]!.name, b: data.codes[j]!.name, value, same: i === j })));
    return Plot.plot({
      width: 760, height: 40 + 26 * data.codes.length, marginLeft: 230, marginBottom: 170,
      x: { label: null, tickRotate: -50, domain: data.codes.map((c) => c.name) }, y: { label: null, domain: data.codes.map((c) => c.name) },
      color: { scheme: SEQUENTIAL_SCHEME, legend: true, label: t('review.cooccurrences') },
      marks: [
        Plot.cell(cells.filter((c) => !c.same && c.value > 0), { x: 'b', y: 'a', fill: 'value', title: (d: { a: string; b: string; value: number }) => `${d.a} × ${d.b}: ${d.value}` }),
        Plot.text(cells.filter((c) => !c.same && c.value > 0), { x: 'b', y: 'a', text: (d: { value: number }) => String(d.value), fill: 'white', fontSize: 9 }),
      ],
    });
  }

  /** The co-occurrence network: codes on a circle (size = passages), links as thick as they co-occur. */
  private network(data: Cooccurrence) {
    const n = data.codes.length;
    const nodes = data.codes.map((c, i) => ({ ...c, x: Math.cos((2 * Math.PI * i) / n), y: Math.sin((2 * Math.PI * i) / n), size: data.matrix[i]![i]! }));
    const links = data.matrix.flatMap((row, i) => row.map((value, j) => ({ i, j, value })).filter((l) => l.j > l.i && l.value > 0))
      .map((l) => ({ x1: nodes[l.i]!.x, y1: nodes[l.i]!.y, x2: nodes[l.j]!.x, y2: nodes[l.j]!.y, value: l.value, title: `${nodes[l.i]!.name} × ${nodes[l.j]!.name}: ${l.value}` }));
    const max = Math.max(1, ...links.map((l) => l.value));
    return Plot.plot({
      width: 760, height: 620, inset: 110, x: { axis: null }, y: { axis: null }, r: { range: [3, 16] },
      marks: [
        Plot.link(links, { x1: 'x1', y1: 'y1', x2: 'x2', y2: 'y2', strokeWidth: (d: { value: number }) => 0.5 + (6 * d.value) / max, stroke: '#55606e', strokeOpacity: 0.55, title: 'title' }),
        Plot.dot(nodes, { x: 'x', y: 'y', r: (d: { size: number }) => 4 + Math.sqrt(d.size), fill: CATEGORY_COLORS[0], stroke: 'white' }),
        Plot.text(nodes, { x: 'x', y: 'y', text: 'name', dy: -14, fontSize: 10 }),
      ],
    });
  }

  private renderCooccurrence(data: Cooccurrence) {
    const pairs = data.matrix.flatMap((row, i) => row.map((v, j) => ({ i, j, v })).filter((p) => p.j > p.i)).sort((a, b) => b.v - a.v);
    const top = pairs[0];
    const description = top ? t('review.cooccurrenceDescription', { a: data.codes[top.i]!.name, b: data.codes[top.j]!.name, count: top.v, codes: data.codes.length }) : '';
    return html`<div class="toolbar"><label>${t('review.together')}<select @change=${(e: Event) => (this.mode = (e.target as HTMLSelectElement).value as 'overlap')}>
        <option value="overlap" ?selected=${this.mode === 'overlap'}>${t('review.overlapping')}</option><option value="turn" ?selected=${this.mode === 'turn'}>${t('review.sameTurn')}</option></select></label></div>
      ${this.exports('cooccurrence', { mode: this.mode })}
      <chart-figure .chart=${this.heatmap(data)} .label=${t('review.heatmapLabel')} .description=${description} .fileName=${'co-occurrence-heatmap'}></chart-figure>
      <chart-figure .chart=${this.network(data)} .label=${t('review.networkLabel')} .description=${description} .fileName=${'co-occurrence-network'}></chart-figure>`;
  }

  override render() {
    if (this.view === 'frequencies') return this.frequencies ? this.renderFrequencies(this.frequencies) : html`<p class="loading">${t('common.loading')}</p>`;
    if (this.view === 'crosstab') return this.crosstab ? this.renderCrosstab(this.crosstab) : html`<p class="loading">${t('common.loading')}</p>`;
    return this.cooccurrence ? this.renderCooccurrence(this.cooccurrence) : nothing;
  }
}
customElements.define('code-tables-view', CodeTablesView);
