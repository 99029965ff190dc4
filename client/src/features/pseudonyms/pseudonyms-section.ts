import { html } from 'lit';
import { LightElement } from '../../components/light-element';
import { t } from '../../i18n/i18n';
import './key-list-editor';
import './pseudonyms-apply';
import { pseudonymsApi } from './pseudonyms-api';

/** The owners' pseudonymisation section of a project's settings: key list, candidates, preview and apply, backup with the key list. */
export class PseudonymsSection extends LightElement {
  static override properties = { projectId: { attribute: false } };
  declare projectId: string;

  override render() {
    return html`<section class="stack pseudonyms-section" aria-labelledby="pseudonyms-title">
      <h2 id="pseudonyms-title">${t('pseudonyms.title')}</h2>
      <p>${t('pseudonyms.intro')}</p>
      <key-list-editor .projectId=${this.projectId}></key-list-editor>
      <pseudonyms-apply .projectId=${this.projectId}></pseudonyms-apply>
      <section class="card stack" aria-labelledby="pseudonyms-backup-title">
        <h3 id="pseudonyms-backup-title">${t('pseudonyms.backupTitle')}</h3>
        <p class="hint">${t('pseudonyms.backupHint')}</p>
        <p><a class="button" href=${pseudonymsApi.backupWithKeyListUrl(this.projectId)} download>${t('pseudonyms.backupButton')}</a></p>
      </section>
    </section>`;
  }
}
customElements.define('pseudonyms-section', PseudonymsSection);
