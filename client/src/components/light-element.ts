import { LitElement } from 'lit';
import { onLocaleChange } from '../i18n/i18n';

/**
 * Base of every component: renders into the light DOM (one global stylesheet, text the
 * browser's selection and the CSS Custom Highlight API reach directly) and re-renders when
 * the interface language changes.
 */
export class LightElement extends LitElement {
  private unsubscribeLocale?: () => void;

  protected override createRenderRoot() {
    return this;
  }

  override connectedCallback() {
    super.connectedCallback();
    this.unsubscribeLocale = onLocaleChange(() => this.requestUpdate());
  }

  override disconnectedCallback() {
    super.disconnectedCallback();
    this.unsubscribeLocale?.();
  }

  /** Dispatches a bubbling, composed custom event (events up). */
  protected emit<T>(name: string, detail?: T) {
    this.dispatchEvent(new CustomEvent(name, { detail, bubbles: true, composed: true }));
  }
}
