import { html, nothing } from 'lit';
import { type ConsentDeletion, consentApi } from '../../api/consent';
import { confirmAction } from '../../components/confirm-dialog';
import { LightElement } from '../../components/light-element';
import { notify } from '../../components/toasts';
import { formatDate, t } from '../../i18n/i18n';

/**
 * Retention on the documents list: a lead deletes every document of a withdrawn participant (with its
 * codings) after confirming; the records of earlier deletions (count, date, who) are listed.
 */
export class WithdrawnDeletion extends LightElement {
  static override properties = {
    projectId: { attribute: false }, withdrawn: { attribute: false }, deletions: { attribute: false }, canEdit: { attribute: false }, busy: { state: true },
  };
  declare projectId: string;
  declare withdrawn: number;
  declare deletions: ConsentDeletion[];
  declare canEdit: boolean;
  declare busy: boolean;

  constructor() {
    super();
    this.withdrawn = 0;
    this.deletions = [];
    this.busy = false;
  }

  private async deleteWithdrawn() {
    const ok = await confirmAction({
      title: t('consent.deleteTitle'), message: t('consent.deleteMessage', { count: this.withdrawn }), confirmLabel: t('consent.deleteConfirm'), danger: true,
    });
    if (!ok) return;
    this.busy = true;
    try {
      const { deleted } = await consentApi.deleteWithdrawn(this.projectId);
      notify(t('consent.deleted', { count: deleted }), 'success');
      this.emit('documents-deleted');
    } catch (error) {
      notify((error as Error).message, 'error');
    } finally {
      this.busy = false;
    }
  }

  override render() {
    if (this.withdrawn === 0 && this.deletions.length === 0) return nothing;
    return html`<section class="card consent-retention" aria-labelledby="retention-title">
      <h2 id="retention-title">${t('consent.retentionTitle')}</h2>
      ${this.withdrawn > 0 ? html`<p>${t('consent.withdrawnCount', { count: this.withdrawn })}</p>
        ${this.canEdit ? html`<button class="button button-danger" ?disabled=${this.busy} @click=${() => this.deleteWithdrawn()}>${t('consent.deleteWithdrawn', { count: this.withdrawn })}</button>` : nothing}` : nothing}
      ${this.deletions.length ? html`<ul class="muted small">${this.deletions.map((d) => html`<li>${t('consent.deletionRecord', { count: d.count, date: formatDate(d.date), name: d.userName ?? t('consent.formerMember') })}</li>`)}</ul>` : nothing}
    </section>`;
  }
}
customElements.define('withdrawn-deletion', WithdrawnDeletion);
