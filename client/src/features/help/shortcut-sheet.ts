import { html } from 'lit';
import { LightElement } from '../../components/light-element';
import { t } from '../../i18n/i18n';
import { isTyping, SHORTCUTS } from './help-topics';

const host: { element?: ShortcutSheet } = {};

/** Opens the keyboard shortcut sheet (also opened by pressing `?` outside text fields). */
export const openShortcutSheet = () => host.element?.open();

/** The keyboard shortcut sheet: a modal <dialog> listing every real shortcut, by area. */
export class ShortcutSheet extends LightElement {
  private onKey = (event: KeyboardEvent) => {
    if (event.key !== '?' || event.ctrlKey || event.metaKey || event.altKey || isTyping(event)) return;
    if (document.querySelector('dialog[open]') && !this.dialog?.open) return;
    event.preventDefault();
    this.open();
  };

  private get dialog() {
    return this.querySelector('dialog');
  }

  override connectedCallback() {
    super.connectedCallback();
    host.element = this;
    document.addEventListener('keydown', this.onKey);
  }

  override disconnectedCallback() {
    super.disconnectedCallback();
    if (host.element === this) host.element = undefined;
    document.removeEventListener('keydown', this.onKey);
  }

  /** Shows the sheet and puts the focus on its close button. */
  open() {
    if (!this.dialog?.open) this.dialog?.showModal();
    this.querySelector<HTMLButtonElement>('.shortcut-close')?.focus();
  }

  override render() {
    return html`<dialog class="dialog shortcut-sheet" aria-labelledby="shortcut-title"
        @click=${(e: Event) => e.target === this.dialog && this.dialog?.close()}
        @keydown=${(e: KeyboardEvent) => { if (e.key === 'Escape') { e.preventDefault(); this.dialog?.close(); } }}>
      <div class="row spread"><h2 id="shortcut-title">${t('help.shortcuts.title')}</h2>
        <button class="button shortcut-close" type="button" @click=${() => this.dialog?.close()}>${t('help.shortcuts.close')}</button></div>
      <p class="muted">${t('help.shortcuts.intro')}</p>
      <div class="shortcut-groups">
        ${SHORTCUTS.map(({ group, items }) => html`<section aria-labelledby="shortcuts-${group}">
          <h3 id="shortcuts-${group}">${t(`help.shortcuts.groups.${group}`)}</h3>
          <dl class="shortcut-list">
            ${items.map((item) => html`<div><dt>${item.keys.map((k, i) => html`${i ? html`<span aria-hidden="true">+</span>` : ''}<kbd>${k}</kbd>`)}</dt>
              <dd>${t(`help.shortcuts.items.${item.action}`)}</dd></div>`)}
          </dl>
        </section>`)}
      </div>
    </dialog>`;
  }
}
customElements.define('shortcut-sheet', ShortcutSheet);
