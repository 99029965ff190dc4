import { html, nothing } from 'lit';
import { segmentsApi } from '../../api/segments';
import type { ReaderSegment } from '../../api/types';
import { confirmAction } from '../../components/confirm-dialog';
import { LightElement } from '../../components/light-element';
import { notify } from '../../components/toasts';
import { t } from '../../i18n/i18n';

/**
 * Passages that a transcript correction could not place ("needs review"): nothing is lost; a lead
 * (or the passage's coder) selects the right words in the transcript and places it there, or drops it.
 * Events: `changed`. Needs `selection()` from the reader to know what is selected.
 */
export class OrphansPanel extends LightElement {
  static override properties = { orphans: { attribute: false }, canReview: { attribute: false }, selection: { attribute: false } };
  declare orphans: ReaderSegment[];
  declare canReview: (s: ReaderSegment) => boolean;
  declare selection: () => { start: number; end: number; exact: string } | null;

  private async place(s: ReaderSegment) {
    const selected = this.selection();
    if (!selected) {
      notify(t('orphans.selectFirst'), 'info');
      return;
    }
    try {
      await segmentsApi.place(s.id, selected);
      notify(t('orphans.placed'), 'success');
      this.emit('changed');
    } catch (error) {
      notify((error as Error).message, 'error');
    }
  }

  private async drop(s: ReaderSegment) {
    const ok = await confirmAction({ title: t('orphans.dropTitle'), message: t('orphans.dropMessage', { quote: s.exact.slice(0, 120), count: s.codes.length }), confirmLabel: t('orphans.drop'), danger: true });
    if (!ok) return;
    try {
      await segmentsApi.remove(s.id);
      this.emit('changed');
    } catch (error) {
      notify((error as Error).message, 'error');
    }
  }

  override render() {
    if (this.orphans.length === 0) return nothing;
    return html`<section class="card side-section orphans" aria-labelledby="orphans-title">
      <h2 id="orphans-title">${t('orphans.title', { count: this.orphans.length })}</h2>
      <p class="small">${t('orphans.intro')}</p>
      <ul class="orphan-list">
        ${this.orphans.map((s) => html`<li>
          <blockquote class="popover-quote">${s.exact.length > 160 ? `${s.exact.slice(0, 157)}…` : s.exact}</blockquote>
          <p class="small muted">${s.codes.map((c) => c.name).join(', ')} — ${s.coderName ?? ''}</p>
          ${this.canReview(s)
            ? html`<div class="row"><button class="button button-small" @click=${() => this.place(s)}>${t('orphans.place')}</button>
                <button class="button button-small" @click=${() => this.drop(s)}>${t('orphans.drop')}</button></div>`
            : nothing}
        </li>`)}
      </ul>
    </section>`;
  }
}
customElements.define('orphans-panel', OrphansPanel);
