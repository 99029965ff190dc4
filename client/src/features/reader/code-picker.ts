import { html, nothing } from 'lit';
import { styleMap } from 'lit/directives/style-map.js';
import type { Code } from '../../api/types';
import { LightElement } from '../../components/light-element';
import { t } from '../../i18n/i18n';

const fold = (s: string) => s.normalize('NFD').replace(/\p{M}/gu, '').toLocaleLowerCase();

/** `Parent › Child` paths of codes. */
export function codePathNames(codes: Code[]): Map<string, string> {
  const byId = new Map(codes.map((c) => [c.id, c]));
  const out = new Map<string, string>();
  const path = (c: Code, depth = 0): string => {
    const parent = c.parentId ? byId.get(c.parentId) : undefined;
    return parent && depth < 20 ? `${path(parent, depth + 1)} › ${c.name}` : c.name;
  };
  for (const c of codes) out.set(c.id, path(c));
  return out;
}

type Item = { kind: 'code'; code: Code; path: string } | { kind: 'create'; name: string };

/**
 * The type-ahead code picker, used from the keyboard alone: type to filter, ↑/↓ to move, Enter
 * to apply, Shift+Enter to tick several, 1–9 for recent codes (with an empty filter), Escape to
 * close. It can create a code on the fly and code in vivo (the selected words become a code).
 * Events: `pick` ({ codeIds }), `create-code` ({ name }), `in-vivo`, `close`.
 */
export class CodePicker extends LightElement {
  static override properties = {
    codes: { attribute: false }, recent: { attribute: false }, suggested: { attribute: false }, at: { attribute: false }, editing: { attribute: false },
    initial: { attribute: false }, canCreate: { attribute: false }, selectionText: { attribute: false },
    query: { state: true }, active: { state: true }, ticked: { state: true },
  };
  declare codes: Code[];
  declare recent: string[];
  declare suggested: string[];
  declare at: { x: number; y: number };
  /** Editing an existing segment's codes (ticks start from `initial`, Enter toggles). */
  declare editing: boolean;
  declare initial: string[];
  declare canCreate: boolean;
  declare selectionText: string;
  declare query: string;
  declare active: number;
  declare ticked: Set<string>;

  constructor() {
    super();
    this.codes = [];
    this.recent = [];
    this.suggested = [];
    this.at = { x: 0, y: 0 };
    this.editing = false;
    this.initial = [];
    this.canCreate = true;
    this.selectionText = '';
    this.query = '';
    this.active = 0;
    this.ticked = new Set();
  }

  override connectedCallback() {
    super.connectedCallback();
    this.ticked = new Set(this.initial);
    void this.updateComplete.then(() => this.querySelector<HTMLInputElement>('input')?.focus());
  }

  private items(): Item[] {
    const paths = codePathNames(this.codes);
    const q = fold(this.query.trim());
    const usable = this.codes.filter((c) => !c.archived);
    const matches = usable
      .map((code) => ({ kind: 'code' as const, code, path: paths.get(code.id)! }))
      .filter((i) => !q || fold(i.path).includes(q))
      .sort((a, b) => {
        if (!q) {
          // Suggested codes first, in their order; then the codebook.
          const sa = this.suggested.indexOf(a.code.id);
          const sb = this.suggested.indexOf(b.code.id);
          if (sa !== sb) return (sa < 0 ? 99 : sa) - (sb < 0 ? 99 : sb);
          return a.path.localeCompare(b.path);
        }
        const sa = fold(a.code.name).startsWith(q) ? 0 : 1;
        const sb = fold(b.code.name).startsWith(q) ? 0 : 1;
        return sa - sb || a.path.localeCompare(b.path);
      });
    const exact = usable.some((c) => fold(c.name) === q);
    return q && this.canCreate && !exact ? [...matches, { kind: 'create', name: this.query.trim() }] : matches;
  }

  private recentCodes(): Code[] {
    return this.recent.map((id) => this.codes.find((c) => c.id === id)).filter((c): c is Code => !!c && !c.archived).slice(0, 9);
  }

  private toggle(id: string) {
    const next = new Set(this.ticked);
    if (next.has(id)) next.delete(id);
    else next.add(id);
    this.ticked = next;
  }

  private choose(item: Item | undefined, toggleOnly = false) {
    if (!item) return;
    if (item.kind === 'create') {
      this.emit('create-code', { name: item.name });
      return;
    }
    if (this.editing || toggleOnly) {
      this.toggle(item.code.id);
      return;
    }
    const ids = this.ticked.size > 0 ? [...this.ticked] : [item.code.id];
    this.emit('pick', { codeIds: ids });
  }

