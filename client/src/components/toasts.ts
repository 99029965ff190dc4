import { html } from 'lit';
import { t } from '../i18n/i18n';
import { closeIcon } from './icons';
import { LightElement } from './light-element';

export type ToastKind = 'info' | 'success' | 'error';
interface Toast {
  id: number;
  message: string;
  kind: ToastKind;
}

let nextId = 1;
const host: { element?: AppToasts } = {};

/** Shows a short message in the corner (announced to screen readers). */
export function notify(message: string, kind: ToastKind = 'info') {
  host.element?.add({ id: nextId++, message, kind });
}

export class AppToasts extends LightElement {
  static override properties = { toasts: { state: true } };
  declare toasts: Toast[];

  constructor() {
    super();
    this.toasts = [];
  }

  override connectedCallback() {
    super.connectedCallback();
    host.element = this;
  }

  add(toast: Toast) {
    this.toasts = [...this.toasts, toast];
    setTimeout(() => this.dismiss(toast.id), toast.kind === 'error' ? 9000 : 4500);
  }

  dismiss(id: number) {
    this.toasts = this.toasts.filter((t) => t.id !== id);
  }

  override render() {
    return html`<div class="toasts" role="status" aria-live="polite">
      ${this.toasts.map(
        (toast) => html`<div class="toast toast-${toast.kind}">
          <span>${toast.message}</span>
          <button class="icon-button" aria-label=${t('common.close')} @click=${() => this.dismiss(toast.id)}>${closeIcon()}</button>
        </div>`,
      )}
    </div>`;
  }
}
customElements.define('app-toasts', AppToasts);
