import { html, nothing } from 'lit';
import { repeat } from 'lit/directives/repeat.js';
import { styleMap } from 'lit/directives/style-map.js';
import type { Code } from '../../api/types';
import { chevronDownIcon, chevronRightIcon } from '../../components/icons';
import { LightElement } from '../../components/light-element';
import { formatNumber, t } from '../../i18n/i18n';
import { type DropZone, fold, moveForDrop, moveStep, type TreeRow, treeRows } from './code-model';
import type { CodeActionDetail, CodeMenu } from './code-menu';
import './code-menu';

export interface CodeMoveDetail {
  id: string;
  parentId: string | null;
  position?: number;
}

/**
 * The codebook as an ARIA tree (a flat list of treeitems with aria-level, so rows can be dragged
 * and navigated simply): ↑/↓ move, →/← open and close, Home/End, a letter jumps, Enter opens the
 * details, Shift+F10 opens the code's menu, Alt+↑/↓ move the code among its siblings. Drag a row
 * onto another: its upper quarter = before, lower quarter = after, middle = inside.
 *
 * Events: `code-select` `{ id, focusDetails }`, `code-toggle` `{ id, expanded }`,
 * `code-move` `{ id, parentId, position? }`, and `code-action` from the row menus.
 */
export class CodeTree extends LightElement {
  static override properties = {
    codes: { attribute: false }, selectedId: { attribute: false }, collapsed: { attribute: false }, filter: { attribute: false },
    showArchived: { attribute: false }, canEdit: { attribute: false }, canLead: { attribute: false }, label: { attribute: false },
    activeId: { state: true }, dragId: { state: true }, drop: { state: true },
  };
  declare codes: Code[];
  declare selectedId: string | null;
  declare collapsed: ReadonlySet<string>;
  declare filter: string;
  declare showArchived: boolean;
  declare canEdit: boolean;
  declare canLead: boolean;
  declare label: string;
  /** The row that holds the tree's single Tab stop. */
  declare activeId: string | null;
  declare dragId: string | null;
  declare drop: { id: string | null; zone: DropZone | 'root' } | null;
  private rows: TreeRow[] = [];

  constructor() {
    super();
    this.codes = [];
    this.selectedId = null;
    this.collapsed = new Set();
    this.filter = '';
    this.showArchived = false;
    this.canEdit = false;
    this.canLead = false;
    this.label = '';
    this.activeId = null;
    this.dragId = null;
    this.drop = null;
  }

  override willUpdate() {
    this.rows = treeRows(this.codes, { collapsed: this.collapsed, filter: this.filter, showArchived: this.showArchived });
    if (!this.rows.some((r) => r.code.id === this.activeId)) {
      this.activeId = this.rows.find((r) => r.code.id === this.selectedId)?.code.id ?? this.rows[0]?.code.id ?? null;
    }
  }

  /** Moves the Tab stop to a row and focuses it (after it is rendered). */
  async focusRow(id: string) {
    this.activeId = id;
    await this.updateComplete;
    this.rowElement(id)?.focus();
  }

  private rowElement(id: string) {
    return this.querySelector<HTMLElement>(`li[data-id="${CSS.escape(id)}"]`);
  }

  private isShown = (c: Code) => this.showArchived || !c.archived;

  private toggle(row: TreeRow, expanded = !row.expanded) {
    if (row.hasChildren && expanded !== row.expanded) this.emit('code-toggle', { id: row.code.id, expanded });
  }

