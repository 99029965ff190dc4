import { html } from 'lit';
import { styleMap } from 'lit/directives/style-map.js';
import type { ReaderSegment } from '../../api/types';
import { LightElement } from '../../components/light-element';
import { formatNumber, t } from '../../i18n/i18n';

export type CoderFilter = 'all' | 'mine' | string;

/**
 * The codes used in this document (a legend: colour and name, with counts) and the choice of
 * whose codings to show: everyone's, mine, or one coder's. Event: `filter-changed` (CoderFilter).
 */
export class DocumentCodesPanel extends LightElement {
  static override properties = { segments: { attribute: false }, filter: { attribute: false }, coders: { attribute: false } };
  /** The segments shown (already filtered). */
  declare segments: ReaderSegment[];
  declare filter: CoderFilter;
  /** Everyone who coded this document: id → name. */
  declare coders: Map<string, string>;

  constructor() {
    super();
    this.segments = [];
    this.filter = 'all';
    this.coders = new Map();
  }

  override render() {
    const counts = new Map<string, { name: string; color: string; n: number }>();
    for (const s of this.segments) {
      for (const c of s.codes) {
        const entry = counts.get(c.codeId) ?? { name: c.name, color: c.color, n: 0 };
        entry.n += 1;
        counts.set(c.codeId, entry);
      }
    }
    const rows = [...counts.values()].sort((a, b) => b.n - a.n || a.name.localeCompare(b.name));
    return html`<section class="card side-section" aria-labelledby="doc-codes-title">
      <h2 id="doc-codes-title">${t('coding.inDocument')}</h2>
      <label>${t('coding.showCodingsOf')}
        <select data-testid="coder-filter" @change=${(e: Event) => this.emit('filter-changed', (e.target as HTMLSelectElement).value)}>
          <option value="all" ?selected=${this.filter === 'all'}>${t('coding.everyone')}</option>
          <option value="mine" ?selected=${this.filter === 'mine'}>${t('coding.mine')}</option>
          ${[...this.coders].map(([id, name]) => html`<option value=${id} ?selected=${this.filter === id}>${name}</option>`)}
        </select></label>
      ${rows.length === 0
        ? html`<p class="muted small">${t('coding.noneYet')}</p>`
        : html`<ul class="legend">${rows.map((r) => html`<li><span class="swatch" style=${styleMap({ background: r.color })}></span>
            <span class="legend-name">${r.name}</span><span class="muted small">${formatNumber(r.n)}</span></li>`)}</ul>`}
    </section>`;
  }
}
customElements.define('document-codes-panel', DocumentCodesPanel);
