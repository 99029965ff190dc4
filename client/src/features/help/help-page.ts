import { html, nothing } from 'lit';
import type { User } from '../../api/types';
import { LightElement } from '../../components/light-element';
import { t } from '../../i18n/i18n';
import { HELP_SCREENS, type HelpScreen, isHelpScreen } from './help-topics';
import { openShortcutSheet } from './shortcut-sheet';
import { startTour } from './tour-state';

/** Where each screen lives, for the "Open this screen" link (project tabs need a project). */
function screenPath(screen: HelpScreen, projectId: string | null): string | null {
  if (screen === 'projects') return '/';
  if (screen === 'account') return '/account';
  if (screen === 'users') return '/admin/users';
  if (screen === 'reader') return null;
  return projectId ? `/projects/${projectId}/${screen}` : null;
}

/** A help page per screen (`/help/<screen>`), with the index of every topic. */
export class HelpPage extends LightElement {
  static override properties = { user: { attribute: false }, screen: { attribute: false }, projectId: { attribute: false } };
  declare user: User;
  declare screen: string;
  declare projectId: string | null;

  constructor() {
    super();
    this.screen = '';
    this.projectId = null;
  }

  override render() {
    const known = isHelpScreen(this.screen) ? this.screen : null;
    const path = known ? screenPath(known, this.projectId) : null;
    const visible = HELP_SCREENS.filter((s) => s !== 'users' || this.user.isAdmin);
    return html`<section class="page narrow help-page">
      <h1>${known ? t('help.page.title', { screen: t(`help.screens.${known}.name`) }) : t('help.page.topics')}</h1>
      ${known
        ? html`<p class="help-text">${t(`help.screens.${known}.text`)}</p>${path ? html`<p><a href=${path}>${t('help.page.open')}</a></p>` : nothing}`
        : this.screen ? html`<p>${t('help.page.unknown')}</p>` : nothing}
      <div class="card stack help-tips">
        <p>${t('help.page.tourTip')} <button class="button button-small" type="button" @click=${() => startTour(this.user.id, this.projectId ?? undefined)}>${t('help.page.startTour')}</button></p>
        <p>${t('help.page.shortcutsTip')} <button class="button button-small" type="button" @click=${() => openShortcutSheet()}>${t('help.menu.shortcuts')}</button></p>
      </div>
      <nav aria-labelledby="help-topics-title">
        <h2 id="help-topics-title">${t('help.page.topics')}</h2>
        <ul class="help-topics">
          ${visible.map((s) => html`<li><a href="/help/${s}${this.projectId ? `?project=${this.projectId}` : ''}" aria-current=${s === known ? 'page' : nothing}>${t(`help.screens.${s}.name`)}</a></li>`)}
        </ul>
      </nav>
    </section>`;
  }
}
customElements.define('help-page', HelpPage);
