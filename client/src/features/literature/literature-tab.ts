import { html } from 'lit';
import type { Project } from '../../api/types';
import { LightElement } from '../../components/light-element';
import { t } from '../../i18n/i18n';
import './coverage-view';
import './gap-page';
import './gaps-view';
import './sources-view';
import './literature.css';

const VIEWS = ['sources', 'gaps', 'coverage'] as const;
type View = (typeof VIEWS)[number];

/** Literature: sources, gaps (and a gap's page, `?gap=<id>`), and the coverage of gaps by the interviews. */
export class LiteratureTab extends LightElement {
  static override properties = { project: { attribute: false }, user: { attribute: false }, view: { state: true }, gapId: { state: true } };
  declare project: Project;
  declare user: unknown;
  declare view: View;
  declare gapId: string | null;

  constructor() {
    super();
    const params = new URLSearchParams(location.search);
    const asked = params.get('view') as View | null;
    this.gapId = params.get('gap');
    this.view = asked && VIEWS.includes(asked) ? asked : this.gapId ? 'gaps' : 'sources';
    addEventListener('popstate', this.fromUrl);
  }

  override disconnectedCallback() {
    super.disconnectedCallback();
    removeEventListener('popstate', this.fromUrl);
  }

  private fromUrl = () => {
    const params = new URLSearchParams(location.search);
    this.gapId = params.get('gap');
    const asked = params.get('view') as View | null;
    if (asked && VIEWS.includes(asked)) this.view = asked;
  };

  private choose(view: View) {
    this.view = view;
    this.gapId = null;
    history.pushState(null, '', `${location.pathname}?view=${view}`);
  }

  /** Opens a gap's page (from the gap list or a coverage cell). */
  private openGap = (event: CustomEvent<{ gapId: string }>) => {
    this.gapId = event.detail.gapId;
    history.pushState(null, '', `${location.pathname}?view=gaps&gap=${this.gapId}`);
  };

  override render() {
    return html`<nav class="subtabs" aria-label=${t('literature.views')}>
        ${VIEWS.map((v) => html`<button class="subtab" aria-pressed=${this.view === v && !this.gapId} @click=${() => this.choose(v)}>${t(`literature.viewNames.${v}`)}</button>`)}
      </nav>
      <div @open-gap=${this.openGap}>
      ${this.gapId ? html`<gap-page .project=${this.project} .gapId=${this.gapId} @back=${() => this.choose('gaps')}></gap-page>`
        : this.view === 'sources' ? html`<sources-view .project=${this.project}></sources-view>`
          : this.view === 'gaps' ? html`<gaps-view .project=${this.project}></gaps-view>`
            : html`<coverage-view .project=${this.project}></coverage-view>`}
      </div>`;
  }
}
customElements.define('literature-tab', LiteratureTab);
