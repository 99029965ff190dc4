import { html, nothing } from 'lit';
import { type AutocodeUnit, type SearchFilters, searchApi } from '../../api/search';
import type { Code } from '../../api/types';
import { LightElement } from '../../components/light-element';
import { notify } from '../../components/toasts';
import { formatNumber, t } from '../../i18n/i18n';

type Passage = { documentId: string; documentName: string; start: number; end: number; text: string };

/** Auto-coding from a search: choose a code and a unit (match, sentence, turn), preview, then apply as one undoable action. */
export class AutocodePanel extends LightElement {
  static override properties = {
    projectId: { attribute: false }, q: { attribute: false }, filters: { attribute: false }, codes: { attribute: false },
    codeId: { state: true }, unit: { state: true }, preview: { state: true }, busy: { state: true },
  };
  declare projectId: string;
  declare q: string;
  declare filters: SearchFilters;
  declare codes: Code[];
  declare codeId: string;
  declare unit: AutocodeUnit;
  declare preview: Passage[] | null;
  declare busy: boolean;

  constructor() {
    super();
    this.codeId = '';
    this.unit = 'sentence';
    this.preview = null;
    this.busy = false;
  }

  override willUpdate(changed: Map<string, unknown>) {
    if (changed.has('q') || changed.has('filters')) this.preview = null;
  }

  private async runPreview() {
    this.busy = true;
    try {
      this.preview = (await searchApi.preview(this.projectId, this.q, this.unit, this.filters)).passages;
    } catch (error) {
      notify((error as Error).message, 'error');
    } finally {
      this.busy = false;
    }
  }

  private async apply() {
    if (!this.codeId) {
      notify(t('autocode.chooseCode'), 'info');
      return;
    }
    this.busy = true;
    try {
      const { coded, skipped } = await searchApi.autocode(this.projectId, this.q, this.unit, this.codeId, this.filters);
      notify(t('autocode.done', { count: coded, skipped, name: this.codes.find((c) => c.id === this.codeId)?.name ?? '' }), 'success');
      this.preview = null;
      this.emit('autocoded');
    } catch (error) {
      notify((error as Error).message, 'error');
    } finally {
      this.busy = false;
    }
  }

  override render() {
    return html`<section class="card stack autocode" aria-labelledby="autocode-title">
      <h2 id="autocode-title">${t('autocode.title')}</h2>
      <p class="muted small">${t('autocode.intro')}</p>
      <div class="row">
        <label>${t('autocode.code')}<select @change=${(e: Event) => (this.codeId = (e.target as HTMLSelectElement).value)}>
          <option value="">${t('autocode.chooseCode')}</option>
          ${this.codes.filter((c) => !c.archived).map((c) => html`<option value=${c.id} ?selected=${c.id === this.codeId}>${c.name}</option>`)}
        </select></label>
        <fieldset class="unit-choice"><legend>${t('autocode.unit')}</legend>
          ${(['match', 'sentence', 'turn'] as const).map((u) => html`<label class="inline"><input type="radio" name="unit" .checked=${this.unit === u}
            @change=${() => { this.unit = u; this.preview = null; }} />${t(`autocode.units.${u}`)}</label>`)}
        </fieldset>
      </div>
      <div class="row">
        <button class="button" ?disabled=${this.busy} @click=${this.runPreview}>${t('autocode.preview')}</button>
        ${this.preview ? html`<button class="button button-primary" ?disabled=${this.busy || this.preview.length === 0 || !this.codeId} @click=${this.apply}>
          ${t('autocode.apply', { count: this.preview.length, formatted: formatNumber(this.preview.length) })}</button>` : nothing}
      </div>
      ${this.preview
        ? html`<p class="small">${t('autocode.previewCount', { count: this.preview.length, documents: new Set(this.preview.map((p) => p.documentId)).size })}</p>
            <ol class="autocode-preview">${this.preview.slice(0, 50).map((p) => html`<li><span class="muted small">${p.documentName}</span> ${p.text.length > 220 ? `${p.text.slice(0, 217)}…` : p.text}</li>`)}</ol>
            ${this.preview.length > 50 ? html`<p class="muted small">${t('autocode.more', { count: this.preview.length - 50 })}</p>` : nothing}`
        : nothing}
    </section>`;
  }
}
customElements.define('autocode-panel', AutocodePanel);
