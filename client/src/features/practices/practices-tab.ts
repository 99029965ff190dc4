import { html } from 'lit';
import type { Project, User } from '../../api/types';
import { navigate } from '../../app/router';
import { LightElement } from '../../components/light-element';
import { t } from '../../i18n/i18n';
import '../assessment/assessment-view';
import '../assessment/inventory-view';
import './practice-records-view';

const VIEWS = ['records', 'assessment', 'inventory'] as const;
type View = (typeof VIEWS)[number];

/** Prevention projects: the records with their themes and evidence, their assessment, and the inventory report. */
export class PracticesTab extends LightElement {
  static override properties = { project: { attribute: false }, user: { attribute: false }, view: { state: true } };
  declare project: Project;
  declare user: User;
  declare view: View;

  constructor() {
    super();
    const asked = new URLSearchParams(location.search).get('view') as View | null;
    this.view = asked && VIEWS.includes(asked) ? asked : 'records';
  }

  // Through the router, so that a record's page open under "records" closes when its sub-tab is chosen.
  private choose(view: View) {
    this.view = view;
    navigate(`${location.pathname}?view=${view}`, { replace: true });
  }

  override render() {
    return html`<nav class="subtabs" aria-label=${t('practicesTab.views')}>
        ${VIEWS.map((v) => html`<button class="subtab" aria-pressed=${this.view === v} @click=${() => this.choose(v)}>${t(`practicesTab.viewNames.${v}`)}</button>`)}
      </nav>
      ${this.view === 'records' ? html`<practice-records-view .project=${this.project} .user=${this.user}></practice-records-view>`
        : this.view === 'assessment' ? html`<assessment-view .project=${this.project} .user=${this.user}></assessment-view>`
          : html`<inventory-view .project=${this.project} .user=${this.user}></inventory-view>`}`;
  }
}
customElements.define('practices-tab', PracticesTab);
