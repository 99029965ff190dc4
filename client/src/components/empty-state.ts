import { html, nothing, type TemplateResult } from 'lit';
import { t } from '../i18n/i18n';

/**
 * The empty state of a screen in a new project: what it is for, the next step (`action`, e.g. an
 * import button), and a link to the screen's help page.
 */
export function emptyState(options: { title: string; text: string; helpScreen: string; projectId?: string; action?: TemplateResult | typeof nothing }) {
  const help = `/help/${options.helpScreen}${options.projectId ? `?project=${encodeURIComponent(options.projectId)}` : ''}`;
  return html`<div class="empty-state">
    <h2>${options.title}</h2>
    <p>${options.text}</p>
    ${options.action ?? nothing}
    <a class="help-link" href=${help}>${t('help.empty.helpLink')}</a>
  </div>`;
}
