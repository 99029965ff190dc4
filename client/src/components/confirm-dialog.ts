import { html } from 'lit';
import { t } from '../i18n/i18n';
import { LightElement } from './light-element';

interface Request {
  title: string;
  message: string;
  confirmLabel: string;
  danger: boolean;
  resolve: (ok: boolean) => void;
}

const host: { element?: ConfirmDialog } = {};

/** Asks the user to confirm (a modal <dialog>); resolves true on confirm. */
export function confirmAction(options: { title: string; message: string; confirmLabel?: string; danger?: boolean }): Promise<boolean> {
  return new Promise((resolve) => {
    if (!host.element) return resolve(window.confirm(options.message));
    host.element.open({ confirmLabel: t('common.confirm'), danger: false, ...options, resolve });
  });
}

export class ConfirmDialog extends LightElement {
  static override properties = { request: { state: true } };
  declare request: Request | null;

  constructor() {
    super();
    this.request = null;
  }

  override connectedCallback() {
    super.connectedCallback();
    host.element = this;
  }

  open(request: Request) {
    this.request = request;
    void this.updateComplete.then(() => this.querySelector('dialog')?.showModal());
  }

  private close(ok: boolean) {
    this.request?.resolve(ok);
    this.request = null;
    this.querySelector('dialog')?.close();
  }

  override render() {
    const r = this.request;
    return html`<dialog class="dialog" aria-labelledby="confirm-title" @cancel=${(e: Event) => { e.preventDefault(); this.close(false); }}>
      ${r
        ? html`<h2 id="confirm-title">${r.title}</h2>
            <p>${r.message}</p>
            <div class="dialog-actions">
              <button class="button" @click=${() => this.close(false)}>${t('common.cancel')}</button>
              <button class="button ${r.danger ? 'button-danger' : 'button-primary'}" @click=${() => this.close(true)} autofocus>${r.confirmLabel}</button>
            </div>`
        : null}
    </dialog>`;
  }
}
customElements.define('confirm-dialog', ConfirmDialog);
