import { html, nothing } from 'lit';
import type { User } from '../../api/types';
import type { Route } from '../../app/router';
import { LightElement } from '../../components/light-element';
import { t } from '../../i18n/i18n';
import { helpScreenOf } from './help-topics';
import { openShortcutSheet } from './shortcut-sheet';
import { startTour } from './tour-state';
import './help.css';

/** The "Help" disclosure in the top bar: help on this screen, the guided tour, the shortcut sheet. */
export class HelpMenu extends LightElement {
  static override properties = { user: { attribute: false }, route: { attribute: false }, expanded: { state: true } };
  declare user: User | null;
  declare route: Route;
  declare expanded: boolean;
  private onOutside = (event: Event) => {
    if (this.expanded && !event.composedPath().includes(this)) this.expanded = false;
  };

  constructor() {
    super();
    this.user = null;
    this.expanded = false;
  }

  override connectedCallback() {
    super.connectedCallback();
    document.addEventListener('click', this.onOutside);
  }

  override disconnectedCallback() {
    super.disconnectedCallback();
    document.removeEventListener('click', this.onOutside);
  }

  private close(focusButton: boolean) {
    this.expanded = false;
    if (focusButton) this.querySelector<HTMLElement>('.help-button')?.focus();
  }

  private toggle() {
    this.expanded = !this.expanded;
    if (this.expanded) void this.updateComplete.then(() => this.querySelector<HTMLElement>('.help-list a, .help-list button')?.focus());
  }

  override render() {
    const screen = helpScreenOf(this.route);
    const projectId = this.route.name === 'project' ? this.route.params.projectId : this.route.query.get('project');
    return html`<div class="help-menu" @keydown=${(e: KeyboardEvent) => e.key === 'Escape' && this.expanded && this.close(true)}>
      <button class="button button-quiet help-button" type="button" aria-expanded=${this.expanded} aria-controls="help-list" @click=${this.toggle}>
        <span aria-hidden="true" class="help-mark">?</span> ${t('help.menu.label')}</button>
      ${this.expanded
        ? html`<ul class="help-list card" id="help-list" @click=${() => this.close(false)}>
            <li><a href="/help/${screen}${projectId ? `?project=${encodeURIComponent(projectId)}` : ''}">${t('help.menu.thisScreen')}</a></li>
            ${this.user
              ? html`<li><button type="button" @click=${() => startTour(this.user!.id, this.route.name === 'project' ? this.route.params.projectId : undefined)}>${t('help.menu.tour')}</button></li>`
              : nothing}
            <li><button type="button" @click=${() => openShortcutSheet()}>${t('help.menu.shortcuts')} <kbd>?</kbd></button></li>
            <li><a href="/help">${t('help.menu.topics')}</a></li>
          </ul>`
        : nothing}
    </div>`;
  }
}
customElements.define('help-menu', HelpMenu);
