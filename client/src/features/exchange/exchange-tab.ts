import { html } from 'lit';
import type { Project, User } from '../../api/types';
import { LightElement } from '../../components/light-element';
import { roleAtLeast } from '../../../../server/shared/roles';
import './backup-panel';
import './codebook-import-panel';
import './refi-export-panel';

/** Exchange with other tools: REFI-QDA export, codebook import, backups and table exports. */
export class ExchangeTab extends LightElement {
  static override properties = { project: { attribute: false }, user: { attribute: false } };
  declare project: Project;
  declare user: User;

  override render() {
    return html`<div class="stack">
      <refi-export-panel .project=${this.project}></refi-export-panel>
      ${roleAtLeast(this.project.role, 'lead') ? html`<codebook-import-panel .project=${this.project}></codebook-import-panel>` : ''}
      <backup-panel .project=${this.project}></backup-panel>
    </div>`;
  }
}
customElements.define('exchange-tab', ExchangeTab);
