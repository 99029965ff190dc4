import { html, nothing } from 'lit';
import { LightElement } from '../../components/light-element';
import { t } from '../../i18n/i18n';
import { fold } from './code-model';

export interface Choice {
  value: string;
  label: string;
}

interface ChoiceRequest {
  title: string;
  message?: string;
  label: string;
  choices: Choice[];
  selected?: string;
  confirmLabel: string;
  resolve: (value: string | null) => void;
}

/**
 * A modal that asks for one code (or "top level") from a filterable list: "Move to…" and
 * "Merge into…". `choose()` resolves with the chosen value, or null when cancelled.
 */
export class CodeChoiceDialog extends LightElement {
  static override properties = { request: { state: true }, query: { state: true }, value: { state: true } };
  declare request: ChoiceRequest | null;
  declare query: string;
  declare value: string;

  constructor() {
    super();
    this.request = null;
    this.query = '';
    this.value = '';
  }

  choose(options: Omit<ChoiceRequest, 'resolve'>): Promise<string | null> {
    this.request?.resolve(null);
    return new Promise((resolve) => {
      this.request = { ...options, resolve };
      this.query = '';
      this.value = options.selected ?? options.choices[0]?.value ?? '';
      void this.updateComplete.then(() => {
        this.querySelector('dialog')?.showModal();
        this.querySelector<HTMLInputElement>('.choice-filter')?.focus();
      });
    });
  }

  override updated() {
    // The options change with the filter: keep the list's selection in step with `value`.
    const select = this.querySelector<HTMLSelectElement>('.choice-list');
    if (select && select.value !== this.value) select.value = this.value;
  }

  private close(value: string | null) {
    const request = this.request;
    this.request = null;
    this.querySelector('dialog')?.close();
    request?.resolve(value);
  }

  private visible(): Choice[] {
    const q = fold(this.query.trim());
    return (this.request?.choices ?? []).filter((c) => !q || fold(c.label).includes(q));
  }

  private onFilter(event: Event) {
    this.query = (event.target as HTMLInputElement).value;
    const visible = this.visible();
    if (!visible.some((c) => c.value === this.value)) this.value = visible[0]?.value ?? '';
  }

  private onFilterKeydown(event: KeyboardEvent) {
    if (event.key !== 'ArrowDown' && event.key !== 'ArrowUp') return;
    event.preventDefault();
    const visible = this.visible();
    const at = visible.findIndex((c) => c.value === this.value);
    const next = visible[Math.max(0, Math.min(visible.length - 1, at + (event.key === 'ArrowDown' ? 1 : -1)))];
    if (next) this.value = next.value;
  }

  private submit(event: SubmitEvent) {
    event.preventDefault();
    const visible = this.visible();
    if (!visible.some((c) => c.value === this.value)) return;
    this.close(this.value);
  }

  override render() {
    const r = this.request;
    const visible = r ? this.visible() : [];
    return html`<dialog class="dialog code-choice-dialog" aria-labelledby="code-choice-title" @cancel=${(e: Event) => { e.preventDefault(); this.close(null); }}>
      ${r
        ? html`<form class="stack" @submit=${this.submit}>
            <h2 id="code-choice-title">${r.title}</h2>
            ${r.message ? html`<p class="muted">${r.message}</p>` : nothing}
            <label>${t('codes.choice.filter')}
              <input class="choice-filter" type="search" autocomplete="off" .value=${this.query} @input=${this.onFilter} @keydown=${this.onFilterKeydown}
                aria-controls="code-choice-list" /></label>
            <label>${r.label}
              <select id="code-choice-list" class="choice-list" size=${Math.max(4, Math.min(10, visible.length))} required
                @change=${(e: Event) => (this.value = (e.target as HTMLSelectElement).value)}
                @dblclick=${() => this.close(this.value)}>
                ${visible.map((c) => html`<option value=${c.value} ?selected=${c.value === this.value}>${c.label}</option>`)}
              </select></label>
            ${visible.length === 0 ? html`<p class="muted small">${t('codes.noMatch')}</p>` : nothing}
            <div class="dialog-actions">
              <button class="button" type="button" @click=${() => this.close(null)}>${t('common.cancel')}</button>
              <button class="button button-primary" type="submit" ?disabled=${!visible.some((c) => c.value === this.value)}>${r.confirmLabel}</button>
            </div>
          </form>`
        : nothing}
    </dialog>`;
  }
}
customElements.define('code-choice-dialog', CodeChoiceDialog);