  private onKeydown(event: KeyboardEvent) {
    const items = this.items();
    if (event.key === 'ArrowDown' || event.key === 'ArrowUp') {
      event.preventDefault();
      const step = event.key === 'ArrowDown' ? 1 : -1;
      this.active = items.length ? (this.active + step + items.length) % items.length : 0;
      void this.updateComplete.then(() => this.querySelector('.picker-item.active')?.scrollIntoView({ block: 'nearest' }));
    } else if (event.key === 'Enter') {
      event.preventDefault();
      if (this.editing && (event.ctrlKey || event.metaKey)) this.emit('pick', { codeIds: [...this.ticked] });
      else this.choose(items[this.active], event.shiftKey);
    } else if (event.key === 'Escape') {
      event.preventDefault();
      this.emit('close');
    } else if (/^[1-9]$/.test(event.key) && this.query === '' && !this.editing) {
      const code = this.recentCodes()[Number(event.key) - 1];
      if (code) {
        event.preventDefault();
        this.emit('pick', { codeIds: [code.id] });
      }
    } else if (event.key.toLowerCase() === 'v' && event.altKey && this.selectionText && !this.editing) {
      event.preventDefault();
      this.emit('in-vivo');
    }
  }

  override render() {
    const items = this.items();
    const recent = this.query === '' && !this.editing ? this.recentCodes() : [];
    const left = Math.max(8, Math.min(this.at.x, window.innerWidth - 380));
    const top = Math.max(8, Math.min(this.at.y, window.innerHeight - 420));
    return html`<div class="code-picker card" role="dialog" aria-label=${this.editing ? t('coding.editCodes') : t('coding.applyCode')}
        style=${styleMap({ left: `${left}px`, top: `${top}px` })} @keydown=${this.onKeydown}>
      <input class="picker-input" role="combobox" aria-expanded="true" aria-controls="picker-list" aria-autocomplete="list"
        aria-activedescendant=${items[this.active] ? `picker-item-${this.active}` : nothing}
        placeholder=${t('coding.pickerPlaceholder')} .value=${this.query}
        @input=${(e: Event) => { this.query = (e.target as HTMLInputElement).value; this.active = 0; }} />
      ${recent.length
        ? html`<div class="picker-recent" aria-label=${t('coding.recent')}>${recent.map((c, i) => html`<button class="chip" tabindex="-1"
            @click=${() => this.emit('pick', { codeIds: [c.id] })}><kbd>${i + 1}</kbd><span class="swatch" style=${styleMap({ background: c.color })}></span>${c.name}</button>`)}</div>`
        : nothing}
      <ul id="picker-list" class="picker-list" role="listbox" aria-multiselectable="true">
        ${items.map((item, i) => item.kind === 'create'
          ? html`<li id="picker-item-${i}" role="option" class="picker-item create ${i === this.active ? 'active' : ''}" aria-selected=${i === this.active}
              @mousedown=${(e: Event) => e.preventDefault()} @click=${() => this.choose(item)}>${t('coding.createCode', { name: item.name })}</li>`
          : html`<li id="picker-item-${i}" role="option" class="picker-item ${i === this.active ? 'active' : ''}" aria-selected=${this.ticked.has(item.code.id)}
              @mousedown=${(e: Event) => e.preventDefault()} @click=${(e: MouseEvent) => this.choose(item, e.shiftKey)}>
              <span class="tick" aria-hidden="true">${this.ticked.has(item.code.id) ? '✓' : ''}</span>
              <span class="swatch" style=${styleMap({ background: item.code.color })}></span>
              <span class="picker-path">${item.path}</span>
              ${!this.query && this.suggested.includes(item.code.id) ? html`<span class="badge badge-quiet picker-suggested">${t('coding.suggested')}</span>` : nothing}</li>`)}
        ${items.length === 0 ? html`<li class="muted picker-empty">${t('coding.noCodes')}</li>` : nothing}
      </ul>
      <div class="picker-footer">
        ${this.editing
          ? html`<button class="button button-primary button-small" @click=${() => this.emit('pick', { codeIds: [...this.ticked] })}>${t('common.save')}</button>
              <span class="hint">${t('coding.editHint')}</span>`
          : html`${this.ticked.size ? html`<button class="button button-primary button-small" @click=${() => this.emit('pick', { codeIds: [...this.ticked] })}>${t('coding.applyTicked', { count: this.ticked.size })}</button>` : nothing}
              ${this.selectionText && this.canCreate ? html`<button class="button button-small" @click=${() => this.emit('in-vivo')} title="Alt+V">${t('coding.inVivo')}</button>` : nothing}
              <span class="hint">${t('coding.pickerHint')}</span>`}
      </div>
    </div>`;
  }
}
customElements.define('code-picker', CodePicker);
