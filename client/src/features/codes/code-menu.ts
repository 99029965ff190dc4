import { html, nothing } from 'lit';
import type { Code } from '../../api/types';
import { moreIcon } from '../../components/icons';
import { LightElement } from '../../components/light-element';
import { t } from '../../i18n/i18n';

export type CodeAction = 'details' | 'passages' | 'add-child' | 'move-up' | 'move-down' | 'move-to' | 'archive' | 'restore' | 'merge' | 'delete';

export interface CodeActionDetail {
  action: CodeAction;
  id: string;
}

/**
 * The "⋯" menu of one code in the tree (a menu button: Enter, Space or ↓ opens it; ↑/↓, Home,
 * End move; Esc closes). Event: `code-action` with `{ action, id }`.
 */
export class CodeMenu extends LightElement {
  static override properties = {
    code: { attribute: false }, canEdit: { attribute: false }, canLead: { attribute: false },
    canMoveUp: { attribute: false }, canMoveDown: { attribute: false }, tabbable: { attribute: false },
    open: { state: true },
  };
  declare code: Code;
  declare canEdit: boolean;
  declare canLead: boolean;
  declare canMoveUp: boolean;
  declare canMoveDown: boolean;
  /** Only the tree's current row puts its menu button in the Tab order. */
  declare tabbable: boolean;
  declare open: boolean;

  private onOutside = (event: Event) => {
    if (!event.composedPath().includes(this)) this.close(false);
  };

  constructor() {
    super();
    this.canEdit = false;
    this.canLead = false;
    this.canMoveUp = false;
    this.canMoveDown = false;
    this.tabbable = false;
    this.open = false;
  }

  override disconnectedCallback() {
    super.disconnectedCallback();
    document.removeEventListener('pointerdown', this.onOutside, true);
  }

  private items(): { action: CodeAction; label: string; danger?: boolean }[] {
    const c = this.code;
    const items: { action: CodeAction; label: string; danger?: boolean }[] = [
      { action: 'details', label: t('codes.menu.details') },
      { action: 'passages', label: t('codes.menu.passages') },
    ];
    if (this.canEdit) {
      items.push({ action: 'add-child', label: t('codes.menu.addChild') });
      if (this.canMoveUp) items.push({ action: 'move-up', label: t('codes.menu.moveUp') });
      if (this.canMoveDown) items.push({ action: 'move-down', label: t('codes.menu.moveDown') });
      items.push({ action: 'move-to', label: t('codes.menu.moveTo') });
      items.push(c.archived ? { action: 'restore', label: t('codes.menu.restore') } : { action: 'archive', label: t('codes.menu.archive') });
    }
    if (this.canLead) {
      items.push({ action: 'merge', label: t('codes.menu.merge') });
      items.push({ action: 'delete', label: t('codes.menu.delete'), danger: true });
    }
    return items;
  }

  /** Opens the menu and focuses its first (or last) item. */
  async show(focus: 'first' | 'last' = 'first') {
    this.open = true;
    document.addEventListener('pointerdown', this.onOutside, true);
    await this.updateComplete;
    const items = this.menuItems();
    (focus === 'first' ? items[0] : items[items.length - 1])?.focus();
  }

  private close(restoreFocus: boolean) {
    if (!this.open) return;
    this.open = false;
    document.removeEventListener('pointerdown', this.onOutside, true);
    if (restoreFocus) this.querySelector<HTMLButtonElement>('.code-menu-button')?.focus();
  }

  private menuItems() {
    return [...this.querySelectorAll<HTMLButtonElement>('[role="menuitem"]')];
  }

  private choose(action: CodeAction) {
    this.close(true);
    this.emit<CodeActionDetail>('code-action', { action, id: this.code.id });
  }

  private onButtonKeydown(event: KeyboardEvent) {
    // The tree must not treat these keys as its own navigation.
    event.stopPropagation();
    if (event.key === 'ArrowDown' || event.key === 'ArrowUp') {
      event.preventDefault();
      void this.show(event.key === 'ArrowDown' ? 'first' : 'last');
    } else if (event.key === 'Escape') this.close(true);
  }

  private onMenuKeydown(event: KeyboardEvent) {
    event.stopPropagation();
    const items = this.menuItems();
    const at = items.indexOf(document.activeElement as HTMLButtonElement);
    const focus = (i: number) => items[(i + items.length) % items.length]?.focus();
    switch (event.key) {
      case 'ArrowDown':
        event.preventDefault();
        focus(at + 1);
        break;
      case 'ArrowUp':
        event.preventDefault();
        focus(at - 1);
        break;
      case 'Home':
        event.preventDefault();
        focus(0);
        break;
      case 'End':
        event.preventDefault();
        focus(items.length - 1);
        break;
      case 'Escape':
        event.preventDefault();
        this.close(true);
        break;
      case 'Tab':
        this.close(false);
        break;
      default:
        // Type a letter to jump to the next item starting with it.
        if (event.key.length === 1 && !event.ctrlKey && !event.metaKey && !event.altKey) {
          const key = event.key.toLocaleLowerCase();
          for (let step = 1; step <= items.length; step++) {
            const item = items[(at + step) % items.length]!;
            if (item.textContent?.trim().toLocaleLowerCase().startsWith(key)) {
              item.focus();
              break;
            }
          }
        }
    }
  }

  override render() {
    const name = this.code.name;
    return html`<button class="icon-button code-menu-button" type="button" aria-haspopup="menu" aria-expanded=${this.open ? 'true' : 'false'}
        aria-label=${t('codes.menu.label', { name })} title=${t('codes.menu.label', { name })} tabindex=${this.tabbable ? 0 : -1}
        draggable="false" @click=${(e: Event) => { e.stopPropagation(); if (this.open) this.close(true); else void this.show(); }}
        @keydown=${this.onButtonKeydown}>${moreIcon()}</button>
      ${this.open
        ? html`<ul class="code-menu card" role="menu" aria-label=${t('codes.menu.label', { name })} @keydown=${this.onMenuKeydown} @click=${(e: Event) => e.stopPropagation()}>
            ${this.items().map((item) => html`<li role="none"><button type="button" role="menuitem" tabindex="-1" class="code-menu-item ${item.danger ? 'danger' : ''}"
              @click=${() => this.choose(item.action)}>${item.label}</button></li>`)}
          </ul>`
        : nothing}`;
  }
}
customElements.define('code-menu', CodeMenu);