  private onKeydown(event: KeyboardEvent) {
    const li = (event.target as HTMLElement).closest('li[role="treeitem"]') as HTMLElement | null;
    if (!li || event.target !== li) return;
    const rows = this.rows;
    const at = rows.findIndex((r) => r.code.id === li.dataset.id);
    const row = rows[at];
    if (!row) return;
    const go = (i: number) => {
      const target = rows[Math.max(0, Math.min(rows.length - 1, i))];
      if (target) void this.focusRow(target.code.id);
    };
    const key = event.key;
    if (event.altKey && (key === 'ArrowUp' || key === 'ArrowDown')) {
      event.preventDefault();
      if (this.canEdit) this.emit<CodeActionDetail>('code-action', { action: key === 'ArrowUp' ? 'move-up' : 'move-down', id: row.code.id });
      return;
    }
    if ((key === 'F10' && event.shiftKey) || key === 'ContextMenu') {
      event.preventDefault();
      void li.querySelector<CodeMenu>('code-menu')?.show();
      return;
    }
    if (event.ctrlKey || event.metaKey || event.altKey) return;
    switch (key) {
      case 'ArrowDown':
        event.preventDefault();
        go(at + 1);
        break;
      case 'ArrowUp':
        event.preventDefault();
        go(at - 1);
        break;
      case 'Home':
        event.preventDefault();
        go(0);
        break;
      case 'End':
        event.preventDefault();
        go(rows.length - 1);
        break;
      case 'ArrowRight':
        event.preventDefault();
        if (row.hasChildren && !row.expanded) this.toggle(row, true);
        else if (row.expanded) go(at + 1);
        break;
      case 'ArrowLeft':
        event.preventDefault();
        if (row.expanded) this.toggle(row, false);
        else if (row.parentId) void this.focusRow(row.parentId);
        break;
      case 'Enter':
        event.preventDefault();
        this.emit('code-select', { id: row.code.id, focusDetails: true });
        break;
      case ' ':
        event.preventDefault();
        this.emit('code-select', { id: row.code.id, focusDetails: false });
        break;
      default:
        if (key.length === 1 && key.trim()) {
          const k = fold(key);
          for (let step = 1; step <= rows.length; step++) {
            const candidate = rows[(at + step) % rows.length]!;
            if (fold(candidate.code.name).startsWith(k)) {
              event.preventDefault();
              void this.focusRow(candidate.code.id);
              break;
            }
          }
        }
    }
  }

  // Drag and drop (HTML5). The dragged code lives in this.dragId: dataTransfer cannot be read during dragover.

  private onDragStart(event: DragEvent, row: TreeRow) {
    if (!this.canEdit) {
      event.preventDefault();
      return;
    }
    event.dataTransfer?.setData('text/plain', row.code.name);
    event.dataTransfer?.setData('application/x-socprev-code', row.code.id);
    if (event.dataTransfer) event.dataTransfer.effectAllowed = 'move';
    const id = row.code.id;
    // Changing the DOM inside dragstart can cancel the drag in Chromium: mark it a moment later.
    this.pendingDrag = id;
    setTimeout(() => {
      if (this.pendingDrag === id) this.dragId = id;
    });
  }

  private pendingDrag: string | null = null;

  private draggedId() {
    return this.dragId ?? this.pendingDrag;
  }

  private zoneAt(event: DragEvent, element: HTMLElement): DropZone {
    const rect = element.getBoundingClientRect();
    const y = (event.clientY - rect.top) / Math.max(1, rect.height);
    return y < 0.25 ? 'before' : y > 0.75 ? 'after' : 'into';
  }

  private onDragOver(event: DragEvent, row: TreeRow) {
    const dragged = this.draggedId();
    if (!dragged) return;
    const zone = this.zoneAt(event, event.currentTarget as HTMLElement);
    if (row.code.id === dragged || !moveForDrop(this.codes, dragged, row.code.id, zone, row.expanded)) {
      if (this.drop?.id === row.code.id) this.drop = null;
      return;
    }
    event.preventDefault();
    if (event.dataTransfer) event.dataTransfer.dropEffect = 'move';
    if (this.drop?.id !== row.code.id || this.drop.zone !== zone) this.drop = { id: row.code.id, zone };
  }

  private onDragLeave(event: DragEvent, id: string | null) {
    const to = event.relatedTarget as Node | null;
    if (to && (event.currentTarget as HTMLElement).contains(to)) return;
    if (this.drop?.id === id) this.drop = null;
  }

  private onDrop(event: DragEvent, row: TreeRow) {
    const dragged = this.draggedId();
    event.preventDefault();
    this.endDrag();
    if (!dragged) return;
    const zone = this.zoneAt(event, event.currentTarget as HTMLElement);
    const move = moveForDrop(this.codes, dragged, row.code.id, zone, row.expanded);
    if (!move || dragged === row.code.id) return;
    this.emit<CodeMoveDetail>('code-move', { id: dragged, ...move });
  }

  private onRootDragOver(event: DragEvent) {
    if (!this.draggedId()) return;
    event.preventDefault();
    if (event.dataTransfer) event.dataTransfer.dropEffect = 'move';
    if (this.drop?.zone !== 'root') this.drop = { id: null, zone: 'root' };
  }

  private onRootDrop(event: DragEvent) {
    const dragged = this.draggedId();
    event.preventDefault();
    this.endDrag();
    if (dragged) this.emit<CodeMoveDetail>('code-move', { id: dragged, parentId: null });
  }

