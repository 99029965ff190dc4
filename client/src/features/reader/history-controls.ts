import { html } from 'lit';
import { historyApi } from '../../api/segments';
import type { HistoryEntry } from '../../api/types';
import { redoIcon, undoIcon } from '../../components/icons';
import { LightElement } from '../../components/light-element';
import { notify } from '../../components/toasts';
import { t } from '../../i18n/i18n';
import { eventSentence } from '../projects/event-sentence';

/** A readable name for an undoable action ("Coding “Housing first”"). */
export function describeAction(entry: HistoryEntry): string {
  const s = (entry.summary ?? {}) as Record<string, unknown>;
  const key = `history.types.${entry.type.replace('.', '_')}`;
  const codes = Array.isArray(s.codes) ? s.codes.join(', ') : Array.isArray(s.added) ? s.added.join(', ') : '';
  const text = t(key, { name: String(s.name ?? s.title ?? ''), codes, quote: String(s.quote ?? '') });
  return text === key ? eventSentence(entry.type, s) ?? entry.type : text;
}

/**
 * Undo and redo buttons for the user's own recent actions in a project, with Ctrl+Z and
 * Ctrl+Shift+Z / Ctrl+Y anywhere outside a text field. Event: `history-changed` after each.
 */
export class HistoryControls extends LightElement {
  static override properties = { projectId: { attribute: false }, undo: { state: true }, redo: { state: true } };
  declare projectId: string;
  declare undo: HistoryEntry | null;
  declare redo: HistoryEntry | null;
  private onKey = (event: KeyboardEvent) => {
    const target = event.target as HTMLElement;
    if (!(event.ctrlKey || event.metaKey) || target.closest('input, textarea, select, [contenteditable]')) return;
    const key = event.key.toLowerCase();
    if (key === 'z' && !event.shiftKey) {
      event.preventDefault();
      void this.act('undo');
    } else if ((key === 'z' && event.shiftKey) || key === 'y') {
      event.preventDefault();
      void this.act('redo');
    }
  };

  constructor() {
    super();
    this.undo = null;
    this.redo = null;
  }

  override connectedCallback() {
    super.connectedCallback();
    document.addEventListener('keydown', this.onKey);
    void this.refresh();
  }

  override disconnectedCallback() {
    super.disconnectedCallback();
    document.removeEventListener('keydown', this.onKey);
  }

  async refresh() {
    try {
      const state = await historyApi.state(this.projectId);
      this.undo = state.undo;
      this.redo = state.redo;
    } catch {
      // the buttons stay as they were
    }
  }

  private async act(which: 'undo' | 'redo') {
    try {
      if (which === 'undo') {
        const { undone } = await historyApi.undo(this.projectId);
        notify(t('history.undone', { action: describeAction(undone) }), 'info');
      } else {
        const { redone } = await historyApi.redo(this.projectId);
        notify(t('history.redone', { action: describeAction(redone) }), 'info');
      }
      this.emit('history-changed');
    } catch (error) {
      notify((error as Error).message, 'error');
    }
    await this.refresh();
  }

  override render() {
    return html`<div class="history-controls" role="group" aria-label=${t('history.group')}>
      <button class="button button-small" ?disabled=${!this.undo} @click=${() => this.act('undo')}
        title=${this.undo ? `${t('history.undo')}: ${describeAction(this.undo)} (Ctrl+Z)` : t('history.nothingToUndo')}>${undoIcon()} ${t('history.undo')}</button>
      <button class="button button-small" ?disabled=${!this.redo} @click=${() => this.act('redo')}
        title=${this.redo ? `${t('history.redo')}: ${describeAction(this.redo)} (Ctrl+Shift+Z)` : t('history.nothingToRedo')}>${redoIcon()} ${t('history.redo')}</button>
    </div>`;
  }
}
customElements.define('history-controls', HistoryControls);
