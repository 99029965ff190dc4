import { html } from 'lit';
import { assessmentApi } from '../../api/assessment';
import type { Code, Project } from '../../api/types';
import { LightElement } from '../../components/light-element';
import { notify } from '../../components/toasts';
import { t } from '../../i18n/i18n';
import { codePathNames } from '../reader/code-picker';

const fold = (s: string) => s.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase();

/** A code chooser in a modal dialog: creates one criterion per chosen code. Fires `derived`. */
export class DeriveDialog extends LightElement {
  static override properties = { project: { attribute: false }, codes: { attribute: false }, chosen: { state: true }, filter: { state: true }, busy: { state: true } };
  declare project: Project;
  declare codes: Code[];
  declare chosen: Set<string>;
  declare filter: string;
  declare busy: boolean;

  constructor() {
    super();
    this.codes = [];
    this.chosen = new Set();
    this.filter = '';
    this.busy = false;
  }

  /** Opens the dialog with nothing chosen. */
  open() {
    this.chosen = new Set();
    this.filter = '';
    this.querySelector('dialog')!.showModal();
  }

  private close() {
    this.querySelector('dialog')!.close();
  }

  private toggle(id: string, on: boolean) {
    const next = new Set(this.chosen);
    if (on) next.add(id); else next.delete(id);
    this.chosen = next;
  }

  private async create() {
    this.busy = true;
    try {
      const result = await assessmentApi.derive(this.project.id, [...this.chosen]);
      notify(t('assessment.criteria.derived', { count: result.created.length }), 'success');
      if (result.skipped.length) notify(t('assessment.criteria.skipped', { names: result.skipped.map((s) => s.name).join(', ') }), 'info');
      this.close();
      this.dispatchEvent(new CustomEvent('derived', { bubbles: true }));
    } catch (error) {
      notify((error as Error).message, 'error');
    } finally {
      this.busy = false;
    }
  }

  override render() {
    const paths = codePathNames(this.codes);
    const shown = [...this.codes].filter((c) => !c.archived).sort((a, b) => paths.get(a.id)!.localeCompare(paths.get(b.id)!))
      .filter((c) => !this.filter || fold(paths.get(c.id)!).includes(fold(this.filter)));
    return html`<dialog class="dialog derive-dialog" aria-labelledby="derive-title" @close=${() => (this.chosen = new Set())}>
      <h2 id="derive-title">${t('assessment.criteria.deriveTitle')}</h2>
      <p class="small muted">${t('assessment.criteria.deriveHelp')}</p>
      <label>${t('assessment.criteria.deriveFilter')}<input type="search" .value=${this.filter} @input=${(e: Event) => (this.filter = (e.target as HTMLInputElement).value)} /></label>
      <ul class="derive-codes" role="list">${shown.map((c) => html`<li><label class="inline">
        <input type="checkbox" .checked=${this.chosen.has(c.id)} @change=${(e: Event) => this.toggle(c.id, (e.target as HTMLInputElement).checked)} />
        <span>${paths.get(c.id)}</span></label></li>`)}</ul>
      <p class="small" aria-live="polite">${t('assessment.criteria.deriveChosen', { count: this.chosen.size })}</p>
      <div class="dialog-actions">
        <button class="button" type="button" @click=${() => this.close()}>${t('common.cancel')}</button>
        <button class="button button-primary" type="button" ?disabled=${this.chosen.size === 0 || this.busy} @click=${() => this.create()}>${t('assessment.criteria.deriveCreate')}</button>
      </div>
    </dialog>`;
  }
}
customElements.define('derive-dialog', DeriveDialog);