  private endDrag() {
    this.dragId = null;
    this.pendingDrag = null;
    this.drop = null;
  }

  private describe(row: TreeRow) {
    const c = row.code;
    const parts = [c.name, t('codes.codingCount', { count: c.codingCount, formatted: formatNumber(c.codingCount) }), t('codes.documentCount', { count: c.documentCount, formatted: formatNumber(c.documentCount) })];
    if (c.archived) parts.push(t('codes.archived'));
    return parts.join(', ');
  }

  private renderRow(row: TreeRow) {
    const c = row.code;
    const active = c.id === this.activeId;
    const selected = c.id === this.selectedId;
    const drop = this.drop?.id === c.id ? `drop-${this.drop.zone}` : '';
    const classes = ['code-row', selected ? 'selected' : '', c.archived ? 'archived' : '', row.match ? '' : 'context', this.dragId === c.id ? 'dragging' : '', drop].filter(Boolean).join(' ');
    const up = this.canEdit && moveStep(this.codes, c.id, -1, this.isShown) !== null;
    const down = this.canEdit && moveStep(this.codes, c.id, 1, this.isShown) !== null;
    return html`<li role="treeitem" class=${classes} data-id=${c.id} aria-level=${row.level} aria-setsize=${row.setSize} aria-posinset=${row.posInSet}
        aria-expanded=${row.hasChildren ? (row.expanded ? 'true' : 'false') : nothing} aria-selected=${selected ? 'true' : 'false'}
        aria-label=${this.describe(row)} tabindex=${active ? 0 : -1} draggable=${this.canEdit ? 'true' : 'false'}
        @focus=${(e: FocusEvent) => { if (e.target === e.currentTarget) this.activeId = c.id; }}
        @click=${() => { this.activeId = c.id; this.emit('code-select', { id: c.id, focusDetails: false }); }}
        @dragstart=${(e: DragEvent) => this.onDragStart(e, row)} @dragend=${() => this.endDrag()}
        @dragover=${(e: DragEvent) => this.onDragOver(e, row)} @dragleave=${(e: DragEvent) => this.onDragLeave(e, c.id)}
        @drop=${(e: DragEvent) => this.onDrop(e, row)}>
      <span class="code-row-main" style=${styleMap({ paddingLeft: `${(row.level - 1) * 1.25}rem` })}>
        <span class="code-toggle" aria-hidden="true" @click=${(e: Event) => { e.stopPropagation(); this.toggle(row); }}>${row.hasChildren ? (row.expanded ? chevronDownIcon() : chevronRightIcon()) : nothing}</span>
        <span class="swatch" style=${styleMap({ background: c.color })}></span>
        <span class="code-name" title=${c.name}>${c.name}</span>
        ${c.archived ? html`<span class="badge badge-quiet">${t('codes.archived')}</span>` : nothing}
      </span>
      <span class="code-count" aria-hidden="true">${formatNumber(c.codingCount)}</span>
      <span class="code-count" aria-hidden="true">${formatNumber(c.documentCount)}</span>
      <code-menu .code=${c} .canEdit=${this.canEdit} .canLead=${this.canLead} .canMoveUp=${up} .canMoveDown=${down} .tabbable=${active}></code-menu>
    </li>`;
  }

  override render() {
    const rows = this.rows;
    if (rows.length === 0) return html`<p class="muted code-tree-empty">${this.filter.trim() ? t('codes.noMatch') : t('codes.noneShown')}</p>`;
    return html`<div class="code-tree-head" aria-hidden="true"><span>${t('codes.columns.code')}</span><span>${t('codes.columns.codings')}</span><span>${t('codes.columns.documents')}</span><span></span></div>
      <ul class="code-tree ${this.dragId ? 'is-dragging' : ''}" role="tree" aria-label=${this.label} aria-describedby="code-tree-hint" @keydown=${this.onKeydown}>
        ${repeat(rows, (r) => r.code.id, (r) => this.renderRow(r))}
      </ul>
      ${this.canEdit && this.dragId
        ? html`<div class="code-root-drop ${this.drop?.zone === 'root' ? 'over' : ''}" @dragover=${this.onRootDragOver}
            @dragleave=${(e: DragEvent) => this.onDragLeave(e, null)} @drop=${this.onRootDrop}>${t('codes.dropTopLevel')}</div>`
        : nothing}
      <p class="hint" id="code-tree-hint">${this.canEdit ? t('codes.treeHintEdit') : t('codes.treeHint')}</p>`;
  }
}
customElements.define('code-tree', CodeTree);
