import { html, nothing } from 'lit';
import { LightElement } from '../../components/light-element';
import { t } from '../../i18n/i18n';
import { readTour, startTour } from './tour-state';

/**
 * In an empty screen (no projects yet, a project without transcripts): offers the guided tour to a
 * user who never started it, so a newcomer meets it without opening the Help menu.
 */
export class TourOffer extends LightElement {
  static override properties = { userId: { attribute: false }, projectId: { attribute: false } };
  declare userId: string | null;
  declare projectId: string | undefined;
  private onChange = () => this.requestUpdate();

  constructor() {
    super();
    this.userId = null;
    this.projectId = undefined;
  }

  override connectedCallback() {
    super.connectedCallback();
    window.addEventListener('socprev-tour-changed', this.onChange);
  }

  override disconnectedCallback() {
    super.disconnectedCallback();
    window.removeEventListener('socprev-tour-changed', this.onChange);
  }

  override render() {
    if (!this.userId || readTour(this.userId)) return nothing;
    return html`<p class="tour-offer">${t('help.page.tourTip')}
      <button class="button button-small" type="button" @click=${() => startTour(this.userId!, this.projectId)}>${t('help.page.startTour')}</button></p>`;
  }
}
customElements.define('tour-offer', TourOffer);
