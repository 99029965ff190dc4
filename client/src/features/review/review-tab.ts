import { html } from 'lit';
import type { Project } from '../../api/types';
import { LightElement } from '../../components/light-element';
import { t } from '../../i18n/i18n';
import './agreement-view';
import './code-tables-view';
import './saturation-view';

const VIEWS = ['saturation', 'agreement', 'frequencies', 'crosstab', 'cooccurrence'] as const;
type View = (typeof VIEWS)[number];

/** Team review: saturation, agreement between coders, and analysis views. */
export class ReviewTab extends LightElement {
  static override properties = { project: { attribute: false }, view: { state: true } };
  declare project: Project;
  declare view: View;

  constructor() {
    super();
    const asked = new URLSearchParams(location.search).get('view') as View | null;
    this.view = asked && VIEWS.includes(asked) ? asked : 'saturation';
  }

  private choose(view: View) {
    this.view = view;
    history.replaceState(null, '', `${location.pathname}?view=${view}`);
  }

  override render() {
    return html`<nav class="subtabs" aria-label=${t('review.views')}>
        ${VIEWS.map((v) => html`<button class="subtab" aria-pressed=${this.view === v} @click=${() => this.choose(v)}>${t(`review.viewNames.${v}`)}</button>`)}
      </nav>
      ${this.view === 'saturation' ? html`<saturation-view .project=${this.project}></saturation-view>`
        : this.view === 'agreement' ? html`<agreement-view .project=${this.project}></agreement-view>`
          : html`<code-tables-view .project=${this.project} .view=${this.view}></code-tables-view>`}`;
  }
}
customElements.define('review-tab', ReviewTab);
